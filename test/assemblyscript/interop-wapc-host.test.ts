/**
 * Interop with code no one here wrote: our generated AssemblyScript guest, run by @wapc/host (the
 * reference JS host) with @msgpack/msgpack-encoded `{args}`, answers correctly.
 *
 * @wapc/host has no `env.abort` import, so this guest is built the way the scaffold's header says:
 * `--use abort=…/wapcAbort`, which reports an abort through `__guest_error` before trapping.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { decode, encode } from "@msgpack/msgpack";
import { instantiate, type WapcHost } from "@wapc/host";
import { buildGuest, fixture } from "./build.js";
import { stringsAroundSteps } from "./strings.js";

let host: WapcHost;
let wasm: Uint8Array<ArrayBuffer>;

const call = async (op: string, args: unknown): Promise<unknown> =>
  decode(await host.invoke(op, encode(args, { useBigInt64: true })), { useBigInt64: true });

beforeAll(async () => {
  const build = await buildGuest({
    name: "all-types-wapc-host",
    schemaFile: fixture("all-types/schema.widl"),
    entrySource: readFileSync(fixture("all-types/as/index.ts"), "utf8"),
    abi: "wapc",
    ascArgs: ["-O3", "--use", "abort=~lib/widl-bindgen/guest-runtime/assemblyscript/wapc/wapcAbort"],
  });
  wasm = build.wasm;
  host = await instantiate(wasm, (binding, namespace, operation, payload) => {
    if (binding !== "default" || namespace !== "alltypes") throw new Error(`unexpected ${binding}/${namespace}`);
    const args = decode(payload) as { name: string; point: { x: number; y: number }; dx: number };
    if (operation === "greeting") {
      if (args.name === "fail") throw new Error("no greeting today");
      return encode(`Hi ${args.name}`);
    }
    if (operation === "shift") return encode({ x: args.point.x + args.dx, y: args.point.y + args.dx });
    if (operation === "log") return new Uint8Array(0);
    throw new Error(`unknown ${operation}`);
  });
});

describe("our AssemblyScript guest under @wapc/host", () => {
  it("imports nothing but waPC", () => {
    const imports = WebAssembly.Module.imports(new WebAssembly.Module(wasm)).map((i) => i.module);
    expect(new Set(imports)).toEqual(new Set(["wapc"]));
  });

  it("answers the book's kind of call: a map of arguments in, msgpack out", async () => {
    expect(await call("concat", { value: "shashank", prefix: null })).toBe("shashank");
    expect(await call("concat", { value: "b", prefix: "a" })).toBe("ab");
    expect(await call("add", { a: 2n ** 62n, b: 2n ** 62n - 1n })).toBe(2n ** 63n - 1n);
    expect(await call("utf8_length", { value: "🎉" })).toBe(4);
    expect(await call("echo_datetime", { value: new Date(1_700_000_000_123) })).toEqual(new Date(1_700_000_000_123));
  });

  it("echoes a nested struct", async () => {
    const value = { text: "héllo 🎉", empty: "", data: new Uint8Array([1, 2, 3]), when: new Date(0) };
    expect(await call("echo_texts", { value })).toEqual(value);
  });

  it("round-trips strings around the scalar fast paths' steps, with non-ASCII at every position", async () => {
    for (const s of stringsAroundSteps()) expect(decode(await host.invoke("echo_string", encode(s)))).toBe(s);
  });

  it("takes a unary argument bare and a zero-parameter call with an empty payload", async () => {
    expect(decode(await host.invoke("echo_string", encode("bare 🎉")))).toBe("bare 🎉");
    await host.invoke("record", encode({ value: "kept" }));
    expect(decode(await host.invoke("last_recorded", new Uint8Array(0)))).toBe("kept");
  });

  it("calls the host through @wapc/host's hostCall, both ways", async () => {
    expect(await call("use_host", { name: "Ada", point: { x: 1, y: 2 } })).toEqual({ greeting: "Hi Ada", shifted: { x: 2, y: 3 } });
    await expect(call("use_host", { name: "fail", point: { x: 1, y: 2 } })).rejects.toThrow(/no greeting today/);
  });

  it("reports errors through __guest_error", async () => {
    await expect(call("fail", { reason: "why" })).rejects.toThrow("boom: why");
    await expect(call("add", { a: "one", b: 2 })).rejects.toThrow("invalid input for add: argument a: expected i64, got str");
    await expect(host.invoke("nope", new Uint8Array(0))).rejects.toThrow("unknown operation: nope");
  });
});
