/**
 * A fast-check arbitrary of valid WIDL schemas for the codegen property tests: names from name-pool.ts, every
 * type constructor nested (lists, maps, optionals, structs, enums, unions, aliases), defaults of every kind the
 * generators support, host roles, unary operations, and namespaces as users write them.
 *
 * A schema is built as data (`FuzzSchema`) and printed with `renderSchema`, so a failure shows the schema text
 * fast-check shrank to.
 */
import fc from "fast-check";
import { MEMBER_NAMES, NAMESPACES, TYPE_NAMES, VALUE_KEYWORDS } from "./name-pool.js";

type ScalarName = "i8" | "u8" | "i16" | "u16" | "i32" | "u32" | "i64" | "u64" | "f32" | "f64" | "bool";
const SCALARS: readonly ScalarName[] = ["i8", "u8", "i16", "u16", "i32", "u32", "i64", "u64", "f32", "f64", "bool"];

/** A type as written in a schema. */
export type FuzzType =
  | { readonly k: "scalar"; readonly name: ScalarName }
  | { readonly k: "string" | "bytes" | "datetime" | "raw" | "any" }
  | { readonly k: "list"; readonly item: FuzzType }
  | { readonly k: "map"; readonly key: FuzzType; readonly value: FuzzType }
  | { readonly k: "optional"; readonly inner: FuzzType }
  | { readonly k: "ref"; readonly name: string };

export interface FuzzField {
  readonly name: string;
  readonly type: FuzzType;
  /** The default as WIDL text. */
  readonly default: string | undefined;
}

export interface FuzzEnumValue {
  readonly name: string;
  readonly index: number;
}

export type FuzzTypeDef =
  | { readonly kind: "struct"; readonly name: string; readonly fields: readonly FuzzField[] }
  | { readonly kind: "enum"; readonly name: string; readonly values: readonly FuzzEnumValue[] }
  | { readonly kind: "union"; readonly name: string; readonly members: readonly string[] }
  | { readonly kind: "alias"; readonly name: string; readonly type: FuzzType };

export interface FuzzOperation {
  readonly name: string;
  readonly unary: boolean;
  readonly params: readonly FuzzField[];
  readonly result: FuzzType | undefined;
}

export interface FuzzRole {
  readonly name: string;
  readonly operations: readonly FuzzOperation[];
}

export interface FuzzSchema {
  readonly namespace: string;
  readonly types: readonly FuzzTypeDef[];
  readonly roles: readonly FuzzRole[];
  readonly operations: readonly FuzzOperation[];
}

// ---------------------------------------------------------------------------------------------
// Printing

export function typeText(t: FuzzType): string {
  switch (t.k) {
    case "scalar":
      return t.name;
    case "list":
      return `[${typeText(t.item)}]`;
    case "map":
      return `{${typeText(t.key)}: ${typeText(t.value)}}`;
    case "optional":
      return `${typeText(t.inner)}?`;
    case "ref":
      return t.name;
    default:
      return t.k;
  }
}

const fieldText = (f: FuzzField): string => `${f.name}: ${typeText(f.type)}${f.default === undefined ? "" : ` = ${f.default}`}`;

function operationText(op: FuzzOperation): string {
  const params = op.unary ? `{${fieldText(op.params[0]!)}}` : `(${op.params.map(fieldText).join(", ")})`;
  return `  ${op.name}${params}${op.result === undefined ? "" : `: ${typeText(op.result)}`}`;
}

/** The schema as WIDL source. */
export function renderSchema(s: FuzzSchema): string {
  const out = [`namespace ${JSON.stringify(s.namespace)}`, ""];
  for (const def of s.types) {
    switch (def.kind) {
      case "struct":
        out.push(`type ${def.name} {`, ...def.fields.map((f) => `  ${fieldText(f)}`), "}", "");
        break;
      case "enum":
        out.push(`enum ${def.name} {`, ...def.values.map((v) => `  ${v.name} = ${v.index}`), "}", "");
        break;
      case "union":
        out.push(`union ${def.name} = ${def.members.join(" | ")}`, "");
        break;
      case "alias":
        out.push(`alias ${def.name} = ${typeText(def.type)}`, "");
        break;
    }
  }
  for (const role of s.roles) out.push(`role ${role.name} {`, ...role.operations.map(operationText), "}", "");
  if (s.operations.length > 0) out.push("interface {", ...s.operations.map(operationText), "}", "");
  return out.join("\n");
}

// ---------------------------------------------------------------------------------------------
// Generation

type Kind = FuzzTypeDef["kind"] | "role";

/** What the types of one definition may refer to. */
interface Env {
  /** Named types by name, with their kind; an alias's own env lists only aliases before it. */
  readonly refs: ReadonlyMap<string, Kind>;
  readonly enums: ReadonlyMap<string, readonly FuzzEnumValue[]>;
  readonly aliases: ReadonlyMap<string, FuzzType>;
}

const INT_RANGE: Record<Exclude<ScalarName, "bool" | "f32" | "f64">, [bigint, bigint]> = {
  i8: [-128n, 127n],
  u8: [0n, 255n],
  i16: [-32768n, 32767n],
  u16: [0n, 65535n],
  i32: [-(2n ** 31n), 2n ** 31n - 1n],
  u32: [0n, 2n ** 32n - 1n],
  i64: [-(2n ** 63n), 2n ** 63n - 1n],
  u64: [0n, 2n ** 64n - 1n],
};

const leafType = (env: Env): fc.Arbitrary<FuzzType> => {
  const refs = [...env.refs].filter(([, kind]) => kind !== "role").map(([name]) => name);
  return fc.oneof(
    fc.constantFrom(...SCALARS).map((name): FuzzType => ({ k: "scalar", name })),
    fc.constantFrom("string", "bytes", "datetime", "raw", "any").map((k): FuzzType => ({ k })),
    ...(refs.length > 0 ? [fc.constantFrom(...refs).map((name): FuzzType => ({ k: "ref", name }))] : []),
  );
};

/** Map keys: numbers, bools, strings, datetimes and enums (the validator's rule). */
const keyType = (env: Env): fc.Arbitrary<FuzzType> => {
  const enums = [...env.enums.keys()].filter((n) => env.refs.has(n));
  return fc.oneof(
    fc.constantFrom<ScalarName>("i32", "u64", "i8", "bool", "f64").map((name): FuzzType => ({ k: "scalar", name })),
    fc.constantFrom("string", "datetime").map((k): FuzzType => ({ k })),
    ...(enums.length > 0 ? [fc.constantFrom(...enums).map((name): FuzzType => ({ k: "ref", name }))] : []),
  );
};

function typeArb(env: Env, depth: number): fc.Arbitrary<FuzzType> {
  if (depth === 0) return leafType(env);
  const inner = typeArb(env, depth - 1);
  return fc.oneof(
    { arbitrary: leafType(env), weight: 3 },
    { arbitrary: inner.map((item): FuzzType => ({ k: "list", item })), weight: 1 },
    { arbitrary: fc.tuple(keyType(env), inner).map(([key, value]): FuzzType => ({ k: "map", key, value })), weight: 1 },
    // `T??` cannot be written; an optional alias made optional again can.
    {
      arbitrary: inner.filter((t) => t.k !== "optional").map((t): FuzzType => ({ k: "optional", inner: t })),
      weight: 1,
    },
  );
}

/** The type behind aliases, or undefined for an alias the env cannot see. */
function resolve(t: FuzzType, env: Env): FuzzType | undefined {
  let seen = 0;
  while (t.k === "ref" && env.aliases.has(t.name)) {
    if (seen++ > 64) return undefined;
    t = env.aliases.get(t.name)!;
  }
  return t;
}

const widlString = fc.string({ unit: fc.constantFrom(..."ab Z_0\"\\\n\té漢🙂".match(/./gsu)!), maxLength: 6 }).map((s) => JSON.stringify(s));

/** A default of a type, as WIDL text, of a kind every target supports; undefined when the type has none. */
function defaultArb(type: FuzzType, env: Env): fc.Arbitrary<string> | undefined {
  const t = resolve(type, env);
  if (t === undefined) return undefined;
  switch (t.k) {
    case "scalar":
      if (t.name === "bool") return fc.boolean().map(String);
      if (t.name === "f32") return fc.float({ noNaN: true, noDefaultInfinity: true }).map(numberText);
      if (t.name === "f64") return fc.double({ noNaN: true, noDefaultInfinity: true }).map(numberText);
      return fc.bigInt(...INT_RANGE[t.name]).map(String);
    case "string":
      return widlString;
    case "optional": {
      const inner = defaultArb(t.inner, env);
      return inner === undefined ? fc.constant("null") : fc.oneof(fc.constant("null"), inner);
    }
    case "list": {
      const item = defaultArb(t.item, env);
      if (item === undefined) return fc.constant("[]");
      return fc.array(item, { maxLength: 3 }).map((items) => `[${items.join(", ")}]`);
    }
    case "map":
      return fc.constant("{}");
    case "ref": {
      const values = env.enums.get(t.name);
      if (values === undefined || values.length === 0) return undefined;
      return fc.constantFrom(...values).map((v) => (VALUE_KEYWORDS.has(v.name) ? String(v.index) : v.name));
    }
    default:
      return undefined;
  }
}

/** A number as WIDL reads it: no `Infinity`, and `-0` keeps its sign. */
function numberText(n: number): string {
  if (Object.is(n, -0)) return "-0.0";
  return String(n).replace("e+", "e");
}

function fieldArb(name: string, env: Env, depth: number, withDefault: boolean): fc.Arbitrary<FuzzField> {
  return typeArb(env, depth).chain((type) => {
    const d = withDefault ? defaultArb(type, env) : undefined;
    if (d === undefined) return fc.constant({ name, type, default: undefined });
    return fc.option(d, { freq: 2, nil: undefined }).map((dflt) => ({ name, type, default: dflt }));
  });
}

function fieldsArb(env: Env, depth: number, max: number, withDefaults: boolean): fc.Arbitrary<FuzzField[]> {
  return fc
    .uniqueArray(fc.constantFrom(...MEMBER_NAMES), { maxLength: max })
    .chain((names) => (names.length === 0 ? fc.constant([]) : fc.tuple(...names.map((n) => fieldArb(n, env, depth, withDefaults)))));
}

function operationArb(name: string, env: Env): fc.Arbitrary<FuzzOperation> {
  return fc
    .record({
      unary: fc.boolean(),
      params: fieldsArb(env, 2, 3, true),
      result: fc.option(typeArb(env, 2), { nil: undefined }),
    })
    .chain(({ unary, params, result }): fc.Arbitrary<FuzzOperation> =>
      unary
        ? fieldArb(params[0]?.name ?? "value", env, 2, false).map((p) => ({ name, unary: true, params: [p], result }))
        : fc.constant({ name, unary: false, params, result }),
    );
}

/** The interface's operations, decided once the definitions' env is known. */
type OperationsArb = (env: Env) => fc.Arbitrary<FuzzOperation[]>;

const operationsArb =
  (names: readonly string[]): OperationsArb =>
  (env) =>
    names.length === 0 ? fc.constant([]) : fc.tuple(...names.map((n) => operationArb(n, env)));

/** `echo_<i>(v: T): T` for each defined type T, then for random types (nested deeper), `max` in all. */
const echoOperationsArb =
  (defs: readonly (readonly [string, Kind])[], max: number): OperationsArb =>
  (env) => {
    const named = defs.map(([name]): fc.Arbitrary<FuzzType> => fc.constant({ k: "ref", name }));
    const types = [...named, ...Array.from({ length: Math.max(0, max - named.length) }, () => typeArb(env, 3))];
    if (types.length === 0) return fc.constant([]);
    return fc.tuple(...types.map((type) => fc.tuple(type, fc.boolean()))).map((ops) =>
      ops.map(([type, unary], i): FuzzOperation => ({
        name: `echo_${i}`,
        unary,
        params: [{ name: "v", type, default: undefined }],
        result: type,
      })),
    );
  };

export interface SchemaShape {
  /** The most definitions (types, enums, unions, aliases and roles together). */
  readonly maxDefinitions: number;
  /** The most operations in the interface. */
  readonly maxOperations: number;
  /**
   * `"echo"`: no roles, and every operation is `echo_<i>(v: T): T` (some unary, `echo_<i>{v: T}: T`), one per
   * defined type first, then random types up to `maxOperations`: the round-trip property (round-trip.test.ts).
   * Defaults to `"any"`: random parameters and results.
   */
  readonly operations?: "any" | "echo";
}

/** Valid schemas: every one passes `check`, and every target must generate code from it that compiles. */
export function schemaArbitrary(shape: SchemaShape = { maxDefinitions: 7, maxOperations: 4 }): fc.Arbitrary<FuzzSchema> {
  const echo = shape.operations === "echo";
  const kinds = fc.constantFrom<Kind>("struct", "struct", "enum", "union", "alias", ...(echo ? [] : ["role" as const]));
  return fc
    .record({
      namespace: fc.constantFrom(...NAMESPACES, ...TYPE_NAMES.slice(0, 20)),
      defs: fc.uniqueArray(fc.tuple(fc.constantFrom(...TYPE_NAMES), kinds), { maxLength: shape.maxDefinitions, selector: ([n]) => n }),
      operations: fc.uniqueArray(fc.constantFrom(...MEMBER_NAMES), { maxLength: shape.maxOperations }),
      roleOperations: fc.uniqueArray(fc.constantFrom(...MEMBER_NAMES), { maxLength: 4 }),
    })
    .chain(({ namespace, defs, operations, roleOperations }) => {
      // Enums first, so defaults can name their values.
      const enumNames = defs.filter(([, k]) => k === "enum").map(([n]) => n);
      const enumValues = enumNames.length === 0 ? fc.constant([]) : fc.tuple(...enumNames.map(() => enumValuesArb));
      return enumValues.chain((values) => {
        const enums = new Map(enumNames.map((n, i) => [n, values[i]!] as const));
        return restArb(namespace, defs, enums, echo ? echoOperationsArb(defs, shape.maxOperations) : operationsArb(operations), roleOperations);
      });
    });
}

const enumValuesArb: fc.Arbitrary<FuzzEnumValue[]> = fc
  .uniqueArray(fc.tuple(fc.constantFrom(...MEMBER_NAMES), fc.integer({ min: -3, max: 1000 })), {
    minLength: 1,
    maxLength: 4,
    selector: ([n]) => n,
  })
  .map((vs) => {
    // Indices are distinct (the validator's rule): clashes move up.
    const used = new Set<number>();
    return vs.map(([name, index]) => {
      while (used.has(index)) index++;
      used.add(index);
      return { name, index };
    });
  });

function restArb(
  namespace: string,
  defs: readonly (readonly [string, Kind])[],
  enums: ReadonlyMap<string, readonly FuzzEnumValue[]>,
  operations: OperationsArb,
  roleOperationNames: readonly string[],
): fc.Arbitrary<FuzzSchema> {
  const all = new Map(defs.map(([n, k]) => [n, k] as const));
  const nonRole = defs.filter(([, k]) => k !== "role").map(([n]) => n);
  // Aliases see only the aliases before them, so none is cyclic. Their types are decided first.
  const aliasDefs = defs.filter(([, k]) => k === "alias").map(([n]) => n);
  const aliasEnv = (i: number): Env => ({
    refs: new Map([...all].filter(([n, k]) => k !== "role" && (k !== "alias" || aliasDefs.indexOf(n) < i))),
    enums,
    aliases: new Map(),
  });
  const aliasTypes = aliasDefs.length === 0 ? fc.constant([]) : fc.tuple(...aliasDefs.map((_, i) => typeArb(aliasEnv(i), 2)));
  return aliasTypes.chain((types) => {
    const aliases = new Map(aliasDefs.map((n, i) => [n, types[i]!] as const));
    const env: Env = { refs: new Map([...all].filter(([, k]) => k !== "role")), enums, aliases };
    const roles = defs.filter(([, k]) => k === "role").map(([n]) => n);
    const typeDefs: fc.Arbitrary<FuzzTypeDef>[] = defs
      .filter(([, k]) => k !== "role")
      .map(([name, kind]) => {
        switch (kind) {
          case "struct":
            return fieldsArb(env, 2, 4, true).map((fields): FuzzTypeDef => ({ kind, name, fields }));
          case "enum":
            return fc.constant<FuzzTypeDef>({ kind, name, values: enums.get(name)! });
          case "union": {
            const candidates = nonRole.filter((n) => n !== name);
            if (candidates.length === 0) return fc.constant<FuzzTypeDef>({ kind: "struct", name, fields: [] });
            return fc
              .uniqueArray(fc.constantFrom(...candidates), { minLength: 1, maxLength: 3 })
              .map((members): FuzzTypeDef => ({ kind, name, members }));
          }
          default:
            return fc.constant<FuzzTypeDef>({ kind: "alias", name, type: aliases.get(name)! });
        }
      });
    // Two host roles cannot share an operation name (the wire carries no role), so roles split one list.
    const roleOps = roles.map((_, i) => roleOperationNames.filter((_, j) => j % roles.length === i));
    return fc.record({
      namespace: fc.constant(namespace),
      types: typeDefs.length === 0 ? fc.constant([]) : fc.tuple(...typeDefs),
      roles: roles.length === 0 ? fc.constant([]) : fc.tuple(...roles.map((name, i) => operationsArb(roleOps[i]!)(env).map((operations) => ({ name, operations })))),
      operations: operations(env),
    });
  });
}
