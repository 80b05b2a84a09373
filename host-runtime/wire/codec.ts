/**
 * The typed msgpack codec: writes and reads one value of a known `WireType`, validating as it goes.
 *
 * Why not plain `encode()`/`decode()` from @msgpack/msgpack: its Encoder writes every object key as a
 * string and has no per-value float32, and its Decoder stores map keys in plain objects, so `{i32: V}`
 * maps cannot round-trip their integer keys and `f32` fields would go out as float64. A codec that
 * knows the type writes each rule once (smallest int, float32 for `f32`, bin for bytes, timestamp −1,
 * nil for absent optionals, enums as ints, unions as single-key maps, integer map keys) and checks the
 * guest's answer while reading it, with no intermediate object tree. @msgpack/msgpack still does the
 * untyped parts: `any`/`value` go through one reused Encoder and Decoder with `useBigInt64`, and
 * timestamps through its timestamp helpers.
 */
import {
  Decoder,
  Encoder,
  decodeTimestampToTimeSpec,
  encodeDateToTimeSpec,
  encodeTimeSpecToTimestamp,
} from "@msgpack/msgpack";
import { DecodeError, EncodeError, withPath } from "./errors.js";
import { describeType, type StructWire, type UnionWire, type WireType } from "./types.js";

/**
 * How deep containers (lists, maps, structs, unions) may nest in a decoded payload or in JSON arguments; guest
 * data is untrusted. The same limit and wording as the AssemblyScript and Rust guests' decoders.
 */
export const MAX_DEPTH = 256;

/** The error past `MAX_DEPTH`, worded as the guests word it. */
export function tooDeep(): DecodeError {
  return new DecodeError(`nesting deeper than ${MAX_DEPTH}`);
}

/** What a struct or argument decoder holds for a key not (yet) seen, where the field has a default. */
export const MISSING: unique symbol = Symbol("missing");

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder("utf-8", { fatal: true });
// Leaves count as a level for the Encoder: MAX_DEPTH containers hold their scalars at MAX_DEPTH + 1.
const anyEncoder = new Encoder({ useBigInt64: true, maxDepth: MAX_DEPTH + 1 });
const anyDecoder = new Decoder({ useBigInt64: true });

// ---------------------------------------------------------------------------------------------
// Writing

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
    this.u8(0xc0);
  }

  bool(v: boolean): void {
    this.u8(v ? 0xc3 : 0xc2);
  }

  /** A safe integer, in the smallest msgpack form. */
  int(v: number): void {
    if (v >= 0) {
      if (v < 0x80) this.u8(v);
      else if (v < 0x100) this.head8(0xcc, v);
      else if (v < 0x10000) this.head16(0xcd, v);
      else if (v < 0x100000000) this.head32(0xce, v);
      else this.big(BigInt(v));
    } else {
      if (v >= -0x20) this.u8(v & 0xff);
      else if (v >= -0x80) this.head8(0xd0, v & 0xff);
      else if (v >= -0x8000) this.head16(0xd1, v & 0xffff);
      else if (v >= -0x80000000) this.head32(0xd2, v >>> 0);
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
      this.buf[this.pos] = 0xcf;
      this.view.setBigUint64(this.pos + 1, v);
    } else {
      this.buf[this.pos] = 0xd3;
      this.view.setBigInt64(this.pos + 1, v);
    }
    this.pos += 9;
  }

  f32(v: number): void {
    this.ensure(5);
    this.buf[this.pos] = 0xca;
    this.view.setFloat32(this.pos + 1, v);
    this.pos += 5;
  }

  f64(v: number): void {
    this.ensure(9);
    this.buf[this.pos] = 0xcb;
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
        this.buf[start] = 0xa0 | n;
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
    if (n < 32) this.u8(0xa0 | n);
    else if (n < 0x100) this.head8(0xd9, n);
    else if (n < 0x10000) this.head16(0xda, n);
    else this.head32(0xdb, n);
  }

  bin(b: Uint8Array): void {
    const n = b.length;
    if (n < 0x100) this.head8(0xc4, n);
    else if (n < 0x10000) this.head16(0xc5, n);
    else this.head32(0xc6, n);
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
    if (n < 16) this.u8(0x90 | n);
    else if (n < 0x10000) this.head16(0xdc, n);
    else this.head32(0xdd, n);
  }

  mapHeader(n: number): void {
    if (n < 16) this.u8(0x80 | n);
    else if (n < 0x10000) this.head16(0xde, n);
    else this.head32(0xdf, n);
  }

  timestamp(d: Date): void {
    const data = encodeTimeSpecToTimestamp(encodeDateToTimeSpec(d));
    if (data.length === 4) this.u8(0xd6);
    else if (data.length === 8) this.u8(0xd7);
    else this.head8(0xc7, data.length);
    this.u8(0xff); // extension type −1
    this.bytes(data);
  }
}

function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (v instanceof Uint8Array) return "a Uint8Array";
  if (v instanceof Map) return "a Map";
  if (v instanceof Date) return "a Date";
  if (typeof v === "number") return `the number ${v}`;
  if (typeof v === "bigint") return `the bigint ${v}n`;
  return typeof v === "object" ? "an object" : `a ${typeof v}`;
}

function expected(t: WireType, v: unknown): EncodeError {
  return new EncodeError(`expected ${describeType(t)}, got ${typeOf(v)}`);
}

/** Writes one value of a known type; built once per descriptor by `encoderOf`. */
export type ValueEncoder = (w: WireWriter, v: unknown) => void;

const encoders = new WeakMap<WireType, ValueEncoder>();

/** Writes `v` as type `t`; throws `EncodeError` naming the path when `v` does not fit. */
export function writeValue(w: WireWriter, t: WireType, v: unknown): void {
  encoderOf(t)(w, v);
}

/**
 * The encoder of a descriptor, built on first use and cached. Each kind's rules are resolved once into a closure
 * (children's encoders, keys, ranges), instead of a switch on `kind` per value: reading `kind` from a dozen
 * descriptor shapes went megamorphic and, with a try/catch per field, was most of a 20-field encode
 * (bench/codec.ts, P4).
 */
export function encoderOf(t: WireType): ValueEncoder {
  // The last type asked for, before the WeakMap: a lookup there cost ~45 ns, 3% of a 20-field encode + decode, and
  // callers mostly ask for the same type again (bench/codec.ts, P4).
  if (t === lastEncoded) return lastEncoder!;
  let e = encoders.get(t);
  if (e === undefined) {
    if (t.kind === "struct" || t.kind === "union") {
      // A recursive type meets itself while its children are built: it gets a forwarder to the real encoder.
      let real: ValueEncoder | undefined;
      encoders.set(t, (w, v) => real!(w, v));
      real = t.kind === "struct" ? structEncoder(t) : unionEncoder(t);
      e = real;
    } else {
      e = buildEncoder(t);
    }
    encoders.set(t, e);
  }
  lastEncoded = t;
  lastEncoder = e;
  return e;
}

let lastEncoded: WireType | undefined;
let lastEncoder: ValueEncoder | undefined;

function buildEncoder(t: WireType): ValueEncoder {
  switch (t.kind) {
    case "bool":
      return (w, v) => {
        if (typeof v !== "boolean") throw expected(t, v);
        w.bool(v);
      };
    case "int": {
      const { min, max, name } = t;
      return (w, v) => {
        if (typeof v !== "number" || !Number.isInteger(v)) throw expected(t, v);
        if (v < min || v > max) throw new EncodeError(`${v} is out of range for ${name}`);
        w.int(v);
      };
    }
    case "bigint": {
      const { min, max, name } = t;
      return (w, v) => {
        if (typeof v !== "bigint") throw expected(t, v);
        if (v < min || v > max) throw new EncodeError(`${v} is out of range for ${name}`);
        w.bigint(v);
      };
    }
    case "float":
      return t.name === "f32"
        ? (w, v) => {
            if (typeof v !== "number") throw expected(t, v);
            w.f32(v);
          }
        : (w, v) => {
            if (typeof v !== "number") throw expected(t, v);
            w.f64(v);
          };
    case "string":
      return (w, v) => {
        if (typeof v !== "string") throw expected(t, v);
        w.str(v);
      };
    case "bytes":
      return (w, v) => {
        if (!(v instanceof Uint8Array)) throw expected(t, v);
        w.bin(v);
      };
    case "datetime":
      return (w, v) => {
        if (!(v instanceof Date)) throw expected(t, v);
        if (Number.isNaN(v.getTime())) throw new EncodeError("invalid Date");
        w.timestamp(v);
      };
    case "raw":
      return (w, v) => {
        if (!(v instanceof Uint8Array)) throw expected(t, v);
        checkRaw(v);
        w.bytes(v);
      };
    case "any":
      return (w, v) => {
        let b: Uint8Array;
        try {
          b = anyEncoder.encode(v);
        } catch (e) {
          throw new EncodeError(/^Too deep/.test((e as Error).message) ? `nesting deeper than ${MAX_DEPTH}` : (e as Error).message);
        }
        w.bytes(b);
      };
    case "optional": {
      const inner = encoderOf(t.inner);
      return (w, v) => {
        if (v === undefined || v === null) w.nil();
        else inner(w, v);
      };
    }
    case "list": {
      const item = encoderOf(t.item);
      return (w, v) => {
        if (!Array.isArray(v)) throw expected(t, v);
        const n = v.length;
        w.arrayHeader(n);
        let i = 0;
        try {
          for (; i < n; i++) item(w, v[i]);
        } catch (e) {
          throw withPath(e, `[${i}]`);
        }
      };
    }
    case "map": {
      const key = encoderOf(t.key);
      const value = encoderOf(t.value);
      return (w, v) => {
        if (!(v instanceof Map)) throw expected(t, v);
        w.mapHeader(v.size);
        for (const [k, x] of v) {
          try {
            key(w, k);
            value(w, x);
          } catch (e) {
            throw withPath(e, `{${String(k)}}`);
          }
        }
      };
    }
    case "enum": {
      const values = t.values;
      return (w, v) => {
        if (typeof v !== "number" || !values.has(v)) throw new EncodeError(`${typeOf(v)} is not a value of enum ${t.name}`);
        w.int(v);
      };
    }
    case "struct":
    case "union":
      return encoderOf(t);
  }
}

function structEncoder(t: StructWire): ValueEncoder {
  const fields = t.fields;
  const n = fields.length;
  const keys = fields.map((f) => f.keyBytes);
  const props = fields.map((f) => f.prop);
  const optional = fields.map((f) => f.optional);
  const encs = fields.map((f) => encoderOf(f.type));
  // One try/catch for the whole struct; the failing field is the loop index, read only on the error path.
  return (w, v) => {
    if (typeof v !== "object" || v === null || Array.isArray(v)) throw expected(t, v);
    const obj = v as Record<string, unknown>;
    w.mapHeader(n);
    let i = 0;
    try {
      for (; i < n; i++) {
        w.bytes(keys[i]!);
        const fv = obj[props[i]!];
        if (fv !== undefined) encs[i]!(w, fv);
        else if (optional[i]) w.nil();
        else break;
      }
    } catch (e) {
      throw withPath(e, `.${props[i]}`);
    }
    if (i < n) {
      const f = fields[i]!;
      throw new EncodeError(`missing required field "${f.prop}" (${describeType(f.type)}) of ${t.name}`);
    }
  };
}

function unionEncoder(t: UnionWire): ValueEncoder {
  const members = t.members;
  const encs = members.map((m) => encoderOf(m.type));
  return (w, v) => {
    const u = v as { kind?: unknown; value?: unknown } | null;
    if (typeof u !== "object" || u === null) throw expected(t, v);
    const index = members.findIndex((m) => m.name === u.kind);
    if (index < 0) {
      const names = members.map((m) => m.name).join(", ");
      throw new EncodeError(`union ${t.name} needs kind one of ${names}, got ${typeOf(u.kind)}`);
    }
    const member = members[index]!;
    w.mapHeader(1);
    w.bytes(member.keyBytes);
    try {
      encs[index]!(w, u.value);
    } catch (e) {
      throw withPath(e, `.${member.name}`);
    }
  };
}

/** A `raw` value must hold exactly one msgpack value, or the payload around it would be corrupt. */
function checkRaw(b: Uint8Array): void {
  const r = new WireReader();
  r.reset(b);
  try {
    r.skip();
  } catch {
    throw new EncodeError("raw value is not valid msgpack");
  }
  if (r.pos !== b.length) throw new EncodeError("raw value holds more than one msgpack value");
}

// ---------------------------------------------------------------------------------------------
// Reading

/** Names the msgpack type a byte starts, for "expected string, got int". */
function wireName(b: number): string {
  if (b <= 0x7f || b >= 0xe0 || (b >= 0xcc && b <= 0xd3)) return "int";
  if (b <= 0x8f || b === 0xde || b === 0xdf) return "map";
  if (b <= 0x9f || b === 0xdc || b === 0xdd) return "array";
  if (b <= 0xbf || (b >= 0xd9 && b <= 0xdb)) return "str";
  switch (b) {
    case 0xc0:
      return "nil";
    case 0xc2:
    case 0xc3:
      return "bool";
    case 0xc4:
    case 0xc5:
    case 0xc6:
      return "bin";
    case 0xca:
    case 0xcb:
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
      this.pos++;
      return b;
    }
    if (b >= 0xe0) {
      this.pos++;
      return b - 0x100;
    }
    switch (b) {
      case 0xcc:
        this.need(2);
        this.pos += 2;
        return this.bytes[p + 1]!;
      case 0xcd:
        this.need(3);
        this.pos += 3;
        return this.u16(p + 1);
      case 0xce:
        this.need(5);
        this.pos += 5;
        return this.u32(p + 1);
      case 0xcf: {
        this.need(9);
        this.pos += 9;
        const v = this.view.getBigUint64(p + 1);
        return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
      }
      case 0xd0:
        this.need(2);
        this.pos += 2;
        return (this.bytes[p + 1]! << 24) >> 24;
      case 0xd1:
        this.need(3);
        this.pos += 3;
        return (this.u16(p + 1) << 16) >> 16;
      case 0xd2:
        this.need(5);
        this.pos += 5;
        return this.u32(p + 1) | 0;
      case 0xd3: {
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
    return this.sized(0xa0, 0x1f, 0xd9, 0xda, 0xdb);
  }
  binLength(): number | undefined {
    return this.sized(0, 0, 0xc4, 0xc5, 0xc6);
  }
  /** An array header; the count is bounded by the bytes left, since each element takes at least one. */
  arrayLength(): number | undefined {
    const n = this.sized(0x90, 0x0f, 0, 0xdc, 0xdd);
    if (n !== undefined && n > this.end - this.pos) throw new DecodeError(`array of ${n} items in ${this.end - this.pos} bytes`);
    return n;
  }
  mapLength(): number | undefined {
    const n = this.sized(0x80, 0x0f, 0, 0xde, 0xdf);
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
        case 0xc0:
        case 0xc2:
        case 0xc3:
          this.pos += 1;
          continue;
        case 0xca:
          this.need(5);
          this.pos += 5;
          continue;
        case 0xcb:
          this.need(9);
          this.pos += 9;
          continue;
        case 0xd4:
        case 0xd5:
        case 0xd6:
        case 0xd7:
        case 0xd8: {
          const size = 1 << (b - 0xd4);
          this.need(2 + size);
          this.pos += 2 + size;
          continue;
        }
        case 0xc7:
        case 0xc8:
        case 0xc9: {
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
      size = 1 << (b - 0xd4);
      head = 2;
    } else if (b === 0xc7 || b === 0xc8 || b === 0xc9) {
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

/** Reads one value of a known type; built once per descriptor by `decoderOf`. */
export type ValueDecoder = (r: WireReader, depth: number) => unknown;

const decoders = new WeakMap<WireType, ValueDecoder>();

/** Reads one value of type `t`; throws `DecodeError` naming the path on a mismatch. */
export function readValue(r: WireReader, t: WireType, depth = 0): unknown {
  return decoderOf(t)(r, depth);
}

/** The decoder of a descriptor, built on first use and cached; see `encoderOf` for why (bench/codec.ts, P4). */
export function decoderOf(t: WireType): ValueDecoder {
  if (t === lastDecoded) return lastDecoder!; // see `encoderOf`
  let d = decoders.get(t);
  if (d === undefined) {
    if (t.kind === "struct" || t.kind === "union") {
      let real: ValueDecoder | undefined;
      decoders.set(t, (r, depth) => real!(r, depth));
      real = t.kind === "struct" ? structDecoder(t) : unionDecoder(t);
      d = real;
    } else {
      d = buildDecoder(t);
    }
    decoders.set(t, d);
  }
  lastDecoded = t;
  lastDecoder = d;
  return d;
}

let lastDecoded: WireType | undefined;
let lastDecoder: ValueDecoder | undefined;

function buildDecoder(t: WireType): ValueDecoder {
  switch (t.kind) {
    case "bool":
      return (r) => {
        const b = r.peek();
        if (b === 0xc2 || b === 0xc3) {
          r.pos++;
          return b === 0xc3;
        }
        throw r.wrongType(t);
      };
    case "int": {
      const { min, max, name } = t;
      return (r) => {
        const v = r.int();
        if (v === undefined) throw r.wrongType(t);
        if (typeof v === "bigint" || v < min || v > max) throw new DecodeError(`${v} is out of range for ${name}`);
        return v;
      };
    }
    case "bigint": {
      const { min, max, name } = t;
      return (r) => {
        const n = r.int();
        if (n === undefined) throw r.wrongType(t);
        const v = BigInt(n);
        if (v < min || v > max) throw new DecodeError(`${v} is out of range for ${name}`);
        return v;
      };
    }
    case "float":
      return (r) => {
        const b = r.peek();
        if (b === 0xca) {
          r.need(5);
          r.pos += 5;
          return readFloat32(r.bytes, r.pos - 4);
        }
        if (b === 0xcb) {
          r.need(9);
          r.pos += 9;
          return readFloat64(r.bytes, r.pos - 8);
        }
        const v = r.int();
        if (v === undefined) throw r.wrongType(t);
        return Number(v);
      };
    case "string":
      return (r) => {
        const n = r.strLength();
        if (n === undefined) throw r.wrongType(t);
        return r.utf8(n);
      };
    case "bytes":
      return (r) => {
        const n = r.binLength();
        if (n === undefined) throw r.wrongType(t);
        r.need(n);
        r.pos += n;
        // A copy: the payload may be a view of guest memory or of a reused buffer.
        return r.bytes.slice(r.pos - n, r.pos);
      };
    case "datetime":
      return (r) => {
        const e = r.ext();
        if (e === undefined) throw r.wrongType(t);
        if (e.type !== -1) throw new DecodeError(`expected datetime (timestamp extension −1), got extension ${e.type}`);
        let spec;
        try {
          spec = decodeTimestampToTimeSpec(e.data);
        } catch (err) {
          throw new DecodeError(`malformed timestamp: ${(err as Error).message}`);
        }
        return new Date(spec.sec * 1e3 + Math.floor(spec.nsec / 1e6));
      };
    case "raw":
      return (r) => {
        const start = r.pos;
        r.skip();
        return r.bytes.slice(start, r.pos);
      };
    case "any":
      return (r, depth) => {
        const start = r.pos;
        // Bounded here: the untyped Decoder below would build any depth, for callers to overflow on.
        r.skipWithin(depth);
        try {
          return anyDecoder.decode(r.bytes.subarray(start, r.pos));
        } catch (err) {
          throw new DecodeError((err as Error).message);
        }
      };
    case "optional": {
      const inner = decoderOf(t.inner);
      return (r, depth) => {
        if (r.peek() === 0xc0) {
          r.pos++;
          return undefined;
        }
        return inner(r, depth);
      };
    }
    case "list": {
      const item = decoderOf(t.item);
      return (r, depth) => {
        const n = r.arrayLength();
        if (n === undefined) throw r.wrongType(t);
        if (depth >= MAX_DEPTH) throw tooDeep();
        const out: unknown[] = [];
        let i = 0;
        try {
          for (; i < n; i++) out.push(item(r, depth + 1));
        } catch (e) {
          throw withPath(e, `[${i}]`);
        }
        return out;
      };
    }
    case "map": {
      const key = decoderOf(t.key);
      const value = decoderOf(t.value);
      return (r, depth) => {
        const n = r.mapLength();
        if (n === undefined) throw r.wrongType(t);
        if (depth >= MAX_DEPTH) throw tooDeep();
        const out = new Map<unknown, unknown>();
        for (let i = 0; i < n; i++) {
          let k: unknown = `#${i}`;
          try {
            k = key(r, depth + 1);
            out.set(k, value(r, depth + 1));
          } catch (e) {
            throw withPath(e, `{${String(k)}}`);
          }
        }
        return out;
      };
    }
    case "enum": {
      const values = t.values;
      return (r) => {
        const v = r.int();
        if (v === undefined) throw r.wrongType(t);
        if (typeof v !== "number" || !values.has(v)) throw new DecodeError(`${v} is not a value of enum ${t.name}`);
        return v;
      };
    }
    case "struct":
    case "union":
      return decoderOf(t);
  }
}

function unionDecoder(t: UnionWire): ValueDecoder {
  return (r, depth) => {
    const n = r.mapLength();
    if (n === undefined) throw r.wrongType(t);
    if (n !== 1) throw new DecodeError(`union ${t.name} must be a map with exactly one key, got ${n}`);
    const len = r.strLength();
    if (len === undefined) throw r.wrongType(`a member name of union ${t.name}`);
    const name = r.utf8(len);
    const member = t.members.find((m) => m.name === name);
    if (member === undefined) {
      throw new DecodeError(`"${name}" is not a member of union ${t.name} (${t.members.map((m) => m.name).join(", ")})`);
    }
    if (depth >= MAX_DEPTH) throw tooDeep();
    try {
      return { kind: name, value: decoderOf(member.type)(r, depth + 1) };
    } catch (e) {
      throw withPath(e, `.${name}`);
    }
  };
}

function structDecoder(t: StructWire): ValueDecoder {
  const fields = t.fields;
  const count = fields.length;
  const decs = fields.map((f) => decoderOf(f.type));
  const props = fields.map((f) => f.prop);
  const required = fields.flatMap((f, i) => (f.optional || f.default !== undefined ? [] : [i]));
  const defaulted = fields.flatMap((f, i) => (f.default !== undefined ? [i] : []));
  const compiled = compiledStructDecoder(t, decs);
  if (compiled !== undefined) return compiled;
  const factory = structFactory(t);
  // A field with a default starts as MISSING, so a key sent as nil (a present key wins) stays undefined.
  const initial = fields.map((f) => (f.default !== undefined ? MISSING : undefined));
  return (r, depth) => {
    const n = r.mapLength();
    if (n === undefined) throw r.wrongType(t);
    if (depth >= MAX_DEPTH) throw tooDeep();
    // Values by field index, then one object of a fixed shape: stores keyed by a different name at every field
    // went megamorphic and cost most of a 20-field decode (bench/codec.ts, P4).
    const values: unknown[] = count === 0 ? [] : initial.slice();
    // One try/catch for the whole struct; the field being read is `index`, used only on the error path.
    let index = -1;
    try {
      for (let i = 0; i < n; i++) {
        index = -1;
        const found = matchKey(r, fields, i);
        if (found < 0) {
          r.skip();
          continue;
        }
        index = found;
        values[found] = decs[found]!(r, depth + 1);
      }
    } catch (e) {
      throw index < 0 ? e : withPath(e, `.${props[index]}`);
    }
    for (let j = 0; j < required.length; j++) {
      const i = required[j]!;
      if (values[i] === undefined) {
        const f = fields[i]!;
        throw new DecodeError(`missing required field "${f.wire}" (${describeType(f.type)}) of ${t.name}`);
      }
    }
    for (let j = 0; j < defaulted.length; j++) {
      const i = defaulted[j]!;
      if (values[i] === MISSING) values[i] = fields[i]!.default!();
    }
    return factory(values);
  };
}

/**
 * The same decoder as the closure in `structDecoder`, generated once per struct with `new Function`: each field's
 * value in a local and each field's decoder called from a call site of its own, so V8 can inline the small ones,
 * and the object built as one literal without an array of values in between (bench/codec.ts, P4: the 20-field
 * decode went from ~700 to ~590 ns, the `Input {x, y}` one from ~67 to ~45 ns). Undefined where code generation
 * from strings is disabled. Keys are computed string literals, as in `structFactory`.
 */
function compiledStructDecoder(t: StructWire, decs: readonly ValueDecoder[]): ValueDecoder | undefined {
  const fields = t.fields;
  const n = fields.length;
  const locals = fields.map((_, i) => `v${i}`);
  const source = [
    `const [${fields.map((_, i) => `d${i}`).join(", ")}] = decs;`,
    `return function decodeStruct(r, depth) {`,
    `  const n = r.mapLength();`,
    `  if (n === undefined) throw r.wrongType(t);`,
    `  if (depth >= MAX_DEPTH) throw tooDeep();`,
    // A field with a default starts as MISSING, so a key sent as nil (a present key wins) stays undefined.
    n > 0 ? `  let ${fields.map((f, i) => (f.default !== undefined ? `${locals[i]} = MISSING` : locals[i])).join(", ")};` : ``,
    `  let index = -1;`,
    `  try {`,
    `    for (let i = 0; i < n; i++) {`,
    `      index = -1;`,
    `      const found = matchKey(r, fields, i);`,
    `      switch (found) {`,
    ...fields.map((_, i) => `        case ${i}: index = ${i}; v${i} = d${i}(r, depth + 1); break;`),
    `        default: r.skip();`,
    `      }`,
    `    }`,
    `  } catch (e) {`,
    `    throw index < 0 ? e : withPath(e, "." + fields[index].prop);`,
    `  }`,
    ...fields.flatMap((f, i) =>
      f.default !== undefined
        ? [`  if (v${i} === MISSING) v${i} = fields[${i}].default();`]
        : f.optional
          ? []
          : [`  if (v${i} === undefined) throw missing(${i});`],
    ),
    `  return {${fields.map((f, i) => `[${JSON.stringify(f.prop)}]: v${i}`).join(", ")}};`,
    `};`,
  ].join("\n");
  const missing = (i: number) => {
    const f = fields[i]!;
    return new DecodeError(`missing required field "${f.wire}" (${describeType(f.type)}) of ${t.name}`);
  };
  try {
    const make = new Function("decs", "t", "fields", "MAX_DEPTH", "MISSING", "matchKey", "withPath", "missing", "tooDeep", source);
    return make(decs, t, fields, MAX_DEPTH, MISSING, matchKey, withPath, missing, tooDeep) as ValueDecoder;
  } catch {
    return undefined;
  }
}

// Floats by hand through an 8-byte scratch array: no DataView over the payload (see `WireReader.view`).
const scratch = new Float64Array(1);
const scratch32 = new Float32Array(scratch.buffer, 0, 1);
const scratchBytes = new Uint8Array(scratch.buffer);
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function readFloat64(b: Uint8Array, at: number): number {
  if (littleEndian) for (let i = 0; i < 8; i++) scratchBytes[i] = b[at + 7 - i]!;
  else for (let i = 0; i < 8; i++) scratchBytes[i] = b[at + i]!;
  return scratch[0]!;
}

function readFloat32(b: Uint8Array, at: number): number {
  if (littleEndian) for (let i = 0; i < 4; i++) scratchBytes[i] = b[at + 3 - i]!;
  else for (let i = 0; i < 4; i++) scratchBytes[i] = b[at + i]!;
  return scratch32[0]!;
}
type StructFactory = (values: readonly unknown[]) => Record<string, unknown>;
const factories = new WeakMap<object, StructFactory>();

/**
 * A function building a struct's object from its values in field order, as one object literal, so every object of
 * the struct has the same shape from the start. Built once per struct with `new Function`; where code generation
 * from strings is disabled, a loop of plain stores does the same, slower. Keys are written as computed string
 * literals, so a field named `__proto__` is an own property, never the prototype.
 */
function structFactory(t: Extract<WireType, { kind: "struct" }>): StructFactory {
  let factory = factories.get(t);
  if (factory === undefined) {
    const props = t.fields.map((f) => f.prop);
    try {
      factory = new Function("v", `return {${props.map((p, i) => `[${JSON.stringify(p)}]: v[${i}]`).join(", ")}};`) as StructFactory;
    } catch {
      factory = (values) => {
        const out: Record<string, unknown> = {};
        for (let i = 0; i < props.length; i++) Object.defineProperty(out, props[i]!, { value: values[i], enumerable: true, writable: true, configurable: true });
        return out;
      };
    }
    factories.set(t, factory);
  }
  return factory;
}

/**
 * Whether the key at the cursor is exactly `key` (str header included); moves past it if so. A plain function,
 * not a closure in `matchKey`: one closure per key read cost more than the comparison (bench/codec.ts, P4).
 */
function keyAt(r: WireReader, key: Uint8Array): boolean {
  const bytes = r.bytes;
  const start = r.pos;
  const n = key.length;
  if (start + n > r.end) return false;
  for (let j = 0; j < n; j++) if (bytes[start + j] !== key[j]) return false;
  r.pos = start + n;
  return true;
}

/**
 * Reads a struct key and finds its field: first by comparing bytes with the field expected at this
 * position (senders usually keep declaration order), then with every field, then by decoded name
 * for keys written with a wider header than needed. Returns the field index, or -1 for an unknown key (skipped).
 */
function matchKey<F extends { readonly keyBytes: Uint8Array; readonly wire: string }>(
  r: WireReader,
  fields: readonly F[],
  hint: number,
): number {
  if (hint < fields.length && keyAt(r, fields[hint]!.keyBytes)) return hint;
  for (let i = 0; i < fields.length; i++) if (i !== hint && keyAt(r, fields[i]!.keyBytes)) return i;
  const len = r.strLength();
  if (len === undefined) {
    r.skip(); // a non-string key: not a field of any struct
    return -1;
  }
  const name = r.utf8(len);
  return fields.findIndex((f) => f.wire === name);
}
