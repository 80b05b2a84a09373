/**
 * Generated AssemblyScript compiles: every `as-*` golden case (glue and scaffold entry, exactly as
 * generated) is built with asc, warnings counted as failures, and the module exports exactly the ABI
 * the case asked for.
 */
import { relative } from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../generators/index.js";
import { goldenCases } from "../generators/golden.js";
import { compileProject } from "./build.js";

const cases = goldenCases().filter((c) => c.name.startsWith("as-"));

describe("generated AssemblyScript compiles with asc", () => {
  it("finds the AssemblyScript golden cases", () => {
    expect(cases.map((c) => c.name)).toEqual(expect.arrayContaining(["as-all-types", "as-cuckoo"]));
  });

  for (const c of cases) {
    it(`${c.name}: glue and scaffold compile clean and export the ABI's functions`, async () => {
      const files = Object.fromEntries(generate(c.config).map((f) => [relative(c.dir, f.path), f.content]));
      const entry = Object.keys(files).find((f) => f.endsWith("index.ts"))!;
      const { wasm } = await compileProject(`golden-${c.name}`, files, entry, []);
      const exports = WebAssembly.Module.exports(new WebAssembly.Module(wasm)).map((e) => e.name);
      const reexported = /export \{ ([^}]+) \}/.exec(files[entry]!)![1]!.split(", ");
      expect(exports.sort()).toEqual([...reexported, "memory"].sort());
    });
  }
});
