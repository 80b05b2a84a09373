/**
 * The struct decoder: reads a msgpack map into an object of the struct's shape, matching keys to fields, skipping
 * unknown keys, applying defaults, and failing on a missing required field. Two forms of the same decoder, a
 * generated one (fast) and a closure (where code generation from strings is disabled); what they check after
 * the keys are read, and the messages, come from `fieldChecks`, once.
 */
import { DecodeError, withPath } from "./errors.js";
import { MAX_DEPTH, tooDeep, type WireReader } from "./reader.js";
import { describeType, type StructWire } from "./types.js";

/** Reads one value of a known type (decode.ts's `ValueDecoder`). */
type FieldDecoder = (r: WireReader, depth: number) => unknown;

/** What an argument or struct decoder holds for a key not (yet) seen, where the field has a default. */
export const MISSING: unique symbol = Symbol("missing");

/** What a struct decoder checks once every key is read. */
interface FieldChecks {
  /** Fields that must have been sent: neither optional nor defaulted. */
  readonly required: readonly number[];
  /**
   * Fields with a default. They start as `MISSING`, so that a key sent as nil (a present key wins) stays
   * undefined, and get their default when still `MISSING` at the end.
   */
  readonly defaulted: readonly number[];
  /** The error for required field `i` left unset. */
  missing(i: number): DecodeError;
}

function fieldChecks(t: StructWire): FieldChecks {
  const fields = t.fields;
  return {
    required: fields.flatMap((f, i) => (f.optional || f.default !== undefined ? [] : [i])),
    defaulted: fields.flatMap((f, i) => (f.default !== undefined ? [i] : [])),
    missing: (i) => {
      const f = fields[i]!;
      return new DecodeError(`missing required field "${f.wire}" (${describeType(f.type)}) of ${t.name}`);
    },
  };
}

/** The decoder of struct `t`, given its fields' decoders in field order. */
export function structDecoder(t: StructWire, decs: readonly FieldDecoder[]): FieldDecoder {
  const checks = fieldChecks(t);
  return compiledStructDecoder(t, decs, checks) ?? closureStructDecoder(t, decs, checks);
}

/** The struct decoder as a closure over the fields' decoders. */
function closureStructDecoder(t: StructWire, decs: readonly FieldDecoder[], checks: FieldChecks): FieldDecoder {
  const fields = t.fields;
  const count = fields.length;
  const props = fields.map((f) => f.prop);
  const { required, defaulted, missing } = checks;
  const factory = structFactory(t);
  const initial = fields.map((f) => (f.default !== undefined ? MISSING : undefined));
  return (r, depth) => {
    const n = r.mapLength();
    if (n === undefined) throw r.wrongType(t);
    if (depth >= MAX_DEPTH) throw tooDeep();
    // Values by field index, then one object of a fixed shape: stores keyed by a different name at every field
    // went megamorphic and cost most of a 20-field decode (bench/codec.ts, P4).
    const values: unknown[] = count === 0 ? [] : initial.slice();
    // One try/catch for the whole struct; the field being read is `index`, used only on the error path.
    let index = -1;
    try {
      for (let i = 0; i < n; i++) {
        index = -1;
        const found = matchKey(r, fields, i);
        if (found < 0) {
          r.skip();
          continue;
        }
        index = found;
        values[found] = decs[found]!(r, depth + 1);
      }
    } catch (e) {
      throw index < 0 ? e : withPath(e, `.${props[index]}`);
    }
    for (let j = 0; j < required.length; j++) if (values[required[j]!] === undefined) throw missing(required[j]!);
    for (let j = 0; j < defaulted.length; j++) {
      const i = defaulted[j]!;
      if (values[i] === MISSING) values[i] = fields[i]!.default!();
    }
    return factory(values);
  };
}

/**
 * The same decoder as `closureStructDecoder`, generated once per struct with `new Function`: each field's value in
 * a local and each field's decoder called from a call site of its own, so V8 can inline the small ones, and the
 * object built as one literal without an array of values in between (bench/codec.ts, P4: the 20-field decode went
 * from ~700 to ~590 ns, the `Input {x, y}` one from ~67 to ~45 ns). Undefined where code generation from strings
 * is disabled. Keys are computed string literals, as in `structFactory`.
 */
function compiledStructDecoder(t: StructWire, decs: readonly FieldDecoder[], checks: FieldChecks): FieldDecoder | undefined {
  const fields = t.fields;
  const n = fields.length;
  const locals = fields.map((_, i) => `v${i}`);
  const source = [
    `const [${fields.map((_, i) => `d${i}`).join(", ")}] = decs;`,
    `return function decodeStruct(r, depth) {`,
    `  const n = r.mapLength();`,
    `  if (n === undefined) throw r.wrongType(t);`,
    `  if (depth >= MAX_DEPTH) throw tooDeep();`,
    n > 0 ? `  let ${fields.map((f, i) => (f.default !== undefined ? `${locals[i]} = MISSING` : locals[i])).join(", ")};` : ``,
    `  let index = -1;`,
    `  try {`,
    `    for (let i = 0; i < n; i++) {`,
    `      index = -1;`,
    `      const found = matchKey(r, fields, i);`,
    `      switch (found) {`,
    ...fields.map((_, i) => `        case ${i}: index = ${i}; v${i} = d${i}(r, depth + 1); break;`),
    `        default: r.skip();`,
    `      }`,
    `    }`,
    `  } catch (e) {`,
    `    throw index < 0 ? e : withPath(e, "." + fields[index].prop);`,
    `  }`,
    ...checks.required.map((i) => `  if (v${i} === undefined) throw missing(${i});`),
    ...checks.defaulted.map((i) => `  if (v${i} === MISSING) v${i} = fields[${i}].default();`),
    `  return {${fields.map((f, i) => `[${JSON.stringify(f.prop)}]: v${i}`).join(", ")}};`,
    `};`,
  ].join("\n");
  try {
    const make = new Function("decs", "t", "fields", "MAX_DEPTH", "MISSING", "matchKey", "withPath", "missing", "tooDeep", source);
    return make(decs, t, fields, MAX_DEPTH, MISSING, matchKey, withPath, checks.missing, tooDeep) as FieldDecoder;
  } catch {
    return undefined;
  }
}

type StructFactory = (values: readonly unknown[]) => Record<string, unknown>;
const factories = new WeakMap<object, StructFactory>();

/**
 * A function building a struct's object from its values in field order, as one object literal, so every object of
 * the struct has the same shape from the start. Built once per struct with `new Function`; where code generation
 * from strings is disabled, a loop of plain stores does the same, slower. Keys are written as computed string
 * literals, so a field named `__proto__` is an own property, never the prototype.
 */
function structFactory(t: StructWire): StructFactory {
  let factory = factories.get(t);
  if (factory === undefined) {
    const props = t.fields.map((f) => f.prop);
    try {
      factory = new Function("v", `return {${props.map((p, i) => `[${JSON.stringify(p)}]: v[${i}]`).join(", ")}};`) as StructFactory;
    } catch {
      factory = (values) => {
        const out: Record<string, unknown> = {};
        for (let i = 0; i < props.length; i++) Object.defineProperty(out, props[i]!, { value: values[i], enumerable: true, writable: true, configurable: true });
        return out;
      };
    }
    factories.set(t, factory);
  }
  return factory;
}

/**
 * Whether the key at the cursor is exactly `key` (str header included); moves past it if so. A plain function,
 * not a closure in `matchKey`: one closure per key read cost more than the comparison (bench/codec.ts, P4).
 */
function keyAt(r: WireReader, key: Uint8Array): boolean {
  const bytes = r.bytes;
  const start = r.pos;
  const n = key.length;
  if (start + n > r.end) return false;
  for (let j = 0; j < n; j++) if (bytes[start + j] !== key[j]) return false;
  r.pos = start + n;
  return true;
}

/**
 * Reads a struct key and finds its field: first by comparing bytes with the field expected at this
 * position (senders usually keep declaration order), then with every field, then by decoded name
 * for keys written with a wider header than needed. Returns the field index, or -1 for an unknown key (skipped).
 */
function matchKey<F extends { readonly keyBytes: Uint8Array; readonly wire: string }>(
  r: WireReader,
  fields: readonly F[],
  hint: number,
): number {
  if (hint < fields.length && keyAt(r, fields[hint]!.keyBytes)) return hint;
  for (let i = 0; i < fields.length; i++) if (i !== hint && keyAt(r, fields[i]!.keyBytes)) return i;
  const len = r.strLength();
  if (len === undefined) {
    r.skip(); // a non-string key: not a field of any struct
    return -1;
  }
  const name = r.utf8(len);
  return fields.findIndex((f) => f.wire === name);
}
