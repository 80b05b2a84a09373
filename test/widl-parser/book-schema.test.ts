import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { interfaceOperations, loadSchema, mergedInterface, parse, validate } from "../../widl-parser/index.js";

// The schemas of "WebAssembly for Cloud" (Apress, 2022), chapters 4–6, verbatim.
const firstVersion = `namespace "cuckoo"
interface {
   check_word_exists(name: string): string
}
`;
const schemaPath = new URL("../../examples/cuckoo-filter/schema.widl", import.meta.url);

describe("the book's cuckoo schema", () => {
  it("first version: one interface with check_word_exists", () => {
    const doc = parse(firstVersion, { file: "schema.widl" });
    expect(validate(doc)).toEqual([]);
    expect(interfaceOperations(doc).map((o) => o.name.value)).toEqual(["check_word_exists"]);
  });

  it("second version (examples/cuckoo-filter/schema.widl): two interface blocks merge, trailing commas pass", () => {
    const source = readFileSync(schemaPath, "utf8");
    // The book's part is kept verbatim; later chapters may append to the file.
    expect(source.startsWith(`namespace "cuckoo"
interface {
   check_word_exists(name: string): string
}
type Input {
    x: string,
    y: string,
}
interface {
handle_input(inp:Input):string
}
`)).toBe(true);
    const doc = parse(source, { file: "schema.widl" });
    expect(validate(doc)).toEqual([]);
    const blocks = doc.definitions.filter((d) => d.kind === "InterfaceDefinition");
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    const merged = mergedInterface(doc)!;
    expect(merged.operations.map((o) => o.name.value).slice(0, 2)).toEqual(["check_word_exists", "handle_input"]);
    const [check, handle] = merged.operations;
    expect(check!.parameters.map((p) => [p.name.value, p.type.kind === "BuiltinType" && p.type.name])).toEqual([["name", "string"]]);
    expect(handle!.parameters[0]!.type).toMatchObject({ kind: "NamedType", name: { value: "Input" } });
    expect(handle!.loc.start).toEqual({ offset: 133, line: 10, column: 1 });
    const input = doc.definitions.find((d) => d.kind === "TypeDefinition")!;
    expect(input.kind === "TypeDefinition" && input.fields.map((f) => f.name.value)).toEqual(["x", "y"]);
  });

  it("loads from disk through the default resolver", () => {
    const loaded = loadSchema(schemaPath.pathname);
    expect(loaded.diagnostics).toEqual([]);
    expect(interfaceOperations(loaded.document).map((o) => o.name.value)).toContain("handle_input");
  });
});
