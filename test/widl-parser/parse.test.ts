import { describe, expect, it } from "vitest";
import { BUILTIN_TYPE_NAMES, type Definition, type Document, parse } from "../../widl-parser/index.js";
import { shape } from "./helpers.js";

const one = <K extends Definition["kind"]>(source: string, kind: K): Extract<Definition, { kind: K }> => {
  const doc = parse(source, { file: "t.widl" });
  expect(doc.definitions).toHaveLength(1);
  const def = doc.definitions[0]!;
  expect(def.kind).toBe(kind);
  return def as Extract<Definition, { kind: K }>;
};

describe("tokens", () => {
  it("skips comments and insignificant commas", () => {
    const doc = parse('# leading\nnamespace "a" # trailing\n,,, # more\n', { file: "t.widl" });
    expect(shape(doc.definitions)).toEqual([{ kind: "NamespaceDefinition", name: { kind: "Name", value: "a" }, annotations: [] }]);
  });

  it("decodes escapes in strings", () => {
    const def = one('"a\\"b\\\\c\\/d\\n\\t\\u00e9" namespace "x"', "NamespaceDefinition");
    expect(def.description?.value).toBe('a"b\\c/d\n\té');
    expect(def.description?.block).toBe(false);
  });

  it("dedents block strings and drops blank first and last lines", () => {
    const def = one('"""\n    Line one\n      indented\n    Line \\""" three\n  """\ntype A {}', "TypeDefinition");
    expect(def.description).toMatchObject({ kind: "StringValue", value: 'Line one\n  indented\nLine """ three', block: true });
  });

  it("locates every node: 1-based lines and columns, 0-based offsets, end exclusive", () => {
    const def = one("\n  type Point {\n    x: i32\n  }", "TypeDefinition");
    // Positions are worked out when read; as JSON, a location is the plain `{file, start, end}`.
    expect(JSON.parse(JSON.stringify(def.loc))).toEqual({ file: "t.widl", start: { offset: 3, line: 2, column: 3 }, end: { offset: 30, line: 4, column: 4 } });
    expect(def.name.loc.start).toEqual({ offset: 8, line: 2, column: 8 });
    const field = def.fields[0]!;
    expect(field.loc.start).toEqual({ offset: 20, line: 3, column: 5 });
    expect([field.type.loc.file, field.type.loc.start, field.type.loc.end]).toEqual(["t.widl", { offset: 23, line: 3, column: 8 }, { offset: 26, line: 3, column: 11 }]);
  });

  it("defaults the file name to <input>", () => {
    expect(parse("namespace x").loc.file).toBe("<input>");
  });
});

describe("descriptions", () => {
  it("attach to every definition kind, operations, parameters, fields and enum values", () => {
    const doc: Document = parse(
      `"ns" namespace "n"
       "imp" import * from "x.widl"
       "ifc" interface { "op" f("p" a: i32): i32 }
       "role" role R { "rop" g(): string }
       "type" type T { "fld" x: i32 }
       "enum" enum E { "val" A = 0 }
       "union" union U = T | E
       "alias" alias AA = string
       "dir" directive @d on TYPE`,
      { file: "t.widl" },
    );
    expect(doc.definitions.map((d) => d.description?.value)).toEqual(["ns", "imp", "ifc", "role", "type", "enum", "union", "alias", "dir"]);
    const [, , ifc, role, type, en] = doc.definitions as [Definition, Definition, any, any, any, any];
    expect(ifc.operations[0].description.value).toBe("op");
    expect(ifc.operations[0].parameters[0].description.value).toBe("p");
    expect(role.operations[0].description.value).toBe("rop");
    expect(type.fields[0].description.value).toBe("fld");
    expect(en.values[0].description.value).toBe("val");
    // The definition's span starts at its description.
    expect(doc.definitions[4]!.loc.start.line).toBe(5);
    expect(doc.definitions[4]!.loc.start.column).toBe(8);
  });
});

describe("definitions", () => {
  it("namespace, written as a string or a name, with annotations", () => {
    expect(shape(one('namespace "cuckoo.v1" @version("1")', "NamespaceDefinition"))).toEqual({
      kind: "NamespaceDefinition",
      name: { kind: "Name", value: "cuckoo.v1" },
      annotations: [
        {
          kind: "Annotation",
          name: { kind: "Name", value: "version" },
          arguments: [{ kind: "Argument", name: { kind: "Name", value: "value" }, value: { kind: "StringValue", value: "1", block: false }, shorthand: true }],
        },
      ],
    });
    expect(one("namespace cuckoo", "NamespaceDefinition").name.value).toBe("cuckoo");
  });

  it("import * and import { A, B as C }", () => {
    const all = one('import * from "types.widl"', "ImportDefinition");
    expect(shape(all)).toEqual({ kind: "ImportDefinition", all: true, names: [], from: { kind: "StringValue", value: "types.widl", block: false }, annotations: [] });
    const some = one('import { A, B as C } from "types.widl"', "ImportDefinition");
    expect(some.all).toBe(false);
    expect(shape(some.names)).toEqual([
      { kind: "ImportName", name: { kind: "Name", value: "A" } },
      { kind: "ImportName", name: { kind: "Name", value: "B" }, alias: { kind: "Name", value: "C" } },
    ]);
    expect(some.names[1]!.alias!.loc.start.column).toBe(18);
  });

  it("interface blocks stay separate nodes", () => {
    const doc = parse("interface @a { f() } interface { g() }");
    expect(doc.definitions.map((d) => d.kind)).toEqual(["InterfaceDefinition", "InterfaceDefinition"]);
    expect((doc.definitions[0] as any).annotations[0].name.value).toBe("a");
  });

  it("role", () => {
    const role = one("role Store @service { get(key: string): bytes? }", "RoleDefinition");
    expect(role.name.value).toBe("Store");
    expect(role.annotations.map((a) => a.name.value)).toEqual(["service"]);
    expect(role.operations.map((o) => o.name.value)).toEqual(["get"]);
  });

  it("type with implements A & B, annotations, fields with defaults and annotations", () => {
    const t = one('type T implements A & B @entity { id: u64 = 0 @key, "doc" name: string? = null }', "TypeDefinition");
    expect(t.implements.map((i) => i.name.value)).toEqual(["A", "B"]);
    expect(t.implements[1]!.kind).toBe("NamedType");
    expect(t.annotations.map((a) => a.name.value)).toEqual(["entity"]);
    expect(shape(t.fields)).toEqual([
      {
        kind: "FieldDefinition",
        name: { kind: "Name", value: "id" },
        type: { kind: "BuiltinType", name: "u64", implicit: false },
        default: { kind: "IntValue", value: 0, raw: "0" },
        annotations: [{ kind: "Annotation", name: { kind: "Name", value: "key" }, arguments: [] }],
      },
      {
        kind: "FieldDefinition",
        name: { kind: "Name", value: "name" },
        type: { kind: "OptionalType", type: { kind: "BuiltinType", name: "string", implicit: false } },
        default: { kind: "NullValue" },
        description: { kind: "StringValue", value: "doc", block: false },
        annotations: [],
      },
    ]);
    expect(one("type T implements & A {}", "TypeDefinition").implements).toHaveLength(1);
  });

  it("enum values with `as \"Display\"`, the spec's bare display, none, and annotations", () => {
    const e = one('enum Color @flags {\n RED = 0 as "Red" @default\n GREEN = 1 "Green"\n BLUE = 2\n "described" CYAN = -3\n}', "EnumDefinition");
    expect(e.values.map((v) => [v.name.value, v.index.value, v.display?.value])).toEqual([
      ["RED", 0, "Red"],
      ["GREEN", 1, "Green"],
      ["BLUE", 2, undefined],
      ["CYAN", -3, undefined],
    ]);
    expect(e.values[0]!.annotations[0]!.name.value).toBe("default");
    expect(e.values[3]!.description?.value).toBe("described");
    expect(e.annotations[0]!.name.value).toBe("flags");
  });

  it("a string on the line after an enum value is the next value's description, not a display", () => {
    const e = one('enum E {\n A = 0\n "about B"\n B = 1\n}', "EnumDefinition");
    expect(e.values[0]!.display).toBeUndefined();
    expect(e.values[1]!.description?.value).toBe("about B");
  });

  it("union", () => {
    const u = one("union Shape @tagged = Circle | Square | Triangle", "UnionDefinition");
    expect(u.members.map((m) => (m.kind === "NamedType" ? m.name.value : m.kind))).toEqual(["Circle", "Square", "Triangle"]);
    expect(u.annotations[0]!.name.value).toBe("tagged");
  });

  it("alias", () => {
    const a = one("alias UUID = string @format(\"uuid\")", "AliasDefinition");
    expect(shape(a.type)).toEqual({ kind: "BuiltinType", name: "string", implicit: false });
    expect(a.annotations[0]!.arguments[0]!.value).toMatchObject({ kind: "StringValue", value: "uuid" });
  });

  it("directive with parameters, locations and require", () => {
    const d = one("directive @auth(scopes: [string], optional: bool = false) on | OPERATION | INTERFACE require @service on SELF | ROLE @x on TYPE", "DirectiveDefinition");
    expect(d.name.value).toBe("auth");
    expect(d.parameters.map((p) => [p.name.value, p.default?.kind])).toEqual([
      ["scopes", undefined],
      ["optional", "BooleanValue"],
    ]);
    expect(d.locations.map((l) => l.value)).toEqual(["OPERATION", "INTERFACE"]);
    expect(d.requires.map((r) => [r.directive.value, r.locations.map((l) => l.value)])).toEqual([
      ["service", ["SELF", "ROLE"]],
      ["x", ["TYPE"]],
    ]);
    expect(d.annotations).toEqual([]);
  });
});

describe("operations", () => {
  const ops = (body: string) => one(`interface { ${body} }`, "InterfaceDefinition").operations;

  it("normal, with parameters, defaults and annotations", () => {
    const [op] = ops('add(a: i32 = 1 @min(0), b: i32): i64 @pure');
    expect(op!.unary).toBe(false);
    expect(op!.parameters.map((p) => [p.name.value, p.stream, p.default?.kind, p.annotations.map((a) => a.name.value)])).toEqual([
      ["a", false, "IntValue", ["min"]],
      ["b", false, undefined, []],
    ]);
    expect(shape(op!.returnType)).toEqual({ kind: "BuiltinType", name: "i64", implicit: false });
    expect(op!.returnStream).toBe(false);
    expect(op!.annotations[0]!.name.value).toBe("pure");
  });

  it("unary: one bare parameter", () => {
    const [op] = ops("handle{inp: Input}: string");
    expect(op!.unary).toBe(true);
    expect(op!.parameters.map((p) => p.name.value)).toEqual(["inp"]);
  });

  it("an omitted return type is an implicit void, located after the parameters", () => {
    const [op] = ops("ping()");
    expect(op!.returnType).toMatchObject({ kind: "BuiltinType", name: "void", implicit: true });
    expect([op!.returnType.loc.start, op!.returnType.loc.end]).toEqual([op!.loc.end, op!.loc.end]);
    const [annotated] = ops("ping() @oneway");
    expect(annotated!.returnType).toMatchObject({ name: "void", implicit: true });
    expect(annotated!.annotations[0]!.name.value).toBe("oneway");
  });

  it("stream on a parameter and on the return type", () => {
    const [op] = ops("upload(data: stream bytes, name: string): stream Progress");
    expect(op!.parameters.map((p) => p.stream)).toEqual([true, false]);
    expect(shape(op!.parameters[0]!.type)).toEqual({ kind: "BuiltinType", name: "bytes", implicit: false });
    expect(op!.returnStream).toBe(true);
    expect(shape(op!.returnType)).toEqual({ kind: "NamedType", name: { kind: "Name", value: "Progress" } });
  });
});

describe("types", () => {
  const fieldType = (t: string) => shape(one(`type T { f: ${t} }`, "TypeDefinition").fields[0]!.type);

  it.each(BUILTIN_TYPE_NAMES.filter((n) => n !== "void"))("built-in %s", (name) => {
    expect(fieldType(name)).toEqual({ kind: "BuiltinType", name, implicit: false });
  });

  it("list, map and optional, nested", () => {
    expect(fieldType("[{string: [Item?]}]?")).toEqual({
      kind: "OptionalType",
      type: {
        kind: "ListType",
        type: {
          kind: "MapType",
          keyType: { kind: "BuiltinType", name: "string", implicit: false },
          valueType: { kind: "ListType", type: { kind: "OptionalType", type: { kind: "NamedType", name: { kind: "Name", value: "Item" } } } },
        },
      },
    });
  });

  it("locates composite types over their brackets", () => {
    const t = one("type T { f: {string: i32}? }", "TypeDefinition").fields[0]!.type;
    expect([t.loc.start.column, t.loc.end.column]).toEqual([13, 27]);
    expect(t.kind === "OptionalType" && [t.type.loc.start.column, t.type.loc.end.column]).toEqual([13, 26]);
  });
});

describe("annotations and values", () => {
  const arg = (v: string) => shape(one(`type T @a(v: ${v}) {}`, "TypeDefinition").annotations[0]!.arguments[0]!.value);

  it("named arguments and the positional shorthand", () => {
    const t = one('type T @range(min: 1, max: 10) @doc("x") @flag {}', "TypeDefinition");
    expect(t.annotations.map((a) => [a.name.value, a.arguments.map((x) => [x.name.value, x.shorthand])])).toEqual([
      ["range", [["min", false], ["max", false]]],
      ["doc", [["value", true]]],
      ["flag", []],
    ]);
  });

  it.each([
    ["42", { kind: "IntValue", value: 42, raw: "42" }],
    ["-7", { kind: "IntValue", value: -7, raw: "-7" }],
    ["1.5", { kind: "FloatValue", value: 1.5, raw: "1.5" }],
    ["-2.5e-3", { kind: "FloatValue", value: -0.0025, raw: "-2.5e-3" }],
    ["6E2", { kind: "FloatValue", value: 600, raw: "6E2" }],
    ['"s"', { kind: "StringValue", value: "s", block: false }],
    ["true", { kind: "BooleanValue", value: true }],
    ["false", { kind: "BooleanValue", value: false }],
    ["null", { kind: "NullValue" }],
    ["RED", { kind: "EnumValue", value: "RED" }],
    ["nullable", { kind: "EnumValue", value: "nullable" }],
    ["[1, \"a\"]", { kind: "ListValue", values: [{ kind: "IntValue", value: 1, raw: "1" }, { kind: "StringValue", value: "a", block: false }] }],
    [
      '{a: 1, "b c": [], d: {}}',
      {
        kind: "ObjectValue",
        fields: [
          { kind: "ObjectField", name: { kind: "Name", value: "a" }, value: { kind: "IntValue", value: 1, raw: "1" } },
          { kind: "ObjectField", name: { kind: "Name", value: "b c" }, value: { kind: "ListValue", values: [] } },
          { kind: "ObjectField", name: { kind: "Name", value: "d" }, value: { kind: "ObjectValue", fields: [] } },
        ],
      },
    ],
  ])("value %s", (text, expected) => {
    expect(arg(text)).toEqual(expected);
  });
});
