/**
 * WIDL defaults, decided once for every target.
 *
 * The validator accepts a default of any shape that fits its type (docs/widl.md, "Values"). Every target
 * applies defaults (TS stubs before encoding, the AssemblyScript and Rust decoders for a missing key), so each
 * needs the default as a literal of its own language. `resolveDefault` turns a model value into a
 * `DefaultLiteral`: a small tree, typed by the field's resolved type, that each target prints with one
 * function (`tsDefault`, `AsCodec.defaultLiteral`, `rustDefault`). The shapes no target can print the same
 * way (objects for types and unions, non-empty maps, `bytes`/`datetime`/`raw`/`any` values) are refused here
 * with `UnsupportedDefaultError`, so a schema generates with every target or with none, never with a default
 * silently dropped.
 */
import { INTEGER_RANGES, type IntegerName } from "@widl-bindgen/host/vocabulary";
import {
  resolveAlias,
  typeToWidl,
  type EnumDef,
  type EnumValueDef,
  type FieldDef,
  type Model,
  type ModelValue,
  type ParamDef,
  type TypeExpr,
} from "./model.js";

/** A default every target can write as a literal, typed by the (alias-resolved) type it is a default for. */
export type DefaultLiteral =
  | { readonly kind: "int"; readonly type: IntegerName; readonly value: bigint }
  | { readonly kind: "float"; readonly type: "f32" | "f64"; readonly value: number }
  | { readonly kind: "bool"; readonly value: boolean }
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "enum"; readonly def: EnumDef; readonly member: EnumValueDef }
  /** `null` for `T?`. */
  | { readonly kind: "none" }
  /** A value for `T?`: `inner` is a default of `innerType`. */
  | { readonly kind: "some"; readonly innerType: TypeExpr; readonly inner: DefaultLiteral }
  | { readonly kind: "list"; readonly itemType: TypeExpr; readonly items: readonly DefaultLiteral[] }
  /** `{}` for a map. */
  | { readonly kind: "emptyMap"; readonly keyType: TypeExpr; readonly valueType: TypeExpr };

/** A default the targets cannot generate; the message names the field or parameter, the value and why. */
export class UnsupportedDefaultError extends Error {
  override readonly name = "UnsupportedDefaultError";
}

const SUPPORTED =
  "defaults can be numbers, strings, bools, enum values (by name or index), null for T?, lists of those, and {} for maps";

/** Where a default was written, for messages: `field Holder.n` or `parameter greet(times)`. */
export type DefaultOwner = { readonly kind: "field"; readonly type: string } | { readonly kind: "parameter"; readonly operation: string };

/** The literal of a field's or parameter's default, or undefined when it has none. */
export function defaultOf(member: FieldDef | ParamDef, owner: DefaultOwner): DefaultLiteral | undefined {
  if (member.default === undefined) return undefined;
  const where =
    owner.kind === "field" ? `field ${owner.type}.${member.name}` : `parameter ${member.name} of ${owner.operation}`;
  const loc = member.loc;
  const at = loc ? `${loc.file}:${loc.start.line}:${loc.start.column}: ` : "";
  return resolve(member.type, member.default, (reason) => {
    throw new UnsupportedDefaultError(
      `${at}the default ${widlValueText(member.default!)} of ${where} (${typeToWidl(member.type)}) cannot be generated: ${reason}; ${SUPPORTED}`,
    );
  });
}

/**
 * Resolves every default in the schema (fields of every type, parameters of every operation), so a default
 * no target can write fails generation with every target, before any file is produced.
 */
export function checkDefaults(model: Model): void {
  for (const s of model.structs) for (const f of s.fields) defaultOf(f, { kind: "field", type: s.name });
  for (const op of [...model.interface.operations, ...model.roles.flatMap((r) => r.operations)]) {
    for (const p of op.params) defaultOf(p, { kind: "parameter", operation: op.name });
  }
}

function resolve(type: TypeExpr, value: ModelValue, refuse: (reason: string) => never): DefaultLiteral {
  const t = resolveAlias(type);
  switch (t.kind) {
    case "optional":
      if (value.kind === "null") return { kind: "none" };
      return { kind: "some", innerType: t.inner, inner: resolve(t.inner, value, refuse) };
    case "scalar":
      if (t.name === "bool") {
        if (value.kind === "bool") return { kind: "bool", value: value.value };
        break;
      }
      if (t.name === "f32" || t.name === "f64") {
        const n = value.kind === "int" ? Number(value.value) : value.kind === "float" ? value.value : undefined;
        if (n === undefined) break;
        if (!Number.isFinite(n)) return refuse(`${n} is not a finite number`);
        return { kind: "float", type: t.name, value: n };
      }
      if (value.kind === "int") return { kind: "int", type: t.name, value: value.value };
      break;
    case "string":
      if (value.kind === "string") return { kind: "string", value: value.value };
      break;
    case "enum": {
      const member =
        value.kind === "enum"
          ? t.def.values.find((v) => v.name === value.value)
          : value.kind === "int"
            ? t.def.values.find((v) => BigInt(v.value) === value.value)
            : undefined;
      if (member) return { kind: "enum", def: t.def, member };
      break;
    }
    case "list":
      if (value.kind === "list") {
        return { kind: "list", itemType: t.item, items: value.values.map((v) => resolve(t.item, v, refuse)) };
      }
      break;
    case "map":
      if (value.kind === "object" && value.fields.length === 0) return { kind: "emptyMap", keyType: t.key, valueType: t.value };
      if (value.kind === "object") return refuse("only an empty map {} can be a default");
      break;
    case "struct":
    case "union":
      return refuse(`defaults of ${t.kind === "struct" ? "types" : "unions"} are not supported`);
    case "bytes":
    case "datetime":
    case "raw":
    case "any":
      return refuse(`defaults of ${t.kind === "any" ? t.name : t.kind} are not supported`);
    case "alias":
      throw new Error("unreachable: resolveAlias returned an alias");
  }
  // The validator rejects these; a model built without it gets a message instead of wrong code.
  return refuse(`it does not fit ${typeToWidl(type)}`);
}

/** A value written back as WIDL, for messages and docs: `3`, `"text"`, `RED`, `[1, 2]`. */
export function widlValueText(v: ModelValue): string {
  switch (v.kind) {
    case "int":
    case "float":
      return v.raw;
    case "string":
      return JSON.stringify(v.value);
    case "bool":
      return String(v.value);
    case "null":
      return "null";
    case "enum":
      return v.value;
    case "list":
      return `[${v.values.map(widlValueText).join(", ")}]`;
    case "object":
      return `{${v.fields.map((f) => `${f.name}: ${widlValueText(f.value)}`).join(", ")}}`;
  }
}

/**
 * A float as a decimal literal every target reads as a float: always with a `.` or an exponent (Rust reads
 * `600` as an integer), `-0.0` keeps its sign.
 */
export function floatText(n: number): string {
  if (Object.is(n, -0)) return "-0.0";
  const s = String(n);
  return /[.eE]/.test(s) ? s : `${s}.0`;
}

/** The bounds of each integer type, for targets that spell the extremes by name. */
export const INT_MIN = Object.fromEntries(
  Object.entries(INTEGER_RANGES).map(([name, [min]]) => [name, min]),
) as Readonly<Record<IntegerName, bigint>>;
