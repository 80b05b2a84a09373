/**
 * A msgpack decoder that reads straight from guest memory.
 *
 * AssemblyScript has no exceptions, so a malformed or unexpected value does not throw: the decoder records
 * the first error (prefixed with `at`, the field being read, which the generated glue sets) and returns a
 * zero value from then on. The glue checks `failed` once after decoding and reports `error` to the host.
 *
 * Every wire rule of docs/abi.md ("Values") lives here once; generated code only sequences calls.
 */

import { readUtf8 } from "./utf8";

// msgpack format bytes (https://github.com/msgpack/msgpack/blob/master/spec.md).
// @ts-ignore: decorator
@inline const NIL: u8 = 0xc0;
// @ts-ignore: decorator
@inline const FALSE: u8 = 0xc2;
// @ts-ignore: decorator
@inline const TRUE: u8 = 0xc3;

/** The timestamp extension type (-1) that carries `datetime`. */
// @ts-ignore: decorator
@inline const TIMESTAMP_TYPE: i8 = -1;

/** The largest millisecond value a `Date` accepts (ECMAScript's limit, which AssemblyScript's Date enforces). */
// @ts-ignore: decorator
@inline const MAX_DATE_MILLIS: i64 = 8640000000000000;

/**
 * How deep maps, arrays and unions may nest before decoding gives up: the Rust runtime's limit. Decoding a
 * recursive type recurses once per level; without a bound, hostile input nested thousands deep would exhaust
 * the wasm stack and trap instead of failing with a message.
 */
export const MAX_DEPTH: i32 = 256;

/** A readable name for the type a format byte starts, for error messages. */
export function wireTypeName(b: u8): string {
  if (b <= 0x7f || b >= 0xe0) return "int";
  if (b <= 0x8f) return "map";
  if (b <= 0x9f) return "array";
  if (b <= 0xbf) return "str";
  switch (b) {
    case 0xc0: return "nil";
    case 0xc2: case 0xc3: return "bool";
    case 0xc4: case 0xc5: case 0xc6: return "bin";
    case 0xc7: case 0xc8: case 0xc9: return "ext";
    case 0xca: return "float32";
    case 0xcb: return "float64";
    case 0xcc: case 0xcd: case 0xce: case 0xcf: return "int";
    case 0xd0: case 0xd1: case 0xd2: case 0xd3: return "int";
    case 0xd4: case 0xd5: case 0xd6: case 0xd7: case 0xd8: return "ext";
    case 0xd9: case 0xda: case 0xdb: return "str";
    case 0xdc: case 0xdd: return "array";
    case 0xde: case 0xdf: return "map";
  }
  return "an invalid byte 0xc1";
}

export class Decoder {
  private pos: usize;
  private end: usize;
  /** Keeps a garbage-collected buffer alive while its bytes are read. */
  private keep: ArrayBuffer | null;

  /** The first error, or `null` while all is well. */
  error: string | null = null;
  /**
   * What is being read, e.g. `Input.x`; set by the generated glue before each field so that an error names
   * the field. Empty at the top level.
   */
  at: string = "";

  // The last integer read: its 64 bits, and whether the wire form was a signed one (int 8..64, negative
  // fixint). Kept in fields because AssemblyScript functions return one value.
  private intBits: u64 = 0;
  private intSigned: bool = false;

  // How many maps, arrays and unions the value being read is inside (see `enter`).
  private depth: i32 = 0;

  // The last map key read by readFieldName: where its UTF-8 bytes are, or keyLen = -1 if it was no string.
  private keyPtr: usize = 0;
  private keyLen: isize = -1;

  /** Reads `len` bytes at `ptr` in linear memory; they must stay put while the decoder is used. */
  constructor(ptr: usize, len: usize, keep: ArrayBuffer | null = null) {
    this.pos = ptr;
    this.end = ptr + len;
    this.keep = keep;
  }

  /** Starts over on new input, so that one decoder can serve call after call without an allocation. */
  reset(ptr: usize, len: usize): Decoder {
    this.pos = ptr;
    this.end = ptr + len;
    this.keep = null;
    this.error = null;
    this.at = "";
    this.keyLen = -1;
    this.depth = 0;
    return this;
  }

  /** Reads a whole `ArrayBuffer` (e.g. a host's response). */
  static of(buffer: ArrayBuffer): Decoder {
    return new Decoder(changetype<usize>(buffer), <usize>buffer.byteLength, buffer);
  }

  /** Whether an error has been recorded. */
  // @ts-ignore: decorator
  @inline get failed(): bool {
    return this.error !== null;
  }

  /** Bytes not yet read. */
  // @ts-ignore: decorator
  @inline get remaining(): usize {
    return this.end - this.pos;
  }

  /** Records `reason` as the error unless one is already recorded, and stops all further reading. */
  fail(reason: string): void {
    if (this.error === null) {
      this.error = this.at.length > 0 ? this.at + ": " + reason : reason;
    }
    this.pos = this.end;
  }

  /**
   * Goes one level deeper, into a map, an array or a union whose contents are decoded next; past `MAX_DEPTH`
   * it records `nesting deeper than 256`, and since a failed decoder reads nothing more, the recursion ends
   * there. The generated glue pairs every `enter` with a `leave`.
   */
  enter(): void {
    if (this.depth >= MAX_DEPTH) this.fail("nesting deeper than " + MAX_DEPTH.toString());
    this.depth++;
  }

  /** Comes back up one level (see `enter`). */
  leave(): void {
    this.depth--;
  }

  /** Records that required field `field` of `typeName` was missing, unless it was `seen`. */
  require(seen: bool, typeName: string, field: string): void {
    if (!seen) {
      this.at = "";
      this.fail("missing required field " + field + " of " + typeName);
    }
  }

  /** Fails unless the whole input has been read; trailing bytes mean the input is malformed. */
  finish(): void {
    if (this.pos != this.end) this.fail("unexpected " + (this.end - this.pos).toString() + " bytes after the value");
  }

  private unexpected(expected: string, b: u8): void {
    this.fail("expected " + expected + ", got " + wireTypeName(b));
  }

  /** Reserves `n` bytes to read; false (with the error recorded) when the input is shorter. */
  // @ts-ignore: decorator
  @inline private need(n: usize): bool {
    if (n > this.end - this.pos) {
      this.fail("unexpected end of input");
      return false;
    }
    return true;
  }

  /** The next format byte, without consuming it; 0xc1 (never used by msgpack) at the end. */
  private peek(): u8 {
    return this.pos < this.end ? load<u8>(this.pos) : <u8>0xc1;
  }

  private byte(): u8 {
    if (!this.need(1)) return 0xc1;
    const b = load<u8>(this.pos);
    this.pos += 1;
    return b;
  }

  private u16be(): u16 {
    if (!this.need(2)) return 0;
    const v = bswap<u16>(load<u16>(this.pos));
    this.pos += 2;
    return v;
  }

  private u32be(): u32 {
    if (!this.need(4)) return 0;
    const v = bswap<u32>(load<u32>(this.pos));
    this.pos += 4;
    return v;
  }

  private u64be(): u64 {
    if (!this.need(8)) return 0;
    const v = bswap<u64>(load<u64>(this.pos));
    this.pos += 8;
    return v;
  }

  // ---- nil and bool ----

  /** Whether the next value is nil (not consumed). */
  isNil(): bool {
    return this.peek() == NIL;
  }

  /** Consumes a nil and returns true, or returns false and consumes nothing. Used for optional values. */
  readNil(): bool {
    if (this.pos < this.end && load<u8>(this.pos) == NIL) {
      this.pos += 1;
      return true;
    }
    return false;
  }

  readBool(): bool {
    const b = this.byte();
    if (b == TRUE) return true;
    if (b != FALSE) this.unexpected("bool", b);
    return false;
  }

  // ---- integers ----

  /** Reads an int of any width into intBits/intSigned; false (error recorded) if the value is no int. */
  private readInt(expected: string): bool {
    const b = this.byte();
    if (b <= 0x7f) {
      this.intBits = b;
      this.intSigned = false;
      return true;
    }
    if (b >= 0xe0) {
      this.intBits = <u64><i64><i8>b;
      this.intSigned = true;
      return true;
    }
    switch (b) {
      case 0xcc: this.intBits = this.byte(); this.intSigned = false; return !this.failed;
      case 0xcd: this.intBits = this.u16be(); this.intSigned = false; return !this.failed;
      case 0xce: this.intBits = this.u32be(); this.intSigned = false; return !this.failed;
      case 0xcf: this.intBits = this.u64be(); this.intSigned = false; return !this.failed;
      case 0xd0: this.intBits = <u64><i64><i8>this.byte(); this.intSigned = true; return !this.failed;
      case 0xd1: this.intBits = <u64><i64><i16>this.u16be(); this.intSigned = true; return !this.failed;
      case 0xd2: this.intBits = <u64><i64><i32>this.u32be(); this.intSigned = true; return !this.failed;
      case 0xd3: this.intBits = this.u64be(); this.intSigned = true; return !this.failed;
    }
    if (!this.failed) this.unexpected(expected, b);
    return false;
  }

  /** An int that must lie in [min, max], for the signed types and for u8..u32. */
  private readIntIn(expected: string, min: i64, max: i64): i64 {
    if (!this.readInt(expected)) return 0;
    const bits = this.intBits;
    if (this.intSigned) {
      const v = <i64>bits;
      if (v >= min && v <= max) return v;
      this.fail("integer " + v.toString() + " out of range for " + expected);
      return 0;
    }
    if (bits <= <u64>max) return <i64>bits;
    this.fail("integer " + bits.toString() + " out of range for " + expected);
    return 0;
  }

  readI8(): i8 { return <i8>this.readIntIn("i8", i8.MIN_VALUE, i8.MAX_VALUE); }
  readI16(): i16 { return <i16>this.readIntIn("i16", i16.MIN_VALUE, i16.MAX_VALUE); }
  readI32(): i32 { return <i32>this.readIntIn("i32", i32.MIN_VALUE, i32.MAX_VALUE); }
  readU8(): u8 { return <u8>this.readIntIn("u8", 0, u8.MAX_VALUE); }
  readU16(): u16 { return <u16>this.readIntIn("u16", 0, u16.MAX_VALUE); }
  readU32(): u32 { return <u32>this.readIntIn("u32", 0, u32.MAX_VALUE); }

  readI64(): i64 {
    if (!this.readInt("i64")) return 0;
    if (!this.intSigned && this.intBits > <u64>i64.MAX_VALUE) {
      this.fail("integer " + this.intBits.toString() + " out of range for i64");
      return 0;
    }
    return <i64>this.intBits;
  }

  readU64(): u64 {
    if (!this.readInt("u64")) return 0;
    if (this.intSigned && <i64>this.intBits < 0) {
      this.fail("integer " + (<i64>this.intBits).toString() + " out of range for u64");
      return 0;
    }
    return this.intBits;
  }

  // ---- floats ----

  /** A float64, or a float32 or any int converted to f64. */
  readF64(): f64 {
    const b = this.peek();
    if (b == 0xcb) {
      this.pos += 1;
      return reinterpret<f64>(this.u64be());
    }
    if (b == 0xca) {
      this.pos += 1;
      return <f64>reinterpret<f32>(this.u32be());
    }
    if (!this.readInt("float")) return 0;
    return this.intSigned ? <f64><i64>this.intBits : <f64>this.intBits;
  }

  /** A float32, or a float64 (rounded to f32) or any int converted to f32. */
  readF32(): f32 {
    if (this.peek() == 0xca) {
      this.pos += 1;
      return reinterpret<f32>(this.u32be());
    }
    return <f32>this.readF64();
  }

  // ---- str, bin, raw ----

  /** Reads a str header; returns its byte length, or -1 (error recorded) when the value is no str. */
  private readStrHeader(): isize {
    const b = this.byte();
    if (b >= 0xa0 && b <= 0xbf) return <isize>(b & 0x1f);
    if (b == 0xd9) return <isize>this.byte();
    if (b == 0xda) return <isize>this.u16be();
    if (b == 0xdb) return <isize>this.u32be();
    if (!this.failed) this.unexpected("str", b);
    return -1;
  }

  readString(): string {
    const len = this.readStrHeader();
    if (len <= 0 || !this.need(<usize>len)) return "";
    const s = readUtf8(this.pos, <usize>len);
    this.pos += <usize>len;
    return s;
  }

  /** Reads a bin (the WIDL `bytes`) into a new buffer. */
  readBytes(): ArrayBuffer {
    const b = this.byte();
    let len: usize = 0;
    if (b == 0xc4) len = this.byte();
    else if (b == 0xc5) len = this.u16be();
    else if (b == 0xc6) len = this.u32be();
    else {
      if (!this.failed) this.unexpected("bin", b);
      return new ArrayBuffer(0);
    }
    if (this.failed || !this.need(len)) return new ArrayBuffer(0);
    const out = new ArrayBuffer(<i32>len);
    memory.copy(changetype<usize>(out), this.pos, len);
    this.pos += len;
    return out;
  }

  /** Copies the next value, whatever it is, still encoded (the WIDL `raw`, `any` and `value`). */
  readRaw(): ArrayBuffer {
    const start = this.pos;
    this.skip();
    if (this.failed) return new ArrayBuffer(0);
    const len = this.pos - start;
    const out = new ArrayBuffer(<i32>len);
    memory.copy(changetype<usize>(out), start, len);
    return out;
  }

  // ---- datetime ----

  /** Reads the timestamp extension (-1) in any of its three forms (32, 64 and 96 bits). */
  readDatetime(): Date {
    const b = this.byte();
    let len: u32 = 0;
    if (b == 0xd6) len = 4;
    else if (b == 0xd7) len = 8;
    else if (b == 0xc7) len = this.byte();
    else {
      if (!this.failed) this.unexpected("timestamp", b);
      return new Date(0);
    }
    const type = <i8>this.byte();
    if (this.failed) return new Date(0);
    if (type != TIMESTAMP_TYPE) {
      this.fail("expected timestamp, got ext type " + type.toString());
      return new Date(0);
    }
    let seconds: i64 = 0;
    let nanos: u32 = 0;
    if (len == 4) {
      seconds = <i64>this.u32be();
    } else if (len == 8) {
      const v = this.u64be();
      nanos = <u32>(v >> 34);
      seconds = <i64>(v & 0x3ffffffff);
    } else if (len == 12) {
      nanos = this.u32be();
      seconds = <i64>this.u64be();
    } else {
      this.fail("timestamp of " + len.toString() + " bytes; expected 4, 8 or 12");
      return new Date(0);
    }
    if (this.failed) return new Date(0);
    if (nanos > 999999999) {
      this.fail("timestamp nanoseconds " + nanos.toString() + " out of range");
      return new Date(0);
    }
    // Date holds milliseconds; nanoseconds are never negative, so this truncation is a floor.
    if (seconds > MAX_DATE_MILLIS / 1000 || seconds < -MAX_DATE_MILLIS / 1000) {
      this.fail("timestamp " + seconds.toString() + "s out of the range of Date");
      return new Date(0);
    }
    const millis = seconds * 1000 + <i64>(nanos / 1000000);
    if (millis > MAX_DATE_MILLIS || millis < -MAX_DATE_MILLIS) {
      this.fail("timestamp out of the range of Date");
      return new Date(0);
    }
    return new Date(millis);
  }

  // ---- arrays and maps ----

  /**
   * Reads an array header and returns its length. A length that cannot fit in the input (every element
   * takes at least one byte) is refused here, before anything is allocated for it.
   */
  readArraySize(): u32 {
    const b = this.byte();
    let n: u32 = 0;
    if (b >= 0x90 && b <= 0x9f) n = b & 0x0f;
    else if (b == 0xdc) n = this.u16be();
    else if (b == 0xdd) n = this.u32be();
    else {
      if (!this.failed) this.unexpected("array", b);
      return 0;
    }
    if (<usize>n > this.remaining) {
      this.fail("array of " + n.toString() + " items is longer than its input");
      return 0;
    }
    return n;
  }

  /** Reads a map header and returns its number of entries, refused as for arrays if it cannot fit. */
  readMapSize(): u32 {
    const b = this.byte();
    let n: u32 = 0;
    if (b >= 0x80 && b <= 0x8f) n = b & 0x0f;
    else if (b == 0xde) n = this.u16be();
    else if (b == 0xdf) n = this.u32be();
    else {
      if (!this.failed) this.unexpected("map", b);
      return 0;
    }
    if (<u64>n * 2 > <u64>this.remaining) {
      this.fail("map of " + n.toString() + " entries is longer than its input");
      return 0;
    }
    return n;
  }

  /**
   * Reads the map header of an operation's arguments. An empty payload counts as an empty map, since a
   * host may send either for an operation without parameters.
   */
  readArgsSize(): u32 {
    if (this.pos == this.end) return 0;
    return this.readMapSize();
  }

  /** Skips the arguments of an operation without parameters: an empty payload or a map, whatever it holds. */
  skipArgs(): void {
    const n = this.readArgsSize();
    for (let i: u32 = 0; i < n && !this.failed; i++) {
      this.skip();
      this.skip();
    }
  }

  /**
   * Reads a map key that names a field, without allocating a string: match it with `keyIs`. A key that is
   * no str is skipped and matches nothing, so its value is skipped as an unknown field.
   */
  readFieldName(): void {
    const b = this.peek();
    if ((b >= 0xa0 && b <= 0xbf) || b == 0xd9 || b == 0xda || b == 0xdb) {
      const len = this.readStrHeader();
      if (len < 0 || !this.need(<usize>len)) {
        this.keyLen = -1;
        return;
      }
      this.keyPtr = this.pos;
      this.keyLen = len;
      this.pos += <usize>len;
    } else {
      this.keyLen = -1;
      this.skip();
    }
  }

  /**
   * Whether the key last read by `readFieldName` is `name`. Field and parameter names are WIDL identifiers,
   * which are ASCII, so comparing each UTF-16 unit of `name` with one byte is exact.
   */
  keyIs(name: string): bool {
    const len = this.keyLen;
    if (len != <isize>name.length) return false;
    const key = this.keyPtr;
    const chars = changetype<usize>(name);
    for (let i: isize = 0; i < len; i++) {
      if (<u16>load<u8>(key + <usize>i) != load<u16>(chars + (<usize>i << 1))) return false;
    }
    return true;
  }

  // ---- enums and unions ----

  /** Records an enum value the schema does not define. */
  invalidEnum(typeName: string, value: i32): void {
    this.fail("unknown " + typeName + " value " + value.toString());
  }

  /**
   * Starts a union: reads its single-key map header and the key, which the glue then matches with
   * `keyIs`. False (error recorded) if the value is no single-key map.
   */
  beginUnion(typeName: string): bool {
    const n = this.readMapSize();
    if (this.failed) return false;
    if (n != 1) {
      this.fail("expected a single-key map for union " + typeName + ", got " + n.toString() + " keys");
      return false;
    }
    this.readFieldName();
    return !this.failed;
  }

  /** Records that the key read by `beginUnion` names no member of the union. */
  unknownUnionMember(typeName: string): void {
    const key = this.keyLen < 0 ? "a non-string key" : String.UTF8.decodeUnsafe(this.keyPtr, <usize>this.keyLen);
    this.fail("unknown member " + key + " of union " + typeName);
  }

  // ---- skipping ----

  /**
   * Skips one value of any type. Iterative, with a count of values still to skip, so that deeply nested
   * input cannot exhaust the stack.
   */
  skip(): void {
    let pending: u64 = 1;
    while (pending > 0 && !this.failed) {
      pending--;
      const b = this.byte();
      if (this.failed) return;
      if (b <= 0x7f || b >= 0xe0 || b == NIL || b == FALSE || b == TRUE) continue;
      if (b <= 0x8f) { pending += <u64>(b & 0x0f) * 2; continue; }
      if (b <= 0x9f) { pending += <u64>(b & 0x0f); continue; }
      if (b <= 0xbf) { this.advance(b & 0x1f); continue; }
      switch (b) {
        case 0xc4: case 0xd9: this.advance(this.byte()); break;
        case 0xc5: case 0xda: this.advance(this.u16be()); break;
        case 0xc6: case 0xdb: this.advance(this.u32be()); break;
        case 0xc7: { const n = this.byte(); this.advance(<usize>n + 1); break; }
        case 0xc8: { const n = this.u16be(); this.advance(<usize>n + 1); break; }
        case 0xc9: { const n = this.u32be(); this.advance(<usize>n + 1); break; }
        case 0xca: this.advance(4); break;
        case 0xcb: this.advance(8); break;
        case 0xcc: case 0xd0: this.advance(1); break;
        case 0xcd: case 0xd1: this.advance(2); break;
        case 0xce: case 0xd2: this.advance(4); break;
        case 0xcf: case 0xd3: this.advance(8); break;
        case 0xd4: this.advance(2); break;
        case 0xd5: this.advance(3); break;
        case 0xd6: this.advance(5); break;
        case 0xd7: this.advance(9); break;
        case 0xd8: this.advance(17); break;
        case 0xdc: pending += <u64>this.u16be(); break;
        case 0xdd: pending += <u64>this.u32be(); break;
        case 0xde: pending += <u64>this.u16be() * 2; break;
        case 0xdf: pending += <u64>this.u32be() * 2; break;
        default: this.fail("invalid msgpack byte 0xc1"); return;
      }
      // Each pending value takes at least one byte: more than remain means the input is malformed.
      if (pending > <u64>this.remaining) {
        this.fail("a container is longer than its input");
        return;
      }
    }
  }

  private advance(n: usize): void {
    if (this.need(n)) this.pos += n;
  }
}
