// The direct ABI's host side (host-runtime/direct) with a hand-written guest whose allocator grows memory and
// counts live bytes: detection and the abi option, lowering and lifting through generated stubs, who frees what,
// growth during malloc, errors with the guest's message, traps and recovery, untrusted pointers and UTF-8.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { buildModel } from "../../generators/model.js";
import { generateTypescriptHost } from "../../generators/typescript-host/index.js";
import { DecodeError, EncodeError, GuestError, GuestProtocolError, GuestTrapError, HostOptionError, instantiate, load as loadAnyAbi, MemoryAccessError, WapcHost, WidlHostError } from "@widl-bindgen/host";
import { detectAbi, DirectGuest, exportedAbis } from "../../host-runtime/direct/index.js";
import { parse } from "../../widl-parser/index.js";
import { buildAsEcho, compileWat, fixtures, outDir } from "./guests.js";

/* eslint-disable @typescript-eslint/no-explicit-any -- the stubs are generated at test time. */
let stubs: any;
let wasm: Uint8Array;
let wapcEcho: Uint8Array;

beforeAll(async () => {
  wasm = await compileWat("direct-echo");
  wapcEcho = buildAsEcho();
  const schemaFile = join(fixtures, "direct-echo.widl");
  const model = buildModel(parse(readFileSync(schemaFile, "utf8"), { file: schemaFile }));
  mkdirSync(outDir, { recursive: true });
  const stubFile = join(outDir, `direct-echo-stubs-${process.pid}.ts`);
  writeFileSync(stubFile, generateTypescriptHost(model, { abi: "direct" }));
  stubs = await import(pathToFileURL(stubFile).href);
});

async function load(): Promise<any> {
  return stubs.Directecho.load(wasm);
}

describe("detection and the abi option", () => {
  it("tells the ABIs apart by their exports; a module with both gets direct unless told otherwise", async () => {
    const direct = await WebAssembly.compile(wasm as Uint8Array<ArrayBuffer>);
    const wapc = await WebAssembly.compile(wapcEcho as Uint8Array<ArrayBuffer>);
    expect(exportedAbis(direct)).toEqual(["direct"]);
    expect(exportedAbis(wapc)).toEqual(["wapc"]);
    expect(detectAbi(direct)).toBe("direct");
    expect(detectAbi(wapc)).toBe("wapc");
    expect(() => detectAbi(wapc, "direct")).toThrow('abi "direct" was asked for, but the WebAssembly module speaks only waPC');
    expect(() => detectAbi(direct, "wapc")).toThrow(GuestProtocolError);
    expect(await loadAnyAbi(wasm, { abi: "auto" })).toBeInstanceOf(DirectGuest);
    expect(await loadAnyAbi(wasm, { abi: "direct" })).toBeInstanceOf(DirectGuest);
    expect(await loadAnyAbi(wapcEcho, { abi: "auto" })).toBeInstanceOf(WapcHost);
    // waPC unless asked otherwise, as @wapc/host.
    await expect(loadAnyAbi(wasm)).rejects.toThrow(GuestProtocolError);
    await expect(loadAnyAbi(wasm, { abi: "wapc" })).rejects.toThrow(GuestProtocolError);
    await expect(loadAnyAbi(wasm, { abi: "x" as never })).rejects.toThrow(HostOptionError);
  });

  it("refuses a waPC-only module, and a module lacking an operation, naming what is missing", async () => {
    await expect(new DirectGuest().instantiate(wapcEcho)).rejects.toThrow(
      "does not speak the direct ABI: it does not export __widl_malloc, __widl_free, __widl_ret_area",
    );
    const guest = await new DirectGuest().instantiate(wasm);
    expect(() => guest.requireOperations(["echo", "nope", "nada"])).toThrow(
      "the guest does not export the direct-ABI operations __widl_op_nope, __widl_op_nada",
    );
    await expect(instantiate(wasm)).rejects.toThrow("it speaks only the direct ABI");
  });
});

describe("calls through the generated stubs", () => {
  it("round-trips strings of every size and alphabet, freeing every block", async () => {
    const g = await load();
    const texts = ["", "a", "x".repeat(32), "x".repeat(33), "é".repeat(32), "naïve café", "🎉👍🏽 日本語", "a\uD800b", "é".repeat(40_000)];
    for (const s of texts) expect(g.echo(s)).toBe(s.replace("\uD800", "\uFFFD"));
    expect(g.live()).toBe(0);
  });

  it("revalidates its views when malloc grows memory", async () => {
    const g = await load();
    const before = g.pages();
    const big = "y".repeat(3 * 65536);
    expect(g.echo(big)).toBe(big);
    expect(g.pages()).toBeGreaterThan(before + 4);
    expect(g.echo("after growth")).toBe("after growth");
    expect(g.live()).toBe(0);
  });

  it("reports a status 1 as a GuestError with the guest's message, frees it, and goes on", async () => {
    const g = await load();
    expect(() => g.fail("it went wrong ✗")).toThrow(GuestError);
    expect(() => g.fail("it went wrong ✗")).toThrow("it went wrong ✗");
    expect(g.live()).toBe(0);
    expect(g.echo("fine")).toBe("fine");
  });

  it("turns a trap into GuestTrapError and re-creates the instance", async () => {
    const g = await load();
    g.echo("state before the trap");
    expect(() => g.trap()).toThrow(GuestTrapError);
    const error = (() => {
      try {
        g.trap();
      } catch (e) {
        return e as GuestTrapError;
      }
    })()!;
    expect(error.operation).toBe("trap");
    expect(g.echo("after")).toBe("after");
  });

  it("refuses bad statuses, out-of-bounds results and malformed UTF-8", async () => {
    const g = await load();
    expect(() => g.badStatus()).toThrow("__widl_op_bad_status returned status 7; expected 0 or 1");
    expect(() => g.badPointer()).toThrow(MemoryAccessError);
    expect(() => g.badUtf8()).toThrow(DecodeError);
    expect(() => g.badUtf8()).toThrow("bad_utf8: result: string is not valid UTF-8");
    expect(g.live()).toBe(0);
    expect(g.echo("still works")).toBe("still works");
  });

  it("checks arguments as the wire codec does, and frees what was lowered before the bad one", async () => {
    const g = await load();
    expect(() => g.pair("lowered first", 256)).toThrow(EncodeError);
    expect(() => g.pair("lowered first", 256)).toThrow("pair: b: 256 is out of range for u8");
    expect(() => g.pair("x", 1.5)).toThrow("pair: b: expected u8, got the number 1.5");
    expect(() => g.echo(42)).toThrow("echo: s: expected string, got the number 42");
    expect(g.live()).toBe(0);
    expect(g.pair("ok", 255)).toBe("ok");
  });

  it("refuses a call while another runs on the same guest", async () => {
    const g = await load();
    g.guest.enter("echo");
    expect(() => g.echo("nested")).toThrow(WidlHostError);
    expect(() => g.echo("nested")).toThrow('"echo" was invoked while "echo" is still running on this guest');
    g.guest.leave();
    expect(g.echo("x")).toBe("x");
  });
});
