/**
 * README.md is executable documentation (STYLE.md, habit 10): the commands and snippets it shows must stay true.
 * The demo it names runs in test/examples/cuckoo-filter.test.ts; here we check the rest against the code.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCodegenConfig } from "../generators/index.js";
import { parse } from "../widl-parser/index.js";
import { repoRoot, runCli } from "./cli/run-cli.js";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const packageJson = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  scripts: Record<string, string>;
};

/** The fenced code blocks of one language, in order. */
function codeBlocks(language: string): string[] {
  const blocks: string[] = [];
  const fence = /^( *)```(\w*)\n([\s\S]*?)^\1```$/gm;
  for (let m = fence.exec(readme); m !== null; m = fence.exec(readme)) {
    const indent = m[1]!.length;
    if (m[2] === language) blocks.push(m[3]!.split("\n").map((line) => line.slice(indent)).join("\n"));
  }
  return blocks;
}

describe("README.md", () => {
  it("gives the two commands, and .ci/run calls exactly the test command", () => {
    const shell = codeBlocks("sh").join("\n");
    expect(shell).toMatch(/^npm run demo\b/m);
    expect(shell).toMatch(/^npm test\b/m);
    expect(packageJson.scripts.demo).toBeDefined();
    const ci = readFileSync(new URL("../.ci/run", import.meta.url), "utf8");
    expect(ci).toMatch(/^npm ci$/m);
    expect(ci).toMatch(/^npm test$/m);
  });

  it("shows the book's schema as the example holds it, and it parses", () => {
    const [schema] = codeBlocks("widl");
    expect(schema).toBeDefined();
    const example = readFileSync(new URL("../examples/cuckoo-filter/schema.widl", import.meta.url), "utf8");
    expect(example.startsWith(schema!)).toBe(true);
    const document = parse(schema!, { file: "README.md" });
    expect(document.definitions.map((d) => d.kind)).toEqual(["NamespaceDefinition", "InterfaceDefinition", "TypeDefinition", "InterfaceDefinition"]);
  });

  it("shows a codegen.yaml the config loader accepts, with the example's targets", () => {
    const [yaml] = codeBlocks("yaml");
    const config = parseCodegenConfig(yaml!, { file: "README.md" });
    expect(config.jobs.map((job) => [job.output, job.target.name])).toEqual([
      ["generated/cuckoo.ts", "typescript-host"],
      ["guest-as/assembly/module.ts", "assemblyscript-guest"],
      ["guest-rust/src/widl", "rust-guest"],
    ]);
  });

  it("names only commands the CLI has", async () => {
    const named = new Set([...readme.matchAll(/npx widl-bindgen (\w+)/g)].map((m) => m[1]!));
    const { stdout, code } = await runCli(["--help"], { cwd: repoRoot });
    expect(code).toBe(0);
    const commands = new Set([...stdout.matchAll(/^ {2}(\w+) /gm)].map((m) => m[1]!));
    for (const command of ["check", "generate", "new", "invoke", "serve", "inspect"]) expect(commands).toContain(command);
    for (const command of named) expect(commands).toContain(command);
  });
});
