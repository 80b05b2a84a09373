/**
 * The words every stage shares, defined once: the parser checks values against the integer ranges, the
 * generators and the runtime's wire codec use the same ranges and the same names for how arguments travel.
 * Exported as `@widl-bindgen/host/vocabulary`; it imports nothing, so the parser and the generators can import it
 * without loading the runtime.
 */

/** The integer built-ins of WIDL. */
export type IntegerName = "i8" | "u8" | "i16" | "u16" | "i32" | "u32" | "i64" | "u64";

/** The integers that fit a JS `number` exactly; `i64` and `u64` are `bigint` in TypeScript. */
export type SmallIntegerName = Exclude<IntegerName, "i64" | "u64">;

/** Each integer type's smallest and largest value. */
export const INTEGER_RANGES: Readonly<Record<IntegerName, readonly [min: bigint, max: bigint]>> = {
  i8: [-(2n ** 7n), 2n ** 7n - 1n],
  u8: [0n, 2n ** 8n - 1n],
  i16: [-(2n ** 15n), 2n ** 15n - 1n],
  u16: [0n, 2n ** 16n - 1n],
  i32: [-(2n ** 31n), 2n ** 31n - 1n],
  u32: [0n, 2n ** 32n - 1n],
  i64: [-(2n ** 63n), 2n ** 63n - 1n],
  u64: [0n, 2n ** 64n - 1n],
};

/** The engines a guest can run on by name (host-runtime/engine.ts): the names a pool's workers and `--engine` take. */
export type EngineName = "v8" | "interpreter";

/** Every `EngineName`. */
export const engineNames: readonly EngineName[] = ["v8", "interpreter"];

/**
 * How an operation's arguments travel on the waPC wire (docs/abi.md): a `map` keyed by parameter name, the
 * single unary argument `bare`, or an `empty` payload for an operation without parameters.
 */
export type WireShape = "map" | "bare" | "empty";

/** What every direct-ABI operation export's name starts with (docs/abi.md, "direct"). */
export const DIRECT_EXPORT_PREFIX = "__widl_op_";

/** The direct-ABI export of an operation: `__widl_op_<operation>`, the WIDL name exactly as written (docs/abi.md). */
export function directExportName(operation: string): string {
  return `${DIRECT_EXPORT_PREFIX}${operation}`;
}
