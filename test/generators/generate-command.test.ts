/** `widl-bindgen generate`, run as a user runs it: files written, exit codes 0 / 1 / 2, --watch. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot, runCli, spawnCli } from "../cli/run-cli.js";
import { readGoldenAsGenerated } from "./golden.js";

const dir = mkdtempSync(join(tmpdir(), "widl-generate-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cuckoo = readFileSync(join(repoRoot, "test/golden/cuckoo/schema.widl"), "utf8");
const expected = readGoldenAsGenerated(join(repoRoot, "test/golden/cuckoo/expected/cuckoo.ts"));

describe("widl-bindgen generate", () => {
  it("reads ./codegen.yaml by default and writes the golden output; a second run changes nothing", async () => {
    const cwd = join(dir, "project");
    mkdirSync(cwd, { recursive: true });
    writeFileSync(join(cwd, "schema.widl"), cuckoo);
    writeFileSync(join(cwd, "codegen.yaml"), "schema: schema.widl\ngenerates:\n  cuckoo.ts:\n    target: typescript-host\n");
    const first = await runCli(["generate"], { cwd });
    expect(first).toMatchObject({ code: 0, stdout: "wrote cuckoo.ts\n" });
    expect(readFileSync(join(cwd, "cuckoo.ts"), "utf8")).toBe(expected);
    const mtime = statSync(join(cwd, "cuckoo.ts")).mtimeMs;
    const second = await runCli(["generate"], { cwd });
    expect(second).toMatchObject({ code: 0, stdout: "up to date (1 file)\n" });
    expect(statSync(join(cwd, "cuckoo.ts")).mtimeMs).toBe(mtime);
  });

  it("ad hoc --schema/--target/--out", async () => {
    writeFileSync(join(dir, "schema.widl"), cuckoo);
    const r = await runCli(["generate", "--schema", "schema.widl", "--target", "typescript-host", "--out", "out/c.ts"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, "out/c.ts"), "utf8")).toContain("export class Cuckoo");
  });

  it("a schema error is printed as check prints it, exit 1", async () => {
    writeFileSync(join(dir, "bad.widl"), 'namespace "x"\ninterface { f(a: Nope): string }\n');
    const r = await runCli(["generate", "--schema", "bad.widl", "--target", "typescript-host", "--out", "b.ts"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('bad.widl:2:18: error: unknown type "Nope"');
    expect(r.stderr).toContain("interface { f(a: Nope): string }");
  });

  it("guest operations that share a wire name are a located WIDL2024 error; a host role may share it", async () => {
    const cwd = join(dir, "clash");
    mkdirSync(cwd, { recursive: true });
    const schema = join(cwd, "schema.widl");
    writeFileSync(schema, 'namespace "kv"\ninterface { get(): string }\nrole Store { get(key: string): bytes? }\n');
    const yaml = (hostRoles: string) =>
      `schema: schema.widl\nconfig: { hostRoles: ${hostRoles} }\ngenerates:\n  src/widl:\n    target: rust-guest\n  kv.ts:\n    target: typescript-host\n`;
    writeFileSync(join(cwd, "codegen.yaml"), yaml("[]"));
    const r = await runCli(["generate"], { cwd });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      [
        `${schema}:3:14: error: operation "get" of role Store and of the interface have the same wire name, and the guest implements both [WIDL2024]`,
        "   |",
        " 3 | role Store { get(key: string): bytes? }",
        "   |              ^^^^^^^^^^^^^^^^^^^^^^^^",
        `  note: the interface defines it at ${schema}:2:13`,
        "  note: a waPC call and the direct-ABI export __widl_op_get carry the operation name only; rename one, or list role Store in hostRoles if the host implements it",
        "",
      ].join("\n"),
    );
    // Store as a host role is called by the guest, on the other side of the wire: no clash.
    writeFileSync(join(cwd, "codegen.yaml"), yaml("[Store]"));
    expect(await runCli(["generate"], { cwd })).toMatchObject({ code: 0, stderr: "" });
  });

  it("a codegen.yaml error names the key, exit 1; usage errors exit 2", async () => {
    writeFileSync(join(dir, "bad.yaml"), "schema: schema.widl\ngenerates:\n  x.ts:\n    target: typescript-host\n    config: { classname: X }\n");
    const bad = await runCli(["generate", "bad.yaml"], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('CodegenConfigError: invalid option "classname" in generates["x.ts"]');
    expect((await runCli(["generate", "--schema", "schema.widl"], { cwd: dir })).code).toBe(2);
    expect((await runCli(["generate", "--schema", "s", "--target", "cobol", "--out", "o"], { cwd: dir })).code).toBe(2);
    expect((await runCli(["generate", "--frobnicate"], { cwd: dir })).code).toBe(2);
  });

  it("--watch regenerates when the schema changes", async () => {
    const cwd = join(dir, "watched");
    mkdirSync(cwd, { recursive: true });
    writeFileSync(join(cwd, "schema.widl"), cuckoo);
    writeFileSync(join(cwd, "codegen.yaml"), "schema: schema.widl\ngenerates:\n  w.ts:\n    target: typescript-host\n");
    const child = spawnCli(["generate", "--watch"], { cwd });
    try {
      let out = "";
      const waitFor = (text: string, times = 1) =>
        new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`timed out waiting for ${JSON.stringify(text)}; got ${out}`)), 20_000);
          const check = () => {
            if (out.split(text).length > times) {
              clearTimeout(timer);
              resolve();
            }
          };
          child.stdout!.on("data", (d: Buffer) => {
            out += d.toString();
            check();
          });
          check();
        });
      await waitFor("watching for changes");
      writeFileSync(join(cwd, "schema.widl"), `${cuckoo}\ninterface { ping(): string }\n`);
      // The first "wrote" is the initial run; the second is the rerun after the change.
      await waitFor("wrote w.ts", 2);
      expect(readFileSync(join(cwd, "w.ts"), "utf8")).toContain("ping(): string");
    } finally {
      child.kill();
    }
  });
});
