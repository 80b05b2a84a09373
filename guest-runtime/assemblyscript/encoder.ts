/**
 * msgpack output in two passes: a `Sizer` computes the exact size of a value, then an `Encoder` writes it
 * into one block of exactly that size, with no growth checks and no copy.
 *
 * Both classes have the same `write*` methods, so the generated glue writes each value once, as a generic
 * function `encodeX<W>(w: W, v: X)`, which AssemblyScript compiles once for each class.
 * The encoder writes the smallest form of every int (docs/abi.md, "Values").
 */
import { utf8Length, writeUtf8 } from "./utf8";

/** Bytes of the smallest msgpack form of a non-negative int. */
// @ts-ignore: decorator
@inline function uintSize(v: u64): i32 {
  if (v <= 0x7f) return 1;
  if (v <= 0xff) return 2;
  if (v <= 0xffff) return 3;
  if (v <= 0xffffffff) return 5;
  return 9;
}

/** Bytes of the smallest msgpack form of an int. */
// @ts-ignore: decorator
@inline function intSize(v: i64): i32 {
  if (v >= 0) return uintSize(<u64>v);
  if (v >= -32) return 1;
  if (v >= -128) return 2;
  if (v >= -32768) return 3;
  if (v >= -2147483648) return 5;
  return 9;
}

/** Bytes of a str, bin, array or map header for `len`; the fix forms hold up to `fixMax`. */
// @ts-ignore: decorator
@inline function headerSize(len: u32, fixMax: u32, has8: bool): i32 {
  if (len <= fixMax) return 1;
  if (has8 && len <= 0xff) return 2;
  if (len <= 0xffff) return 3;
  return 5;
}

/**
 * The timestamp form of a date: seconds and nanoseconds from its milliseconds. Division rounds toward
 * zero, so a negative remainder borrows a second to keep nanoseconds non-negative.
 */
// @ts-ignore: decorator
@inline function timestampSeconds(millis: i64): i64 {
  let s = millis / 1000;
  if (millis % 1000 < 0) s -= 1;
  return s;
}

/** Bytes of the timestamp extension for a date: 6 (32-bit), 10 (64-bit) or 15 (96-bit form). */
function timestampSize(millis: i64): i32 {
  const seconds = timestampSeconds(millis);
  const nanos = millis - seconds * 1000;
  if ((seconds >> 34) == 0) return nanos == 0 && seconds <= 0xffffffff ? 6 : 10;
  return 15;
}

/** Computes the exact encoded size of what the same calls would write with an `Encoder`. */
export class Sizer {
  /** The size so far, in bytes. */
  length: i32 = 0;

  /** Starts over at 0. */
  reset(): Sizer {
    this.length = 0;
    return this;
  }

  writeNil(): void { this.length += 1; }
  writeBool(_v: bool): void { this.length += 1; }
  writeInt(v: i64): void { this.length += intSize(v); }
  writeUint(v: u64): void { this.length += uintSize(v); }
  writeF32(_v: f32): void { this.length += 5; }
  writeF64(_v: f64): void { this.length += 9; }

  writeString(v: string): void {
    const len = <u32>utf8Length(v);
    this.length += headerSize(len, 31, true) + <i32>len;
  }

  writeBytes(v: ArrayBuffer): void {
    // bin has no fix form: even an empty one takes bin8's two bytes.
    const len = <u32>v.byteLength;
    this.length += (len <= 0xff ? 2 : len <= 0xffff ? 3 : 5) + <i32>len;
  }

  writeDatetime(v: Date): void { this.length += timestampSize(v.getTime()); }
  writeArraySize(n: u32): void { this.length += headerSize(n, 15, false); }
  writeMapSize(n: u32): void { this.length += headerSize(n, 15, false); }
  writeRaw(v: ArrayBuffer): void { this.length += v.byteLength == 0 ? 1 : v.byteLength; }
}

/** Writes msgpack into a block whose size a `Sizer` computed. */
export class Encoder {
  private pos: usize;
  private start: usize;
  /** Keeps a garbage-collected buffer alive while it is written. */
  private keep: ArrayBuffer | null;

  /** Writes at `ptr`, which must have room for everything written. */
  constructor(ptr: usize, keep: ArrayBuffer | null = null) {
    this.pos = ptr;
    this.start = ptr;
    this.keep = keep;
  }

  /** Starts over at `ptr`, so that one encoder can serve call after call without an allocation. */
  reset(ptr: usize): Encoder {
    this.pos = ptr;
    this.start = ptr;
    this.keep = null;
    return this;
  }

  /** An encoder over a new buffer of `size` bytes; read it back with `buffer` when done. */
  static withCapacity(size: i32): Encoder {
    const buffer = new ArrayBuffer(size);
    return new Encoder(changetype<usize>(buffer), buffer);
  }

  /** Bytes written so far. */
  get length(): i32 {
    return <i32>(this.pos - this.start);
  }

  /** Where the output starts. */
  get ptr(): usize {
    return this.start;
  }

  /** The buffer given by `withCapacity`. */
  get buffer(): ArrayBuffer {
    return changetype<ArrayBuffer>(this.keep);
  }

  // @ts-ignore: decorator
  @inline private u8(v: u32): void {
    store<u8>(this.pos, <u8>v);
    this.pos += 1;
  }

  // @ts-ignore: decorator
  @inline private u16be(v: u32): void {
    store<u16>(this.pos, bswap<u16>(<u16>v));
    this.pos += 2;
  }

  // @ts-ignore: decorator
  @inline private u32be(v: u32): void {
    store<u32>(this.pos, bswap<u32>(v));
    this.pos += 4;
  }

  // @ts-ignore: decorator
  @inline private u64be(v: u64): void {
    store<u64>(this.pos, bswap<u64>(v));
    this.pos += 8;
  }

  writeNil(): void { this.u8(0xc0); }
  writeBool(v: bool): void { this.u8(v ? 0xc3 : 0xc2); }

  writeUint(v: u64): void {
    if (v <= 0x7f) this.u8(<u32>v);
    else if (v <= 0xff) { this.u8(0xcc); this.u8(<u32>v); }
    else if (v <= 0xffff) { this.u8(0xcd); this.u16be(<u32>v); }
    else if (v <= 0xffffffff) { this.u8(0xce); this.u32be(<u32>v); }
    else { this.u8(0xcf); this.u64be(v); }
  }

  writeInt(v: i64): void {
    if (v >= 0) { this.writeUint(<u64>v); return; }
    if (v >= -32) this.u8(<u32>(<u8>v));
    else if (v >= -128) { this.u8(0xd0); this.u8(<u32>(<u8>v)); }
    else if (v >= -32768) { this.u8(0xd1); this.u16be(<u32>(<u16>v)); }
    else if (v >= -2147483648) { this.u8(0xd2); this.u32be(<u32>v); }
    else { this.u8(0xd3); this.u64be(<u64>v); }
  }

  writeF32(v: f32): void { this.u8(0xca); this.u32be(reinterpret<u32>(v)); }
  writeF64(v: f64): void { this.u8(0xcb); this.u64be(reinterpret<u64>(v)); }

  private header(len: u32, fix: u32, fixMax: u32, op8: u32, op16: u32, op32: u32): void {
    if (len <= fixMax) this.u8(fix | len);
    else if (op8 != 0 && len <= 0xff) { this.u8(op8); this.u8(len); }
    else if (len <= 0xffff) { this.u8(op16); this.u16be(len); }
    else { this.u8(op32); this.u32be(len); }
  }

  writeString(v: string): void {
    const len = utf8Length(v);
    this.header(<u32>len, 0xa0, 31, 0xd9, 0xda, 0xdb);
    this.pos += <usize>writeUtf8(v, this.pos, len);
  }

  writeBytes(v: ArrayBuffer): void {
    const len = <u32>v.byteLength;
    if (len <= 0xff) { this.u8(0xc4); this.u8(len); }
    else if (len <= 0xffff) { this.u8(0xc5); this.u16be(len); }
    else { this.u8(0xc6); this.u32be(len); }
    memory.copy(this.pos, changetype<usize>(v), len);
    this.pos += len;
  }

  writeDatetime(v: Date): void {
    const millis = v.getTime();
    const seconds = timestampSeconds(millis);
    const nanos = <u32>(millis - seconds * 1000) * 1000000;
    if ((seconds >> 34) == 0) {
      if (nanos == 0 && seconds <= 0xffffffff) {
        this.u8(0xd6); this.u8(0xff); this.u32be(<u32>seconds);
      } else {
        this.u8(0xd7); this.u8(0xff); this.u64be((<u64>nanos << 34) | <u64>seconds);
      }
    } else {
      this.u8(0xc7); this.u8(12); this.u8(0xff); this.u32be(nanos); this.u64be(<u64>seconds);
    }
  }

  writeArraySize(n: u32): void { this.header(n, 0x90, 15, 0, 0xdc, 0xdd); }
  writeMapSize(n: u32): void { this.header(n, 0x80, 15, 0, 0xde, 0xdf); }

  /** Appends a value that is already msgpack (the WIDL `raw`, `any` and `value`); nil if it is empty. */
  writeRaw(v: ArrayBuffer): void {
    if (v.byteLength == 0) { this.u8(0xc0); return; }
    memory.copy(this.pos, changetype<usize>(v), <usize>v.byteLength);
    this.pos += <usize>v.byteLength;
  }
}
