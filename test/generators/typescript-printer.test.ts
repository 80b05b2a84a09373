/**
 * The typescript-host target prints its ts-morph structures itself (generators/typescript-host/source-printer.ts),
 * without a ts-morph `SourceFile` or `formatText`. Its output must be what ts-morph printed and formatted before,
 * byte for byte: each schema here is printed both ways, the reference being exactly the former code path
 * (`createSourceFile` from the structures, imports and header inserted, `formatText`). The goldens cover the
 * documented cases; this covers every torture schema, random schemas, and descriptions made to trip a layout
 * (brackets, quotes and comment markers in text, several lines).
 */
import fc from "fast-check";
import {
  IndentationText,
  Project,
  QuoteKind,
  Scope as TsMorphScope,
  StructureKind as TsMorphStructureKind,
  VariableDeclarationKind as TsMorphDeclarationKind,
} from "ts-morph";
import { describe, expect, it } from "vitest";
import { loadSchemaSource } from "../../widl-parser/index.js";
import { buildModel } from "../../generators/index.js";
import { typescriptHostSource, type TypescriptHostOptions } from "../../generators/typescript-host/index.js";
import { printSourceFile, type SourceFileParts } from "../../generators/typescript-host/source-printer.js";
import { Scope, StructureKind, VariableDeclarationKind } from "../../generators/typescript-host/structures.js";
import { layoutLines } from "../../generators/typescript-host/text-layout.js";
import { caseOptions } from "../codegen-fuzz/generate-targets.js";
import { renderSchema, schemaArbitrary } from "../codegen-fuzz/schema-arbitrary.js";
import { tortureSchemas } from "../codegen-fuzz/torture-schemas.js";

/** How the target printed before: a ts-morph source file from the same structures, formatted by TypeScript. */
function printWithTsMorph(parts: SourceFileParts): string {
  const project = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: { indentationText: IndentationText.TwoSpaces, quoteKind: QuoteKind.Double },
  });
  const file = project.createSourceFile("generated.ts", { statements: [...parts.statements] });
  file.insertImportDeclarations(0, [...parts.imports]);
  file.insertStatements(0, [parts.header]);
  file.formatText({ indentSize: 2, convertTabsToSpaces: true, ensureNewLineAtEndOfFile: true });
  return file.getFullText();
}

function expectSamePrint(source: string, options: TypescriptHostOptions): void {
  const parts = typescriptHostSource(buildModel(loadSchemaSource(source, { file: "schema.widl" })), options);
  expect(printSourceFile(parts)).toBe(printWithTsMorph(parts));
}

const seed = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);

describe("the typescript-host printer prints what ts-morph and formatText printed", () => {
  it("uses ts-morph's own enum values", () => {
    expect(Scope).toEqual({ Public: TsMorphScope.Public, Private: TsMorphScope.Private });
    expect(VariableDeclarationKind).toEqual({ Const: TsMorphDeclarationKind.Const });
    for (const [name, value] of Object.entries(StructureKind)) {
      expect(value, name).toBe(TsMorphStructureKind[name as keyof typeof TsMorphStructureKind]);
    }
  });

  it.each(tortureSchemas().map((s, i) => [s.label, s.source, i] as const))("torture schema %s", (_label, source, i) => {
    expectSamePrint(source, caseOptions(i).ts);
  });

  it(`random schemas, every ABI and variant (seed ${seed})`, { timeout: 120_000 }, () => {
    fc.sample(schemaArbitrary(), { seed, numRuns: 60 }).forEach((schema, i) => expectSamePrint(renderSchema(schema), caseOptions(i).ts));
  });

  it.each([0, 1, 2, 3])("descriptions with brackets, quotes, comment markers and several lines (variant %i)", (i) => {
    const text = '"""\n  Braces { ( [ and ] ) } "quoted" `tick` \'single\'\n    indented line /* not a comment\n\n  */ end\n  """';
    const source = `namespace "tricky"
${text}
type Point {
  ${text}
  x: i32
}
${text}
enum Mode {
  ${text}
  A = 0 as "A { }"
  "one line [ ( {"
  B = 1
}
${text}
union Shape = Point | Mode
${text}
interface {
  ${text}
  go(p: Point, m: Mode = A, tags: [string] = ["}", "{"]): Shape
  stop()
}
${text}
role Host {
  ${text}
  log(msg: string): void
}
`;
    expectSamePrint(source, { ...caseOptions(i).ts, hostRoles: ["Host"] });
  });
});

describe("the printer's limits", () => {
  it("rejects a structure member it does not print instead of dropping it", () => {
    const statements = [{ kind: StructureKind.Interface, name: "A", extends: ["B"] }];
    expect(() => printSourceFile({ header: "//", imports: [], statements })).toThrow(/"extends" is not printed/);
  });
});

describe("multi-line code text is laid out by bracket nesting", () => {
  const layout = (text: string) => layoutLines(text).map((l) => (l.indent === undefined ? `|${l.text}` : `${"  ".repeat(l.indent)}${l.text}`));

  it("indents once per line that opens brackets, however many it opens", () => {
    expect(layout("f(g((x) => ({\na: 1,\nb: [\n2,\n],\n})));")).toEqual(["f(g((x) => ({", "  a: 1,", "  b: [", "    2,", "  ],", "})));"]);
  });

  it("puts a line that starts with a closer at its opener's level, then opens again", () => {
    expect(layout("try {\nx();\n} catch (e) {\ny();\n}")).toEqual(["try {", "  x();", "} catch (e) {", "  y();", "}"]);
  });

  it("ignores brackets in strings and comments", () => {
    expect(layout('a({\n"}", \'(\', /* ] */ // )\nb,\n});')).toEqual(["a({", '  "}", \'(\', /* ] */ // )', "  b,", "});"]);
  });

  it("keeps lines inside a template literal as written, and counts brackets in ${…}", () => {
    expect(layout("x = `a {\n  b ${f({\n}) } c\n`;\ny;")).toEqual(["x = `a {", "|  b ${f({", "}) } c", "|`;", "y;"]);
  });

  it("moves a block comment's lines with the line it begins on, keeping their own whitespace", () => {
    expect(layout("a({\n/** {\n   ( */\nb,\n});")).toEqual(["a({", "  /** {", "     ( */", "  b,", "});"]);
  });
});
