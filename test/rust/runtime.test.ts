// The Rust guest runtime (guest-runtime/rust/) on its own, through a hand-written guest
// (fixtures/runtime-echo/lib.rs) run by @wapc/host, the reference host, with @msgpack/msgpack payloads:
// lenient integer widths, range errors, every built-in wire type, guest→host calls, malformed input, and the
// direct-ABI allocator and return area.
import { decode, encode, encodeTimeSpecToTimestamp, ExtData } from "@msgpack/msgpack";
import { instantiate, type WapcHost } from "@wapc/host";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { compileRustGuest, skipRust } from "./toolchain.js";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const wasmPath = here("../.out/rust/runtime-echo.wasm");
const big = { useBigInt64: true } as const;

describe.skipIf(skipRust("rust runtime"))("Rust guest runtime", () => {
  let bytes: Uint8Array;
  let host: WapcHost;

  beforeAll(async () => {
    await compileRustGuest(here("./fixtures/runtime-echo/lib.rs"), wasmPath);
    bytes = readFileSync(wasmPath);
    host = await instantiate(
      bytes,
      (binding, namespace, operation, payload) => {
        if (operation !== "reverse") throw new Error(`no host operation ${operation}`);
        const s = decode(payload) as string;
        return encode(`${binding}/${namespace}:${[...s].reverse().join("")}`);
      },
    );
  });

  const echo = async (op: string, value: unknown) => decode(await host.invoke(op, encode(value, big)), big);
  const raw = async (op: string, payload: Uint8Array) => host.invoke(op, payload);

  it("builds under the 2018 edition too", async () => {
    await compileRustGuest(here("./fixtures/runtime-echo/lib.rs"), here("../.out/rust/runtime-echo-2018.wasm"), "2018");
  });

  it("decodes integers from any width that fits and writes the smallest form", async () => {
    expect(await raw("u8", Uint8Array.of(0xcf, 0, 0, 0, 0, 0, 0, 0, 200))).toEqual(Uint8Array.of(0xcc, 200));
    expect(await raw("i16", Uint8Array.of(0xd3, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff))).toEqual(
      Uint8Array.of(0xff),
    );
    expect(await raw("i8", Uint8Array.of(0xcc, 127))).toEqual(Uint8Array.of(0x7f));
    expect(await echo("i64", -(2n ** 63n))).toBe(-(2n ** 63n));
    expect(await echo("i64", 2n ** 63n - 1n)).toBe(2n ** 63n - 1n);
    expect(await echo("u64", 2n ** 64n - 1n)).toBe(2n ** 64n - 1n);
    expect(await echo("u32", 4294967295)).toBe(4294967295);
    expect(await echo("i32", -2147483648)).toBe(-2147483648);
  });

  it("rejects integers out of range instead of wrapping", async () => {
    await expect(echo("u8", 256)).rejects.toThrow("u8: 256 out of range for u8");
    await expect(echo("i8", -129)).rejects.toThrow("-129 out of range for i8");
    await expect(echo("u64", -1)).rejects.toThrow("-1 out of range for u64");
    await expect(echo("i64", 2n ** 64n - 1n)).rejects.toThrow("18446744073709551615 out of range for i64");
    await expect(echo("u16", "x")).rejects.toThrow("expected int, found str");
  });

  it("round-trips floats, bools, strings and bytes", async () => {
    expect(await echo("f64", 1.5e300)).toBe(1.5e300);
    expect(await echo("f64", 7)).toBe(7);
    expect(await echo("f32", 0.5)).toBe(0.5);
    expect(await echo("bool", true)).toBe(true);
    expect(await echo("string", "héllo wörld ✓ 𝄞")).toBe("héllo wörld ✓ 𝄞");
    const mib = new Uint8Array(1 << 20).map((_, i) => (i * 31) & 0xff);
    expect(await echo("bytes", mib)).toEqual(mib);
  });

  it("reads timestamps in all three forms", async () => {
    const ts = (sec: number, nsec: number) => new ExtData(-1, encodeTimeSpecToTimestamp({ sec, nsec }));
    for (const [sec, nsec] of [
      [1_700_000_000, 0], // 32-bit form
      [1_700_000_000, 123_456_789], // 64-bit form
      [-1, 999_000_000], // 96-bit form
      [2 ** 40, 5], // 96-bit form
    ] as const) {
      const back = await raw("datetime", encode(ts(sec, nsec)));
      expect(back).toEqual(encode(ts(sec, nsec)));
    }
    await expect(raw("datetime", Uint8Array.of(0xd4, 0xff, 0))).rejects.toThrow("timestamp of 1 bytes");
  });

  it("round-trips any value, raw values, arrays and maps with nil", async () => {
    const value = { a: [1, -2, "x", null, true, 1.25, { b: new Uint8Array([1, 2]) }], "": {} };
    expect(await echo("value", value)).toEqual(value);
    const rawValue = encode({ nested: [1, 2, 3] });
    expect(await raw("raw", rawValue)).toEqual(rawValue);
    expect(await echo("list_i64", [1, -1, 2n ** 62n])).toEqual([1, -1, 2n ** 62n]);
    expect(await echo("map_str_u8", { b: 2, a: null })).toEqual({ a: null, b: 2 });
  });

  it("turns malformed payloads into guest errors, and the next call succeeds", async () => {
    await expect(raw("string", Uint8Array.of(0xdb, 0xff, 0xff, 0xff, 0xff))).rejects.toThrow(
      "string: unexpected end of input",
    );
    await expect(raw("list_i64", Uint8Array.of(0xdd, 0x7f, 0xff, 0xff, 0xff))).rejects.toThrow(
      "unexpected end of input",
    );
    await expect(raw("value", new Uint8Array(300).fill(0x91))).rejects.toThrow("nesting deeper than 256");
    await expect(raw("string", Uint8Array.of(0xa2, 0xff, 0xfe))).rejects.toThrow("invalid UTF-8");
    await expect(raw("i32", Uint8Array.of(1, 2))).rejects.toThrow("1 unexpected bytes after the value");
    await expect(raw("value", Uint8Array.of(0xc1))).rejects.toThrow("reserved byte 0xc1");
    await expect(raw("nope", new Uint8Array())).rejects.toThrow('unknown operation "nope"');
    expect(await echo("string", "still fine")).toBe("still fine");
  });

  it("calls the host and logs through it", async () => {
    expect(await echo("host", "abc")).toBe("default/echo:cba");
    // @wapc/host sends __console_log to console.log rather than to the writer.
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    await host.invoke("log", encode("hello from rust"));
    expect(log).toHaveBeenCalledWith("hello from rust");
    log.mockRestore();
  });

  it("reports a panic's message through our host, which recovers the instance", async () => {
    const { instantiate: ours, GuestTrapError } = await import("../../host-runtime/index.js");
    const guest = await ours(bytes, (_b, _n, _op, payload) => payload);
    const err = await guest.invoke("panic", new Uint8Array()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GuestTrapError);
    expect((err as InstanceType<typeof GuestTrapError>).guestMessage).toMatch(/echo guest panicked on purpose/);
    expect(decode(await guest.invoke("string", encode("after the trap")))).toBe("after the trap");
  });

  describe("direct ABI exports", () => {
    let ex: {
      memory: WebAssembly.Memory;
      __widl_malloc(size: number, align: number): number;
      __widl_free(ptr: number, size: number, align: number): void;
      __widl_ret_area(): number;
      __widl_op_upper(ptr: number, len: number): number;
      __widl_op_add(a: bigint, b: bigint): number;
    };
    beforeAll(async () => {
      const stub = () => 0;
      const wapc = new Proxy({}, { get: () => stub });
      const instance = await WebAssembly.instantiate(new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>), { wapc });
      ex = instance.exports as unknown as typeof ex;
    });
    const takeResult = (): Uint8Array => {
      const area = new DataView(ex.memory.buffer, ex.__widl_ret_area(), 16);
      const ptr = area.getInt32(0, true);
      const len = area.getInt32(4, true);
      const out = new Uint8Array(ex.memory.buffer, ptr, len).slice();
      if (len) ex.__widl_free(ptr, len, 1);
      return out;
    };
    const upper = (s: string): [number, string] => {
      const utf8 = new TextEncoder().encode(s);
      const ptr = utf8.length ? ex.__widl_malloc(utf8.length, 1) : 0;
      new Uint8Array(ex.memory.buffer, ptr, utf8.length).set(utf8);
      const status = ex.__widl_op_upper(ptr, utf8.length);
      return [status, new TextDecoder().decode(takeResult())];
    };

    it("passes strings by (ptr, len) and returns them through the return area", () => {
      expect(ex.__widl_ret_area() % 8).toBe(0);
      expect(upper("héllo")).toEqual([0, "HÉLLO"]);
      expect(upper("")).toEqual([0, ""]);
      // Repeated calls neither leak nor corrupt: the heap stays bounded.
      const pages = ex.memory.buffer.byteLength;
      for (let i = 0; i < 2000; i++) upper("x".repeat(4096));
      expect(ex.memory.buffer.byteLength).toBe(pages);
    });

    it("reports invalid UTF-8 and overflow as errors with messages", () => {
      const ptr = ex.__widl_malloc(2, 1);
      new Uint8Array(ex.memory.buffer, ptr, 2).set([0xff, 0xfe]);
      expect(ex.__widl_op_upper(ptr, 2)).toBe(1);
      expect(new TextDecoder().decode(takeResult())).toBe("upper.s: invalid UTF-8 at byte 0");
      expect(ex.__widl_op_add(2n ** 62n, 2n ** 62n)).toBe(1);
      expect(new TextDecoder().decode(takeResult())).toBe("add: overflow");
      expect(ex.__widl_op_add(-5n, 3n)).toBe(0);
      expect(new DataView(ex.memory.buffer, ex.__widl_ret_area(), 8).getBigInt64(0, true)).toBe(-2n);
    });
  });
});
