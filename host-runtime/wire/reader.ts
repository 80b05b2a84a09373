/**
 * `WireReader`: a cursor over one msgpack payload that reads headers and scalars by hand, bounds-checked, and
 * skips values without recursion. Each format byte is read with its name from the msgpack spec beside it.
 */
import { DecodeError } from "./errors.js";
import { describeType, type WireType } from "./types.js";

/**
 * How deep containers (lists, maps, structs, unions) may nest in a decoded payload or in JSON arguments; guest
 * data is untrusted. The same limit and wording as the AssemblyScript and Rust guests' decoders.
 */
export const MAX_DEPTH = 256;

/** The error past `MAX_DEPTH`, worded as the guests word it. */
export function tooDeep(): DecodeError {
  return new DecodeError(`nesting deeper than ${MAX_DEPTH}`);
}

const textDecoder = new TextDecoder("utf-8", { fatal: true });

/** Names the msgpack type a byte starts, for "expected string, got int". */
function wireName(b: number): string {
  // fixints, uint 8 … int 64
  if (b <= 0x7f || b >= 0xe0 || (b >= 0xcc && b <= 0xd3)) return "int";
  if (b <= 0x8f || b === 0xde || b === 0xdf) return "map"; // fixmap, map 16, map 32
  if (b <= 0x9f || b === 0xdc || b === 0xdd) return "array"; // fixarray, array 16, array 32
  if (b <= 0xbf || (b >= 0xd9 && b <= 0xdb)) return "str"; // fixstr, str 8 … str 32
  switch (b) {
    case 0xc0: // nil
      return "nil";
    case 0xc2: // false
    case 0xc3: // true
      return "bool";
    case 0xc4: // bin 8
    case 0xc5: // bin 16
    case 0xc6: // bin 32
      return "bin";
    case 0xca: // float 32
    case 0xcb: // float 64
      return "float";
    case 0xc1:
      return "the never-used byte 0xc1";
    default:
      return "ext";
  }
}

/** The string cache of `WireReader.cachedAscii`: ASCII strings of 1–16 bytes, 4096 slots, 64 KiB of bytes. */
const CACHED_MAX = 16;
const CACHE_SLOTS = 4096;
const cacheBytes = new Uint8Array(CACHE_SLOTS * CACHED_MAX);
const cacheLengths = new Uint8Array(CACHE_SLOTS);
const cacheStrings: (string | undefined)[] = Array.from({ length: CACHE_SLOTS }, () => undefined);

/** A cursor over one payload. Reused; `reset` points it at new bytes. */
export class WireReader {
  bytes: Uint8Array = new Uint8Array(0);
  pos = 0;
  end = 0;
  #view: DataView | undefined = undefined;

  reset(bytes: Uint8Array): void {
    this.bytes = bytes;
    this.#view = undefined;
    this.pos = 0;
    this.end = bytes.length;
  }

  /**
   * A `DataView` over the payload, made on first use: most payloads need none (small ints, fixstr and fixmap
   * headers), and making one cost more than the rest of a 16-byte echo, since `.buffer` of a small typed array
   * makes V8 move it off the heap (bench/abi.ts, P1, ours waPC 16 B).
   */
  get view(): DataView {
    return (this.#view ??= new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength));
  }

  /** Fails unless `n` more bytes are there. */
  need(n: number): void {
    if (this.pos + n > this.end) {
      throw new DecodeError(`truncated payload: needs ${n} more bytes at offset ${this.pos}, has ${this.end - this.pos}`);
    }
  }

  peek(): number {
    this.need(1);
    return this.bytes[this.pos]!;
  }

  wrongType(t: WireType | string): DecodeError {
    const what = typeof t === "string" ? t : describeType(t);
    return new DecodeError(`expected ${what}, got ${wireName(this.peek())}`);
  }

  // Headers by hand, without the DataView.
  private u16(at: number): number {
    const b = this.bytes;
    return (b[at]! << 8) | b[at + 1]!;
  }
  private u32(at: number): number {
    const b = this.bytes;
    return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
  }

  /** Reads an integer of any width; undefined (nothing consumed) when the next value is not one. */
  int(): number | bigint | undefined {
    const b = this.peek();
    const p = this.pos;
    if (b <= 0x7f) {
      // positive fixint
      this.pos++;
      return b;
    }
    if (b >= 0xe0) {
      // negative fixint
      this.pos++;
      return b - 0x100;
    }
    switch (b) {
      case 0xcc: // uint 8
        this.need(2);
        this.pos += 2;
        return this.bytes[p + 1]!;
      case 0xcd: // uint 16
        this.need(3);
        this.pos += 3;
        return this.u16(p + 1);
      case 0xce: // uint 32
        this.need(5);
        this.pos += 5;
        return this.u32(p + 1);
      case 0xcf: { // uint 64
        this.need(9);
        this.pos += 9;
        const v = this.view.getBigUint64(p + 1);
        return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
      }
      case 0xd0: // int 8
        this.need(2);
        this.pos += 2;
        return (this.bytes[p + 1]! << 24) >> 24;
      case 0xd1: // int 16
        this.need(3);
        this.pos += 3;
        return (this.u16(p + 1) << 16) >> 16;
      case 0xd2: // int 32
        this.need(5);
        this.pos += 5;
        return this.u32(p + 1) | 0;
      case 0xd3: { // int 64
        this.need(9);
        this.pos += 9;
        const v = this.view.getBigInt64(p + 1);
        return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
      }
      default:
        return undefined;
    }
  }

  /** A str, array or map header's element count (and bin's byte count); undefined if another type. */
  private sized(fix: number, fixMask: number, b8: number, b16: number, b32: number): number | undefined {
    const b = this.peek();
    const p = this.pos;
    if (fixMask !== 0 && (b & ~fixMask) === fix) {
      this.pos++;
      return b & fixMask;
    }
    if (b === b8 && b8 !== 0) {
      this.need(2);
      this.pos += 2;
      return this.bytes[p + 1]!;
    }
    if (b === b16) {
      this.need(3);
      this.pos += 3;
      return this.u16(p + 1);
    }
    if (b === b32) {
      this.need(5);
      this.pos += 5;
      return this.u32(p + 1);
    }
    return undefined;
  }

  strLength(): number | undefined {
    return this.sized(0xa0, 0x1f, 0xd9, 0xda, 0xdb); // fixstr, str 8, str 16, str 32
  }
  binLength(): number | undefined {
    return this.sized(0, 0, 0xc4, 0xc5, 0xc6); // (no fix form), bin 8, bin 16, bin 32
  }
  /** An array header; the count is bounded by the bytes left, since each element takes at least one. */
  arrayLength(): number | undefined {
    const n = this.sized(0x90, 0x0f, 0, 0xdc, 0xdd); // fixarray, (no 8-bit form), array 16, array 32
    if (n !== undefined && n > this.end - this.pos) throw new DecodeError(`array of ${n} items in ${this.end - this.pos} bytes`);
    return n;
  }
  mapLength(): number | undefined {
    const n = this.sized(0x80, 0x0f, 0, 0xde, 0xdf); // fixmap, (no 8-bit form), map 16, map 32
    if (n !== undefined && n * 2 > this.end - this.pos) throw new DecodeError(`map of ${n} entries in ${this.end - this.pos} bytes`);
    return n;
  }

  /** `n` bytes of UTF-8 at the cursor. */
  utf8(n: number): string {
    this.need(n);
    const start = this.pos;
    this.pos += n;
    if (n === 0) return "";
    if (n <= CACHED_MAX) return this.cachedAscii(start, n);
    // Short ASCII strings (map keys, small arguments) by hand; see `WireWriter.str`.
    if (n < 32) {
      let s = "";
      for (let i = 0; i < n; i++) {
        const c = this.bytes[start + i]!;
        if (c >= 0x80) return this.utf8Slow(start, n);
        s += String.fromCharCode(c);
      }
      return s;
    }
    return this.utf8Slow(start, n);
  }

  /**
   * A short string through a direct-mapped cache of recently decoded ones, as msgpack-javascript's CachedKeyDecoder
   * does for keys: a hit compares the bytes and allocates nothing, where building the string cost one allocation per
   * character (bench/codec.ts, P4: the 20-field record's short values and keys repeat across calls).
   */
  private cachedAscii(start: number, n: number): string {
    const b = this.bytes;
    // The slot from the length and three bytes; a hit then compares every byte with the cached (ASCII) ones.
    const h = n ^ (b[start]! << 4) ^ (b[start + (n >> 1)]! << 8) ^ (b[start + n - 1]! << 12);
    const slot = (h ^ (h >>> 11)) & (CACHE_SLOTS - 1);
    const at = slot * CACHED_MAX;
    if (cacheLengths[slot] === n) {
      let i = 0;
      while (i < n && cacheBytes[at + i] === b[start + i]) i++;
      if (i === n) return cacheStrings[slot]!;
    }
    let s = "";
    for (let i = 0; i < n; i++) {
      const c = b[start + i]!;
      if (c >= 0x80) return this.utf8Slow(start, n);
      s += String.fromCharCode(c);
    }
    for (let i = 0; i < n; i++) cacheBytes[at + i] = b[start + i]!;
    cacheLengths[slot] = n;
    cacheStrings[slot] = s;
    return s;
  }

  private utf8Slow(start: number, n: number): string {
    try {
      return textDecoder.decode(this.bytes.subarray(start, start + n));
    } catch {
      throw new DecodeError("string is not valid UTF-8");
    }
  }

  /** Skips one whole value (iteratively: nesting cannot overflow the stack). */
  skip(): void {
    let pending = 1;
    while (pending > 0) {
      pending--;
      const b = this.peek();
      if (this.int() !== undefined) continue;
      let n: number | undefined;
      if ((n = this.strLength()) !== undefined || (n = this.binLength()) !== undefined) {
        this.need(n);
        this.pos += n;
        continue;
      }
      if ((n = this.arrayLength()) !== undefined) {
        pending += n;
        continue;
      }
      if ((n = this.mapLength()) !== undefined) {
        pending += n * 2;
        continue;
      }
      switch (b) {
        case 0xc0: // nil
        case 0xc2: // false
        case 0xc3: // true
          this.pos += 1;
          continue;
        case 0xca: // float 32
          this.need(5);
          this.pos += 5;
          continue;
        case 0xcb: // float 64
          this.need(9);
          this.pos += 9;
          continue;
        case 0xd4: // fixext 1
        case 0xd5: // fixext 2
        case 0xd6: // fixext 4
        case 0xd7: // fixext 8
        case 0xd8: { // fixext 16
          const size = 1 << (b - 0xd4);
          this.need(2 + size);
          this.pos += 2 + size;
          continue;
        }
        case 0xc7: // ext 8
        case 0xc8: // ext 16
        case 0xc9: { // ext 32
          const p = this.pos;
          const lenSize = 1 << (b - 0xc7);
          this.need(1 + lenSize + 1);
          const len = b === 0xc7 ? this.bytes[p + 1]! : b === 0xc8 ? this.u16(p + 1) : this.u32(p + 1);
          this.pos += 1 + lenSize + 1;
          this.need(len);
          this.pos += len;
          continue;
        }
        default:
          throw new DecodeError(`malformed msgpack: byte 0x${b.toString(16)} at offset ${this.pos}`);
      }
    }
  }

  /**
   * Skips one value as `skip` does, failing with `nesting deeper than 256` if its arrays and maps nest past
   * `MAX_DEPTH`, counting the value itself as being at `depth`. For untyped (`any`) values, whose depth no
   * descriptor bounds. Iterative too: one count of values left per open container.
   */
  skipWithin(depth: number): void {
    const open: number[] = [];
    let left = 1;
    for (;;) {
      while (left === 0) {
        if (open.length === 0) return;
        left = open.pop()!;
      }
      left--;
      let n = this.arrayLength();
      if (n === undefined) {
        n = this.mapLength();
        if (n !== undefined) n *= 2;
      }
      if (n === undefined) {
        this.skip(); // a scalar, str, bin or ext: no nesting
        continue;
      }
      if (depth + open.length >= MAX_DEPTH) throw tooDeep();
      open.push(left);
      left = n;
    }
  }

  /** An extension's (type, data), or undefined when the next value is not an ext. */
  ext(): { type: number; data: Uint8Array } | undefined {
    const b = this.peek();
    const p = this.pos;
    let size: number;
    let head: number;
    if (b >= 0xd4 && b <= 0xd8) {
      // fixext 1 … fixext 16
      size = 1 << (b - 0xd4);
      head = 2;
    } else if (b === 0xc7 || b === 0xc8 || b === 0xc9) {
      // ext 8, ext 16, ext 32
      const lenSize = 1 << (b - 0xc7);
      this.need(1 + lenSize);
      size = b === 0xc7 ? this.bytes[p + 1]! : b === 0xc8 ? this.u16(p + 1) : this.u32(p + 1);
      head = 2 + lenSize;
    } else {
      return undefined;
    }
    this.need(head + size);
    this.pos += head + size;
    return { type: this.view.getInt8(p + head - 1), data: this.bytes.subarray(p + head, p + head + size) };
  }
}

// Floats by hand through an 8-byte scratch array: no DataView over the payload (see `WireReader.view`).
const scratch = new Float64Array(1);
const scratch32 = new Float32Array(scratch.buffer, 0, 1);
const scratchBytes = new Uint8Array(scratch.buffer);
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function readFloat64(b: Uint8Array, at: number): number {
  if (littleEndian) for (let i = 0; i < 8; i++) scratchBytes[i] = b[at + 7 - i]!;
  else for (let i = 0; i < 8; i++) scratchBytes[i] = b[at + i]!;
  return scratch[0]!;
}

export function readFloat32(b: Uint8Array, at: number): number {
  if (littleEndian) for (let i = 0; i < 4; i++) scratchBytes[i] = b[at + 3 - i]!;
  else for (let i = 0; i < 4; i++) scratchBytes[i] = b[at + i]!;
  return scratch32[0]!;
}
