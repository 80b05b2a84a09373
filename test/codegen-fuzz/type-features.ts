/**
 * What a set of fuzz types exercises, for the round-trip test to check that its fixed schema seeds still cover
 * everything it promises when the schema arbitrary changes.
 */
import type { FuzzSchema, FuzzType } from "./schema-arbitrary.js";

/** The features the round-trip property promises to cover. */
export const FEATURES = [
  "i64",
  "u64",
  "f32",
  "f64",
  "string",
  "bytes",
  "datetime",
  "raw",
  "any",
  "struct",
  "enum",
  "union",
  "alias",
  "list",
  "map with an integer key",
  "nested optional",
] as const;

export type Feature = (typeof FEATURES)[number];

const INTEGERS = new Set(["i8", "u8", "i16", "u16", "i32", "u32", "i64", "u64"]);

/**
 * The features reachable from `types`, each with the schema it belongs to. A nested optional is an optional
 * inside an optional with no struct or union in between (`[T?]?`, or an optional alias of `T?`): one value where
 * either level may be absent.
 */
export function coveredFeatures(roots: readonly { readonly schema: FuzzSchema; readonly type: FuzzType }[]): Set<Feature> {
  const out = new Set<Feature>();
  for (const { schema, type } of roots) {
    const defs = new Map(schema.types.map((d) => [d.name, d]));
    const seen = new Set<string>();
    const walk = (t: FuzzType, inOptional: boolean): void => {
      switch (t.k) {
        case "scalar":
          if (t.name === "i64" || t.name === "u64" || t.name === "f32" || t.name === "f64") out.add(t.name);
          return;
        case "string":
        case "bytes":
        case "datetime":
        case "raw":
        case "any":
          out.add(t.k);
          return;
        case "list":
          out.add("list");
          return walk(t.item, inOptional);
        case "map":
          if (t.key.k === "scalar" && INTEGERS.has(t.key.name)) out.add("map with an integer key");
          // A string or datetime key is drawn differently from such a value (value-arbitrary.ts): not counted.
          if (t.key.k === "ref") walk(t.key, false);
          return walk(t.value, inOptional);
        case "optional":
          if (inOptional) out.add("nested optional");
          return walk(t.inner, true);
        case "ref": {
          const d = defs.get(t.name)!;
          out.add(d.kind);
          if (d.kind === "alias") return walk(d.type, inOptional);
          if (seen.has(d.name)) return;
          seen.add(d.name);
          if (d.kind === "struct") for (const f of d.fields) walk(f.type, false);
          if (d.kind === "union") for (const m of d.members) walk({ k: "ref", name: m }, false);
        }
      }
    };
    walk(type, false);
  }
  return out;
}
