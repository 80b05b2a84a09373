/**
 * Whether a value (a default, an annotation argument) fits a type. Shared by the defaults pass and
 * the annotation-arguments check.
 */
import { INTEGER_RANGES } from "@widl-bindgen/host/vocabulary";
import type * as ast from "../ast.js";
import { type ValidationContext, typeText } from "./context.js";

const intRanges: Readonly<Record<string, readonly [bigint, bigint]>> = INTEGER_RANGES;

/** Writes a value back as WIDL, shortened to about 40 characters, for messages. */
export function valueText(v: ast.Value): string {
  const full = fullValueText(v);
  return full.length > 40 ? `${full.slice(0, 37)}...` : full;
}

function fullValueText(v: ast.Value): string {
  switch (v.kind) {
    case "IntValue":
    case "FloatValue":
      return v.raw;
    case "StringValue":
      return JSON.stringify(v.value);
    case "BooleanValue":
      return String(v.value);
    case "NullValue":
      return "null";
    case "EnumValue":
      return v.value;
    case "ListValue":
      return `[${v.values.map(fullValueText).join(", ")}]`;
    case "ObjectValue":
      return `{${v.fields.map((f) => `${f.name.value}: ${fullValueText(f.value)}`).join(", ")}}`;
  }
}

/** Undefined when `value` fits `type`, else the reason, worded to follow "default value X …". */
export function valueMismatch(ctx: ValidationContext, value: ast.Value, type: ast.TypeRef, depth = 0): string | undefined {
  const t = ctx.resolve(type);
  const fail = `does not match type ${typeText(type)}`;
  if (depth > 64) return undefined;
  switch (t.kind) {
    case "OptionalType":
      return value.kind === "NullValue" ? undefined : valueMismatch(ctx, value, t.type, depth + 1);
    case "ListType":
      if (value.kind !== "ListValue") return fail;
      for (const item of value.values) {
        const inner = valueMismatch(ctx, item, t.type, depth + 1);
        if (inner) return `${fail}: item ${valueText(item)} ${inner}`;
      }
      return undefined;
    case "MapType":
      if (value.kind !== "ObjectValue") return fail;
      for (const f of value.fields) {
        const inner = valueMismatch(ctx, f.value, t.valueType, depth + 1);
        if (inner) return `${fail}: "${f.name.value}" ${inner}`;
      }
      return undefined;
    case "BuiltinType":
      return builtinMismatch(value, t.name, fail);
    case "NamedType": {
      const def = ctx.types.get(t.name.value);
      if (!def || def.kind === "AliasDefinition") return undefined; // unknown types and alias cycles are reported elsewhere
      if (def.kind === "EnumDefinition") {
        if (value.kind === "EnumValue") {
          return members(def).names.has(value.value) ? undefined : `is not a value of enum "${def.name.value}"`;
        }
        // An enum may also be given by its index, as it travels on the wire.
        if (value.kind === "IntValue") return members(def).indexes.has(value.value) ? undefined : `is not an index of enum "${def.name.value}"`;
        return fail;
      }
      if (def.kind === "UnionDefinition") {
        return def.members.some((m) => valueMismatch(ctx, value, m, depth + 1) === undefined) ? undefined : fail;
      }
      if (value.kind !== "ObjectValue") return fail;
      for (const f of value.fields) {
        const field = members(def).fields.get(f.name.value);
        if (!field) return `${fail}: type "${def.name.value}" has no field "${f.name.value}"`;
        const inner = valueMismatch(ctx, f.value, field.type, depth + 1);
        if (inner) return `${fail}: field "${f.name.value}" ${inner}`;
      }
      return undefined;
    }
  }
}

/** Name indexes of a type's fields and an enum's values, built once per definition. */
interface Members {
  /** The first field of each name (a repeated one is reported by the duplicates pass). */
  readonly fields: ReadonlyMap<string, ast.FieldDefinition>;
  readonly names: ReadonlySet<string>;
  readonly indexes: ReadonlySet<number>;
}

const membersOf = new WeakMap<ast.TypeDefinition | ast.EnumDefinition, Members>();

/**
 * The indexes of `def`, so that checking a value is linear in the value rather than in the value
 * times the definition (a default object against a type of 10,000 fields was quadratic).
 */
function members(def: ast.TypeDefinition | ast.EnumDefinition): Members {
  let found = membersOf.get(def);
  if (found === undefined) {
    const fields = new Map<string, ast.FieldDefinition>();
    if (def.kind === "TypeDefinition") for (const f of def.fields) if (!fields.has(f.name.value)) fields.set(f.name.value, f);
    const values = def.kind === "EnumDefinition" ? def.values : [];
    found = { fields, names: new Set(values.map((v) => v.name.value)), indexes: new Set(values.map((v) => v.index.value)) };
    membersOf.set(def, found);
  }
  return found;
}

function builtinMismatch(value: ast.Value, name: ast.BuiltinTypeName, fail: string): string | undefined {
  switch (name) {
    case "any":
    case "value":
    case "raw":
      return undefined;
    case "bool":
      return value.kind === "BooleanValue" ? undefined : fail;
    case "string":
    case "datetime":
    case "bytes":
      return value.kind === "StringValue" ? undefined : fail;
    case "f32":
    case "f64":
      return value.kind === "IntValue" || value.kind === "FloatValue" ? undefined : fail;
    case "void":
      return fail;
    default: {
      if (value.kind !== "IntValue") return fail;
      const [min, max] = intRanges[name]!;
      const n = BigInt(value.raw);
      return n < min || n > max ? `is out of range for ${name} (${min} to ${max})` : undefined;
    }
  }
}
