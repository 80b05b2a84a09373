/**
 * Values of fuzz types, as the generated TypeScript stubs take them: one function from a `FuzzType` (the type
 * description a schema was printed from) to a fast-check arbitrary, for the round-trip property
 * (round-trip.test.ts). What each WIDL type becomes in TypeScript is docs/codegen.md's table: `bigint` for
 * i64/u64, `number` for the other scalars and enums, `Map` for maps, `{ kind, value }` for unions, `undefined`
 * for an absent optional, `Uint8Array` for bytes and raw, `Date` for datetime, a msgpack-ready value for any.
 *
 * The edges are drawn on purpose, not left to chance: integer extremes, NaN, ±0, ±Infinity and subnormals
 * (f32 values exactly representable as f32), empty and long strings with astral characters and lone
 * surrogates, empty bytes, dates before 1970 and past 2106.
 *
 * Recursive types: a value is built with a budget of struct and union levels. Each named type's height (the
 * fewest levels any finite value of it needs) is computed first, so a recursive field takes its empty list,
 * empty map or absent optional once the budget is spent, and a type with no finite value (`type T { t: T }`)
 * is reported as uninhabited instead of looping.
 */
import fc from "fast-check";
import { encode } from "@msgpack/msgpack";
import type { FuzzSchema, FuzzType, FuzzTypeDef } from "./schema-arbitrary.js";

/** The TypeScript property of a struct field (the model decides it: `my_field` → `myField`). */
export type PropertyOf = (struct: string, field: string) => string;

/** Struct and union levels a value may nest, beyond what its type needs at least. */
const EXTRA_LEVELS = 3;

const INT: Record<"i8" | "u8" | "i16" | "u16" | "i32" | "u32", readonly [number, number]> = {
  i8: [-128, 127],
  u8: [0, 255],
  i16: [-32768, 32767],
  u16: [0, 65535],
  i32: [-(2 ** 31), 2 ** 31 - 1],
  u32: [0, 2 ** 32 - 1],
};
const BIG: Record<"i64" | "u64", readonly [bigint, bigint]> = { i64: [-(2n ** 63n), 2n ** 63n - 1n], u64: [0n, 2n ** 64n - 1n] };

/** An integer type's bounds and the values next to them, zero and ±1, weighted against uniform draws. */
function intArb(min: number, max: number): fc.Arbitrary<number> {
  const edges = [min, min + 1, -1, 0, 1, max - 1, max].filter((v) => v >= min && v <= max);
  return fc.oneof(fc.constantFrom(...edges), fc.integer({ min, max }));
}

function bigArb(min: bigint, max: bigint): fc.Arbitrary<bigint> {
  // Also where a double stops holding integers exactly, and where msgpack's int widths change.
  const edges = [min, min + 1n, -(2n ** 53n) - 1n, -(2n ** 31n) - 1n, -1n, 0n, 1n, 2n ** 32n, 2n ** 53n + 1n, 2n ** 63n - 1n, 2n ** 63n, max - 1n, max];
  return fc.oneof(fc.constantFrom(...edges.filter((v) => v >= min && v <= max)), fc.bigInt(min, max));
}

const F32_EDGES = [Number.NaN, 0, -0, Infinity, -Infinity, 2 ** -149, -(2 ** -149), 2 ** -126, 3.4028234663852886e38, -3.4028234663852886e38, Math.fround(0.1)];
const F64_EDGES = [Number.NaN, 0, -0, Infinity, -Infinity, Number.MIN_VALUE, -Number.MIN_VALUE, 2 ** -1022, Number.MAX_VALUE, -Number.MAX_VALUE, 0.1, 2 ** 53 + 2];

/** f32 values: every one is its own `Math.fround`, so a correct round trip returns it unchanged. */
const f32Arb = fc.oneof(fc.constantFrom(...F32_EDGES), fc.float());
const f64Arb = fc.oneof(fc.constantFrom(...F64_EDGES), fc.double());

/**
 * A UTF-16 unit sequence: mostly any code point (astral ones included), some usual suspects, and lone surrogates.
 * The wire is UTF-8, which cannot hold a lone surrogate: the host writes one as U+FFFD (TextEncoder), so it comes
 * back with U+FFFD in its place (see `echoed`).
 */
const charArb = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) },
  { weight: 3, arbitrary: fc.constantFrom("a", "Z", " ", "\0", "\n", "é", "ß", "漢", "🙂", "👍🏽", "\u{10FFFF}", "\uFFFD") },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) },
);
const stringArb = fc.oneof(
  { weight: 2, arbitrary: fc.constant("") },
  { weight: 12, arbitrary: fc.string({ unit: charArb, maxLength: 12 }) },
  // Past the writers' short-string fast paths (31 bytes), str8's 255 and, repeated, str16's 65535.
  { weight: 2, arbitrary: fc.string({ unit: charArb, minLength: 24, maxLength: 200 }) },
  { weight: 1, arbitrary: fc.tuple(fc.string({ unit: charArb, minLength: 1, maxLength: 8 }), fc.integer({ min: 40, max: 20_000 })).map(([s, n]) => s.repeat(n)) },
);
/** Map keys and strings inside `any`: well-formed, so two distinct keys never become the same key on the wire. */
const wellFormedStringArb = fc.oneof(fc.constant(""), fc.string({ unit: "binary", maxLength: 10 }));

const bytesArb = fc.oneof(
  { weight: 2, arbitrary: fc.constant(new Uint8Array(0)) },
  { weight: 12, arbitrary: fc.uint8Array({ maxLength: 40 }) },
  // Past bin8's 255 and bin16's 65535: a drawn pattern, repeated.
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.uint8Array({ minLength: 1, maxLength: 8 }), fc.integer({ min: 40, max: 20_000 }))
      .map(([pattern, n]) => Uint8Array.from({ length: pattern.length * n }, (_, i) => pattern[i % pattern.length]!)),
  },
);

const DATE_EDGES = [0, -1, 1, -86_400_000, 2 ** 32 * 1000, 2 ** 34 * 1000 - 1, -8.64e15, 8.64e15];
/** Every instant a `Date` holds, to the millisecond: timestamp 32, 64 and 96 on the wire. */
const dateArb = fc.oneof(
  fc.constantFrom(...DATE_EDGES).map((ms) => new Date(ms)),
  fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true }),
);

/**
 * `any` values that decode to themselves after msgpack: no -0 (written as the integer 0), integers as numbers
 * only where msgpack-javascript reads them back as numbers (up to 32 bits) and as bigints only beyond, strings
 * well-formed, map keys strings other than `__proto__` (which the decoder refuses).
 */
const anyArb: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  leaf: fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.integer({ min: -(2 ** 31), max: 2 ** 32 - 1 }),
    fc.double().filter((d) => !Number.isInteger(d)),
    fc.oneof(fc.bigInt(-(2n ** 63n), -(2n ** 31n) - 1n), fc.bigInt(2n ** 32n, 2n ** 64n - 1n)),
    wellFormedStringArb,
    bytesArb,
    dateArb,
  ),
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    tie("leaf"),
    fc.array(tie("value"), { maxLength: 3 }),
    fc
      .array(fc.tuple(wellFormedStringArb.filter((k) => k !== "__proto__"), tie("value")), { maxLength: 3 })
      .map((entries) => Object.fromEntries(entries)),
  ),
})).value;

/** One msgpack value, encoded: a `raw` value. */
const rawArb = anyArb.map((v) => encode(v, { useBigInt64: true }));

const isNil = (raw: Uint8Array): boolean => raw.length === 1 && raw[0] === 0xc0;

/** What a map key arbitrary draws is keyed by: one `Date` per instant (a JS Map would hold two equal dates). */
const keyIdentity = (k: unknown): unknown => (k instanceof Date ? k.getTime() : k);

/** Arbitraries of the values of one schema's types. */
export class ValueArbitraries {
  private readonly defs: ReadonlyMap<string, FuzzTypeDef>;
  /** The fewest struct and union levels a finite value of each named type needs; Infinity when none exists. */
  private readonly heights = new Map<string, number>();
  private readonly refs = new Map<string, fc.Arbitrary<unknown>>();

  constructor(
    schema: FuzzSchema,
    private readonly propertyOf: PropertyOf,
  ) {
    this.defs = new Map(schema.types.map((d) => [d.name, d]));
    for (const d of schema.types) this.heights.set(d.name, Infinity);
    // A fixed point: each pass can only lower heights, and each lowers at least one until none changes.
    for (let changed = true; changed; ) {
      changed = false;
      for (const d of schema.types) {
        const h = this.defHeight(d);
        if (h < this.heights.get(d.name)!) {
          this.heights.set(d.name, h);
          changed = true;
        }
      }
    }
  }

  /** The arbitrary of values of `type`, or undefined when the type has no finite value. */
  of(type: FuzzType): fc.Arbitrary<unknown> | undefined {
    const h = this.height(type);
    return h === Infinity ? undefined : this.arb(type, h + EXTRA_LEVELS);
  }

  private defHeight(d: FuzzTypeDef): number {
    switch (d.kind) {
      case "enum":
        return 0;
      case "alias":
        return this.height(d.type);
      case "struct":
        return 1 + Math.max(0, ...d.fields.map((f) => this.height(f.type)));
      case "union":
        return 1 + Math.min(...d.members.map((m) => this.height({ k: "ref", name: m })));
    }
  }

  private height(t: FuzzType): number {
    return t.k === "ref" ? this.heights.get(t.name)! : 0;
  }

  /** Values of `t` with at most `budget` struct and union levels; the caller ensures `height(t) <= budget`. */
  private arb(t: FuzzType, budget: number): fc.Arbitrary<unknown> {
    switch (t.k) {
      case "scalar":
        if (t.name === "bool") return fc.boolean();
        if (t.name === "f32") return f32Arb;
        if (t.name === "f64") return f64Arb;
        if (t.name === "i64" || t.name === "u64") return bigArb(...BIG[t.name]);
        return intArb(...INT[t.name]);
      case "string":
        return stringArb;
      case "bytes":
        return bytesArb;
      case "datetime":
        return dateArb;
      case "raw":
        return rawArb;
      case "any":
        return anyArb;
      case "list":
        return this.height(t.item) <= budget ? fc.array(this.arb(t.item, budget), { maxLength: 3 }) : fc.constant([]);
      case "optional": {
        if (this.height(t.inner) > budget) return fc.constant(undefined);
        // An absent optional is written as nil, so an `any` or `raw` value that is nil itself would come back absent.
        const inner = this.arb(t.inner, budget);
        const resolved = this.resolve(t.inner).k;
        const present = resolved === "any" ? inner.filter((v) => v !== null) : resolved === "raw" ? inner.filter((v) => !isNil(v as Uint8Array)) : inner;
        return fc.option(present, { nil: undefined });
      }
      case "map": {
        if (this.height(t.value) > budget) return fc.constant(new Map());
        // Keys are scalars, strings, dates or enums (the validator's rule): never recursive.
        const key = t.key.k === "string" ? wellFormedStringArb : this.arb(t.key, budget);
        return fc
          .uniqueArray(fc.tuple(key, this.arb(t.value, budget)), { maxLength: 3, selector: ([k]) => keyIdentity(k) })
          .map((entries) => new Map(entries));
      }
      case "ref":
        return this.ref(t.name, budget);
    }
  }

  /** The type behind aliases. */
  private resolve(t: FuzzType): FuzzType {
    while (t.k === "ref") {
      const d = this.defs.get(t.name)!;
      if (d.kind !== "alias") return t;
      t = d.type;
    }
    return t;
  }

  private ref(name: string, budget: number): fc.Arbitrary<unknown> {
    const key = `${name}/${budget}`;
    let a = this.refs.get(key);
    if (a === undefined) {
      a = this.defArb(this.defs.get(name)!, budget);
      this.refs.set(key, a);
    }
    return a;
  }

  private defArb(d: FuzzTypeDef, budget: number): fc.Arbitrary<unknown> {
    switch (d.kind) {
      case "enum":
        return fc.constantFrom(...d.values.map((v) => v.index));
      case "alias":
        return this.arb(d.type, budget);
      case "struct": {
        const fields = d.fields.map((f) => [this.propertyOf(d.name, f.name), this.arb(f.type, budget - 1)] as const);
        return fc.record(Object.fromEntries(fields));
      }
      case "union": {
        const members = d.members.filter((m) => this.heights.get(m)! <= budget - 1);
        return fc.oneof(...members.map((m) => this.ref(m, budget - 1).map((value) => ({ kind: m, value }))));
      }
    }
  }
}

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * What an echo returns for `sent` when nothing is lost: the same value with each string made well-formed (a lone
 * surrogate cannot cross UTF-8; see `charArb`). Map keys and `any` strings are drawn well-formed already.
 */
export function echoed(sent: unknown): unknown {
  if (typeof sent === "string") return sent.replace(LONE_SURROGATE, "\uFFFD");
  if (Array.isArray(sent)) return sent.map(echoed);
  if (sent instanceof Map) return new Map([...sent].map(([k, v]) => [k, echoed(v)]));
  if (sent === null || typeof sent !== "object" || sent instanceof Uint8Array || sent instanceof Date) return sent;
  return Object.fromEntries(Object.entries(sent).map(([k, v]) => [k, echoed(v)]));
}
