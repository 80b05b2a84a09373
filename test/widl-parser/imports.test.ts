import { describe, expect, it } from "vitest";
import { type Diagnostic, WidlError, loadSchema, loadSchemaSource, memoryResolver } from "../../widl-parser/index.js";

const files = {
  "/s/main.widl": 'namespace "main"\nimport * from "lib/types.widl"\nimport { Color as Colour } from "lib/enums.widl"\ninterface { paint(p: Point, c: Colour): string }\n',
  "/s/lib/types.widl": 'import { Color } from "enums.widl"\n"A point."\ntype Point { x: f64, y: f64, c: Color }\n',
  "/s/lib/enums.widl": 'enum Color { RED = 0, GREEN = 1 }\n',
  "/s/cycle-a.widl": 'import * from "cycle-b.widl"\ntype A {}\n',
  "/s/cycle-b.widl": 'import * from "cycle-a.widl"\ntype B {}\n',
  "/s/missing.widl": 'import * from "nowhere.widl"\nimport { Nope } from "lib/enums.widl"\n',
};
const resolver = memoryResolver(files);

function errors(file: string): readonly Diagnostic[] {
  try {
    loadSchema(file, { resolver });
  } catch (e) {
    if (e instanceof WidlError) return e.diagnostics;
    throw e;
  }
  throw new Error("expected errors");
}

describe("imports", () => {
  it("resolves relative to the importing file, follows imports transitively, renames with `as`", () => {
    const { document, documents, diagnostics } = loadSchema("/s/main.widl", { resolver });
    expect(diagnostics).toEqual([]);
    expect([...documents.keys()].sort()).toEqual(["/s/lib/enums.widl", "/s/lib/types.widl", "/s/main.widl"]);
    const names = document.definitions.map((d) => `${d.kind}${"name" in d ? ` ${d.name.value}` : ""}${d.imported ? ` from ${d.imported.file}` : ""}`);
    expect(names).toEqual([
      "NamespaceDefinition main",
      "ImportDefinition",
      "EnumDefinition Color from /s/lib/enums.widl",
      "TypeDefinition Point from /s/lib/types.widl",
      "ImportDefinition",
      "EnumDefinition Colour from /s/lib/enums.widl",
      "InterfaceDefinition",
    ]);
    const colour = document.definitions[5]!;
    expect(colour.imported).toMatchObject({ originalName: "Color", file: "/s/lib/enums.widl" });
    expect(colour.imported!.importLoc.start.line).toBe(3);
    // An imported definition keeps its own file's locations and description.
    expect(document.definitions[3]!.loc.file).toBe("/s/lib/types.widl");
    expect(document.definitions[3]!.description?.value).toBe("A point.");
  });

  it("reports an import cycle at the import", () => {
    expect(errors("/s/cycle-a.widl").map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`)).toEqual([
      "/s/cycle-b.widl:1:15 WIDL4002 import cycle: /s/cycle-a.widl → /s/cycle-b.widl → /s/cycle-a.widl",
    ]);
  });

  it("reports a missing file and a missing name at the import, both at once", () => {
    expect(errors("/s/missing.widl").map((d) => `${d.line}:${d.column}-${d.endColumn} ${d.code} ${d.message}`)).toEqual([
      '1:15-29 WIDL4001 cannot import "nowhere.widl" (/s/nowhere.widl): file not found',
      '2:10-14 WIDL4003 "lib/enums.widl" does not define "Nope"',
    ]);
  });

  it("reports syntax errors in imported files with their own file name and frame", () => {
    const r = memoryResolver({ "/m.widl": 'import * from "bad.widl"', "/bad.widl": "type {" });
    try {
      loadSchema("/m.widl", { resolver: r });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(WidlError);
      expect((e as WidlError).format()).toBe(
        "/bad.widl:1:6: error: expected identifier after 'type', found '{' [WIDL1001]\n   |\n 1 | type {\n   |      ^",
      );
    }
  });

  it("reports a root file that cannot be read", () => {
    expect(errors("/s/none.widl").map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`)).toEqual(['1:1 WIDL4001 cannot read "/s/none.widl": file not found']);
  });

  it("loads from text in hand, and returns warnings with a valid schema", () => {
    const loaded = loadSchemaSource("type lower {}", { file: "/x.widl", resolver });
    expect(loaded.diagnostics.map((d) => d.code)).toEqual(["WIDL3001"]);
  });

  it("imports a diamond once", () => {
    const r = memoryResolver({
      "/a.widl": 'import * from "b.widl"\nimport * from "c.widl"\n',
      "/b.widl": 'import * from "d.widl"\n',
      "/c.widl": 'import * from "d.widl"\n',
      "/d.widl": "type D {}\n",
    });
    const { document } = loadSchema("/a.widl", { resolver: r });
    expect(document.definitions.filter((d) => d.kind === "TypeDefinition")).toHaveLength(1);
  });
});
