/**
 * Node builders for the grammar's actions. The grammar stays thin (one call per action); everything
 * that shapes a node — location conversion, built-in type lookup, string unescaping, block-string
 * dedent — happens here, in typed code.
 *
 * `parse.ts` hands this object to the generated parser as `options.build`, so `grammar.js` imports
 * nothing and works the same from sources (vitest, tsx) and from `dist/`.
 */
import type * as ast from "./ast.js";
import { BUILTIN_TYPE_NAMES } from "./ast.js";
import {
  AliasDefinitionNode,
  AnnotationNode,
  ArgumentNode,
  BooleanValueNode,
  BuiltinTypeNode,
  DirectiveDefinitionNode,
  DirectiveRequireNode,
  DocumentNode,
  EnumDefinitionNode,
  EnumValueDefinitionNode,
  EnumValueNode,
  FieldDefinitionNode,
  FloatValueNode,
  ImportDefinitionNode,
  ImportNameNode,
  IntValueNode,
  InterfaceDefinitionNode,
  ListTypeNode,
  ListValueNode,
  MapTypeNode,
  NameNode,
  NamedTypeNode,
  NamespaceDefinitionNode,
  NullValueNode,
  ObjectFieldNode,
  ObjectValueNode,
  OperationDefinitionNode,
  OptionalTypeNode,
  ParameterDefinitionNode,
  RoleDefinitionNode,
  StringValueNode,
  TypeDefinitionNode,
  UnionDefinitionNode,
} from "./ast-nodes.js";

const builtinNames: ReadonlySet<string> = new Set(BUILTIN_TYPE_NAMES);

/** One parsed text: its file name, and a table of line starts (built once per parse) that turns offsets into positions. */
class SourceText {
  private readonly starts: number[] = [0];

  constructor(
    readonly file: string,
    text: string,
  ) {
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) this.starts.push(i + 1);
  }

  position(offset: number): ast.Position {
    const starts = this.starts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { offset, line: low + 1, column: offset - starts[low]! + 1 };
  }
}

/**
 * A node's location: two offsets into its text, with the file, lines and columns worked out only when asked for.
 * Every node has one, and most are never looked at (only diagnostics and generated comments read them):
 * building the positions for each node at parse time made them the largest part of the tree and of the parse
 * time, and each field here is paid once per node (bench/parse.ts). `toJSON` gives the plain `{file, start, end}`
 * shape.
 */
class Span implements ast.SourceLocation {
  readonly #source: SourceText;

  constructor(
    source: SourceText,
    readonly startOffset: number,
    readonly endOffset: number,
  ) {
    this.#source = source;
  }

  get file(): string {
    return this.#source.file;
  }

  get start(): ast.Position {
    return this.#source.position(this.startOffset);
  }

  get end(): ast.Position {
    return this.#source.position(this.endOffset);
  }

  toJSON(): { file: string; start: ast.Position; end: ast.Position } {
    return { file: this.file, start: this.start, end: this.end };
  }
}

/** Escapes a JSON-style string body; the grammar has already checked every escape. */
function unescape(body: string): string {
  if (!body.includes("\\")) return body;
  return body.replace(/\\(u[0-9A-Fa-f]{4}|.)/g, (_, e: string) => {
    switch (e[0]) {
      case "u":
        return String.fromCharCode(parseInt(e.slice(1), 16));
      case "b":
        return "\b";
      case "f":
        return "\f";
      case "n":
        return "\n";
      case "r":
        return "\r";
      case "t":
        return "\t";
      default:
        return e; // " \ /
    }
  });
}

/**
 * Dedents a `"""` block string the way GraphQL (and widl-js) do: the common indentation of all lines
 * but the first is removed, and leading and trailing blank lines are dropped.
 */
function dedentBlockString(raw: string): string {
  const lines = raw.replace(/\\"""/g, '"""').split(/\r\n|[\n\r]/g);
  let common: number | undefined;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const indent = line.length - line.replace(/^[ \t]+/, "").length;
    if (indent < line.length && (common === undefined || indent < common)) common = indent;
  }
  if (common !== undefined && common > 0) {
    for (let i = 1; i < lines.length; i++) lines[i] = lines[i]!.slice(common);
  }
  const isBlank = (s: string) => /^[ \t]*$/.test(s);
  while (lines.length > 0 && isBlank(lines[0]!)) lines.shift();
  while (lines.length > 0 && isBlank(lines[lines.length - 1]!)) lines.pop();
  return lines.join("\n");
}

type Desc = ast.StringValue | null;
type Anns = ast.Annotation[];

/**
 * One shared, frozen array for every empty list in the tree (most nodes have no annotations, most
 * types implement nothing): the tree's arrays are `readonly`, and a parse then keeps thousands
 * fewer objects alive (bench/parse.ts).
 */
const EMPTY: readonly never[] = Object.freeze([]);
/**
 * A copy of `list` of its exact length, or the shared empty array when it is empty (or absent). The
 * grammar's lists grow by `push`, which leaves room for about 16 items in each: kept in the tree,
 * that room was an eighth of the tree's bytes, which the collector copies while the parse runs;
 * the copy dies young (bench/parse.ts).
 */
const nonEmpty = <T>(list: readonly T[] | null): readonly T[] => (list === null || list.length === 0 ? EMPTY : list.slice());

// Optional properties are always present (`undefined` when absent) rather than spread in: every
// node of a kind then has one shape, and no temporary objects are made (bench/parse.ts: the
// spreads cost a fifth of the parse time in GC). Nodes are made with `new` (./ast-nodes.ts says why).

/**
 * The builders for one parse of `text` (they share its line table), one per node kind, in the
 * order the grammar uses them.
 */
export function createBuilders(text: string, file: string) {
  const source = new SourceText(file, text);
  const loc = (start: number, end: number): Span => new Span(source, start, end);
  return {
  document: (definitions: ast.Definition[], start: number, end: number): ast.Document => {
    const location = loc(start, end);
    return new DocumentNode(location.file, definitions, location);
  },

  /**
   * Attaches a definition's description and widens its location to start at the description. `def`
   * was built a moment ago by one of the builders below and nobody else holds it, so it is updated
   * in place (its `description` property already exists, so its shape does not change) rather
   * than copied.
   */
  describe: (d: Desc, def: ast.Definition): ast.Definition => {
    if (d) {
      const node = def as { description?: ast.StringValue; loc: ast.SourceLocation };
      node.description = d;
      node.loc = loc((d.loc as Span).startOffset, (def.loc as Span).endOffset);
    }
    return def;
  },

  name: (value: string, start: number, end: number): ast.Name => new NameNode(value, loc(start, end)),

  /** A name written as a string (`namespace "cuckoo"`, object keys): the name is the string's value. */
  nameFromString: (s: ast.StringValue): ast.Name => new NameNode(s.value, s.loc),

  namespace: (d: Desc, name: ast.Name, a: Anns, start: number, end: number): ast.NamespaceDefinition =>
    new NamespaceDefinitionNode(name, d ?? undefined, nonEmpty(a), loc(start, end)),

  importDef: (
    d: Desc,
    names: ast.ImportName[] | null,
    from: ast.StringValue,
    a: Anns,
    start: number, end: number,
  ): ast.ImportDefinition =>
    new ImportDefinitionNode(names === null, nonEmpty(names), from, d ?? undefined, nonEmpty(a), loc(start, end)),

  importName: (name: ast.Name, alias: ast.Name | null, start: number, end: number): ast.ImportName =>
    new ImportNameNode(name, alias ?? undefined, loc(start, end)),

  interfaceDef: (d: Desc, a: Anns, operations: ast.OperationDefinition[], start: number, end: number): ast.InterfaceDefinition =>
    new InterfaceDefinitionNode(nonEmpty(operations), d ?? undefined, nonEmpty(a), loc(start, end)),

  role: (d: Desc, name: ast.Name, a: Anns, operations: ast.OperationDefinition[], start: number, end: number): ast.RoleDefinition =>
    new RoleDefinitionNode(name, nonEmpty(operations), d ?? undefined, nonEmpty(a), loc(start, end)),

  type: (
    d: Desc,
    name: ast.Name,
    implementsList: ast.NamedType[] | null,
    a: Anns,
    fields: ast.FieldDefinition[],
    start: number, end: number,
  ): ast.TypeDefinition =>
    new TypeDefinitionNode(name, nonEmpty(implementsList), nonEmpty(fields), d ?? undefined, nonEmpty(a), loc(start, end)),

  field: (d: Desc, name: ast.Name, type: ast.TypeRef, def: ast.Value | null, a: Anns, start: number, end: number): ast.FieldDefinition =>
    new FieldDefinitionNode(name, type, def ?? undefined, d ?? undefined, nonEmpty(a), loc(start, end)),

  enumDef: (d: Desc, name: ast.Name, a: Anns, values: ast.EnumValueDefinition[], start: number, end: number): ast.EnumDefinition =>
    new EnumDefinitionNode(name, nonEmpty(values), d ?? undefined, nonEmpty(a), loc(start, end)),

  enumValue: (
    d: Desc,
    name: ast.Name,
    index: ast.IntValue,
    display: ast.StringValue | null,
    a: Anns,
    start: number, end: number,
  ): ast.EnumValueDefinition =>
    new EnumValueDefinitionNode(name, index, display ?? undefined, d ?? undefined, nonEmpty(a), loc(start, end)),

  union: (d: Desc, name: ast.Name, a: Anns, members: ast.TypeRef[], start: number, end: number): ast.UnionDefinition =>
    new UnionDefinitionNode(name, nonEmpty(members), d ?? undefined, nonEmpty(a), loc(start, end)),

  alias: (d: Desc, name: ast.Name, type: ast.TypeRef, a: Anns, start: number, end: number): ast.AliasDefinition =>
    new AliasDefinitionNode(name, type, d ?? undefined, nonEmpty(a), loc(start, end)),

  directive: (
    d: Desc,
    name: ast.Name,
    parameters: ast.ParameterDefinition[] | null,
    locations: ast.Name[],
    requires: ast.DirectiveRequire[] | null,
    start: number, end: number,
  ): ast.DirectiveDefinition =>
    new DirectiveDefinitionNode(name, nonEmpty(parameters), nonEmpty(locations), nonEmpty(requires), d ?? undefined, EMPTY, loc(start, end)),

  directiveRequire: (directive: ast.Name, locations: ast.Name[], start: number, end: number): ast.DirectiveRequire =>
    new DirectiveRequireNode(directive, nonEmpty(locations), loc(start, end)),

  /** `sig` is `[parameters, unary]`; `ret` is `[stream, type]`, or null when the return type was omitted. */
  operation: (
    d: Desc,
    name: ast.Name,
    sig: [ast.ParameterDefinition[], boolean],
    ret: [boolean, ast.TypeRef] | null,
    a: Anns,
    start: number, end: number,
  ): ast.OperationDefinition => {
    const location = loc(start, end);
    // The implied `void` sits, empty, right after the parameter list.
    const afterParams = ret === null && a.length > 0 ? (a[0]!.loc as Span).startOffset : end;
    const returnType: ast.TypeRef = ret ? ret[1] : new BuiltinTypeNode("void", true, loc(afterParams, afterParams));
    return new OperationDefinitionNode(name, nonEmpty(sig[0]), sig[1], returnType, ret ? ret[0] : false, d ?? undefined, nonEmpty(a), location);
  },

  parameter: (
    d: Desc,
    name: ast.Name,
    stream: boolean,
    type: ast.TypeRef,
    def: ast.Value | null,
    a: Anns,
    start: number, end: number,
  ): ast.ParameterDefinition =>
    new ParameterDefinitionNode(name, type, stream, def ?? undefined, d ?? undefined, nonEmpty(a), loc(start, end)),

  // Types -----------------------------------------------------------------------------------------

  /** A type name: built-in names become `BuiltinType`, everything else a `NamedType`. */
  typeName: (name: string, start: number, end: number): ast.TypeRef => {
    const location = loc(start, end);
    return builtinNames.has(name)
      ? new BuiltinTypeNode(name as ast.BuiltinTypeName, false, location)
      : new NamedTypeNode(new NameNode(name, location), location);
  },

  namedType: (name: ast.Name): ast.NamedType => new NamedTypeNode(name, name.loc),

  listType: (type: ast.TypeRef, start: number, end: number): ast.ListType => new ListTypeNode(type, loc(start, end)),

  mapType: (keyType: ast.TypeRef, valueType: ast.TypeRef, start: number, end: number): ast.MapType =>
    new MapTypeNode(keyType, valueType, loc(start, end)),

  optionalType: (type: ast.TypeRef, optional: unknown, start: number, end: number): ast.TypeRef =>
    optional === null ? type : new OptionalTypeNode(type, loc(start, end)),

  // Annotations and values ------------------------------------------------------------------------

  annotation: (name: ast.Name, args: ast.Argument[] | null, start: number, end: number): ast.Annotation =>
    new AnnotationNode(name, nonEmpty(args), loc(start, end)),

  argument: (name: ast.Name, value: ast.Value, start: number, end: number): ast.Argument =>
    new ArgumentNode(name, value, false, loc(start, end)),

  /** `@name(v)`: one argument named `value`, located at `v`. */
  shorthandArgument: (value: ast.Value): ast.Argument =>
    new ArgumentNode(new NameNode("value", value.loc), value, true, value.loc),

  number: (raw: string, start: number, end: number): ast.IntValue | ast.FloatValue =>
    /[.eE]/.test(raw)
      ? new FloatValueNode(Number(raw), raw, loc(start, end))
      : new IntValueNode(Number(raw), raw, loc(start, end)),

  intValue: (raw: string, start: number, end: number): ast.IntValue =>
    new IntValueNode(Number(raw), raw, loc(start, end)),

  string: (body: string, start: number, end: number): ast.StringValue =>
    new StringValueNode(unescape(body), false, loc(start, end)),

  blockString: (body: string, start: number, end: number): ast.StringValue =>
    new StringValueNode(dedentBlockString(body), true, loc(start, end)),

  boolean: (value: boolean, start: number, end: number): ast.BooleanValue =>
    new BooleanValueNode(value, loc(start, end)),

  nullValue: (start: number, end: number): ast.NullValue => new NullValueNode(loc(start, end)),

  enumValueRef: (value: string, start: number, end: number): ast.EnumValue => new EnumValueNode(value, loc(start, end)),

  list: (values: ast.Value[], start: number, end: number): ast.ListValue =>
    new ListValueNode(nonEmpty(values), loc(start, end)),

  object: (fields: ast.ObjectField[], start: number, end: number): ast.ObjectValue =>
    new ObjectValueNode(nonEmpty(fields), loc(start, end)),

  objectField: (name: ast.Name, value: ast.Value, start: number, end: number): ast.ObjectField =>
    new ObjectFieldNode(name, value, loc(start, end)),
};
}

export type Builders = ReturnType<typeof createBuilders>;
