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

/** What peggy's `range()` returns: offsets; `source` is the `grammarSource` option. */
interface PeggyRange {
  source: unknown;
  start: number;
  end: number;
}

const builtinNames: ReadonlySet<string> = new Set(BUILTIN_TYPE_NAMES);

/**
 * Turns offsets into positions with a table of line starts. Lookups start from the line of the
 * previous one, because the parser asks for positions in nearly increasing order; that keeps each
 * lookup O(1) in practice where a binary search would be O(log n).
 */
class LineTable {
  private readonly starts: number[] = [0];
  private line = 0;
  // Nested nodes often end where their last child ends; positions are immutable, so one object serves both.
  private last: ast.Position = { offset: -1, line: 0, column: 0 };

  constructor(text: string) {
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) this.starts.push(i + 1);
  }

  position(offset: number): ast.Position {
    if (offset === this.last.offset) return this.last;
    const starts = this.starts;
    let line = this.line;
    while (line + 1 < starts.length && starts[line + 1]! <= offset) line++;
    while (line > 0 && starts[line]! > offset) line--;
    this.line = line;
    this.last = { offset, line: line + 1, column: offset - starts[line]! + 1 };
    return this.last;
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

// Optional properties are always present (`undefined` when absent) rather than spread in: every
// node of a kind then has one shape, and no temporary objects are made (bench/parse.ts: the
// spreads cost a fifth of the parse time in GC).

/**
 * The builders for one parse of `text` (they share its line table), one per node kind, in the
 * order the grammar uses them.
 */
export function createBuilders(text: string, file: string) {
  const lines = new LineTable(text);
  const loc = (r: PeggyRange): ast.SourceLocation => ({ file, start: lines.position(r.start), end: lines.position(r.end) });
  return {
  document: (definitions: ast.Definition[], l: PeggyRange): ast.Document => {
    const location = loc(l);
    return { kind: "Document", file: location.file, definitions, loc: location };
  },

  /** Attaches a definition's description and widens its location to start at the description. */
  describe: (d: Desc, def: ast.Definition): ast.Definition =>
    d ? { ...def, description: d, loc: { file: def.loc.file, start: d.loc.start, end: def.loc.end } } : def,

  name: (value: string, l: PeggyRange): ast.Name => ({ kind: "Name", value, loc: loc(l) }),

  /** A name written as a string (`namespace "cuckoo"`, object keys): the name is the string's value. */
  nameFromString: (s: ast.StringValue): ast.Name => ({ kind: "Name", value: s.value, loc: s.loc }),

  namespace: (d: Desc, name: ast.Name, a: Anns, l: PeggyRange): ast.NamespaceDefinition => ({
    kind: "NamespaceDefinition",
    name,
    description: d ?? undefined,
    annotations: a,
    loc: loc(l),
  }),

  importDef: (
    d: Desc,
    names: ast.ImportName[] | null,
    from: ast.StringValue,
    a: Anns,
    l: PeggyRange,
  ): ast.ImportDefinition => ({
    kind: "ImportDefinition",
    all: names === null,
    names: names ?? [],
    from,
    description: d ?? undefined,
    annotations: a,
    loc: loc(l),
  }),

  importName: (name: ast.Name, alias: ast.Name | null, l: PeggyRange): ast.ImportName =>
    ({ kind: "ImportName", name, alias: alias ?? undefined, loc: loc(l) }),

  interfaceDef: (d: Desc, a: Anns, operations: ast.OperationDefinition[], l: PeggyRange): ast.InterfaceDefinition => ({
    kind: "InterfaceDefinition",
    operations,
    description: d ?? undefined,
    annotations: a,
    loc: loc(l),
  }),

  role: (d: Desc, name: ast.Name, a: Anns, operations: ast.OperationDefinition[], l: PeggyRange): ast.RoleDefinition => ({
    kind: "RoleDefinition",
    name,
    operations,
    description: d ?? undefined,
    annotations: a,
    loc: loc(l),
  }),

  type: (
    d: Desc,
    name: ast.Name,
    implementsList: ast.NamedType[] | null,
    a: Anns,
    fields: ast.FieldDefinition[],
    l: PeggyRange,
  ): ast.TypeDefinition => ({
    kind: "TypeDefinition",
    name,
    implements: implementsList ?? [],
    fields,
    description: d ?? undefined,
    annotations: a,
    loc: loc(l),
  }),

  field: (d: Desc, name: ast.Name, type: ast.TypeRef, def: ast.Value | null, a: Anns, l: PeggyRange): ast.FieldDefinition => ({
    kind: "FieldDefinition",
    name,
    type,
    default: def ?? undefined,
    description: d ?? undefined,
    annotations: a,
    loc: loc(l),
  }),

  enumDef: (d: Desc, name: ast.Name, a: Anns, values: ast.EnumValueDefinition[], l: PeggyRange): ast.EnumDefinition => ({
    kind: "EnumDefinition",
    name,
    values,
    description: d ?? undefined,
    annotations: a,
    loc: loc(l),
  }),

  enumValue: (
    d: Desc,
    name: ast.Name,
    index: ast.IntValue,
    display: ast.StringValue | null,
    a: Anns,
    l: PeggyRange,
  ): ast.EnumValueDefinition => ({
    kind: "EnumValueDefinition",
    name,
    index,
    display: display ?? undefined,
    description: d ?? undefined,
    annotations: a,
    loc: loc(l),
  }),

  union: (d: Desc, name: ast.Name, a: Anns, members: ast.TypeRef[], l: PeggyRange): ast.UnionDefinition => ({
    kind: "UnionDefinition",
    name,
    members,
    description: d ?? undefined,
    annotations: a,
    loc: loc(l),
  }),

  alias: (d: Desc, name: ast.Name, type: ast.TypeRef, a: Anns, l: PeggyRange): ast.AliasDefinition => ({
    kind: "AliasDefinition",
    name,
    type,
    description: d ?? undefined,
    annotations: a,
    loc: loc(l),
  }),

  directive: (
    d: Desc,
    name: ast.Name,
    parameters: ast.ParameterDefinition[] | null,
    locations: ast.Name[],
    requires: ast.DirectiveRequire[] | null,
    l: PeggyRange,
  ): ast.DirectiveDefinition => ({
    kind: "DirectiveDefinition",
    name,
    parameters: parameters ?? [],
    locations,
    requires: requires ?? [],
    description: d ?? undefined,
    annotations: [],
    loc: loc(l),
  }),

  directiveRequire: (directive: ast.Name, locations: ast.Name[], l: PeggyRange): ast.DirectiveRequire => ({
    kind: "DirectiveRequire",
    directive,
    locations,
    loc: loc(l),
  }),

  /** `sig` is `[parameters, unary]`; `ret` is `[stream, type]`, or null when the return type was omitted. */
  operation: (
    d: Desc,
    name: ast.Name,
    sig: [ast.ParameterDefinition[], boolean],
    ret: [boolean, ast.TypeRef] | null,
    a: Anns,
    l: PeggyRange,
  ): ast.OperationDefinition => {
    const location = loc(l);
    // The implied `void` sits, empty, right after the parameter list.
    const afterParams = ret === null ? (a.length > 0 ? a[0]!.loc.start : location.end) : location.end;
    const returnType: ast.TypeRef = ret
      ? ret[1]
      : { kind: "BuiltinType", name: "void", implicit: true, loc: { file: location.file, start: afterParams, end: afterParams } };
    return {
      kind: "OperationDefinition",
      name,
      parameters: sig[0],
      unary: sig[1],
      returnType,
      returnStream: ret ? ret[0] : false,
      description: d ?? undefined,
    annotations: a,
      loc: location,
    };
  },

  parameter: (
    d: Desc,
    name: ast.Name,
    stream: boolean,
    type: ast.TypeRef,
    def: ast.Value | null,
    a: Anns,
    l: PeggyRange,
  ): ast.ParameterDefinition => ({
    kind: "ParameterDefinition",
    name,
    type,
    stream,
    default: def ?? undefined,
    description: d ?? undefined,
    annotations: a,
    loc: loc(l),
  }),

  // Types -----------------------------------------------------------------------------------------

  /** A type name: built-in names become `BuiltinType`, everything else a `NamedType`. */
  typeName: (name: ast.Name): ast.TypeRef =>
    builtinNames.has(name.value)
      ? { kind: "BuiltinType", name: name.value as ast.BuiltinTypeName, implicit: false, loc: name.loc }
      : { kind: "NamedType", name, loc: name.loc },

  namedType: (name: ast.Name): ast.NamedType => ({ kind: "NamedType", name, loc: name.loc }),

  listType: (type: ast.TypeRef, l: PeggyRange): ast.ListType => ({ kind: "ListType", type, loc: loc(l) }),

  mapType: (keyType: ast.TypeRef, valueType: ast.TypeRef, l: PeggyRange): ast.MapType => ({
    kind: "MapType",
    keyType,
    valueType,
    loc: loc(l),
  }),

  optionalType: (type: ast.TypeRef, optional: unknown, l: PeggyRange): ast.TypeRef =>
    optional === null ? type : { kind: "OptionalType", type, loc: loc(l) },

  // Annotations and values ------------------------------------------------------------------------

  annotation: (name: ast.Name, args: ast.Argument[] | null, l: PeggyRange): ast.Annotation => ({
    kind: "Annotation",
    name,
    arguments: args ?? [],
    loc: loc(l),
  }),

  argument: (name: ast.Name, value: ast.Value, l: PeggyRange): ast.Argument => ({
    kind: "Argument",
    name,
    value,
    shorthand: false,
    loc: loc(l),
  }),

  /** `@name(v)`: one argument named `value`, located at `v`. */
  shorthandArgument: (value: ast.Value): ast.Argument => ({
    kind: "Argument",
    name: { kind: "Name", value: "value", loc: value.loc },
    value,
    shorthand: true,
    loc: value.loc,
  }),

  number: (raw: string, l: PeggyRange): ast.IntValue | ast.FloatValue =>
    /[.eE]/.test(raw)
      ? { kind: "FloatValue", value: Number(raw), raw, loc: loc(l) }
      : { kind: "IntValue", value: Number(raw), raw, loc: loc(l) },

  intValue: (raw: string, l: PeggyRange): ast.IntValue => ({ kind: "IntValue", value: Number(raw), raw, loc: loc(l) }),

  string: (body: string, l: PeggyRange): ast.StringValue => ({
    kind: "StringValue",
    value: unescape(body),
    block: false,
    loc: loc(l),
  }),

  blockString: (body: string, l: PeggyRange): ast.StringValue => ({
    kind: "StringValue",
    value: dedentBlockString(body),
    block: true,
    loc: loc(l),
  }),

  boolean: (value: boolean, l: PeggyRange): ast.BooleanValue => ({ kind: "BooleanValue", value, loc: loc(l) }),

  nullValue: (l: PeggyRange): ast.NullValue => ({ kind: "NullValue", loc: loc(l) }),

  enumValueRef: (value: string, l: PeggyRange): ast.EnumValue => ({ kind: "EnumValue", value, loc: loc(l) }),

  list: (values: ast.Value[], l: PeggyRange): ast.ListValue => ({ kind: "ListValue", values, loc: loc(l) }),

  object: (fields: ast.ObjectField[], l: PeggyRange): ast.ObjectValue => ({ kind: "ObjectValue", fields, loc: loc(l) }),

  objectField: (name: ast.Name, value: ast.Value, l: PeggyRange): ast.ObjectField => ({
    kind: "ObjectField",
    name,
    value,
    loc: loc(l),
  }),
};
}

export type Builders = ReturnType<typeof createBuilders>;
