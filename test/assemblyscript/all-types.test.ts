/**
 * End to end over the all-types schema: an AssemblyScript guest built from the generated glue and the
 * handlers in test/fixtures/all-types/as/, called through our host, with exact values asserted back.
 *
 * The guest is compiled once with `abi: both`, and every case runs over each ABI (`ABIS`), so a schema
 * or glue change cannot silently break one of them. Adding an ABI is one line in `ABIS` and one client.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { Decoder as MsgpackDecoder, encode } from "@msgpack/msgpack";
import { instantiate, type WapcHost } from "../../host-runtime/index.js";
import type { Model } from "../../generators/model.js";
import { buildGuest, fixture } from "./build.js";
import { type Client, decoder, directClient, wapcClient } from "./clients.js";
import { looseEncode } from "./loose-msgpack.js";

const ABIS = [
  { abi: "wapc", client: wapcClient },
  { abi: "direct", client: directClient },
] as const;

/** Bigints that a number holds exactly become numbers, so expectations need not know the wire width. */
function norm(value: unknown): unknown {
  if (typeof value === "bigint") return value >= -(2n ** 53n) && value <= 2n ** 53n ? Number(value) : value;
  if (value instanceof Uint8Array || value instanceof Date || value === null || typeof value !== "object") return value;
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), norm(v)]));
  if (Array.isArray(value)) return value.map(norm);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, norm(v)]));
}

let model: Model;
let host: WapcHost;
const logged: string[] = [];

/** The host's side of the `Host` role, as the schema describes it. */
function hostCall(binding: string, namespace: string, operation: string, payload: Uint8Array): Uint8Array {
  expect(binding).toBe("default");
  expect(namespace).toBe("alltypes");
  const args = decoder.decode(payload) as Record<string, unknown>;
  switch (operation) {
    case "greeting": {
      const name = args.name as string;
      if (name === "fail") throw new Error(`no greeting for ${name} ☹`);
      return encode(`Hello, ${name}!`);
    }
    case "shift": {
      const point = args.point as { x: number; y: number };
      const dx = args.dx as number;
      return encode({ x: point.x + dx, y: point.y + dx });
    }
    case "log":
      logged.push(args as unknown as string);
      return new Uint8Array(0);
    default:
      throw new Error(`unknown host operation ${operation}`);
  }
}

beforeAll(async () => {
  const build = await buildGuest({
    name: "all-types",
    schemaFile: fixture("all-types/schema.widl"),
    entrySource: readFileSync(fixture("all-types/as/index.ts"), "utf8"),
    abi: "both",
  });
  model = build.model;
  host = await instantiate(build.wasm, hostCall);
});

const scalarsMin = {
  a_bool: false,
  a_i8: -128,
  a_u8: 0,
  a_i16: -32768,
  a_u16: 0,
  a_i32: -2147483648,
  a_u32: 0,
  a_i64: -(2n ** 63n),
  a_u64: 0n,
  a_f32: -3.4028234663852886e38,
  a_f64: -Number.MAX_VALUE,
};
const scalarsMax = {
  a_bool: true,
  a_i8: 127,
  a_u8: 255,
  a_i16: 32767,
  a_u16: 65535,
  a_i32: 2147483647,
  a_u32: 4294967295,
  a_i64: 2n ** 63n - 1n,
  a_u64: 2n ** 64n - 1n,
  a_f32: 1.1,
  a_f64: Math.PI,
};
const point = { x: -3, y: 1_000_000 };
const texts = {
  text: "héllo wörld, 日本語, emoji 🎉👍🏽",
  empty: "",
  data: new Uint8Array([0, 1, 127, 128, 255]),
  when: new Date("2024-02-29T12:34:56.789Z"),
};
const optionalsPresent = {
  maybe_string: "",
  maybe_i64: -(2n ** 40n),
  maybe_point: point,
  maybe_list: ["a", "ü"],
  maybe_color: 7,
};
const optionalsAbsent = { maybe_string: null, maybe_i64: null, maybe_point: null, maybe_list: null, maybe_color: null };
const collections = {
  strings: ["", "one", "🎉"],
  points: [point, { x: 0, y: 0 }],
  nested_lists: [[1, 2, 3], [], [-2147483648]],
  optional_items: ["a", null, "b"],
  by_name: { origin: { x: 0, y: 0 }, "naïve 🎉": point },
  by_id: new Map<number, string>([
    [1, "one"],
    [-5, "minus five"],
    [2147483647, "max"],
  ]),
  by_big_id: new Map<bigint, string>([
    [2n ** 62n, "big"],
    [-(2n ** 63n), "min"],
    [7n, "seven"],
  ]),
  nested_maps: { outer: new Map<number, string[]>([[255, ["x", "y"]], [0, []]]) },
};
const everything = {
  scalars: scalarsMax,
  texts,
  optionals: optionalsAbsent,
  collections,
  color: 1,
  shape: { Square: { side: 2.5 } },
  shapes: [{ Circle: { radius: 1 } }, { Square: { side: 0 } }],
  temperature: -40.5,
  owner: 2n ** 64n - 1n,
  path: [point],
  retries: 3,
};

describe.each(ABIS)("all-types over $abi", ({ client: makeClient }) => {
  let client: Client;
  beforeAll(() => {
    client = makeClient(model, host);
  });
  const call = (op: string, args?: Record<string, unknown>) => norm(client.call(op, args));

  it("echoes every scalar at its extremes, rounding f32", () => {
    expect(call("echo_scalars", { value: scalarsMin })).toEqual(norm(scalarsMin));
    expect(call("echo_scalars", { value: scalarsMax })).toEqual(norm({ ...scalarsMax, a_f32: Math.fround(1.1) }));
  });

  it("passes every scalar as its own parameter", () => {
    expect(call("scalars_to_struct", scalarsMax)).toEqual(norm({ ...scalarsMax, a_f32: Math.fround(1.1) }));
    expect(call("scalars_to_struct", scalarsMin)).toEqual(norm(scalarsMin));
  });

  it("adds i64 without losing precision", () => {
    expect(call("add", { a: 2n ** 62n, b: 2n ** 62n - 1n })).toEqual(2n ** 63n - 1n);
    expect(call("add", { a: -(2n ** 62n), b: -(2n ** 62n) })).toEqual(-(2n ** 63n));
    expect(call("add", { a: 1, b: 2 })).toEqual(3);
  });

  it("echoes strings: non-ASCII, emoji, empty, long", () => {
    for (const s of ["", "a", "héllo", "日本語", "🎉👍🏽‍🔥", "x".repeat(100_000) + "🎉"]) {
      expect(call("echo_string", { value: s })).toBe(s);
    }
    expect(call("utf8_length", { value: "é🎉" })).toBe(6);
    expect(call("utf8_length", { value: "" })).toBe(0);
  });

  it("echoes bytes, empty and 1 MiB", () => {
    expect(call("echo_bytes", { value: new Uint8Array(0) })).toEqual(new Uint8Array(0));
    const big = new Uint8Array(1024 * 1024);
    for (let i = 0; i < big.length; i++) big[i] = (i * 7919) & 0xff;
    // Buffer.equals: a deep toEqual over a million elements takes seconds.
    expect(Buffer.from(call("echo_bytes", { value: big }) as Uint8Array).equals(big)).toBe(true);
  });

  it("echoes datetimes to the millisecond, before and after 1970 and past 2106", () => {
    for (const iso of ["1970-01-01T00:00:00.000Z", "2024-02-29T12:34:56.789Z", "1969-07-20T20:17:40.001Z", "2200-01-01T00:00:00.000Z"]) {
      expect(call("echo_datetime", { value: new Date(iso) })).toEqual(new Date(iso));
    }
  });

  it("echoes texts, optionals present and absent", () => {
    expect(call("echo_texts", { value: texts })).toEqual(norm(texts));
    expect(call("echo_optionals", { value: optionalsPresent })).toEqual(norm(optionalsPresent));
    expect(call("echo_optionals", { value: optionalsAbsent })).toEqual(optionalsAbsent);
  });

  it("echoes nested and integer-keyed lists and maps", () => {
    expect(call("echo_collections", { value: collections })).toEqual(norm(collections));
  });

  it("echoes nested types, enums, unions and aliases", () => {
    expect(call("echo_everything", { value: everything })).toEqual(norm({ ...everything, scalars: { ...scalarsMax, a_f32: Math.fround(1.1) } }));
    expect(call("echo_color", { value: 7 })).toBe(7);
    expect(call("echo_shape", { value: { Circle: { radius: 0.5 } } })).toEqual({ Circle: { radius: 0.5 } });
    expect(call("echo_alias", { value: 2n ** 64n - 1n, temperature: 21.5 })).toEqual(2n ** 64n - 1n);
  });

  it("passes an optional parameter present and absent", () => {
    expect(call("concat", { value: "world", prefix: "hello " })).toBe("hello world");
    expect(call("concat", { value: "world", prefix: null })).toBe("world");
  });

  it("runs a void op and a zero-parameter op", () => {
    expect(call("record", { value: "remember me 🎉" })).toBeUndefined();
    expect(call("last_recorded")).toBe("remember me 🎉");
  });

  it("calls the host's typed role and gets typed answers back", () => {
    logged.length = 0;
    expect(call("use_host", { name: "Ada", point })).toEqual({ greeting: "Hello, Ada!", shifted: { x: -2, y: 1_000_001 } });
    expect(logged).toEqual(["Ada"]);
  });

  it("returns a host error as the operation's error, with the host's message", () => {
    expect(() => client.call("use_host", { name: "fail", point })).toThrow(/no greeting for fail ☹/);
    // The guest is still usable.
    expect(call("echo_string", { value: "ok" })).toBe("ok");
  });

  it("reports a handler's error with its message", () => {
    expect(() => client.call("fail", { reason: "on purpose" })).toThrow("boom: on purpose");
    expect(call("echo_string", { value: "after" })).toBe("after");
  });

  it("refuses an enum value or union member the schema does not define, naming it", () => {
    expect(() => client.call("echo_color", { value: 3 })).toThrow(/unknown Color value 3/);
    expect(() => client.call("echo_shape", { value: { Triangle: {} } })).toThrow(/unknown member Triangle of union Shape/);
  });
});

/** Hand-made msgpack, to send exactly the wire forms an encoder would not choose. */
const bytes = (...parts: (number | Uint8Array | string)[]): Uint8Array =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "number" ? [p] : typeof p === "string" ? [...new TextEncoder().encode(p)] : [...p])));
const str = (s: string) => bytes(0xa0 | new TextEncoder().encode(s).length, s);
const wapc = (op: string, payload: Uint8Array) => host.invokeSync(op, payload);
const strict = new MsgpackDecoder({ useBigInt64: true });

describe("waPC wire rules, with hand-made input", () => {
  const pointMap = (x: Uint8Array, y: Uint8Array = bytes(0x01)) => bytes(0x82, str("x"), x, str("y"), y);
  const shift = (p: Uint8Array) => bytes(0x81, str("value"), bytes(0x81, str("Circle"), bytes(0x81, str("radius"), p)));

  it("reads any int width that fits, and refuses one out of range, naming the field", () => {
    // use echo_everything's path? Point is reachable directly through use_host's args.
    const call = (x: Uint8Array) => strict.decode(wapc("use_host", bytes(0x82, str("name"), str("w"), str("point"), pointMap(x))));
    for (const form of [bytes(0x05), bytes(0xcc, 5), bytes(0xcd, 0, 5), bytes(0xce, 0, 0, 0, 5), bytes(0xcf, 0, 0, 0, 0, 0, 0, 0, 5), bytes(0xd0, 5), bytes(0xd3, 0, 0, 0, 0, 0, 0, 0, 5)]) {
      expect(call(form)).toEqual({ greeting: "Hello, w!", shifted: { x: 6, y: 2 } });
    }
    expect(call(bytes(0xd3, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe))).toEqual({ greeting: "Hello, w!", shifted: { x: -1, y: 2 } });
    expect(() => call(bytes(0xce, 0x80, 0, 0, 0))).toThrow("invalid input for use_host: Point.x: integer 2147483648 out of range for i32");
    expect(() => call(bytes(0xd3, 0xff, 0xff, 0xff, 0xff, 0x7f, 0xff, 0xff, 0xff))).toThrow(/Point\.x: integer -2147483649 out of range for i32/);
    expect(() => call(str("5"))).toThrow("invalid input for use_host: Point.x: expected i32, got str");
  });

  it("accepts ints and float32 for a float, and rounds to f32", () => {
    const echo = (radius: Uint8Array) => strict.decode(wapc("echo_shape", shift(radius)));
    expect(echo(bytes(0x07))).toEqual({ Circle: { radius: 7 } });
    expect(echo(bytes(0xd0, 0xfe))).toEqual({ Circle: { radius: -2 } });
    expect(echo(bytes(0xca, 0x3f, 0xc0, 0, 0))).toEqual({ Circle: { radius: 1.5 } });
  });

  it("reads all three timestamp forms", () => {
    const echo = (ts: Uint8Array) => strict.decode(wapc("echo_datetime", bytes(0x81, str("value"), ts))) as Date;
    // 32-bit: seconds only.
    expect(echo(bytes(0xd6, 0xff, 0x65, 0x00, 0x00, 0x00)).getTime()).toBe(0x65000000 * 1000);
    // 64-bit: 30-bit nanoseconds, 34-bit seconds (nanos 5_000_000 → 5 ms).
    const ts64 = (BigInt(5_000_000) << 34n) | 1n;
    const b64 = new Uint8Array(8);
    new DataView(b64.buffer).setBigUint64(0, ts64);
    expect(echo(bytes(0xd7, 0xff, b64)).getTime()).toBe(1005);
    // 96-bit: nanoseconds then signed 64-bit seconds (-1 s + 0.5 s).
    const b96 = new Uint8Array(12);
    new DataView(b96.buffer).setUint32(0, 500_000_000);
    new DataView(b96.buffer).setBigInt64(4, -1n);
    expect(echo(bytes(0xc7, 12, 0xff, b96)).getTime()).toBe(-500);
    expect(() => echo(bytes(0xd6, 0x05, 0, 0, 0, 0))).toThrow(/expected timestamp, got ext type 5/);
  });

  it("skips unknown keys, of any type and depth, and accepts an empty payload or map for no parameters", () => {
    const unknown = bytes(0x83, 0x07, bytes(0x92, 0x91, 0xc0, 0x80), str("extra"), bytes(0xc4, 2, 1, 2), str("value"), str("kept"));
    expect(strict.decode(wapc("echo_string", str("bare")))).toBe("bare");
    expect(strict.decode(wapc("concat", unknown))).toBe("kept");
    expect(strict.decode(wapc("last_recorded", new Uint8Array(0)))).toBeTypeOf("string");
    expect(strict.decode(wapc("last_recorded", bytes(0x80)))).toBeTypeOf("string");
  });

  it("fails on a missing required field or parameter, naming it and its type", () => {
    expect(() => wapc("use_host", bytes(0x82, str("name"), str("w"), str("point"), bytes(0x81, str("x"), 0x01)))).toThrow(
      "invalid input for use_host: missing required field y of Point",
    );
    expect(() => wapc("add", bytes(0x81, str("a"), 0x01))).toThrow("invalid input for add: missing required field b of AddArgs");
  });

  it("refuses truncated and malformed input without trapping", () => {
    expect(() => wapc("echo_string", bytes(0xa5, 0x61))).toThrow("invalid input for echo_string: argument value: unexpected end of input");
    expect(() => wapc("echo_bytes", bytes(0x81, str("value"), 0xc6, 0x7f, 0xff, 0xff, 0xff))).toThrow(/unexpected end of input/);
    expect(() => wapc("echo_collections", bytes(0x81, str("value"), 0x81, str("strings"), 0xdd, 0xff, 0xff, 0xff, 0xff))).toThrow(
      "invalid input for echo_collections: Collections.strings: array of 4294967295 items is longer than its input",
    );
    expect(() => wapc("concat", bytes(0x81, 0xc1, 0xc0))).toThrow(/invalid msgpack byte 0xc1/);
    expect(strict.decode(wapc("echo_string", str("still fine")))).toBe("still fine");
  });

  it("reports an unknown operation", () => {
    expect(() => wapc("no_such_op", new Uint8Array(0))).toThrow("unknown operation: no_such_op");
  });

  it("encodes ints in their smallest form", () => {
    const response = wapc("add", looseEncode({ a: 1, b: 2 }));
    expect([...response]).toEqual([0x03]);
    expect([...wapc("utf8_length", looseEncode({ value: "x".repeat(300) }))]).toEqual([0xcd, 0x01, 0x2c]);
  });
});
