/**
 * The typescript-host generator called through its API with no options gets the defaults `typescriptHostOptions`
 * documents (the same ones codegen.yaml gets), not a second copy of them.
 */
import { describe, expect, it } from "vitest";
import { loadSchemaSource } from "../../widl-parser/index.js";
import { buildModel } from "../../generators/index.js";
import { generateTypescriptHost, typescriptHostOptions } from "../../generators/typescript-host/index.js";

const model = buildModel(loadSchemaSource(`namespace "greeter"\ninterface { hello(name: string): string }\n`, { file: "greeter.widl" }));

describe("typescript-host without options", () => {
  const text = generateTypescriptHost(model);

  it("speaks the documented default ABI and names it in the preamble", () => {
    expect(typescriptHostOptions.abi.default).toBe("wapc");
    expect(text.split("\n")[0]).toMatch(/\(target typescript-host, abi wapc\) from greeter\.widl\. DO NOT EDIT\.$/);
    expect(text).toContain("class Greeter ");
    expect(text).not.toContain("class GreeterDirect");
  });

  it("imports the runtime from the documented default module", () => {
    expect(text).toContain(`from "${typescriptHostOptions.runtimeModule.default}";`);
  });

  it("emits no client the options must ask for", () => {
    expect(text).not.toMatch(/static (pool|local|loadAsync)\(/);
  });

  it("gives an explicit option precedence over its default", () => {
    const direct = generateTypescriptHost(model, { abi: "direct", loadAsync: true });
    expect(direct.split("\n")[0]).toContain("abi direct");
    expect(direct).toMatch(/static (async )?loadAsync\(/);
  });
});
