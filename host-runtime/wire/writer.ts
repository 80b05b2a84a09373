/**
 * `WireWriter`: a growable msgpack output buffer, reused across calls. Each format byte is written with its name
 * from the msgpack spec beside it.
 */
import { encodeDateToTimeSpec, encodeTimeSpecToTimestamp } from "@msgpack/msgpack";

const textEncoder = new TextEncoder();

/** The slab `WireWriter.finish` carves small results from; a fresh one when it is full. */
const SLAB_SIZE = 8192;
const SLAB_MAX = 1024;
let slab = new Uint8Array(SLAB_SIZE);
let slabUsed = 0;

/** A growable output buffer, reused across calls; `finish()` copies the bytes out. */
export class WireWriter {
  private buf = new Uint8Array(1024);
  private view = new DataView(this.buf.buffer);
  pos = 0;

  reset(): void {
    this.pos = 0;
  }

  /**
   * The bytes written since `reset`, as a new array the caller owns. Small results are carved out of a shared 8 KiB
   * slab, as Node's `Buffer.allocUnsafe` does: allocating an ArrayBuffer of its own cost 300–600 ns, more than
   * encoding a 20-field record (bench/codec.ts, P4). Such an array does not cover its `.buffer`; the pool's
   * `preparePayload` copies rather than transfers it.
   */
  finish(): Uint8Array {
    const n = this.pos;
    // Up to 64 bytes V8 allocates typed arrays on its heap, which is cheap already.
    if (n <= 64 || n > SLAB_MAX) return this.buf.slice(0, n);
    if (slabUsed + n > SLAB_SIZE) {
      slab = new Uint8Array(SLAB_SIZE);
      slabUsed = 0;
    }
    const start = slabUsed;
    slab.set(this.buf.subarray(0, n), start);
    slabUsed = (start + n + 7) & ~7;
    return slab.subarray(start, start + n);
  }

  /**
   * The bytes written since `reset`, as a view of the writer's buffer, valid until the next write: for callers that
   * copy them elsewhere at once (the direct ABI writes them straight into guest memory), saving `finish`'s copy.
   */
  written(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }

  private ensure(n: number): void {
    const need = this.pos + n;
    if (need <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < need) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  u8(b: number): void {
    this.ensure(1);
    this.buf[this.pos++] = b;
  }

  private head8(b: number, v: number): void {
    this.ensure(2);
    this.buf[this.pos++] = b;
    this.buf[this.pos++] = v;
  }
  private head16(b: number, v: number): void {
    this.ensure(3);
    this.buf[this.pos] = b;
    this.view.setUint16(this.pos + 1, v);
    this.pos += 3;
  }
  private head32(b: number, v: number): void {
    this.ensure(5);
    this.buf[this.pos] = b;
    this.view.setUint32(this.pos + 1, v);
    this.pos += 5;
  }

  nil(): void {
    this.u8(0xc0); // nil
  }

  bool(v: boolean): void {
    this.u8(v ? 0xc3 : 0xc2); // true : false
  }

  /** A safe integer, in the smallest msgpack form. */
  int(v: number): void {
    if (v >= 0) {
      if (v < 0x80) this.u8(v); // positive fixint
      else if (v < 0x100) this.head8(0xcc, v); // uint 8
      else if (v < 0x10000) this.head16(0xcd, v); // uint 16
      else if (v < 0x100000000) this.head32(0xce, v); // uint 32
      else this.big(BigInt(v));
    } else {
      if (v >= -0x20) this.u8(v & 0xff); // negative fixint
      else if (v >= -0x80) this.head8(0xd0, v & 0xff); // int 8
      else if (v >= -0x8000) this.head16(0xd1, v & 0xffff); // int 16
      else if (v >= -0x80000000) this.head32(0xd2, v >>> 0); // int 32
      else this.big(BigInt(v));
    }
  }

  /** A 64-bit integer, in the smallest msgpack form. */
  bigint(v: bigint): void {
    if (v >= -0x80000000n && v < 0x100000000n) this.int(Number(v));
    else this.big(v);
  }

  private big(v: bigint): void {
    this.ensure(9);
    if (v >= 0n) {
      this.buf[this.pos] = 0xcf; // uint 64
      this.view.setBigUint64(this.pos + 1, v);
    } else {
      this.buf[this.pos] = 0xd3; // int 64
      this.view.setBigInt64(this.pos + 1, v);
    }
    this.pos += 9;
  }

  f32(v: number): void {
    this.ensure(5);
    this.buf[this.pos] = 0xca; // float 32
    this.view.setFloat32(this.pos + 1, v);
    this.pos += 5;
  }

  f64(v: number): void {
    this.ensure(9);
    this.buf[this.pos] = 0xcb; // float 64
    this.view.setFloat64(this.pos + 1, v);
    this.pos += 9;
  }

  str(s: string): void {
    const n = s.length;
    // Short ASCII strings are written by hand: cheaper than a TextEncoder call for map keys and small
    // arguments (the P1 16-byte case in bench/).
    if (n < 32) {
      this.ensure(1 + n * 3);
      const start = this.pos;
      let ascii = true;
      for (let i = 0; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x80) {
          ascii = false;
          break;
        }
        this.buf[start + 1 + i] = c;
      }
      if (ascii) {
        this.buf[start] = 0xa0 | n; // fixstr
        this.pos = start + 1 + n;
        return;
      }
    }
    // Reserve the header for the worst case (3 bytes per UTF-16 unit), encode in place, then move the
    // body back if the real length takes a smaller header.
    const max = n * 3;
    const headSize = max < 32 ? 1 : max < 0x100 ? 2 : max < 0x10000 ? 3 : 5;
    this.ensure(headSize + max);
    const start = this.pos;
    const { written } = textEncoder.encodeInto(s, this.buf.subarray(start + headSize));
    const realHead = written < 32 ? 1 : written < 0x100 ? 2 : written < 0x10000 ? 3 : 5;
    if (realHead !== headSize) this.buf.copyWithin(start + realHead, start + headSize, start + headSize + written);
    this.pos = start;
    this.strHeader(written);
    this.pos = start + realHead + written;
  }

  private strHeader(n: number): void {
    if (n < 32) this.u8(0xa0 | n); // fixstr
    else if (n < 0x100) this.head8(0xd9, n); // str 8
    else if (n < 0x10000) this.head16(0xda, n); // str 16
    else this.head32(0xdb, n); // str 32
  }

  bin(b: Uint8Array): void {
    const n = b.length;
    if (n < 0x100) this.head8(0xc4, n); // bin 8
    else if (n < 0x10000) this.head16(0xc5, n); // bin 16
    else this.head32(0xc6, n); // bin 32
    this.bytes(b);
  }

  /** Bytes as they are (pre-encoded msgpack, cached keys). */
  bytes(b: Uint8Array): void {
    const n = b.length;
    this.ensure(n);
    const buf = this.buf;
    const pos = this.pos;
    // Struct keys are a few bytes: a loop beats the `set` builtin's call (bench/codec.ts, P4).
    if (n <= 16) for (let i = 0; i < n; i++) buf[pos + i] = b[i]!;
    else buf.set(b, pos);
    this.pos = pos + n;
  }

  arrayHeader(n: number): void {
    if (n < 16) this.u8(0x90 | n); // fixarray
    else if (n < 0x10000) this.head16(0xdc, n); // array 16
    else this.head32(0xdd, n); // array 32
  }

  mapHeader(n: number): void {
    if (n < 16) this.u8(0x80 | n); // fixmap
    else if (n < 0x10000) this.head16(0xde, n); // map 16
    else this.head32(0xdf, n); // map 32
  }

  timestamp(d: Date): void {
    const data = encodeTimeSpecToTimestamp(encodeDateToTimeSpec(d));
    if (data.length === 4) this.u8(0xd6); // fixext 4
    else if (data.length === 8) this.u8(0xd7); // fixext 8
    else this.head8(0xc7, data.length); // ext 8
    this.u8(0xff); // extension type −1
    this.bytes(data);
  }
}
