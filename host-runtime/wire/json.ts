/**
 * JSON ↔ typed values, for `serve` and `invoke --schema`: JSON from a user is checked against the
 * schema and turned into the values the wire codec writes, and results go back as JSON.
 *
 * JSON has no 64-bit integers, bytes, dates or integer keys, so: `i64`/`u64` accept numbers (safe
 * integers only) and decimal strings and come back as numbers when safe, else strings; `bytes` are
 * base64; `datetime` is an ISO 8601 string (or epoch milliseconds); a map is a JSON object whose keys
 * are parsed as the key type; a union is `{"TypeName": value}` as on the wire. Unknown fields are an
 * error here (a typo in hand-written JSON should not pass silently), unlike on the wire. A field left out
 * takes its WIDL default, as a decoder does for a missing key. JSON from a client is untrusted as guest
 * bytes are: nesting is bounded by `MAX_DEPTH` both ways (`nesting deeper than 256`), so recursion here
 * never meets the stack's limit.
 */
import { Decoder, Encoder } from "@msgpack/msgpack";
import { MAX_DEPTH, tooDeep } from "./reader.js";
import { DecodeError, EncodeError, withPath } from "./errors.js";
import { describeType, type WireType } from "./types.js";

// Leaves count as a level for the Encoder (see encode.ts); `checkDepth` has bounded the value before it.
const anyEncoder = new Encoder({ useBigInt64: true, maxDepth: MAX_DEPTH + 1 });
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
      return fromJsonAt(t, Number(key), 0);
    case "bigint":
      return fromJsonAt(t, key, 0);
    case "bool":
      if (key !== "true" && key !== "false") throw new DecodeError(`map key "${key}" is not a bool`);
      return key === "true";
    default:
      throw new DecodeError(`maps keyed by ${describeType(t)} cannot be written in JSON`);
  }
}

/**
 * Fails unless the containers of an untyped JSON value (`any`, `raw`) nest at most `MAX_DEPTH` deep, the value
 * itself being at `depth`. Recursive, but never deeper than `MAX_DEPTH` frames.
 */
function checkDepth(v: unknown, depth: number): void {
  if (typeof v !== "object" || v === null) return;
  if (depth >= MAX_DEPTH) throw tooDeep();
  for (const item of Array.isArray(v) ? v : Object.values(v)) checkDepth(item, depth + 1);
}

/** Sets a property that may be named `__proto__` (a WIDL field can be) as an own property. */
function setProp(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/**
 * A JSON value (as from `JSON.parse`) checked against `t` and converted to the codec's JS value. `depth` is the
 * nesting the value sits at (1 for an argument inside the object of arguments); containers past `MAX_DEPTH` fail.
 */
export function fromJson(t: WireType, v: unknown, depth = 0): unknown {
  return fromJsonAt(t, v, depth);
}

/** `fromJson` for a value at nesting `depth`: lists, maps, structs and unions count, as in the msgpack decoder. */
function fromJsonAt(t: WireType, v: unknown, depth: number): unknown {
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
      checkDepth(v, depth);
      return anyEncoder.encode(v).slice();
    case "any":
      checkDepth(v, depth);
      return v;
    case "optional":
      return v === null || v === undefined ? undefined : fromJsonAt(t.inner, v, depth);
    case "list":
      if (!Array.isArray(v)) throw bad(t, v);
      if (depth >= MAX_DEPTH) throw tooDeep();
      return v.map((item, i) => {
        try {
          return fromJsonAt(t.item, item, depth + 1);
        } catch (e) {
          throw withPath(e, `[${i}]`);
        }
      });
    case "map": {
      if (typeof v !== "object" || v === null || Array.isArray(v)) throw bad(t, v);
      if (depth >= MAX_DEPTH) throw tooDeep();
      const out = new Map<unknown, unknown>();
      for (const [k, item] of Object.entries(v)) {
        try {
          out.set(parseKey(t.key, k), fromJsonAt(t.value, item, depth + 1));
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
      if (depth >= MAX_DEPTH) throw tooDeep();
      const obj = v as Record<string, unknown>;
      const fields = t.fields;
      for (const k of Object.keys(obj)) {
        if (!fields.some((f) => f.wire === k)) throw new DecodeError(`unknown field "${k}" in ${t.name}`);
      }
      const out: Record<string, unknown> = {};
      for (const f of fields) {
        const present = Object.hasOwn(obj, f.wire);
        if (!present && f.default !== undefined) {
          setProp(out, f.prop, f.default());
          continue;
        }
        const fv = present ? obj[f.wire] : undefined;
        if ((fv === undefined || fv === null) && !f.optional) {
          throw new DecodeError(`missing required field "${f.wire}" (${describeType(f.type)}) of ${t.name}`);
        }
        try {
          setProp(out, f.prop, fromJsonAt(f.type, fv, depth + 1));
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
      if (depth >= MAX_DEPTH) throw tooDeep();
      try {
        return { kind: member.name, value: fromJsonAt(member.type, (v as Record<string, unknown>)[member.name], depth + 1) };
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

/**
 * Untyped values (`any`, `raw`) made JSON-safe: bigints, bytes and dates as for typed values. Their depth is
 * bounded like typed values' (a `raw` value from a guest is not checked when decoded).
 */
function anyToJson(v: unknown, depth: number): unknown {
  if (typeof v === "bigint") return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("base64");
  if (v instanceof Date) return v.toISOString();
  if (typeof v !== "object" || v === null) return v;
  if (depth >= MAX_DEPTH) throw tooDeep();
  if (Array.isArray(v)) return v.map((item) => anyToJson(item, depth + 1));
  const out: Record<string, unknown> = {};
  const entries: Iterable<[unknown, unknown]> = v instanceof Map ? v : Object.entries(v);
  for (const [k, item] of entries) setKey(out, String(k), anyToJson(item, depth + 1));
  return out;
}

/** A value the codec decoded, as JSON-safe data (for `JSON.stringify`). Nesting past `MAX_DEPTH` is a `DecodeError`. */
export function toJson(t: WireType, v: unknown): unknown {
  return toJsonAt(t, v, 0);
}

function toJsonAt(t: WireType, v: unknown, depth: number): unknown {
  switch (t.kind) {
    case "bigint":
      return Number.isSafeInteger(Number(v)) ? Number(v) : String(v);
    case "bytes":
      return anyToJson(v, depth);
    case "datetime":
      return (v as Date).toISOString();
    case "raw":
      return anyToJson(anyDecoder.decode(v as Uint8Array), depth);
    case "any":
      return anyToJson(v, depth);
    case "optional":
      return v === undefined ? null : toJsonAt(t.inner, v, depth);
    case "list":
      if (depth >= MAX_DEPTH) throw tooDeep();
      return (v as unknown[]).map((item) => toJsonAt(t.item, item, depth + 1));
    case "map": {
      if (depth >= MAX_DEPTH) throw tooDeep();
      const out: Record<string, unknown> = {};
      for (const [k, item] of v as Map<unknown, unknown>) setKey(out, String(k), toJsonAt(t.value, item, depth + 1));
      return out;
    }
    case "struct": {
      if (depth >= MAX_DEPTH) throw tooDeep();
      const obj = v as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const f of t.fields) setProp(out, f.wire, toJsonAt(f.type, obj[f.prop], depth + 1));
      return out;
    }
    case "union": {
      if (depth >= MAX_DEPTH) throw tooDeep();
      const u = v as { kind: string; value: unknown };
      const member = t.members.find((m) => m.name === u.kind)!;
      return { [member.name]: toJsonAt(member.type, u.value, depth + 1) };
    }
    default:
      return v;
  }
}
