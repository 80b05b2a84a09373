/**
 * The fixed schema of the round-trip property (round-trip.test.ts runs it on every guest next to the seeded ones):
 * - every scalar and built-in type as the whole argument, bare and optional, since the direct ABI passes these as
 *   wasm values or straight (ptr, len) rather than msgpack, and random schemas reach each only by chance;
 * - a map keyed by each type a key can have (the enum keys are the seeded schemas'), so that a key bug shrinks to
 *   a one-entry map;
 * - regressions: types on which the property once found a bug, with the values that showed it, always tried
 *   first. Each says what broke and where it was fixed.
 */
import type { FuzzOperation, FuzzSchema, FuzzType } from "./schema-arbitrary.js";

const SCALARS = ["bool", "i8", "u8", "i16", "u16", "i32", "u32", "i64", "u64", "f32", "f64"] as const;
const BUILTINS = ["string", "bytes", "datetime", "raw", "any"] as const;

const f64 = { k: "scalar", name: "f64" } as const;
const f32 = { k: "scalar", name: "f32" } as const;

const builtins: FuzzType[] = [...SCALARS.map((name): FuzzType => ({ k: "scalar", name })), ...BUILTINS.map((k): FuzzType => ({ k }))];

/** A regression: the type, and the values that showed the bug. */
const REGRESSIONS: readonly { readonly type: FuzzType; readonly examples: readonly unknown[] }[] = [
  // The AssemblyScript glue encoded a map's values with `v.get(key)`, which traps ("Key does not exist") on a NaN
  // key, since NaN != NaN. Fixed in generators/assemblyscript-guest/as-codec.ts: values are read by position.
  {
    type: { k: "map", key: f64, value: { k: "string" } },
    examples: [
      new Map([[Number.NaN, "NaN"]]),
      new Map([
        [Infinity, "∞"],
        [Number.NaN, ""],
        [-0, "zero"],
      ]),
    ],
  },
  { type: { k: "map", key: f32, value: { k: "list", item: f64 } }, examples: [new Map([[Number.NaN, [Number.NaN, -0]]])] },
];

const keys = builtins.filter((t) => t.k === "scalar" || t.k === "string" || t.k === "datetime");
const u8: FuzzType = { k: "scalar", name: "u8" };

const types = [
  ...builtins,
  ...builtins.map((inner): FuzzType => ({ k: "optional", inner })),
  ...keys.map((key): FuzzType => ({ k: "map", key, value: u8 })),
  ...REGRESSIONS.map((r) => r.type),
];

export const FIXED_SCHEMA: FuzzSchema = {
  namespace: "round.trip",
  types: [],
  roles: [],
  // Unary and not, alternately: a unary argument is sent bare, the others in a map keyed by name.
  operations: types.map((type, i): FuzzOperation => ({ name: `echo_${i}`, unary: i % 2 === 1, params: [{ name: "v", type, default: undefined }], result: type })),
};

/** Values each operation of `FIXED_SCHEMA` is always called with, by operation index. */
export const FIXED_EXAMPLES: readonly (readonly unknown[])[] = [...types.slice(0, -REGRESSIONS.length).map(() => []), ...REGRESSIONS.map((r) => r.examples)];
