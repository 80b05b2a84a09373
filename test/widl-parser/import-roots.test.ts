/**
 * Imports are read only inside the import roots (the root schema's folder and the folders given),
 * after following links, and only from regular files; nothing outside the roots ever reaches a
 * diagnostic. On disk, in temporary folders, since links and named pipes are what is tested.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { generate, loadCodegenConfig } from "../../generators/index.js";
import { type LoadOptions, WidlError, loadSchema, memoryResolver } from "../../widl-parser/index.js";
import { runCli } from "../cli/run-cli.js";

const base = realpathSync(mkdtempSync(join(tmpdir(), "widl-roots-")));
/** Writes `text` at `path` under the temporary folder, making folders; returns the absolute path. */
const write = (path: string, text: string) => {
  const file = join(base, path);
  mkdirSync(join(file, ".."), { recursive: true });
  writeFileSync(file, text);
  return file;
};

const secret = "SECRET-OUTSIDE-THE-ROOTS";
write("outside/secret.widl", `type Secret { x: string }\n# ${secret}\n`);
write("outside/bad.widl", `${secret} is not WIDL\n`);
write("proj/common/shared.widl", "type Shared { x: string }\n");
write("proj/schemas/inside.widl", "type Inside { x: string }\n");
symlinkSync(join(base, "outside/bad.widl"), join(base, "proj/schemas/link-out.widl"));
symlinkSync(join(base, "proj/schemas/inside.widl"), join(base, "proj/schemas/link-in.widl"));
symlinkSync(join(base, "outside"), join(base, "proj/schemas/outside-dir"));
const hasMkfifo = spawnSync("mkfifo", [join(base, "proj/schemas/pipe.widl")]).status === 0;

/** Loads a schema that imports `from` (from proj/schemas/); the error's codes, messages and formatted text. */
function importing(from: string, options?: LoadOptions) {
  const file = write(`proj/schemas/import-${Math.random().toString(36).slice(2)}.widl`, `import * from "${from}"\n`);
  try {
    const loaded = loadSchema(file, options);
    return { ok: true, loaded, text: "", codes: [] as string[], sources: loaded.sources };
  } catch (e) {
    if (!(e instanceof WidlError)) throw e;
    return { ok: false, loaded: undefined, text: e.format(), codes: e.diagnostics.map((d) => `${d.code} ${d.message}`), sources: e.sources };
  }
}

describe("import roots", () => {
  it("refuses a file outside the roots without reading it: nothing of it is shown", () => {
    const r = importing("../../outside/bad.widl");
    expect(r.codes).toEqual([
      `WIDL4004 cannot import "../../outside/bad.widl" (${join(base, "outside/bad.widl")}): it is outside the import roots, so it is not read; add its folder as an import root to allow it`,
    ]);
    expect(r.text).not.toContain(secret);
    expect([...r.sources.keys()].some((f) => f.includes("outside"))).toBe(false);
  });

  it("refuses /etc/passwd reached through ../ (its first line was printed)", () => {
    const r = importing(`${"../".repeat(20)}etc/passwd`);
    expect(r.codes).toHaveLength(1);
    expect(r.codes[0]).toMatch(/^WIDL4004 /);
    expect(r.text).not.toMatch(/root:/);
  });

  it("says a missing file outside the roots is outside, so nothing outside can be probed for existence", () => {
    expect(importing("../../outside/none.widl").codes[0]).toMatch(/^WIDL4004 /);
    expect(importing("none.widl").codes[0]).toMatch(/^WIDL4001 .*file not found$/);
  });

  it("follows links before checking: a link out of the roots is refused, a link within them works", () => {
    const out = importing("link-out.widl");
    expect(out.codes[0]).toMatch(/^WIDL4004 cannot import "link-out.widl"/);
    expect(out.text).not.toContain(secret);
    expect(importing("outside-dir/secret.widl").codes[0]).toMatch(/^WIDL4004 /);
    const inside = importing("link-in.widl");
    expect(inside.ok).toBe(true);
    expect(inside.loaded!.document.definitions.map((d) => d.kind)).toContain("TypeDefinition");
  });

  it("reads a shared ../common/ folder when it lies inside a root given as an option", () => {
    expect(importing("../common/shared.widl").codes[0]).toMatch(/^WIDL4004 /);
    const r = importing("../common/shared.widl", { importRoots: [join(base, "proj")] });
    expect(r.ok).toBe(true);
    expect(r.loaded!.document.definitions.some((d) => d.kind === "TypeDefinition" && d.name.value === "Shared")).toBe(true);
  });

  it.runIf(hasMkfifo)("refuses a named pipe without waiting on it (it hung)", () => {
    // In a child process with a deadline: a read that blocks would block this test's thread too.
    const schema = write("proj/schemas/imports-pipe.widl", 'import * from "pipe.widl"\n');
    const script = `
      import { WidlError, loadSchema } from ${JSON.stringify(new URL("../../widl-parser/index.ts", import.meta.url).href)};
      for (const file of ${JSON.stringify([schema, join(base, "proj/schemas/pipe.widl")])}) {
        try { loadSchema(file); } catch (e) { if (!(e instanceof WidlError)) throw e; console.log(e.diagnostics.map((d) => d.message).join("\\n")); }
      }`;
    const child = spawnSync(process.execPath, ["--import", import.meta.resolve("tsx"), "--input-type=module", "-e", script], { encoding: "utf8", timeout: 30_000 });
    expect(child.signal).toBeNull();
    expect(child.stdout.split("\n")).toEqual([
      `cannot import "pipe.widl" (${join(base, "proj/schemas/pipe.widl")}): not a regular file (a named pipe)`,
      `cannot read "${join(base, "proj/schemas/pipe.widl")}": not a regular file (a named pipe)`,
      "",
    ]);
  });

  it("refuses a folder", () => {
    mkdirSync(join(base, "proj/schemas/folder.widl"), { recursive: true });
    expect(importing("folder.widl").codes).toEqual([`WIDL4001 cannot import "folder.widl" (${join(base, "proj/schemas/folder.widl")}): not a regular file (a folder)`]);
  });

  it("confines the in-memory resolver the same way", () => {
    const resolver = memoryResolver({ "/p/a.widl": 'import * from "../q/b.widl"\n', "/q/b.widl": "type B {}\n" });
    expect(() => loadSchema("/p/a.widl", { resolver })).toThrow(/WIDL4004|outside the import roots/);
    expect(loadSchema("/p/a.widl", { resolver, importRoots: ["/q"] }).document.definitions).toHaveLength(2);
  });

  it("takes importRoots from codegen.yaml, relative to its folder", async () => {
    write("proj/schemas/api.widl", 'namespace "api"\nimport * from "../common/shared.widl"\ninterface { get(): Shared }\n');
    const yaml = (roots: string) => `schema: schemas/api.widl\n${roots}generates:\n  out/api.ts:\n    target: typescript-host\n`;
    // The folder holding codegen.yaml is a root: proj/ holds common/.
    const atProject = write("proj/codegen.yaml", yaml(""));
    expect((await generate(atProject)).map((f) => relative(base, f.path))).toEqual(["proj/out/api.ts"]);
    // From elsewhere, common/ must be named.
    const elsewhere = write("other/codegen.yaml", yaml("").replace("schemas/", "../proj/schemas/"));
    await expect(generate(elsewhere)).rejects.toThrow(WidlError);
    const named = write("other/with-roots.yaml", yaml("importRoots: [../proj/common]\n").replace("schemas/", "../proj/schemas/"));
    expect(loadCodegenConfig(named).jobs[0]!.importRoots).toEqual([join(base, "other"), join(base, "proj/common")]);
    expect(await generate(named)).toHaveLength(1);
  });

  it("check: the working folder is a root, --import-root adds more, and nothing outside is printed", async () => {
    write("proj/schemas/uses-common.widl", 'import * from "../common/shared.widl"\ntype B { s: Shared }\n');
    const schemas = join(base, "proj/schemas");
    expect((await runCli(["check", "uses-common.widl"], { cwd: schemas })).code).toBe(1);
    expect((await runCli(["check", "schemas/uses-common.widl"], { cwd: join(base, "proj") })).code).toBe(0);
    const rooted = await runCli(["check", "uses-common.widl", "--import-root", "../common", "--import-root", base], { cwd: schemas });
    expect(rooted.stderr).toBe("");
    expect(rooted.code).toBe(0);
    write("proj/schemas/uses-outside.widl", 'import * from "../../outside/bad.widl"\n');
    const refused = await runCli(["check", "uses-outside.widl"], { cwd: schemas });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("WIDL4004");
    expect(refused.stderr).not.toContain(secret);
  });
});
