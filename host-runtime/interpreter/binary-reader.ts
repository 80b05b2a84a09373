import { CompileError } from "./errors.js";

// ignoreBOM: a leading U+FEFF is part of a name, not a byte-order mark to drop.
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** A cursor over a module's bytes that reads the binary format's primitives, refusing malformed encodings. */
export class BinaryReader {
  pos: number;
  constructor(
    readonly bytes: Uint8Array,
    start = 0,
    public end = bytes.length,
  ) {
    this.pos = start;
  }

  fail(message: string, at = this.pos): never {
    throw new CompileError(`${message} (at byte 0x${at.toString(16)})`);
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  u8(): number {
    if (this.pos >= this.end) this.fail("unexpected end");
    return this.bytes[this.pos++]!;
  }

  /** An unsigned LEB128 of 32 bits, as a non-negative number. */
  u32(): number {
    let result = 0;
    let shift = 0;
    const start = this.pos;
    for (;;) {
      const b = this.u8();
      if (shift === 28) {
        // Fifth byte: only 4 payload bits remain and no continuation.
        if (b & 0x80) this.fail("integer representation too long", start);
        if (b & 0x70) this.fail("integer too large", start);
        return (result + b * 2 ** 28) >>> 0;
      }
      result |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result >>> 0;
      shift += 7;
    }
  }

  /** A signed LEB128 of 32 bits. */
  s32(): number {
    let result = 0;
    let shift = 0;
    const start = this.pos;
    for (;;) {
      const b = this.u8();
      if (shift === 28) {
        if (b & 0x80) this.fail("integer representation too long", start);
        // The unused bits of the last byte must be a sign extension of bit 3.
        const high = b & 0x70;
        if (high !== 0 && high !== 0x70) this.fail("integer too large", start);
        if (((b & 0x08) === 0) !== (high === 0)) this.fail("integer too large", start);
        return result | (b << 28);
      }
      result |= (b & 0x7f) << shift;
      shift += 7;
      if ((b & 0x80) === 0) return shift < 32 && b & 0x40 ? result | (-1 << shift) : result;
    }
  }

  /** A signed LEB128 of 64 bits, as two 32-bit words [lo, hi]. */
  s64(): [number, number] {
    let lo = 0;
    let hi = 0;
    let shift = 0;
    const start = this.pos;
    for (;;) {
      const b = this.u8();
      if (shift === 63) {
        if (b & 0x80) this.fail("integer representation too long", start);
        // Only bit 0 is payload; the rest must repeat it (sign extension).
        if (b !== 0 && b !== 0x7f) this.fail("integer too large", start);
        hi |= (b & 1) << 31;
        return [lo | 0, hi | 0];
      }
      const v = b & 0x7f;
      if (shift < 28) lo |= v << shift;
      else if (shift === 28) {
        lo |= v << 28;
        hi |= v >>> 4;
      } else hi |= v << (shift - 32);
      shift += 7;
      if ((b & 0x80) === 0) {
        if (b & 0x40) {
          if (shift < 32) {
            lo |= -1 << shift;
            hi = -1;
          } else if (shift < 64) hi |= -1 << (shift - 32);
        }
        return [lo | 0, hi | 0];
      }
    }
  }

  /** A signed LEB128 of 33 bits, as a block type index or negative type code. */
  s33(): number {
    let result = 0;
    let mul = 1;
    const start = this.pos;
    for (let i = 0; ; i++) {
      const b = this.u8();
      if (i === 4) {
        if (b & 0x80) this.fail("integer representation too long", start);
        // Bit 4 is the sign (bit 32); bits 5 and 6 must repeat it.
        if ((b & 0x60) !== (b & 0x10 ? 0x60 : 0)) this.fail("integer too large", start);
        result += (b & 0x7f) * mul;
        return b & 0x10 ? result - 2 ** 35 : result;
      }
      result += (b & 0x7f) * mul;
      mul *= 128;
      if ((b & 0x80) === 0) return b & 0x40 ? result - mul : result;
    }
  }

  /** Four little-endian bytes as an int32 (the bits of an f32). */
  f32Bits(): number {
    if (this.pos + 4 > this.end) this.fail("unexpected end");
    const b = this.bytes;
    const p = this.pos;
    this.pos += 4;
    return b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24);
  }

  bytesOf(length: number): Uint8Array {
    if (this.pos + length > this.end) this.fail("unexpected end of section or function");
    const out = this.bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }

  name(): string {
    const length = this.u32();
    const at = this.pos;
    const raw = this.bytesOf(length);
    try {
      return utf8.decode(raw);
    } catch {
      this.fail("malformed UTF-8 encoding", at);
    }
  }
}
