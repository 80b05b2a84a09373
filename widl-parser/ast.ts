/**
 * The WIDL syntax tree: what `parse` returns and what `generators/model.ts` reads.
 *
 * Every node is an object of plain data (own properties only, as an object literal has; the parser makes
 * them with one constructor per kind, see `./ast-nodes.ts`) with a `kind` discriminant and a `loc`, whose
 * `start` and `end` are worked out when read. The tree mirrors the source:
 * several `interface` blocks stay several nodes (use `interfaceOperations` from `./merge.js` to get
 * them merged), an omitted return type is an explicit `void` marked `implicit`, and built-in type
 * names are resolved to `BuiltinType` at parse time so that no later stage compares strings against
 * the built-in list.
 *
 * Kinds mirror widl-js (`@wapc/widl`) so that readers of its AST find their way: definitions end in
 * `Definition`, values in `Value`, types in `Type`.
 */

/** A point in a source file. `line` and `column` are 1-based; `offset` is a 0-based UTF-16 index. */
export interface Position {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

/** A half-open range `[start, end)` in one file. */
export interface SourceLocation {
  /** The file name given to `parse` (or resolved by the loader); `"<input>"` when none was given. */
  readonly file: string;
  readonly start: Position;
  readonly end: Position;
}

interface NodeBase {
  readonly loc: SourceLocation;
}

// ---------------------------------------------------------------------------------------------
// Names, descriptions, annotations

/** An identifier as written, with its own location (for "unknown type X" style diagnostics). */
export interface Name extends NodeBase {
  readonly kind: "Name";
  readonly value: string;
}

/** `@name` or `@name(arg: value, …)`. The shorthand `@name(v)` becomes one argument named `value`. */
export interface Annotation extends NodeBase {
  readonly kind: "Annotation";
  readonly name: Name;
  readonly arguments: readonly Argument[];
}

export interface Argument extends NodeBase {
  readonly kind: "Argument";
  readonly name: Name;
  readonly value: Value;
  /** True when written as `@name(value)`; the name is then `value` and its location is the value's. */
  readonly shorthand: boolean;
}

/** The parts every documentable node shares. */
export interface Documented {
  /** The doc string written before the node; block strings are already dedented. */
  readonly description?: StringValue;
  readonly annotations: readonly Annotation[];
}

// ---------------------------------------------------------------------------------------------
// Types

/** Every built-in scalar. `void` is only valid as an operation's return type (validate checks). */
export const BUILTIN_TYPE_NAMES = [
  "i8",
  "u8",
  "i16",
  "u16",
  "i32",
  "u32",
  "i64",
  "u64",
  "f32",
  "f64",
  "bool",
  "string",
  "bytes",
  "datetime",
  "raw",
  "any",
  "value",
  "void",
] as const;

export type BuiltinTypeName = (typeof BUILTIN_TYPE_NAMES)[number];

export interface BuiltinType extends NodeBase {
  readonly kind: "BuiltinType";
  readonly name: BuiltinTypeName;
  /** True only for the `void` that stands for an omitted return type (its `loc` is then empty). */
  readonly implicit: boolean;
}

/** A reference to a user-defined type, enum, union or alias. */
export interface NamedType extends NodeBase {
  readonly kind: "NamedType";
  readonly name: Name;
}

/** `[T]` */
export interface ListType extends NodeBase {
  readonly kind: "ListType";
  readonly type: TypeRef;
}

/** `{K: V}` */
export interface MapType extends NodeBase {
  readonly kind: "MapType";
  readonly keyType: TypeRef;
  readonly valueType: TypeRef;
}

/** `T?` */
export interface OptionalType extends NodeBase {
  readonly kind: "OptionalType";
  readonly type: TypeRef;
}

export type TypeRef = BuiltinType | NamedType | ListType | MapType | OptionalType;

// ---------------------------------------------------------------------------------------------
// Values (defaults and annotation arguments)

export interface IntValue extends NodeBase {
  readonly kind: "IntValue";
  readonly value: number;
  /** The source text, for 64-bit values that a JS number cannot hold exactly. */
  readonly raw: string;
}

export interface FloatValue extends NodeBase {
  readonly kind: "FloatValue";
  readonly value: number;
  readonly raw: string;
}

export interface StringValue extends NodeBase {
  readonly kind: "StringValue";
  /** Escapes decoded; block strings dedented. */
  readonly value: string;
  /** True for `"""…"""`. */
  readonly block: boolean;
}

export interface BooleanValue extends NodeBase {
  readonly kind: "BooleanValue";
  readonly value: boolean;
}

export interface NullValue extends NodeBase {
  readonly kind: "NullValue";
}

/** A bare name used as a value, e.g. `@mode(FAST)` or `= RED`. */
export interface EnumValue extends NodeBase {
  readonly kind: "EnumValue";
  readonly value: string;
}

export interface ListValue extends NodeBase {
  readonly kind: "ListValue";
  readonly values: readonly Value[];
}

export interface ObjectValue extends NodeBase {
  readonly kind: "ObjectValue";
  readonly fields: readonly ObjectField[];
}

/** `key: value` inside an object value; the key may be written as a name or a string. */
export interface ObjectField extends NodeBase {
  readonly kind: "ObjectField";
  readonly name: Name;
  readonly value: Value;
}

export type Value =
  | IntValue
  | FloatValue
  | StringValue
  | BooleanValue
  | NullValue
  | EnumValue
  | ListValue
  | ObjectValue;

// ---------------------------------------------------------------------------------------------
// Members

/** `name(params): Type` or the unary `name{param: Type}: Type`, inside an interface or role. */
export interface OperationDefinition extends NodeBase, Documented {
  readonly kind: "OperationDefinition";
  readonly name: Name;
  readonly parameters: readonly ParameterDefinition[];
  /** `name{p: T}`: exactly one parameter, sent bare rather than wrapped in an args object. */
  readonly unary: boolean;
  /** `BuiltinType` `void` with `implicit: true` when no `: Type` was written. */
  readonly returnType: TypeRef;
  /** `: stream T` */
  readonly returnStream: boolean;
}

export interface ParameterDefinition extends NodeBase, Documented {
  readonly kind: "ParameterDefinition";
  readonly name: Name;
  readonly type: TypeRef;
  /** `p: stream T` */
  readonly stream: boolean;
  readonly default?: Value;
}

export interface FieldDefinition extends NodeBase, Documented {
  readonly kind: "FieldDefinition";
  readonly name: Name;
  readonly type: TypeRef;
  readonly default?: Value;
}

export interface EnumValueDefinition extends NodeBase, Documented {
  readonly kind: "EnumValueDefinition";
  readonly name: Name;
  /** The `= n`. */
  readonly index: IntValue;
  /** `as "Display"` or the spec's bare `"Display"`. */
  readonly display?: StringValue;
}

/** `@other on A | B` after a directive's `require`. */
export interface DirectiveRequire extends NodeBase {
  readonly kind: "DirectiveRequire";
  readonly directive: Name;
  readonly locations: readonly Name[];
}

// ---------------------------------------------------------------------------------------------
// Definitions

/** Where a definition came from when an import brought it in (set by the loader, not by `parse`). */
export interface ImportOrigin {
  /** The file that defines it. */
  readonly file: string;
  /** Its name in that file; differs from `name.value` after `import { A as B }`. */
  readonly originalName: string;
  /** The `import` that brought it in. */
  readonly importLoc: SourceLocation;
}

interface DefinitionBase extends NodeBase, Documented {
  /** Present only on definitions the loader copied in from an imported file. */
  readonly imported?: ImportOrigin;
}

/** `namespace "name"`; the name may also be written bare. */
export interface NamespaceDefinition extends DefinitionBase {
  readonly kind: "NamespaceDefinition";
  readonly name: Name;
}

/** `import * from "loc"` (`all`) or `import { A, B as C } from "loc"`. */
export interface ImportDefinition extends DefinitionBase {
  readonly kind: "ImportDefinition";
  readonly all: boolean;
  readonly names: readonly ImportName[];
  readonly from: StringValue;
}

export interface ImportName extends NodeBase {
  readonly kind: "ImportName";
  readonly name: Name;
  readonly alias?: Name;
}

/** One `interface { … }` block. A schema may have several; they merge into one interface. */
export interface InterfaceDefinition extends DefinitionBase {
  readonly kind: "InterfaceDefinition";
  readonly operations: readonly OperationDefinition[];
}

export interface RoleDefinition extends DefinitionBase {
  readonly kind: "RoleDefinition";
  readonly name: Name;
  readonly operations: readonly OperationDefinition[];
}

export interface TypeDefinition extends DefinitionBase {
  readonly kind: "TypeDefinition";
  readonly name: Name;
  /** `implements A & B` */
  readonly implements: readonly NamedType[];
  readonly fields: readonly FieldDefinition[];
}

export interface EnumDefinition extends DefinitionBase {
  readonly kind: "EnumDefinition";
  readonly name: Name;
  readonly values: readonly EnumValueDefinition[];
}

/** `union Name = A | B`. Members are parsed as types; validate requires named types. */
export interface UnionDefinition extends DefinitionBase {
  readonly kind: "UnionDefinition";
  readonly name: Name;
  readonly members: readonly TypeRef[];
}

export interface AliasDefinition extends DefinitionBase {
  readonly kind: "AliasDefinition";
  readonly name: Name;
  readonly type: TypeRef;
}

/** `directive @name(params) on LOC | LOC require @other on LOC`. Its `annotations` are always empty. */
export interface DirectiveDefinition extends DefinitionBase {
  readonly kind: "DirectiveDefinition";
  readonly name: Name;
  readonly parameters: readonly ParameterDefinition[];
  readonly locations: readonly Name[];
  readonly requires: readonly DirectiveRequire[];
}

export type Definition =
  | NamespaceDefinition
  | ImportDefinition
  | InterfaceDefinition
  | RoleDefinition
  | TypeDefinition
  | EnumDefinition
  | UnionDefinition
  | AliasDefinition
  | DirectiveDefinition;

/** Definitions that introduce a type name usable in a `TypeRef`. */
export type TypeLikeDefinition = TypeDefinition | EnumDefinition | UnionDefinition | AliasDefinition;

/** A parsed file. */
export interface Document extends NodeBase {
  readonly kind: "Document";
  readonly file: string;
  readonly definitions: readonly Definition[];
}

export type Node =
  | Document
  | Definition
  | OperationDefinition
  | ParameterDefinition
  | FieldDefinition
  | EnumValueDefinition
  | DirectiveRequire
  | ImportName
  | Name
  | Annotation
  | Argument
  | TypeRef
  | Value
  | ObjectField;

/**
 * The directive locations validate accepts in `directive … on LOC` (the set widl-js accepts). A
 * `require @other on …` clause may also name `SELF`: the annotated node itself.
 */
export const DIRECTIVE_LOCATIONS = [
  "NAMESPACE",
  "INTERFACE",
  "ROLE",
  "OPERATION",
  "PARAMETER",
  "TYPE",
  "FIELD",
  "ENUM",
  "ENUM_VALUE",
  "UNION",
  "ALIAS",
] as const;

export type DirectiveLocation = (typeof DIRECTIVE_LOCATIONS)[number];
