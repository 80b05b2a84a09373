import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "widl-check-"));
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

/** Runs the CLI in the repository root, so schema paths are relative to it. */
const cli = (...args: string[]) => runCli(args);

describe("widl-bindgen check", () => {
  it("exits 0 on the book's schema", async () => {
    const r = await cli("check", "examples/cuckoo-filter/schema.widl");
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("1 file checked: 0 errors, 0 warnings\n");
    expect(r.code).toBe(0);
  });

  it("exits 0 and prints warnings when there are only warnings", async () => {
    const file = write("warn.widl", "type lower {}\n");
    const r = await cli("check", file);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`${file}:1:6: warning: type name "lower" should be PascalCase [WIDL3001]\n   |\n 1 | type lower {}\n   |      ^^^^^\n`);
    expect(r.stdout).toBe("1 file checked: 0 errors, 1 warning\n");
  });

  it("warns where a role's operation shares its wire name with the interface's, exit 0", async () => {
    const file = write("shared.widl", 'namespace "kv"\ninterface { get(): string }\nrole Store { get(key: string): bytes? }\n');
    const r = await cli("check", file);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      [
        `${file}:3:14: warning: operation "get" of role Store has the same wire name as "get" of the interface [WIDL3003]`,
        "   |",
        " 3 | role Store { get(key: string): bytes? }",
        "   |              ^^^",
        `  note: the interface defines it at ${file}:2:13`,
        "  note: calls carry the operation name only, so the guest can implement one of them and the host one; keep role Store in hostRoles (the host implements it), or rename one",
        "",
      ].join("\n"),
    );
    expect(r.stdout).toBe("1 file checked: 0 errors, 1 warning\n");
  });

  it("exits 1 and prints every error of every file, with frames", async () => {
    const a = write("a.widl", "type A { x: Nope, x: i32 }\n");
    const b = write("b.widl", "type B {\n");
    const r = await cli("check", a, b);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      [
        `${a}:1:13: error: unknown type "Nope" [WIDL2001]`,
        "   |",
        " 1 | type A { x: Nope, x: i32 }",
        "   |             ^^^^",
        `${a}:1:19: error: duplicate field "x" in type "A" [WIDL2003]`,
        "   |",
        " 1 | type A { x: Nope, x: i32 }",
        "   |                   ^",
        `  note: first defined at ${a}:1:10`,
        `${b}:2:1: error: expected '}', identifier or string, found end of input [WIDL1001]`,
        "   |",
        " 2 | ",
        "   | ^",
        "2 files checked: 3 errors, 0 warnings",
        "",
      ].join("\n"),
    );
  });

  it("--json prints the diagnostics as JSON", async () => {
    const file = write("j.widl", "type A { x: Nope }\n");
    const r = await cli("check", file, "--json");
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ files: [file], valid: false, errors: 1, warnings: 0 });
    expect(report.diagnostics).toEqual([
      { file, line: 1, column: 13, endLine: 1, endColumn: 17, offset: 12, endOffset: 16, severity: "error", message: 'unknown type "Nope"', code: "WIDL2001" },
    ]);
  });

  it("exits 2 when a file cannot be read, as every command does", async () => {
    const r = await cli("check", "no/such.widl");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('widl-bindgen check: cannot read no/such.widl: ENOENT (see "widl-bindgen check --help")\n');
  });

  it("exits 2 on a missing file argument or an unknown option", async () => {
    const missing = await cli("check");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('widl-bindgen check: missing <files>; usage: widl-bindgen check <...files> (see "widl-bindgen check --help")\n');
    const unknown = await cli("check", "--jsn", "examples/cuckoo-filter/schema.widl");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("widl-bindgen check: unknown option --jsn");
  });

  it("--help works on the command and on the CLI", async () => {
    const command = await cli("check", "--help");
    expect(command.code).toBe(0);
    expect(command.stdout).toContain("$ widl-bindgen check <...files>");
    expect(command.stdout).toContain("--json");
    const whole = await cli("--help");
    expect(whole.code).toBe(0);
    expect(whole.stdout).toContain("check <...files>");
  });
});
