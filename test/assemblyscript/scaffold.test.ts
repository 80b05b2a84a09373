/**
 * The AssemblyScript codegen.yaml flow as a user runs it: the glue is regenerated every time, the
 * scaffold entry only while it does not exist, and unknown options are named errors.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CodegenConfigError, generate, generateAssemblyScriptGuest, loadModel, writeGenerated } from "../../generators/index.js";
import { fixture } from "./build.js";

const dir = mkdtempSync(join(tmpdir(), "widl-as-scaffold-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("assemblyscript-scaffold in a project", () => {
  it("writes the entry once and never overwrites it, while the glue follows the schema", async () => {
    copyFileSync(join(fixture("../golden/cuckoo/schema.widl")), join(dir, "schema.widl"));
    const config = join(dir, "codegen.yaml");
    writeFileSync(
      config,
      ["schema: schema.widl", "generates:", "  assembly/module.ts:", "    target: assemblyscript-guest", "  assembly/index.ts:", "    target: assemblyscript-scaffold", ""].join("\n"),
    );
    const first = writeGenerated(await generate(config));
    expect(first.written.map((p) => p.slice(dir.length + 1)).sort()).toEqual(["assembly/index.ts", "assembly/module.ts"]);
    const entry = join(dir, "assembly/index.ts");
    writeFileSync(entry, `${readFileSync(entry, "utf8")}// my code\n`);
    writeFileSync(join(dir, "schema.widl"), `${readFileSync(join(dir, "schema.widl"), "utf8")}\ninterface { extra(): u8 }\n`);
    const second = writeGenerated(await generate(config));
    expect(second.written.map((p) => p.slice(dir.length + 1))).toEqual(["assembly/module.ts"]);
    expect(readFileSync(entry, "utf8")).toMatch(/\/\/ my code\n$/);
    expect(readFileSync(join(dir, "assembly/module.ts"), "utf8")).toContain("static registerExtra(handler: () => u8): void");
  });

  it("refuses an unknown option or ABI by name", () => {
    const model = loadModel(fixture("all-types/schema.widl"));
    expect(() => generateAssemblyScriptGuest(model, { abi: "grpc" })).toThrow(CodegenConfigError);
    expect(() => generateAssemblyScriptGuest(model, { abi: "grpc" })).toThrow(/invalid option "abi".*one of wapc, direct, both/);
    expect(() => generateAssemblyScriptGuest(model, { runtime: "x" })).toThrow(/invalid option "runtime"/);
    expect(() => generateAssemblyScriptGuest(model, { hostRoles: ["Nope"] })).toThrow(/no role Nope/);
  });

  it("imports the runtime from the configured module", () => {
    const model = loadModel(fixture("all-types/schema.widl"));
    expect(generateAssemblyScriptGuest(model, { runtimeImport: "../vendor/widl" })).toContain('import * as rt from "../vendor/widl";');
    expect(generateAssemblyScriptGuest(model)).toContain('import * as rt from "widl-bindgen/guest-runtime/assemblyscript";');
  });
});
