/**
 * JSON ↔ typed values, for `serve` and `invoke --schema`: JSON from a user is checked against the
 * schema and turned into the values the wire codec writes, and results go back as JSON.
 *
 * JSON has no 64-bit integers, bytes, dates or integer keys, so: `i64`/`u64` accept numbers (safe
 * integers only) and decimal strings and come back as numbers when safe, else strings; `bytes` are
 * base64; `datetime` is an ISO 8601 string (or epoch milliseconds); a map is a JSON object whose keys
 * are parsed as the key type; a union is `{"TypeName": value}` as on the wire. Unknown fields are an
 * error here (a typo in hand-written JSON should not pass silently), unlike on the wire.
 */
import { Decoder, Encoder } from "@msgpack/msgpack";
import { DecodeError, EncodeError, withPath } from "./errors.js";
import { describeType, type WireType } from "./types.js";

const anyEncoder = new Encoder({ useBigInt64: true });
const anyDecoder = new Decoder({ useBigInt64: true });

const jsonType = (v: unknown): string =>
  v === null ? "null" : Array.isArray(v) ? "array" : typeof v === "object" ? "object" : typeof v;

const bad = (t: WireType | string, v: unknown): DecodeError =>
  new DecodeError(`expected ${typeof t === "string" ? t : describeType(t)}, got JSON ${jsonType(v)}`);

function parseKey(t: WireType, key: string): unknown {
  switch (t.kind) {
    case "string":
      return key;
    case "int":
    case "enum":
    case "float":
      if (key.trim() === "" || Number.isNaN(Number(key))) throw new DecodeError(`map key "${key}" is not a number`);
      return fromJson(t, Number(key));
    case "bigint":
      return fromJson(t, key);
    case "bool":
      if (key !== "true" && key !== "false") throw new DecodeError(`map key "${key}" is not a bool`);
      return key === "true";
    default:
      throw new DecodeError(`maps keyed by ${describeType(t)} cannot be written in JSON`);
  }
}

/** A JSON value (as from `JSON.parse`) checked against `t` and converted to the codec's JS value. */
export function fromJson(t: WireType, v: unknown): unknown {
  switch (t.kind) {
    case "bool":
      if (typeof v !== "boolean") throw bad(t, v);
      return v;
    case "int":
      if (typeof v !== "number" || !Number.isInteger(v)) throw bad(t, v);
      if (v < t.min || v > t.max) throw new DecodeError(`${v} is out of range for ${t.name}`);
      return v;
    case "bigint": {
      let b: bigint;
      if (typeof v === "number" && Number.isSafeInteger(v)) b = BigInt(v);
      else if (typeof v === "string" && /^-?\d+$/.test(v)) b = BigInt(v);
      else if (typeof v === "number" && Number.isInteger(v)) {
        throw new DecodeError(`${v} is not exact in JSON; write ${t.name} values beyond 2^53 as strings`);
      } else throw bad(`${t.name} (a number or a decimal string)`, v);
      if (b < t.min || b > t.max) throw new DecodeError(`${b} is out of range for ${t.name}`);
      return b;
    }
    case "float":
      if (typeof v !== "number") throw bad(t, v);
      return v;
    case "string":
      if (typeof v !== "string") throw bad(t, v);
      return v;
    case "bytes":
      if (typeof v !== "string" || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(v)) throw bad("bytes (a base64 string)", v);
      return new Uint8Array(Buffer.from(v, "base64"));
    case "datetime": {
      if (typeof v !== "string" && typeof v !== "number") throw bad("datetime (an ISO 8601 string)", v);
      const d = new Date(v);
      if (Number.isNaN(d.getTime())) throw new DecodeError(`"${v}" is not a date`);
      return d;
    }
    case "raw":
      return anyEncoder.encode(v).slice();
    case "any":
      return v;
    case "optional":
      return v === null || v === undefined ? undefined : fromJson(t.inner, v);
    case "list":
      if (!Array.isArray(v)) throw bad(t, v);
      return v.map((item, i) => {
        try {
          return fromJson(t.item, item);
        } catch (e) {
          throw withPath(e, `[${i}]`);
        }
      });
    case "map": {
      if (typeof v !== "object" || v === null || Array.isArray(v)) throw bad(t, v);
      const out = new Map<unknown, unknown>();
      for (const [k, item] of Object.entries(v)) {
        try {
          out.set(parseKey(t.key, k), fromJson(t.value, item));
        } catch (e) {
          throw withPath(e, `{${k}}`);
        }
      }
      return out;
    }
    case "enum":
      if (typeof v !== "number" || !t.values.has(v)) throw new DecodeError(`${JSON.stringify(v)} is not a value of enum ${t.name}`);
      return v;
    case "struct": {
      if (typeof v !== "object" || v === null || Array.isArray(v)) throw bad(t, v);
      const obj = v as Record<string, unknown>;
      const fields = t.fields;
      for (const k of Object.keys(obj)) {
        if (!fields.some((f) => f.wire === k)) throw new DecodeError(`unknown field "${k}" in ${t.name}`);
      }
      const out: Record<string, unknown> = {};
      for (const f of fields) {
        const fv = Object.hasOwn(obj, f.wire) ? obj[f.wire] : undefined;
        if ((fv === undefined || fv === null) && !f.optional) {
          throw new DecodeError(`missing required field "${f.wire}" (${describeType(f.type)}) of ${t.name}`);
        }
        try {
          out[f.prop] = fromJson(f.type, fv);
        } catch (e) {
          throw withPath(e, `.${f.wire}`);
        }
      }
      return out;
    }
    case "union": {
      if (typeof v !== "object" || v === null || Array.isArray(v)) throw bad(t, v);
      const keys = Object.keys(v);
      const member = keys.length === 1 ? t.members.find((m) => m.name === keys[0]) : undefined;
      if (member === undefined) {
        throw new DecodeError(`union ${t.name} is written {"Member": value} with one of ${t.members.map((m) => m.name).join(", ")}`);
      }
      try {
        return { kind: member.name, value: fromJson(member.type, (v as Record<string, unknown>)[member.name]) };
      } catch (e) {
        throw withPath(e, `.${member.name}`);
      }
    }
  }
}

/** Sets a key on an object built from guest data, refusing the one key that would change its prototype. */
function setKey(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") throw new EncodeError(`the key "__proto__" is not allowed`);
  obj[key] = value;
}

/** Untyped values (`any`, `raw`) made JSON-safe: bigints, bytes and dates as for typed values. */
function anyToJson(v: unknown): unknown {
  if (typeof v === "bigint") return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("base64");
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(anyToJson);
  if (v instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, item] of v) setKey(out, String(k), anyToJson(item));
    return out;
  }
  if (typeof v === "object" && v !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, item] of Object.entries(v)) setKey(out, k, anyToJson(item));
    return out;
  }
  return v;
}

/** A value the codec decoded, as JSON-safe data (for `JSON.stringify`). */
export function toJson(t: WireType, v: unknown): unknown {
  switch (t.kind) {
    case "bigint":
      return Number.isSafeInteger(Number(v)) ? Number(v) : String(v);
    case "bytes":
      return anyToJson(v);
    case "datetime":
      return (v as Date).toISOString();
    case "raw":
      return anyToJson(anyDecoder.decode(v as Uint8Array));
    case "any":
      return anyToJson(v);
    case "optional":
      return v === undefined ? null : toJson(t.inner, v);
    case "list":
      return (v as unknown[]).map((item) => toJson(t.item, item));
    case "map": {
      const out: Record<string, unknown> = {};
      for (const [k, item] of v as Map<unknown, unknown>) setKey(out, String(k), toJson(t.value, item));
      return out;
    }
    case "struct": {
      const obj = v as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const f of t.fields) out[f.wire] = toJson(f.type, obj[f.prop]);
      return out;
    }
    case "union": {
      const u = v as { kind: string; value: unknown };
      const member = t.members.find((m) => m.name === u.kind)!;
      return { [member.name]: toJson(member.type, u.value) };
    }
    default:
      return v;
  }
}
