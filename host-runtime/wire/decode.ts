/**
 * Decoders: one closure per `WireType`, built once, that reads a value of that type with a `WireReader` and checks
 * it as it goes (integer width and range, UTF-8, depth, enum values, union members), with no intermediate object
 * tree. Structs are decoded by struct-decoder.ts.
 *
 * `any`/`value` go through @msgpack/msgpack's Decoder, reused, with `useBigInt64`, after `skipWithin` bounded
 * their depth.
 */
import { Decoder, decodeTimestampToTimeSpec } from "@msgpack/msgpack";
import { DecodeError, withPath } from "./errors.js";
import { MAX_DEPTH, readFloat32, readFloat64, tooDeep, type WireReader } from "./reader.js";
import { structDecoder } from "./struct-decoder.js";
import type { UnionWire, WireType } from "./types.js";

const anyDecoder = new Decoder({ useBigInt64: true });

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
      real = t.kind === "struct" ? structDecoder(t, t.fields.map((f) => decoderOf(f.type))) : unionDecoder(t);
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
          // false, true
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
          // float 32
          r.need(5);
          r.pos += 5;
          return readFloat32(r.bytes, r.pos - 4);
        }
        if (b === 0xcb) {
          // float 64
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
          // nil
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
