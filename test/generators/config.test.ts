import { describe, expect, it } from "vitest";
import { CodegenConfigError, parseCodegenConfig } from "../../generators/index.js";

describe("codegen.yaml", () => {
  it("reads several documents, merges the top-level config and maps wapc module/visitorClass", () => {
    const config = parseCodegenConfig(
      `schema: a.widl
config:
  hostRoles: [Host]
generates:
  src/a.ts:
    target: typescript-host
    config:
      className: A
---
schema: b.widl
generates:
  src/widl:
    module: "@wapc/widl-codegen/rust"
    visitorClass: ModuleVisitor
  ./:
    module: "@wapc/widl-codegen/rust"
    visitorClass: ScaffoldVisitor
    ifNotExists: true
`,
      { baseDir: "/p" },
    );
    expect(config.jobs.map((j) => [j.schema, j.output, j.target.name, j.ifNotExists])).toEqual([
      ["/p/a.widl", "src/a.ts", "typescript-host", false],
      ["/p/b.widl", "src/widl", "rust-guest", false],
      ["/p/b.widl", "./", "rust-scaffold", true],
    ]);
    expect(config.jobs[0]!.options).toMatchObject({ className: "A", hostRoles: ["Host"], runtimeModule: "@widl-bindgen/host/codegen" });
  });

  it("an unknown option is a named error naming the entry", () => {
    const bad = `schema: s.widl\ngenerates:\n  src/a.ts:\n    target: typescript-host\n    config: { x: 1 }\n`;
    expect(() => parseCodegenConfig(bad)).toThrow(CodegenConfigError);
    expect(() => parseCodegenConfig(bad)).toThrow(/^invalid option "x" in generates\["src\/a.ts"\]: target typescript-host has the options/);
  });

  it("unknown keys, targets and modules, and wrong option types are errors", () => {
    const cases: [string, RegExp][] = [
      [`schema: s.widl\nschemas: x\ngenerates: {}`, /invalid key "schemas" in codegen.yaml/],
      [`schema: s.widl\ngenerates:\n  a.ts: { target: typescript-host, out: x }`, /invalid key "out" in generates\["a.ts"\]/],
      [`schema: s.widl\ngenerates:\n  a.ts: { target: cobol }`, /unknown target "cobol"/],
      [`schema: s.widl\ngenerates:\n  a.ts: { module: "@wapc/widl-codegen/tinygo", visitorClass: ModuleVisitor }`, /no widl-bindgen target for module/],
      [`schema: s.widl\ngenerates:\n  a.ts: { target: typescript-host, config: { className: 3 } }`, /expected a string, got 3/],
      [`schema: s.widl\nconfig: { nothing: 1 }\ngenerates:\n  a.ts: { target: typescript-host }`, /invalid option "nothing".*no target/],
      [`schema: s.widl\ngenerates:\n  a.ts: { target: typescript-host, ifNotExists: "yes" }`, /ifNotExists/],
      [`schema: [unclosed`, /codegen.yaml:1:/],
    ];
    for (const [text, message] of cases) expect(() => parseCodegenConfig(text), text).toThrow(message);
  });
});
