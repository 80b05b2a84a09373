// Schema corners of the Rust target (fixtures/edge-cases/schema.widl): keyword and runtime-type names,
// recursive types and unions, float map keys, any/raw, nested optionals, void and parameterless operations,
// and host calls, built once per ABI to check that each guest exports exactly its ABI.
import { decode, encode } from "@msgpack/msgpack";
import { beforeAll, describe, expect, it } from "vitest";
import { GuestError, instantiate, type WapcHost } from "@widl-bindgen/host";
import { buildRustGuest, modelOf } from "./build-guest.js";
import { SpecDirectCaller } from "./direct-harness.js";
import { skipRust } from "./toolchain.js";

const SCHEMA = "test/rust/fixtures/edge-cases/schema.widl";
const LIB = "test/rust/fixtures/edge-cases/lib.rs";

const concat = (...parts: (Uint8Array | number[])[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
/** A node chain `depth` long; msgpack built by hand so the encoder's own depth limit does not interfere. */
function chain(depth: number): Uint8Array {
  const open = concat([0x83], encode("name"), encode("n"), encode("children"), [0x90], encode("next"));
  return concat(...Array.from({ length: depth }, () => open), [0xc0]);
}
const tree = { Branch: { left: { Leaf: { value: 1 } }, right: { Branch: { left: { Leaf: { value: -1 } }, right: { Leaf: { value: 2 ** 40 } } } } } };
/** Odd with a float map key, which @msgpack/msgpack cannot write from an object. */
const odd = concat(
  [0x85],
  encode("by_float"),
  [0x81],
  encode(1.5),
  encode("one and a half"),
  encode("anything"),
  encode({ a: [1, null, "x"], b: true }),
  encode("pre_encoded"),
  encode([1, [2, 3]]),
  encode("maybe_items"),
  encode([1, null, 3]),
  encode("when"),
  encode(null),
);

describe.skipIf(skipRust("rust edge cases"))("Rust target edge cases", () => {
  const model = modelOf(SCHEMA);
  let wapc: WapcHost;
  let direct: SpecDirectCaller;
  let wapcExports: string[];
  let directExports: string[];
  const lines: string[] = [];
  const hostCall = (_b: string, ns: string, op: string, payload: Uint8Array) => {
    expect([ns, op]).toEqual(["edge.cases", "write"]);
    lines.push(decode(payload) as string);
    return new Uint8Array();
  };

  beforeAll(async () => {
    const w = await buildRustGuest("edge-wapc", SCHEMA, LIB, { abi: "wapc" });
    const d = await buildRustGuest("edge-direct", SCHEMA, LIB, { abi: "direct" });
    wapcExports = WebAssembly.Module.exports(new WebAssembly.Module(w.wasm as Uint8Array<ArrayBuffer>)).map((e) => e.name);
    directExports = WebAssembly.Module.exports(new WebAssembly.Module(d.wasm as Uint8Array<ArrayBuffer>)).map((e) => e.name);
    wapc = await instantiate(w.wasm, hostCall);
    direct = await SpecDirectCaller.instantiate(d.wasm, model, hostCall);
  });

  it("exports exactly the configured ABI", () => {
    expect(wapcExports).toContain("__guest_call");
    expect(wapcExports.filter((e) => e.startsWith("__widl"))).toEqual([]);
    expect(directExports).not.toContain("__guest_call");
    expect(directExports).toEqual(expect.arrayContaining(["__widl_malloc", "__widl_free", "__widl_ret_area", "__widl_op_ping"]));
  });

  it("walks recursive types and unions (boxed in Rust)", () => {
    const node = { name: "root", next: { name: "a", next: null, children: [] }, children: [{ name: "b", next: null, children: [] }] };
    expect(decode(wapc.invokeSync("walk", encode({ node })))).toBe(3);
    expect(direct.call("walk", encode(node))).toBe(3);
    expect(decode(wapc.invokeSync("depth", encode(tree)))).toBe(3);
    expect(direct.call("depth", encode(tree))).toBe(3);
    expect(decode(wapc.invokeSync("walk", concat(encode({ node: 0 }).subarray(0, 6), chain(200))))).toBe(200);
  });

  it("bounds nesting: a chain deeper than the limit is an error, not a stack overflow", () => {
    const deep = concat(encode({ node: 0 }).subarray(0, 6), chain(400));
    expect(() => wapc.invokeSync("walk", deep)).toThrow(GuestError);
    expect(() => wapc.invokeSync("walk", deep)).toThrow("nesting deeper than 256");
    expect(decode(wapc.invokeSync("depth", encode({ Leaf: { value: 0 } })))).toBe(1);
  });

  it("keeps WIDL names on the wire for Rust keywords and shadowed runtime types", () => {
    const value = { type: "t", self: -1, match: null };
    expect(decode(wapc.invokeSync("echo_value", encode({ value })))).toEqual(value);
    expect(decode(direct.call("echo_value", encode({ ...value, match: true })) as Uint8Array)).toEqual({ ...value, match: true });
  });

  it("round-trips float map keys, any, raw and nested optionals", () => {
    const expected = {
      by_float: { "1.5": "one and a half" },
      anything: { a: [1, null, "x"], b: true },
      pre_encoded: [1, [2, 3]],
      maybe_items: [1, null, 3],
      when: null,
    };
    expect(decode(wapc.invokeSync("echo_odd", concat([0x81], encode("odd"), odd)))).toEqual(expected);
    expect(decode(direct.call("echo_odd", odd) as Uint8Array)).toEqual(expected);
  });

  it("maps enums, and reports unknown values", () => {
    expect(decode(wapc.invokeSync("level_up", encode({ level: 1 })))).toBe(2);
    expect(direct.call("level_up", 1)).toBe(2);
    expect(() => wapc.invokeSync("level_up", encode({ level: 2 }))).toThrow("already high");
    expect(() => direct.call("level_up", 5)).toThrow("level_up.level: Level: unknown value 5");
  });

  it("runs parameterless void operations on an empty payload or an empty map", () => {
    expect(wapc.invokeSync("ping", new Uint8Array())).toEqual(new Uint8Array());
    expect(wapc.invokeSync("ping", Uint8Array.of(0x80))).toEqual(new Uint8Array());
    expect(direct.call("ping")).toBeUndefined();
  });

  it("calls the host from either ABI", () => {
    wapc.invokeSync("notify", encode({ message: "from waPC" }));
    direct.call("notify", "from direct ✓");
    expect(lines).toEqual(["from waPC", "from direct ✓"]);
  });
});
