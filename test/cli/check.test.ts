import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "widl-check-"));
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

/** Runs the CLI from source, as `node --import tsx cli/main.ts …`, in the repository root. */
function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "cli/main.ts", ...args], { cwd: root, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("widl-bindgen check", () => {
  it("exits 0 on the book's schema", () => {
    const r = cli("check", "examples/cuckoo-filter/schema.widl");
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("1 file checked: 0 errors, 0 warnings\n");
    expect(r.code).toBe(0);
  });

  it("exits 0 and prints warnings when there are only warnings", () => {
    const file = write("warn.widl", "type lower {}\n");
    const r = cli("check", file);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`${file}:1:6: warning: type name "lower" should be PascalCase [WIDL3001]\n   |\n 1 | type lower {}\n   |      ^^^^^\n`);
    expect(r.stdout).toBe("1 file checked: 0 errors, 1 warning\n");
  });

  it("exits 1 and prints every error of every file, with frames", () => {
    const a = write("a.widl", "type A { x: Nope, x: i32 }\n");
    const b = write("b.widl", "type B {\n");
    const r = cli("check", a, b);
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

  it("--json prints the diagnostics as JSON", () => {
    const file = write("j.widl", "type A { x: Nope }\n");
    const r = cli("check", file, "--json");
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ files: [file], valid: false, errors: 1, warnings: 0 });
    expect(report.diagnostics).toEqual([
      { file, line: 1, column: 13, endLine: 1, endColumn: 17, offset: 12, endOffset: 16, severity: "error", message: 'unknown type "Nope"', code: "WIDL2001" },
    ]);
  });

  it("exits 1 when a file cannot be read", () => {
    const r = cli("check", "no/such.widl");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no/such.widl:1:1: error: cannot read "no/such.widl": file not found [WIDL4001]');
  });

  it("exits 2 on a missing file argument or an unknown option", () => {
    const missing = cli("check");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('widl-bindgen check: missing schema file (usage: widl-bindgen check <file…> [--json])\nRun "widl-bindgen check --help" for usage.\n');
    const unknown = cli("check", "--jsn", "examples/cuckoo-filter/schema.widl");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("widl-bindgen check: unknown option --jsn");
  });

  it("--help works on the command and on the CLI", () => {
    const command = cli("check", "--help");
    expect(command.code).toBe(0);
    expect(command.stdout).toContain("$ widl-bindgen check [...files]");
    expect(command.stdout).toContain("--json");
    const whole = cli("--help");
    expect(whole.code).toBe(0);
    expect(whole.stdout).toContain("check [...files]");
  });
});
