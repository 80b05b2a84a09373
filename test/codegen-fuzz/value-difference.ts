/**
 * Deep equality for the round-trip property, strict where a generic `toEqual` is loose: numbers by `Object.is`
 * (NaN equals NaN, -0 differs from +0), `number` never equals `bigint`, dates by their instant, bytes byte by
 * byte. Maps are compared as sets of entries (a Rust guest holds a map in a BTreeMap, so its order on the way back
 * is the keys' order, which msgpack does not promise to keep anyway). An absent property equals an `undefined` one:
 * the stubs' types make them the same value. The result names the first difference and where it is.
 */

/** Undefined when `actual` equals `expected`, else what differs, e.g. `at .items[2]: expected -0, got 0`. */
export function valueDifference(expected: unknown, actual: unknown, path = ""): string | undefined {
  const differ = (what = `expected ${show(expected)}, got ${show(actual)}`) => `at ${path === "" ? "the top" : path}: ${what}`;
  if (typeof expected !== typeof actual) return differ();
  if (typeof expected !== "object" || expected === null || actual === null) return Object.is(expected, actual) ? undefined : differ();
  if (expected instanceof Uint8Array) {
    if (!(actual instanceof Uint8Array) || actual.length !== expected.length) return differ();
    const i = expected.findIndex((b, j) => b !== actual[j]);
    return i < 0 ? undefined : differ(`bytes differ at ${i}: expected ${show(expected)}, got ${show(actual)}`);
  }
  if (expected instanceof Date) return actual instanceof Date && Object.is(actual.getTime(), expected.getTime()) ? undefined : differ();
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return differ();
    for (let i = 0; i < expected.length; i++) {
      const d = valueDifference(expected[i], actual[i], `${path}[${i}]`);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  if (expected instanceof Map) {
    if (!(actual instanceof Map) || actual.size !== expected.size) return differ();
    const rest = [...actual];
    for (const [k, v] of expected) {
      const at = rest.findIndex(([ak]) => valueDifference(k, ak) === undefined);
      if (at < 0) return differ(`key ${show(k)} is missing from ${show(actual)}`);
      const d = valueDifference(v, rest[at]![1], `${path}{${show(k)}}`);
      if (d !== undefined) return d;
      rest.splice(at, 1);
    }
    return undefined;
  }
  if (Array.isArray(actual) || actual instanceof Map || actual instanceof Uint8Array || actual instanceof Date) return differ();
  const e = expected as Record<string, unknown>;
  const a = actual as Record<string, unknown>;
  const keys = new Set([...Object.keys(e), ...Object.keys(a)]);
  for (const k of keys) {
    const d = valueDifference(e[k], a[k], `${path}.${k}`);
    if (d !== undefined) return d;
  }
  return undefined;
}

/** A value as a person reads it in a failure: `-0`, `5n`, `Map(1) {…}`, `Uint8Array [1, 2]`, ISO dates. */
function show(v: unknown): string {
  if (typeof v === "bigint") return `${v}n`;
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v);
  if (typeof v === "string") return JSON.stringify(v);
  if (v instanceof Date) return `Date(${Number.isNaN(v.getTime()) ? "invalid" : v.toISOString()})`;
  if (v instanceof Uint8Array) return `Uint8Array [${[...v.subarray(0, 16)].join(", ")}${v.length > 16 ? ", …" : ""}]`;
  if (v instanceof Map) return `Map(${v.size}) {${[...v].slice(0, 4).map(([k, x]) => `${show(k)} => ${show(x)}`).join(", ")}${v.size > 4 ? ", …" : ""}}`;
  if (Array.isArray(v)) return `[${v.slice(0, 4).map(show).join(", ")}${v.length > 4 ? ", …" : ""}]`;
  if (v !== null && typeof v === "object") return `{${Object.entries(v).slice(0, 4).map(([k, x]) => `${k}: ${show(x)}`).join(", ")}}`;
  return String(v);
}
