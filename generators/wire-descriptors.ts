/**
 * `descriptorFromModel`: the wire codec's descriptors for a schema read at run time, the same ones
 * the `typescript-host` target writes into generated code, WIDL defaults included. Used where no code is
 * generated: `invoke --schema`, `serve --schema`, local TS guests, tests.
 */
import { OperationCodec, wire, type WireFieldOptions, type WireType } from "@widl-bindgen/host/codegen";
import { defaultOf, type DefaultLiteral, type DefaultOwner } from "./defaults.js";
import type { FieldDef, Model, OperationDef, ParamDef, TypeDef, TypeExpr } from "./model.js";

export interface ModelDescriptors {
  /** The descriptor of every struct, enum and union, by WIDL name (aliases are their target). */
  readonly types: ReadonlyMap<string, WireType>;
  /** One codec per interface operation, by WIDL name. */
  readonly operations: ReadonlyMap<string, OperationCodec>;
  /** Per role, one codec per operation. */
  readonly roles: ReadonlyMap<string, ReadonlyMap<string, OperationCodec>>;
  /** The descriptor of any type of this model. */
  typeOf(t: TypeExpr): WireType;
}

export interface DescriptorOptions {
  /**
   * JS property names of struct fields and parameters: `"ts"` as the generated TypeScript has them
   * (camelCase), or `"wire"` the WIDL names unchanged. Defaults to `"ts"`.
   */
  readonly props?: "ts" | "wire";
}

/** A resolved default as the JS value the codec uses for it: a new one each call (lists and maps are mutable). */
export function defaultValue(d: DefaultLiteral): unknown {
  switch (d.kind) {
    case "int":
      return d.type === "i64" || d.type === "u64" ? d.value : Number(d.value);
    case "float":
    case "bool":
    case "string":
      return d.value;
    case "enum":
      return d.member.value;
    case "none":
      return undefined;
    case "some":
      return defaultValue(d.inner);
    case "list":
      return d.items.map(defaultValue);
    case "emptyMap":
      return new Map();
  }
}

/**
 * The third element of a field or parameter tuple: the JS property name, and the WIDL default (resolved by
 * `defaultOf`, which throws `UnsupportedDefaultError` for a kind no target applies). `null` for `T?` is no default.
 */
function fieldOptions(member: FieldDef | ParamDef, owner: DefaultOwner, prop: string): WireFieldOptions {
  const literal = defaultOf(member, owner);
  if (literal === undefined || literal.kind === "none") return { prop };
  return { prop, default: () => defaultValue(literal) };
}

/**
 * Builds the wire descriptors and operation codecs of a model. Throws `UnsupportedDefaultError` for a default
 * the generators refuse too, so a schema behaves the same with and without generated code.
 */
export function descriptorFromModel(model: Model, options: DescriptorOptions = {}): ModelDescriptors {
  const prop = options.props === "wire" ? (m: FieldDef | ParamDef) => m.name : (m: FieldDef | ParamDef) => m.id.ts;
  const named = new Map<TypeDef, WireType>();

  const typeOf = (t: TypeExpr): WireType => {
    switch (t.kind) {
      case "scalar":
        return wire[t.name];
      case "string":
      case "bytes":
      case "datetime":
      case "raw":
        return wire[t.kind];
      case "any":
        return wire.any;
      case "list":
        return wire.list(typeOf(t.item));
      case "map":
        return wire.map(typeOf(t.key), typeOf(t.value));
      case "optional":
        return wire.optional(typeOf(t.inner));
      case "alias":
        return typeOf(t.def.resolved);
      case "enum":
      case "struct":
      case "union":
        return namedType(t.def);
    }
  };

  const namedType = (def: TypeDef): WireType => {
    let w = named.get(def);
    if (w !== undefined) return w;
    switch (def.kind) {
      case "enum":
        w = wire.enumeration(def.name, def.values.map((v) => v.value));
        break;
      // Fields and members are thunks, so recursive types terminate.
      case "struct": {
        // Defaults now, types in the thunk: an unsupported default fails here rather than at a first call.
        const options = def.fields.map((f) => fieldOptions(f, { kind: "field", type: def.name }, prop(f)));
        w = wire.struct(def.name, () => def.fields.map((f, i) => [f.name, typeOf(f.type), options[i]] as const));
        break;
      }
      case "union":
        w = wire.union(def.name, () => def.members.map((m) => [m.name, typeOf(m.type)] as const));
        break;
      case "alias":
        return typeOf(def.resolved);
    }
    named.set(def, w);
    return w;
  };

  const codecOf = (op: OperationDef): OperationCodec =>
    new OperationCodec(
      op.name,
      op.wire,
      op.params.map((p) => [p.name, typeOf(p.type), fieldOptions(p, { kind: "parameter", operation: op.name }, prop(p))] as const),
      op.returnType.kind === "void" ? undefined : typeOf(op.returnType),
    );

  const types = new Map<string, WireType>();
  for (const def of model.types) if (def.kind !== "alias") types.set(def.name, namedType(def));
  return {
    types,
    operations: new Map(model.interface.operations.map((op) => [op.name, codecOf(op)])),
    roles: new Map(model.roles.map((r) => [r.name, new Map(r.operations.map((op) => [op.name, codecOf(op)]))])),
    typeOf,
  };
}
