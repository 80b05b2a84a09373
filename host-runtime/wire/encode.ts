/**
 * Encoders: one closure per `WireType`, built once, that checks a value against its type and writes it with a
 * `WireWriter` (the smallest int form, float32 for `f32`, bin for bytes, timestamp −1, nil for absent optionals,
 * enums as ints, unions as single-key maps, integer map keys).
 *
 * `any`/`value` go through @msgpack/msgpack's Encoder, reused, with `useBigInt64`.
 */
import { Encoder } from "@msgpack/msgpack";
import { EncodeError, withPath } from "./errors.js";
import { MAX_DEPTH, WireReader } from "./reader.js";
import { describeType, type StructWire, type UnionWire, type WireType } from "./types.js";
import type { WireWriter } from "./writer.js";

// Leaves count as a level for the Encoder: MAX_DEPTH containers hold their scalars at MAX_DEPTH + 1.
const anyEncoder = new Encoder({ useBigInt64: true, maxDepth: MAX_DEPTH + 1 });

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
