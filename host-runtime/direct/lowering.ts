/**
 * The direct ABI's value rules that need no guest memory: checking and lowering a JS argument to its wasm value
 * (docs/abi.md, "Parameters"), encoding a composite to msgpack, and checking or decoding a lifted result.
 *
 * `DirectGuest`'s `pass*` and `take*` helpers call these, and so does the pooled client (`DirectAsyncGuest`), which
 * lowers on the caller's thread and lets a worker's `DirectGuest` write the blocks: one copy of each rule however
 * the guest runs.
 */
import { readValue } from "../wire/decode.js";
import { writeValue } from "../wire/encode.js";
import { WireReader } from "../wire/reader.js";
import { WireWriter } from "../wire/writer.js";
import { DecodeError, EncodeError, withPath } from "../wire/errors.js";
import { bool as boolWire, bytes as bytesWire, f64 as f64Wire, string as stringWire } from "../wire/types.js";
import type { BigIntWire, EnumWire, IntWire, WireType } from "../wire/types.js";

/** One writer and reader serve every guest: lowering and lifting never call out to user code partway. */
const writer = new WireWriter();
const reader = new WireReader();
const EMPTY = new Uint8Array(0);

/** A `bool` as an i32. */
export function lowerBool(value: boolean, param: string): number {
  if (typeof value !== "boolean") badArgument(boolWire, value, param);
  return value ? 1 : 0;
}

/** An `i8`…`u32` as an i32 (`u32` with the same bits), range-checked as the codec does. */
export function lowerInt(value: number, type: IntWire, param: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < type.min || value > type.max) {
    badArgument(type, value, param);
  }
  return value | 0;
}

/** An `i64` or `u64` as an i64 BigInt (`u64` with the same bits). */
export function lowerBigInt(value: bigint, type: BigIntWire, param: string): bigint {
  if (typeof value !== "bigint" || value < type.min || value > type.max) badArgument(type, value, param);
  return type.max > 0x7fffffffffffffffn ? BigInt.asIntN(64, value) : value;
}

/** An `f32` or `f64`. */
export function lowerFloat(value: number, param: string): number {
  if (typeof value !== "number") badArgument(f64Wire, value, param);
  return value;
}

/** An enum as its i32 value. */
export function lowerEnum(value: number, type: EnumWire, param: string): number {
  if (typeof value !== "number" || !type.values.has(value)) badArgument(type, value, param);
  return value;
}

/** Checks a `string` argument; its UTF-8 is written where the guest's memory is. */
export function checkString(value: string, param: string): string {
  if (typeof value !== "string") badArgument(stringWire, value, param);
  return value;
}

/** Checks a `bytes` argument. */
export function checkBytes(value: Uint8Array, param: string): Uint8Array {
  if (!(value instanceof Uint8Array)) badArgument(bytesWire, value, param);
  return value;
}

/**
 * Any other type as msgpack, by the same wire codec as waPC payloads. Returns a view of the codec's reused buffer,
 * valid until the next encode: copy it (into guest memory, or out) before lowering another argument.
 */
export function encodeComposite(type: WireType, value: unknown, param: string): Uint8Array {
  writer.reset();
  try {
    writeValue(writer, type, value);
  } catch (error) {
    throw withPath(error, param);
  }
  return writer.written();
}

/** Checks an `i8`…`u32` result read from the return area: guest data is untrusted. */
export function liftInt(value: number, type: IntWire): number {
  if (value < type.min || value > type.max) throw new DecodeError(`${value} is out of range for ${type.name}`).within("result");
  return value;
}

/** Checks an enum result to be one of its values. */
export function liftEnum(value: number, type: EnumWire): number {
  if (!type.values.has(value)) throw new DecodeError(`${type.name}: unknown value ${value}`).within("result");
  return value;
}

/**
 * Decodes and checks a msgpack result. `owned` says the caller's bytes outlive the value (a copy, not a view of
 * guest memory): the codec copies every `bytes` and `raw` it returns, but `any` values may view their input, so a
 * type holding `any` is decoded from a copy of a borrowed view.
 */
export function decodeComposite(bytes: Uint8Array, type: WireType, owned: boolean): unknown {
  try {
    if (bytes.byteLength === 0) throw new DecodeError("expected a value, got an empty payload");
    reader.reset(owned || !holdsAny(type) ? bytes : bytes.slice());
    const value = readValue(reader, type);
    if (reader.pos !== reader.end) throw new DecodeError(`${reader.end - reader.pos} unexpected bytes after the value`);
    return value;
  } catch (error) {
    throw withPath(error, "result");
  } finally {
    reader.reset(EMPTY);
  }
}

/** Throws the codec's own `EncodeError` for a value that does not fit its type. */
function badArgument(type: WireType, value: unknown, param: string): never {
  writer.reset();
  try {
    writeValue(writer, type, value);
  } catch (error) {
    throw withPath(error, param);
  }
  throw new EncodeError(`expected ${type.kind}`).within(param);
}

const anyCache = new WeakMap<object, boolean>();

/** Whether a value of this type may hold an `any`, whose decoded bytes can be views of the payload. Cached. */
function holdsAny(type: WireType): boolean {
  return anyCache.get(type) ?? searchAny(type, new Set());
}

function searchAny(type: WireType, seen: Set<WireType>): boolean {
  const cached = anyCache.get(type);
  if (cached !== undefined) return cached;
  if (seen.has(type)) return false; // a recursive type: its other paths decide
  seen.add(type);
  let result: boolean;
  switch (type.kind) {
    case "any":
      result = true;
      break;
    case "list":
      result = searchAny(type.item, seen);
      break;
    case "map":
      result = searchAny(type.key, seen) || searchAny(type.value, seen);
      break;
    case "optional":
      result = searchAny(type.inner, seen);
      break;
    case "struct":
      result = type.fields.some((f) => searchAny(f.type, seen));
      break;
    case "union":
      result = type.members.some((m) => searchAny(m.type, seen));
      break;
    default:
      result = false;
  }
  // Only a complete answer is cached: inside a cycle a member's answer may still be partial.
  if (seen.size === 1 || result) anyCache.set(type, result);
  seen.delete(type);
  return result;
}
