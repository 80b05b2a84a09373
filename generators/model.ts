/**
 * The one normalized model every generator target reads.
 *
 * The parser's AST mirrors the source (several `interface` blocks, type references by name, values as
 * written). Targets need the opposite: one merged interface, every reference resolved to its
 * definition, the wire shape of every operation decided, and the direct-ABI lowering of every value
 * decided. `buildModel` does that once, so no target walks the AST and no two targets can disagree on
 * a wire rule. Compare protobuf-es `packages/protoplugin/src/schema.ts`.
 *
 * `name` is always the WIDL name exactly as written (it is also the wire name). Next to it, every named
 * element carries `id`: its identifier in each target language, decided once by `./names/assign.ts` (legal,
 * unique in its scope, not shadowing what generated code uses). Targets read `id`; none converts a name.
 *
 * Definitions are shared objects: every reference to `Input` points at the same `StructDef`, so a
 * recursive type makes the graph cyclic (do not `JSON.stringify` a model).
 */
import type { WireShape } from "@widl-bindgen/host/vocabulary";
import type {
  Annotation as AstAnnotation,
  Definition,
  Document,
  EnumDefinition,
  FieldDefinition,
  OperationDefinition,
  ParameterDefinition,
  SourceLocation,
  TypeLikeDefinition,
  TypeRef,
  Value,
} from "../widl-parser/ast.js";
import { assignIdentifiers } from "./names/assign.js";

// ---------------------------------------------------------------------------------------------
// Types

/** The built-ins that are numbers or booleans: one wasm value each on the direct ABI. */
export type ScalarName = "i8" | "u8" | "i16" | "u16" | "i32" | "u32" | "i64" | "u64" | "f32" | "f64" | "bool";

/** `i8`…`u64`, `f32`, `f64`, `bool`. */
export interface ScalarType {
  readonly kind: "scalar";
  readonly name: ScalarName;
}
export interface StringType {
  readonly kind: "string";
}
/** msgpack bin on the wire. */
export interface BytesType {
  readonly kind: "bytes";
}
/** The msgpack timestamp extension (−1) on the wire. */
export interface DateTimeType {
  readonly kind: "datetime";
}
/** Pre-encoded msgpack, passed through unchanged. */
export interface RawType {
  readonly kind: "raw";
}
/** `any` or `value`: any msgpack value, not checked. */
export interface AnyType {
  readonly kind: "any";
  readonly name: "any" | "value";
}
/** `[T]` */
export interface ListType {
  readonly kind: "list";
  readonly item: TypeExpr;
}
/** `{K: V}`; `key` is a scalar or `string` (validate guarantees it). */
export interface MapType {
  readonly kind: "map";
  readonly key: TypeExpr;
  readonly value: TypeExpr;
}
/** `T?`: nil on the wire when absent. */
export interface OptionalType {
  readonly kind: "optional";
  readonly inner: TypeExpr;
}
/** A reference to a `type`. */
export interface StructRef {
  readonly kind: "struct";
  readonly name: string;
  readonly def: StructDef;
}
export interface EnumRef {
  readonly kind: "enum";
  readonly name: string;
  readonly def: EnumDef;
}
export interface UnionRef {
  readonly kind: "union";
  readonly name: string;
  readonly def: UnionDef;
}
/**
 * A reference to an `alias`. The alias keeps its name for the targets that emit a type alias, and
 * `def.resolved` is what it stands for (aliases of aliases already followed).
 */
export interface AliasRef {
  readonly kind: "alias";
  readonly name: string;
  readonly def: AliasDef;
}

/** Every type a parameter, field, map, list or result can have. */
export type TypeExpr =
  | ScalarType
  | StringType
  | BytesType
  | DateTimeType
  | RawType
  | AnyType
  | ListType
  | MapType
  | OptionalType
  | StructRef
  | EnumRef
  | UnionRef
  | AliasRef;

/** The result of an operation without `: Type`, or with `: void`. */
export interface VoidType {
  readonly kind: "void";
}
export type ReturnType = TypeExpr | VoidType;

// ---------------------------------------------------------------------------------------------
// Values, annotations, documentation

/** A default or an annotation argument, as written; ints keep their exact value as a bigint. */
export type ModelValue =
  | { readonly kind: "int"; readonly value: bigint; readonly raw: string }
  | { readonly kind: "float"; readonly value: number; readonly raw: string }
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "bool"; readonly value: boolean }
  | { readonly kind: "null" }
  /** A bare name: an enum value when the type is an enum (`enumValue` is then set), else a symbol. */
  | { readonly kind: "enum"; readonly value: string; readonly enumValue?: EnumValueDef }
  | { readonly kind: "list"; readonly values: readonly ModelValue[] }
  | { readonly kind: "object"; readonly fields: readonly { readonly name: string; readonly value: ModelValue }[] };

export interface ModelAnnotation {
  readonly name: string;
  /** By argument name; the shorthand `@a(v)` is `{ value: v }`. */
  readonly arguments: ReadonlyMap<string, ModelValue>;
}

/**
 * The identifier of one named element in each target language: `ts` for the TypeScript host stubs, `as` for the
 * AssemblyScript glue, `rust` for the Rust glue (possibly a raw identifier, `r#type`). See docs/codegen.md.
 */
export interface Identifiers {
  readonly ts: string;
  readonly as: string;
  readonly rust: string;
}

/** What every named element carries: its identifier per language (wire names stay in `name`). */
export interface Identified {
  readonly id: Identifiers;
}

/** What every documentable element carries. */
export interface Documented {
  /** The description string, dedented; undefined when none was written. */
  readonly description: string | undefined;
  readonly annotations: readonly ModelAnnotation[];
  /** Where it was defined, for diagnostics. */
  readonly loc: SourceLocation;
}

// ---------------------------------------------------------------------------------------------
// Definitions

export interface FieldDef extends Documented, Identified {
  /** The WIDL name, which is also the key on the wire. */
  readonly name: string;
  readonly type: TypeExpr;
  /** True when the type is `T?` (through aliases too): nil on the wire when absent. */
  readonly optional: boolean;
  readonly default: ModelValue | undefined;
}

export interface StructDef extends Documented, Identified {
  readonly kind: "struct";
  readonly name: string;
  readonly fields: readonly FieldDef[];
  /** `implements A & B`, by name. */
  readonly implements: readonly string[];
  /** True for the args struct the model made for an operation (it is not in `Model.types`). */
  readonly synthetic: boolean;
}

export interface EnumValueDef extends Documented, Identified {
  /** The WIDL name, e.g. `RED`. */
  readonly name: string;
  /** The integer sent on the wire. */
  readonly value: number;
  /** `as "Red"`, or undefined. */
  readonly display: string | undefined;
}

export interface EnumDef extends Documented, Identified {
  readonly kind: "enum";
  readonly name: string;
  readonly values: readonly EnumValueDef[];
}

export interface UnionMember extends Identified {
  /** The key of the single-key map on the wire: the member type's name. */
  readonly name: string;
  readonly type: StructRef | EnumRef | UnionRef | AliasRef;
}

export interface UnionDef extends Documented, Identified {
  readonly kind: "union";
  readonly name: string;
  readonly members: readonly UnionMember[];
}

export interface AliasDef extends Documented, Identified {
  readonly kind: "alias";
  readonly name: string;
  /** The type as written (may be another alias). */
  readonly type: TypeExpr;
  /** The type it finally stands for: never an `alias` at the top level. */
  readonly resolved: TypeExpr;
}

export type TypeDef = StructDef | EnumDef | UnionDef | AliasDef;

// ---------------------------------------------------------------------------------------------
// Operations and the direct ABI

/**
 * How one parameter or result crosses the direct ABI (docs/abi.md): one wasm value, or a (ptr, len)
 * pair whose bytes are UTF-8 (`string`), the bytes themselves (`bytes`) or msgpack (`msgpack`).
 */
export type DirectLowering =
  | { readonly abi: "i32"; readonly unsigned: boolean; readonly bool: boolean }
  | { readonly abi: "i64"; readonly unsigned: boolean }
  | { readonly abi: "f32" }
  | { readonly abi: "f64" }
  | { readonly abi: "ptrlen"; readonly content: "string" | "bytes" | "msgpack" };

/** The direct-ABI result: like a parameter, or nothing for void. */
export type DirectResultLowering = DirectLowering | { readonly abi: "void" };

export interface ParamDef extends Documented, Identified {
  /** The WIDL name: the key in the args map on the wire. */
  readonly name: string;
  readonly type: TypeExpr;
  readonly optional: boolean;
  readonly default: ModelValue | undefined;
  readonly stream: boolean;
  readonly direct: DirectLowering;
}

/** How the arguments travel on the waPC wire (the vocabulary's `WireShape`). */
export type { WireShape };

export interface OperationDef extends Documented, Identified {
  /** The WIDL name exactly as written: the operation name on the wire. */
  readonly name: string;
  readonly params: readonly ParamDef[];
  /** `name{p: T}` */
  readonly unary: boolean;
  readonly wire: WireShape;
  /**
   * For every non-unary operation: a struct whose fields are the parameters, named
   * `<PascalName>Args` (or `<PascalName>Arguments` if a schema type already has that name). It is
   * the type of the `map` payload; with no parameters it has no fields.
   */
  readonly argsStruct: StructDef | undefined;
  readonly returnType: ReturnType;
  readonly returnStream: boolean;
  readonly directResult: DirectResultLowering;
  /** The interface or role that declares it. */
  readonly owner: string;
}

export interface InterfaceDef {
  /** Descriptions of the merged blocks, joined by a blank line. */
  readonly description: string | undefined;
  /** Annotations of every block, in order. */
  readonly annotations: readonly ModelAnnotation[];
  /** Every block's operations, in source order. */
  readonly operations: readonly OperationDef[];
}

export interface RoleDef extends Documented, Identified {
  readonly name: string;
  /** The role's property in the TS `<Class>HostRoles` interface. */
  readonly property: Identifiers;
  readonly operations: readonly OperationDef[];
}

export interface NamespaceDef extends Identified {
  /** As written, e.g. `wasmcloud:keyvalue`: sent on the wire with every host call. */
  readonly name: string;
  readonly description: string | undefined;
  readonly annotations: readonly ModelAnnotation[];
}

/** A whole schema, resolved. */
export interface Model {
  readonly namespace: NamespaceDef;
  /** The `interface` blocks merged; operations empty when the schema has none. */
  readonly interface: InterfaceDef;
  readonly roles: readonly RoleDef[];
  /** Every user type in declaration order (imported ones where the import was). */
  readonly types: readonly TypeDef[];
  readonly structs: readonly StructDef[];
  readonly enums: readonly EnumDef[];
  readonly unions: readonly UnionDef[];
  readonly aliases: readonly AliasDef[];
  /** By WIDL name. */
  readonly typesByName: ReadonlyMap<string, TypeDef>;
  /** The file the schema was read from. */
  readonly file: string;
}

/** A schema the model cannot represent (normally caught by the parser's `validate` first). */
export class ModelError extends Error {
  override readonly name = "ModelError";
  constructor(
    message: string,
    readonly loc?: SourceLocation,
  ) {
    super(loc ? `${loc.file}:${loc.start.line}:${loc.start.column}: ${message}` : message);
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers for targets

/** Follows aliases until the type is not an alias. */
export function resolveAlias(type: TypeExpr): TypeExpr {
  return type.kind === "alias" ? type.def.resolved : type;
}

/** True when the type is `T?`, directly or through aliases. */
export function isOptional(type: TypeExpr): boolean {
  return resolveAlias(type).kind === "optional";
}

/** The WIDL spelling of a type, e.g. `{i32: [Input?]}`; used in messages and comments. */
export function typeToWidl(type: ReturnType): string {
  switch (type.kind) {
    case "void":
      return "void";
    case "scalar":
      return type.name;
    case "string":
    case "bytes":
    case "datetime":
    case "raw":
      return type.kind;
    case "any":
      return type.name;
    case "list":
      return `[${typeToWidl(type.item)}]`;
    case "map":
      return `{${typeToWidl(type.key)}: ${typeToWidl(type.value)}}`;
    case "optional":
      return `${typeToWidl(type.inner)}?`;
    case "struct":
    case "enum":
    case "union":
    case "alias":
      return type.name;
  }
}

/** The direct-ABI lowering of a value of this type (docs/abi.md, "Parameters"). */
export function directLowering(type: TypeExpr): DirectLowering {
  const t = resolveAlias(type);
  switch (t.kind) {
    case "scalar":
      switch (t.name) {
        case "bool":
          return { abi: "i32", unsigned: false, bool: true };
        case "i8":
        case "i16":
        case "i32":
          return { abi: "i32", unsigned: false, bool: false };
        case "u8":
        case "u16":
        case "u32":
          return { abi: "i32", unsigned: true, bool: false };
        case "i64":
          return { abi: "i64", unsigned: false };
        case "u64":
          return { abi: "i64", unsigned: true };
        case "f32":
          return { abi: "f32" };
        case "f64":
          return { abi: "f64" };
      }
      break;
    case "enum":
      return { abi: "i32", unsigned: false, bool: false };
    case "string":
      return { abi: "ptrlen", content: "string" };
    case "bytes":
      return { abi: "ptrlen", content: "bytes" };
    default:
      return { abi: "ptrlen", content: "msgpack" };
  }
}

/** Every named type reachable from a type, each once (for targets that emit only what they use). */
export function collectNamedTypes(types: Iterable<ReturnType>, into = new Set<TypeDef>()): Set<TypeDef> {
  const visit = (t: ReturnType): void => {
    switch (t.kind) {
      case "list":
        return visit(t.item);
      case "map":
        visit(t.key);
        return visit(t.value);
      case "optional":
        return visit(t.inner);
      case "struct":
      case "enum":
      case "union":
      case "alias":
        if (into.has(t.def)) return;
        into.add(t.def);
        if (t.kind === "struct") for (const f of t.def.fields) visit(f.type);
        else if (t.kind === "union") for (const m of t.def.members) visit(m.type);
        else if (t.kind === "alias") visit(t.def.type);
        return;
      default:
        return;
    }
  };
  for (const t of types) visit(t);
  return into;
}

// ---------------------------------------------------------------------------------------------
// buildModel

/**
 * Resolves a parsed (and validated) schema into the model. Accepts the `Document` from the parser,
 * with imported definitions already copied in by the loader, or any object holding one as
 * `document`.
 */
export function buildModel(input: Document | { readonly document: Document }): Model {
  const doc = "kind" in input && input.kind === "Document" ? input : (input as { document: Document }).document;
  return new ModelBuilder(doc).build();
}

const pascal = (name: string): string =>
  name
    .split(/[_\-\s]+/)
    .filter((p) => p.length > 0)
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join("");

class ModelBuilder {
  private readonly astTypes = new Map<string, TypeLikeDefinition>();
  private readonly defs = new Map<string, TypeDef>();
  /** Aliases being resolved, to report a cycle instead of recursing forever. */
  private readonly resolving = new Set<string>();
  private readonly resolvedAliases = new Set<string>();

  constructor(private readonly doc: Document) {}

  build(): Model {
    const defs = this.doc.definitions;
    for (const d of defs) {
      if (isTypeLike(d)) this.astTypes.set(d.name.value, d);
    }
    // Create every definition's object first so references can point at it, then fill it in.
    for (const d of defs) if (isTypeLike(d)) this.defineShell(d);
    for (const d of defs) if (isTypeLike(d)) this.fill(d);

    const ns = defs.find((d) => d.kind === "NamespaceDefinition");
    const namespace: NamespaceDef = ns
      ? { name: ns.name.value, description: ns.description?.value, annotations: annotations(ns.annotations), id: UNNAMED }
      : { name: "", description: undefined, annotations: [], id: UNNAMED };

    const blocks = defs.filter((d) => d.kind === "InterfaceDefinition");
    const descriptions = blocks.map((b) => b.description?.value).filter((s): s is string => s !== undefined);
    const iface: InterfaceDef = {
      description: descriptions.length > 0 ? descriptions.join("\n\n") : undefined,
      annotations: blocks.flatMap((b) => annotations(b.annotations)),
      operations: blocks.flatMap((b) => b.operations.map((o) => this.operation(o, "interface"))),
    };
    const roles: RoleDef[] = defs
      .filter((d) => d.kind === "RoleDefinition")
      .map((r) => ({
        name: r.name.value,
        description: r.description?.value,
        annotations: annotations(r.annotations),
        loc: r.loc,
        operations: r.operations.map((o) => this.operation(o, r.name.value)),
        id: UNNAMED,
        property: UNNAMED,
      }));

    const types = [...this.defs.values()];
    const model: Model = {
      namespace,
      interface: iface,
      roles,
      types,
      structs: types.filter((t): t is StructDef => t.kind === "struct"),
      enums: types.filter((t): t is EnumDef => t.kind === "enum"),
      unions: types.filter((t): t is UnionDef => t.kind === "union"),
      aliases: types.filter((t): t is AliasDef => t.kind === "alias"),
      typesByName: new Map(this.defs),
      file: this.doc.file,
    };
    assignIdentifiers(model);
    return model;
  }

  private defineShell(d: TypeLikeDefinition): void {
    const base = { name: d.name.value, description: d.description?.value, annotations: annotations(d.annotations), loc: d.loc, id: UNNAMED };
    const def: TypeDef =
      d.kind === "TypeDefinition"
        ? { ...base, kind: "struct", fields: [], implements: d.implements.map((i) => i.name.value), synthetic: false }
        : d.kind === "EnumDefinition"
          ? { ...base, kind: "enum", values: [] }
          : d.kind === "UnionDefinition"
            ? { ...base, kind: "union", members: [] }
            : // The alias's types are filled in by `fill`; the placeholders are never read before.
              { ...base, kind: "alias", type: { kind: "any", name: "any" }, resolved: { kind: "any", name: "any" } };
    this.defs.set(def.name, def);
  }

  private fill(d: TypeLikeDefinition): void {
    const def = this.defs.get(d.name.value)!;
    switch (d.kind) {
      case "TypeDefinition":
        (def as Mutable<StructDef>).fields = d.fields.map((f) => this.field(f));
        break;
      case "EnumDefinition":
        (def as Mutable<EnumDef>).values = enumValues(d);
        break;
      case "UnionDefinition":
        (def as Mutable<UnionDef>).members = d.members.map((m) => {
          const t = this.type(m);
          if (t.kind !== "struct" && t.kind !== "enum" && t.kind !== "union" && t.kind !== "alias") {
            throw new ModelError(`union ${d.name.value}: member ${typeToWidl(t)} is not a named type`, m.loc);
          }
          return { name: t.name, type: t, id: UNNAMED };
        });
        break;
      case "AliasDefinition":
        this.resolveAliasDef(d.name.value);
        break;
    }
  }

  private resolveAliasDef(name: string): AliasDef {
    const def = this.defs.get(name) as Mutable<AliasDef>;
    if (this.resolvedAliases.has(name)) return def;
    const ast = this.astTypes.get(name)!;
    if (ast.kind !== "AliasDefinition") throw new ModelError(`${name} is not an alias`, ast.loc);
    if (this.resolving.has(name)) throw new ModelError(`alias ${name} refers to itself`, ast.loc);
    this.resolving.add(name);
    const type = this.type(ast.type);
    def.type = type;
    def.resolved = type.kind === "alias" ? this.resolveAliasDef(type.name).resolved : type;
    this.resolving.delete(name);
    this.resolvedAliases.add(name);
    return def;
  }

  private type(ref: TypeRef): TypeExpr {
    switch (ref.kind) {
      case "BuiltinType":
        switch (ref.name) {
          case "string":
          case "bytes":
          case "datetime":
          case "raw":
            return { kind: ref.name };
          case "any":
          case "value":
            return { kind: "any", name: ref.name };
          case "void":
            throw new ModelError("void is only allowed as a return type", ref.loc);
          default:
            return { kind: "scalar", name: ref.name };
        }
      case "ListType":
        return { kind: "list", item: this.type(ref.type) };
      case "MapType":
        return { kind: "map", key: this.type(ref.keyType), value: this.type(ref.valueType) };
      case "OptionalType":
        return { kind: "optional", inner: this.type(ref.type) };
      case "NamedType": {
        const name = ref.name.value;
        const def = this.defs.get(name);
        if (!def) throw new ModelError(`unknown type ${name}`, ref.loc);
        switch (def.kind) {
          case "struct":
            return { kind: "struct", name, def };
          case "enum":
            return { kind: "enum", name, def };
          case "union":
            return { kind: "union", name, def };
          case "alias":
            this.resolveAliasDef(name);
            return { kind: "alias", name, def };
        }
      }
    }
  }

  private returnType(ref: TypeRef): ReturnType {
    return ref.kind === "BuiltinType" && ref.name === "void" ? { kind: "void" } : this.type(ref);
  }

  private field(f: FieldDefinition | ParameterDefinition): FieldDef {
    const type = this.type(f.type);
    return {
      name: f.name.value,
      type,
      optional: isOptional(type),
      default: f.default ? value(f.default, type) : undefined,
      description: f.description?.value,
      annotations: annotations(f.annotations),
      loc: f.loc,
      id: UNNAMED,
    };
  }

  private operation(o: OperationDefinition, owner: string): OperationDef {
    const params: ParamDef[] = o.parameters.map((p) => {
      const f = this.field(p);
      return { ...f, stream: p.stream, direct: directLowering(f.type) };
    });
    if (o.unary && params.length !== 1) {
      throw new ModelError(`unary operation ${o.name.value} must have exactly one parameter`, o.loc);
    }
    const wire: WireShape = o.unary ? "bare" : params.length === 0 ? "empty" : "map";
    const returnType = this.returnType(o.returnType);
    return {
      name: o.name.value,
      params,
      unary: o.unary,
      wire,
      argsStruct: o.unary ? undefined : this.argsStruct(o, params),
      returnType,
      returnStream: o.returnStream,
      directResult: returnType.kind === "void" ? { abi: "void" } : directLowering(returnType),
      owner,
      description: o.description?.value,
      annotations: annotations(o.annotations),
      loc: o.loc,
      id: UNNAMED,
    };
  }

  private argsStruct(o: OperationDefinition, params: readonly ParamDef[]): StructDef {
    const base = pascal(o.name.value);
    // A schema type may already be called `FooArgs`; the args struct must not shadow it.
    const name = [`${base}Args`, `${base}Arguments`, `${base}Args_`].find((n) => !this.defs.has(n))!;
    return {
      kind: "struct",
      name,
      fields: params.map(({ stream: _s, direct: _d, ...field }) => field),
      implements: [],
      synthetic: true,
      description: `The arguments of \`${o.name.value}\`.`,
      annotations: [],
      loc: o.loc,
      id: UNNAMED,
    };
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The `id` of an element before `assignIdentifiers` names it (it replaces every one before `build` returns). */
const UNNAMED: Identifiers = { ts: "", as: "", rust: "" };

function isTypeLike(d: Definition): d is TypeLikeDefinition {
  return (
    d.kind === "TypeDefinition" || d.kind === "EnumDefinition" || d.kind === "UnionDefinition" || d.kind === "AliasDefinition"
  );
}

function enumValues(d: EnumDefinition): EnumValueDef[] {
  return d.values.map((v) => ({
    name: v.name.value,
    value: v.index.value,
    display: v.display?.value,
    description: v.description?.value,
    annotations: annotations(v.annotations),
    loc: v.loc,
    id: UNNAMED,
  }));
}

function annotations(list: readonly AstAnnotation[]): ModelAnnotation[] {
  return list.map((a) => ({
    name: a.name.value,
    arguments: new Map(a.arguments.map((arg) => [arg.name.value, value(arg.value)])),
  }));
}

/** Converts a written value; with the type it is a default for, bare names resolve to enum values. */
function value(v: Value, type?: TypeExpr): ModelValue {
  switch (v.kind) {
    case "IntValue":
      return { kind: "int", value: exactInt(v.raw, v.value), raw: v.raw };
    case "FloatValue":
      return { kind: "float", value: v.value, raw: v.raw };
    case "StringValue":
      return { kind: "string", value: v.value };
    case "BooleanValue":
      return { kind: "bool", value: v.value };
    case "NullValue":
      return { kind: "null" };
    case "EnumValue": {
      let t = type && resolveAlias(type);
      if (t?.kind === "optional") t = resolveAlias(t.inner);
      const enumValue = t?.kind === "enum" ? t.def.values.find((e) => e.name === v.value) : undefined;
      return enumValue ? { kind: "enum", value: v.value, enumValue } : { kind: "enum", value: v.value };
    }
    case "ListValue": {
      let t = type && resolveAlias(type);
      if (t?.kind === "optional") t = resolveAlias(t.inner);
      const item = t?.kind === "list" ? t.item : undefined;
      return { kind: "list", values: v.values.map((x) => value(x, item)) };
    }
    case "ObjectValue":
      return { kind: "object", fields: v.fields.map((f) => ({ name: f.name.value, value: value(f.value) })) };
  }
}

/** The exact value of an int literal: its source text when BigInt can read it, else the parsed number. */
function exactInt(raw: string, parsed: number): bigint {
  try {
    return BigInt(raw.replace(/^\+/, ""));
  } catch {
    return BigInt(Math.trunc(parsed));
  }
}
