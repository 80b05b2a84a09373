/**
 * Generated AssemblyScript compiles: every `as-*` golden case (glue and scaffold entry, exactly as
 * generated) is built with asc, warnings counted as failures, and the module exports exactly the ABI
 * the case asked for.
 *
 * asc compiles only what is reachable from the entry's exports, and nothing in a scaffold calls the
 * host-role clients; so the test appends one more export that calls every client method, with zero values.
 */
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { camelCase, generate, loadModel, type Model } from "../../generators/index.js";
import { AsCodec } from "../../generators/assemblyscript-guest/as-codec.js";
import { goldenCases } from "../generators/golden.js";
import { compileProject } from "./build.js";

const cases = goldenCases().filter((c) => c.name.startsWith("as-"));

/** An exported function that calls every method of every host-role client. */
function touchHostClients(model: Model): string {
  const codec = new AsCodec("rt");
  const lines = model.roles.flatMap((role) => [
    `  const ${camelCase(role.name)}Client = new ${role.id.as}();`,
    ...role.operations.map(
      (op) => `  ${camelCase(role.name)}Client.${op.id.as}(${op.params.map((p) => codec.zero(p.type)).join(", ")});`,
    ),
  ]);
  const used = model.types.map((t) => t.id.as);
  return [
    `import * as rt from "widl-bindgen/guest-runtime/assemblyscript";`,
    `import { ${[...model.roles.map((r) => r.id.as), ...used].join(", ")} } from "./module";`,
    "export function touchHostClients(): void {",
    ...lines,
    "}",
  ].join("\n");
}

describe("generated AssemblyScript compiles with asc", () => {
  it("finds the AssemblyScript golden cases", () => {
    expect(cases.map((c) => c.name)).toEqual(expect.arrayContaining(["as-all-types", "as-cuckoo", "as-edge-cases"]));
  });

  for (const c of cases) {
    it(`${c.name}: glue and scaffold compile clean and export the ABI's functions`, async () => {
      const files = Object.fromEntries((await generate(c.config)).map((f) => [relative(c.dir, f.path), f.content]));
      const entry = Object.keys(files).find((f) => f.endsWith("index.ts"))!;
      const reexported = /export \{ ([^}]+) \}/.exec(files[entry]!)![1]!.split(", ");
      const model = loadModel(join(c.dir, (parseYaml(readFileSync(c.config, "utf8")) as { schema: string }).schema));
      if (model.roles.length > 0) {
        files[entry.replace("index.ts", "touch.ts")] = touchHostClients(model);
        files[entry] += `export { touchHostClients } from "./touch";\n`;
        reexported.push("touchHostClients");
      }
      const { wasm } = await compileProject(`golden-${c.name}`, files, entry, []);
      const exports = WebAssembly.Module.exports(new WebAssembly.Module(wasm)).map((e) => e.name);
      expect(exports.sort()).toEqual([...reexported, "memory"].sort());
    });
  }
});
