/**
 * Target options: each target declares its options once (type, default, doc), and
 * `resolveTargetOptions` checks and fills them in one place, rejecting unknown keys by name.
 */

/** A codegen.yaml that cannot be used: unknown key, wrong type, unknown target. */
export class CodegenConfigError extends Error {
  override readonly name = "CodegenConfigError";
}

export type OptionType = "string" | "boolean" | "string[]" | { readonly oneOf: readonly string[] };

export interface OptionSpec {
  readonly type: OptionType;
  /** Undefined means "absent unless given" (the target decides). */
  readonly default: unknown;
  readonly doc: string;
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

function describe(t: OptionType): string {
  return typeof t === "string" ? (t === "string[]" ? "a list of strings" : `a ${t}`) : `one of ${t.oneOf.join(", ")}`;
}

function fits(t: OptionType, v: unknown): boolean {
  if (t === "string") return typeof v === "string";
  if (t === "boolean") return typeof v === "boolean";
  if (t === "string[]") return Array.isArray(v) && v.every((x) => typeof x === "string");
  return typeof v === "string" && t.oneOf.includes(v);
}

/**
 * Checks `raw` against `specs` and fills defaults. `where` names the place for messages, e.g.
 * `generates["src/a.ts"]`.
 */
export function resolveTargetOptions(
  target: string,
  specs: OptionSpecs,
  raw: Readonly<Record<string, unknown>>,
  where: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const spec = Object.hasOwn(specs, key) ? specs[key] : undefined;
    if (spec === undefined) {
      const known = Object.keys(specs);
      throw new CodegenConfigError(
        `invalid option "${key}" in ${where}: target ${target} has ${known.length > 0 ? `the options ${known.join(", ")}` : "no options"}`,
      );
    }
    if (!fits(spec.type, value)) {
      throw new CodegenConfigError(
        `invalid option "${key}" in ${where}: expected ${describe(spec.type)}, got ${JSON.stringify(value)}`,
      );
    }
    out[key] = value;
  }
  for (const [key, spec] of Object.entries(specs)) if (!(key in out) && spec.default !== undefined) out[key] = spec.default;
  return out;
}
