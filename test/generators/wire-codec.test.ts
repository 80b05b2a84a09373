import { decode, encode } from "@msgpack/msgpack";
import { describe, expect, it } from "vitest";
import { DecodeError, EncodeError, OperationCodec, decodeValue, encodeValue, wire } from "../../host-runtime/wire/index.js";

const Point = wire.struct("Point", () => [
  ["x", wire.i32],
  ["y", wire.i32],
]);
const Node = wire.struct("Node", () => [
  ["name", wire.string],
  ["children", wire.list(Node)],
  ["first_child", wire.optional(Node), "firstChild"],
]);
const Color = wire.enumeration("Color", [0, 1, 7]);
const Shape = wire.union("Shape", () => [
  ["Point", Point],
  ["Color", Color],
]);

const roundTrip = (t: Parameters<typeof encodeValue>[0], v: unknown) => decodeValue(t, encodeValue(t, v));

describe("wire codec", () => {
  it("writes integers in the smallest form and reads any width that fits", () => {
    expect(encodeValue(wire.u32, 5)).toEqual(new Uint8Array([5]));
    expect(encodeValue(wire.i32, -1)).toEqual(new Uint8Array([0xff]));
    expect(encodeValue(wire.u32, 300)).toEqual(new Uint8Array([0xcd, 1, 44]));
    expect(encodeValue(wire.i64, 7n)).toEqual(new Uint8Array([7]));
    // A uint64 holding a small value still decodes into an u8.
    expect(decodeValue(wire.u8, new Uint8Array([0xcf, 0, 0, 0, 0, 0, 0, 0, 200]))).toBe(200);
  });

  it("keeps i64/u64 extremes exact", () => {
    for (const v of [-(2n ** 63n), 2n ** 63n - 1n, 0n, -1n]) expect(roundTrip(wire.i64, v)).toBe(v);
    for (const v of [0n, 2n ** 64n - 1n, 2n ** 53n + 1n]) expect(roundTrip(wire.u64, v)).toBe(v);
    expect(decode(encodeValue(wire.u64, 2n ** 64n - 1n), { useBigInt64: true })).toBe(2n ** 64n - 1n);
  });

  it("rejects out-of-range values both ways instead of wrapping", () => {
    expect(() => encodeValue(wire.u8, 256)).toThrow(/256 is out of range for u8/);
    expect(() => encodeValue(wire.i64, 2n ** 63n)).toThrow(EncodeError);
    expect(() => encodeValue(wire.i32, 1.5)).toThrow(/expected i32, got the number 1.5/);
    expect(() => decodeValue(wire.i8, encode(200))).toThrow(/200 is out of range for i8/);
    expect(() => decodeValue(wire.u64, encode(-1))).toThrow(DecodeError);
  });

  it("writes f32 as float32 (rounded) and f64 as float64", () => {
    expect(encodeValue(wire.f32, 0.1)[0]).toBe(0xca);
    expect(roundTrip(wire.f32, 0.1)).toBe(Math.fround(0.1));
    expect(roundTrip(wire.f64, 0.1)).toBe(0.1);
    expect(decodeValue(wire.f64, encode(3))).toBe(3);
  });

  it("strings (non-ASCII, emoji, empty, long), bytes and datetime", () => {
    for (const s of ["", "héllo", "🦀🦀", "x".repeat(40), "é".repeat(70_000)]) {
      expect(roundTrip(wire.string, s)).toBe(s);
      expect(decode(encodeValue(wire.string, s))).toBe(s);
    }
    const big = new Uint8Array(1 << 20).map((_, i) => i & 0xff);
    // Buffer.compare: a deep toEqual over 1 MiB takes seconds.
    expect(Buffer.compare(roundTrip(wire.bytes, big) as Uint8Array, big)).toBe(0);
    expect(roundTrip(wire.bytes, new Uint8Array())).toEqual(new Uint8Array());
    const when = new Date("2024-02-29T12:34:56.789Z");
    expect(roundTrip(wire.datetime, when)).toEqual(when);
    expect(decode(encodeValue(wire.datetime, when))).toEqual(when);
  });

  it("maps keep integer keys integers", () => {
    const m = new Map([
      [1, "one"],
      [-5, "minus five"],
    ]);
    const bytes = encodeValue(wire.map(wire.i32, wire.string), m);
    expect(bytes[1]).toBe(1); // the first key is the int 1, not the string "1"
    expect(roundTrip(wire.map(wire.i32, wire.string), m)).toEqual(m);
    const big = new Map([[2n ** 63n - 1n, "max"]]);
    expect(roundTrip(wire.map(wire.i64, wire.string), big)).toEqual(big);
  });

  it("structs, optionals, recursion, enums and unions", () => {
    const tree = { name: "root", children: [{ name: "leaf", children: [] }], firstChild: { name: "leaf", children: [] } };
    expect(roundTrip(Node, tree)).toEqual(tree);
    expect(decode(encodeValue(Node, { name: "a", children: [] }))).toEqual({ name: "a", children: [], first_child: null });
    expect(roundTrip(Color, 7)).toBe(7);
    expect(() => encodeValue(Color, 3)).toThrow(/not a value of enum Color/);
    expect(roundTrip(Shape, { kind: "Point", value: { x: 1, y: 2 } })).toEqual({ kind: "Point", value: { x: 1, y: 2 } });
    expect(decode(encodeValue(Shape, { kind: "Color", value: 1 }))).toEqual({ Color: 1 });
  });

  it("decoders skip unknown keys and accept fields in any order", () => {
    expect(decodeValue(Point, encode({ extra: [1, 2], y: 2, x: 1 }))).toEqual({ x: 1, y: 2 });
  });

  it("a wrong wire type or a missing field names the operation, path and type", () => {
    const op = new OperationCodec<[p: { x: number; y: number }], { x: number; y: number }>("move", "map", [["p", Point]], Point);
    expect(() => op.decodeResult(encode({ x: 1 }))).toThrow('move: result: missing required field "y" (i32) of Point');
    expect(() => op.decodeResult(encode({ x: "1", y: 2 }))).toThrow("move: result.x: expected i32, got str");
    expect(() => op.decodeArgs(encode({ p: [1] }))).toThrow("move: p: expected Point, got array");
    expect(() => op.encodeArgs([{ x: 1 } as never])).toThrow('move: p: missing required field "y" (i32) of Point');
  });

  it("guest bytes are untrusted: truncation, trailing bytes, huge counts and bad UTF-8 are DecodeErrors", () => {
    const s = new OperationCodec<[], string>("s", "empty", [], wire.string);
    expect(() => s.decodeResult(new Uint8Array([0xa5, 0x61]))).toThrow(DecodeError);
    expect(() => s.decodeResult(new Uint8Array([0xa1, 0x61, 0x00]))).toThrow(/unexpected bytes/);
    expect(() => s.decodeResult(new Uint8Array([0xa2, 0xc3, 0x28]))).toThrow(/not valid UTF-8/);
    const l = new OperationCodec<[], number[]>("l", "empty", [], wire.list(wire.u8));
    expect(() => l.decodeResult(new Uint8Array([0xdd, 0xff, 0xff, 0xff, 0xff]))).toThrow(/array of 4294967295 items/);
  });

  it("any values refuse __proto__ keys", () => {
    const bytes = new Uint8Array([0x81, 0xa9, ...new TextEncoder().encode("__proto__"), 0x01]);
    expect(() => decodeValue(wire.any, bytes)).toThrow(DecodeError);
  });

  it("operation shapes: map, bare, empty; void results", () => {
    const add = new OperationCodec<[a: bigint, b: bigint], bigint>("add", "map", [["a", wire.i64], ["b", wire.i64]], wire.i64);
    expect(decode(add.encodeArgs([1n, 2n]))).toEqual({ a: 1, b: 2 });
    expect(add.decodeArgs(add.encodeArgs([1n, 2n]))).toEqual([1n, 2n]);
    const bare = new OperationCodec<[s: string], void>("log", "bare", [["s", wire.string]], undefined);
    expect(decode(bare.encodeArgs(["hi"]))).toBe("hi");
    expect(bare.encodeResult(undefined)).toEqual(new Uint8Array());
    expect(bare.decodeResult(new Uint8Array())).toBeUndefined();
    const none = new OperationCodec<[], string>("ping", "empty", [], wire.string);
    expect(none.encodeArgs([])).toEqual(new Uint8Array());
    expect(none.decodeArgs(encode({}))).toEqual([]);
  });

  it("JSON bridge: i64 from numbers and strings, bytes as base64, maps with integer keys", () => {
    const op = new OperationCodec("j", "map", [
      ["n", wire.i64],
      ["b", wire.bytes],
      ["m", wire.map(wire.u8, wire.string)],
    ], wire.u64);
    const args = op.argsFromJson({ n: "-9223372036854775808", b: "AAEC", m: { "7": "seven" } });
    expect(args).toEqual([-(2n ** 63n), new Uint8Array([0, 1, 2]), new Map([[7, "seven"]])]);
    expect(() => op.argsFromJson({ n: 1, b: "", m: {}, x: 1 })).toThrow('j: unknown parameter "x"');
    expect(() => op.argsFromJson({ n: 2 ** 60, b: "", m: {} })).toThrow(/write i64 values beyond 2\^53 as strings/);
    expect(op.resultToJson(2n ** 64n - 1n as never)).toBe("18446744073709551615");
  });
});
