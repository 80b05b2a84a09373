/**
 * Start-up cost is what the CLI loads: `--help`, `check`, `invoke` and `inspect` must not load ts-morph (and the
 * TypeScript compiler under it), handlebars or yaml; `generate` loads only the generator of the target it runs.
 * Each command runs in a child process with loader hooks (module-log/) that record every module it loads, so a
 * new top-level import of ts-morph anywhere on these paths fails here. bench/cli.ts measures what this saves.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { repoRoot, runCli } from "./run-cli.js";

const out = mkdtempSync(join(tmpdir(), "widl-lazy-"));
const registerHooks = fileURLToPath(new URL("./module-log/register.mjs", import.meta.url));
const schema = join(repoRoot, "examples/cuckoo-filter/schema.widl");
const echoGuest = join(repoRoot, "node_modules/@wapc/host/test/fixtures/rust_echo_string.wasm");

/** The packages the CLI loads, by name, with the command's result. */
async function packagesLoaded(name: string, args: readonly string[]): Promise<{ packages: Set<string>; code: number | null }> {
  const log = join(out, `${name}.log`);
  const r = await runCli(args, { nodeFlags: ["--import", registerHooks], env: { WIDL_MODULE_LOG: log } });
  const packages = new Set<string>();
  for (const url of readFileSync(log, "utf8").split("\n")) {
    const m = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
    if (m !== null) packages.add(m[1]!);
  }
  return { packages, code: r.code };
}

const heavy = ["ts-morph", "@ts-morph/common", "typescript", "handlebars", "yaml"];

describe("the CLI loads only what the command needs", () => {
  it.each([
    ["--help", ["--help"]],
    ["check", ["check", schema]],
    ["invoke", ["invoke", echoGuest, "echo", '{"msg":"hi"}']],
    ["inspect", ["inspect", echoGuest]],
  ])("%s loads neither ts-morph, TypeScript, handlebars nor yaml", async (name, args) => {
    const { packages, code } = await packagesLoaded(name.replace(/\W/g, ""), args);
    expect(code).toBe(0);
    expect(packages.has("cac"), "the recorder sees the CLI's own dependencies").toBe(true);
    expect(heavy.filter((p) => packages.has(p))).toEqual([]);
  });

  it("generate loads ts-morph's writer for the TypeScript target only (not the compiler), and handlebars for the handlebars targets only", async () => {
    const ts = await packagesLoaded("generate-ts", ["generate", "--schema", schema, "--target", "typescript-host", "--out", join(out, "cuckoo.ts")]);
    expect(ts.code).toBe(0);
    expect(ts.packages.has("code-block-writer")).toBe(true);
    // The structures are printed without a SourceFile (generators/typescript-host/source-printer.ts).
    expect(["ts-morph", "@ts-morph/common", "typescript", "handlebars"].filter((p) => ts.packages.has(p))).toEqual([]);

    const rust = await packagesLoaded("generate-rust", ["generate", "--schema", schema, "--target", "rust-guest", "--out", join(out, "rust/src/widl")]);
    expect(rust.code).toBe(0);
    expect(rust.packages.has("handlebars")).toBe(true);
    expect(rust.packages.has("code-block-writer")).toBe(false);
  });
});
