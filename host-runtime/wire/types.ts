/**
 * Wire type descriptors: small constant objects that say how one WIDL type is written in msgpack.
 *
 * Generated stubs declare one constant per schema type (`const Input = wire.struct("Input", () => […])`)
 * and the codec (`./encode.ts`, `./decode.ts`, `./struct-decoder.ts`) interprets them, so every wire rule lives once, in the runtime, and
 * the same descriptors serve in-process stubs, pooled stubs, local TS guests, the direct ABI's
 * composite arguments and JSON checking. `descriptorFromModel` in `widl-bindgen/generators` builds
 * the same descriptors from a schema at run time.
 */

import { INTEGER_RANGES, type IntegerName, type SmallIntegerName } from "../vocabulary.js";

/** The integers a JS `number` holds (the vocabulary's `SmallIntegerName`). */
export type IntName = SmallIntegerName;

export interface BoolWire {
  readonly kind: "bool";
}
/** The integers that fit a JS number exactly: `i8`…`u32`. */
export interface IntWire {
  readonly kind: "int";
  readonly name: IntName;
  readonly min: number;
  readonly max: number;
}
/** `i64` and `u64`, always `bigint` in JS. */
export interface BigIntWire {
  readonly kind: "bigint";
  readonly name: "i64" | "u64";
  readonly min: bigint;
  readonly max: bigint;
}
export interface FloatWire {
  readonly kind: "float";
  readonly name: "f32" | "f64";
}
export interface StringWire {
  readonly kind: "string";
}
export interface BytesWire {
  readonly kind: "bytes";
}
export interface DateTimeWire {
  readonly kind: "datetime";
}
/** Pre-encoded msgpack (a `Uint8Array` holding exactly one value), passed through. */
export interface RawWire {
  readonly kind: "raw";
}
/** Any msgpack value, unchecked; encoded and decoded by @msgpack/msgpack. */
export interface AnyWire {
  readonly kind: "any";
}
export interface ListWire {
  readonly kind: "list";
  readonly item: WireType;
}
/** A msgpack map as a JS `Map`, so integer keys stay integers. */
export interface MapWire {
  readonly kind: "map";
  readonly key: WireType;
  readonly value: WireType;
}
/** `T?`: nil ↔ `undefined`. */
export interface OptionalWire {
  readonly kind: "optional";
  readonly inner: WireType;
}
export interface EnumWire {
  readonly kind: "enum";
  readonly name: string;
  readonly values: ReadonlySet<number>;
}

/** One field of a struct: its key on the wire, its JS property name, and its type. */
export interface WireField {
  /** The WIDL name: the msgpack map key. */
  readonly wire: string;
  /** The property in the JS object (camelCase in generated code). */
  readonly prop: string;
  readonly type: WireType;
  /** True for `T?` fields: nil when absent, and may be missing when decoding. */
  readonly optional: boolean;
  /**
   * The WIDL default, as a function giving a fresh value each time: what a decoder (msgpack or JSON) uses
   * when the key is missing. A key that is present wins, even nil. Undefined when there is none.
   */
  readonly default: (() => unknown) | undefined;
  /** The key as msgpack bytes (str header included), computed once. */
  readonly keyBytes: Uint8Array;
}

export interface UnionMemberWire {
  /** The member's type name: the single key on the wire and the `kind` in JS. */
  readonly name: string;
  readonly type: WireType;
  readonly keyBytes: Uint8Array;
}

/**
 * A struct, keyed by field name on the wire. Fields are given as a thunk and resolved on first use,
 * so descriptors can refer to each other in any order and recursively.
 */
export class StructWire {
  readonly kind = "struct";
  #thunk: (() => readonly WireFieldInput[]) | undefined;
  #fields: readonly WireField[] | undefined;
  constructor(
    readonly name: string,
    fields: () => readonly WireFieldInput[],
  ) {
    this.#thunk = fields;
  }
  get fields(): readonly WireField[] {
    if (this.#fields === undefined) {
      this.#fields = this.#thunk!().map(toField);
      this.#thunk = undefined;
    }
    return this.#fields;
  }
}

/** A union: a single-key map `{TypeName: value}` on the wire, `{ kind: "TypeName", value }` in JS. */
export class UnionWire {
  readonly kind = "union";
  #thunk: (() => readonly (readonly [string, WireType])[]) | undefined;
  #members: readonly UnionMemberWire[] | undefined;
  constructor(
    readonly name: string,
    members: () => readonly (readonly [name: string, type: WireType])[],
  ) {
    this.#thunk = members;
  }
  get members(): readonly UnionMemberWire[] {
    if (this.#members === undefined) {
      this.#members = this.#thunk!().map(([name, type]) => ({ name, type, keyBytes: strBytes(name) }));
      this.#thunk = undefined;
    }
    return this.#members;
  }
}

/** A wire type descriptor: how one WIDL type is written in msgpack (`wire.i32`, `wire.struct(…)`, …). */
export type WireType =
  | BoolWire
  | IntWire
  | BigIntWire
  | FloatWire
  | StringWire
  | BytesWire
  | DateTimeWire
  | RawWire
  | AnyWire
  | ListWire
  | MapWire
  | OptionalWire
  | EnumWire
  | StructWire
  | UnionWire;

/**
 * What a descriptor may say about a field besides its name and type. `default` is the field's WIDL default
 * (docs/widl.md, "Defaults"): a value, or a function making one, which lists and maps use so that no two
 * decoded values share one array or `Map`.
 */
export interface WireFieldOptions {
  /** The property in the JS object, when it differs from the wire name. */
  readonly prop?: string;
  readonly default?: unknown;
}

/**
 * A field (or parameter) as written in a descriptor: `[wireName, type]`, `[wireName, type, propName]`, or
 * `[wireName, type, { prop?, default? }]` for one with a default: `["retries", wire.u32, { default: 3 }]`,
 * `["tags", wire.list(wire.string), { default: () => ["a"] }]`.
 */
export type WireFieldInput = readonly [wire: string, type: WireType, prop?: string | WireFieldOptions];

const textEncoder = new TextEncoder();

/** A short string as msgpack str bytes (header included); used for keys, computed once each. */
export function strBytes(s: string): Uint8Array {
  const body = textEncoder.encode(s);
  const n = body.length;
  const head = n < 32 ? [0xa0 | n] : n < 0x100 ? [0xd9, n] : n < 0x10000 ? [0xda, n >> 8, n & 0xff] : null;
  if (head === null) throw new RangeError(`key too long: ${n} bytes`);
  const out = new Uint8Array(head.length + n);
  out.set(head, 0);
  out.set(body, head.length);
  return out;
}

/** A descriptor's field tuple resolved: property name, default as a function, key bytes. */
export function toField([wire, type, third]: WireFieldInput): WireField {
  const options: WireFieldOptions = typeof third === "string" ? { prop: third } : (third ?? {});
  const d = options.default;
  return {
    wire,
    prop: options.prop ?? wire,
    type,
    optional: type.kind === "optional",
    default: d === undefined ? undefined : typeof d === "function" ? (d as () => unknown) : () => d,
    keyBytes: strBytes(wire),
  };
}

// ---------------------------------------------------------------------------------------------
// Builders: what generated code calls

const int = (name: IntName): IntWire => ({ kind: "int", name, min: Number(INTEGER_RANGES[name][0]), max: Number(INTEGER_RANGES[name][1]) });
const bigint = (name: Extract<IntegerName, "i64" | "u64">): BigIntWire => ({ kind: "bigint", name, min: INTEGER_RANGES[name][0], max: INTEGER_RANGES[name][1] });

export const bool: BoolWire = { kind: "bool" };
export const i8 = int("i8");
export const u8 = int("u8");
export const i16 = int("i16");
export const u16 = int("u16");
export const i32 = int("i32");
export const u32 = int("u32");
export const i64 = bigint("i64");
export const u64 = bigint("u64");
export const f32: FloatWire = { kind: "float", name: "f32" };
export const f64: FloatWire = { kind: "float", name: "f64" };
export const string: StringWire = { kind: "string" };
export const bytes: BytesWire = { kind: "bytes" };
export const datetime: DateTimeWire = { kind: "datetime" };
export const raw: RawWire = { kind: "raw" };
export const any: AnyWire = { kind: "any" };

export const list = (item: WireType): ListWire => ({ kind: "list", item });
export const map = (key: WireType, value: WireType): MapWire => ({ kind: "map", key, value });
export const optional = (inner: WireType): OptionalWire => ({ kind: "optional", inner });
export const enumeration = (name: string, values: readonly number[]): EnumWire => ({
  kind: "enum",
  name,
  values: new Set(values),
});
export const struct = (name: string, fields: () => readonly WireFieldInput[]): StructWire => new StructWire(name, fields);
export const union = (name: string, members: () => readonly (readonly [string, WireType])[]): UnionWire =>
  new UnionWire(name, members);

/** The WIDL spelling of a descriptor, for error messages: `[i32]`, `{string: Point}`, `Input?`. */
export function describeType(t: WireType): string {
  switch (t.kind) {
    case "int":
    case "bigint":
    case "float":
      return t.name;
    case "list":
      return `[${describeType(t.item)}]`;
    case "map":
      return `{${describeType(t.key)}: ${describeType(t.value)}}`;
    case "optional":
      return `${describeType(t.inner)}?`;
    case "enum":
    case "struct":
    case "union":
      return t.name;
    default:
      return t.kind;
  }
}
