const utf8 = new TextEncoder();

/**
 * A small untyped msgpack encoder for the tests, because @msgpack/msgpack writes a `Map` as an empty map
 * and so cannot send integer keys. A `Map` keeps its keys' types; bigints are written as int64/uint64
 * (the widest forms, which the guest must still read); other values as @msgpack/msgpack writes them.
 */
export function looseEncode(value: unknown): Uint8Array {
  const out: number[] = [];
  const u = (n: number, bytes: number) => {
    for (let i = bytes - 1; i >= 0; i--) out.push(Math.floor(n / 2 ** (8 * i)) & 0xff);
  };
  const big = (tag: number, v: bigint) => {
    out.push(tag);
    const b = BigInt.asUintN(64, v);
    for (let i = 7; i >= 0; i--) out.push(Number((b >> BigInt(8 * i)) & 0xffn));
  };
  const header = (n: number, fix: number, fixMax: number, t16: number, t32: number, t8?: number) => {
    if (n <= fixMax) out.push(fix | n);
    else if (t8 !== undefined && n <= 0xff) out.push(t8, n);
    else if (n <= 0xffff) (out.push(t16), u(n, 2));
    else (out.push(t32), u(n, 4));
  };
  const write = (v: unknown): void => {
    if (v === null || v === undefined) out.push(0xc0);
    else if (typeof v === "boolean") out.push(v ? 0xc3 : 0xc2);
    else if (typeof v === "bigint") big(v < 0n ? 0xd3 : 0xcf, v);
    else if (typeof v === "number") {
      if (!Number.isSafeInteger(v)) {
        out.push(0xcb);
        const b = new Uint8Array(8);
        new DataView(b.buffer).setFloat64(0, v);
        out.push(...b);
      } else if (v >= 0) {
        if (v <= 0x7f) out.push(v);
        else if (v <= 0xff) out.push(0xcc, v);
        else if (v <= 0xffff) (out.push(0xcd), u(v, 2));
        else if (v <= 0xffffffff) (out.push(0xce), u(v, 4));
        else big(0xcf, BigInt(v));
      } else if (v >= -32) out.push(v & 0xff);
      else if (v >= -128) out.push(0xd0, v & 0xff);
      else if (v >= -32768) (out.push(0xd1), u(v & 0xffff, 2));
      else if (v >= -2147483648) (out.push(0xd2), u(v >>> 0, 4));
      else big(0xd3, BigInt(v));
    } else if (typeof v === "string") {
      const b = utf8.encode(v);
      header(b.length, 0xa0, 31, 0xda, 0xdb, 0xd9);
      out.push(...b);
    } else if (v instanceof Uint8Array) {
      if (v.length <= 0xff) out.push(0xc4, v.length);
      else if (v.length <= 0xffff) (out.push(0xc5), u(v.length, 2));
      else (out.push(0xc6), u(v.length, 4));
      for (const b of v) out.push(b);
    } else if (v instanceof Date) {
      // Always the 96-bit form: nanoseconds, then signed seconds.
      const ms = v.getTime();
      const s = Math.floor(ms / 1000);
      out.push(0xc7, 12, 0xff);
      u((ms - s * 1000) * 1e6, 4);
      const b = BigInt.asUintN(64, BigInt(s));
      for (let i = 7; i >= 0; i--) out.push(Number((b >> BigInt(8 * i)) & 0xffn));
    } else if (Array.isArray(v)) {
      header(v.length, 0x90, 15, 0xdc, 0xdd);
      v.forEach(write);
    } else if (v instanceof Map) {
      header(v.size, 0x80, 15, 0xde, 0xdf);
      for (const [k, x] of v) (write(k), write(x));
    } else {
      const entries = Object.entries(v as object);
      header(entries.length, 0x80, 15, 0xde, 0xdf);
      for (const [k, x] of entries) (write(k), write(x));
    }
  };
  write(value);
  return new Uint8Array(out);
}
