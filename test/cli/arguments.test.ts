/**
 * Strict arguments, the same in every command (cli/usage.ts): an unknown command, an unknown option, a missing or
 * extra argument, a missing option value or a missing input file is one line on stderr and exit code 2, never a
 * stack trace, and never a silent exit 0 (which would pass a mistyped command in a CI script).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, runCli } from "./run-cli.js";

const out = mkdtempSync(join(tmpdir(), "widl-args-"));
const schema = join(repoRoot, "examples/cuckoo-filter/schema.widl");
const guest = join(repoRoot, "node_modules/@wapc/host/test/fixtures/rust_echo_string.wasm");
const missing = join(out, "missing");

/** A stack frame as Node prints one (`    at fn (file:1:2)`), or cac's source line with a caret under it. */
const stackFrame = /^\s+at |^\s+\^/m;

const bad: [string, string[], RegExp][] = [
  ["unknown command", ["chek", schema], /^widl-bindgen: unknown command "chek"; did you mean "check"\? Commands: check, generate, inspect, invoke, new, serve/],
  ["unknown command, nothing close", ["frobnicate"], /^widl-bindgen: unknown command "frobnicate"\. Commands: check, generate/],
  ["check: no file", ["check"], /^widl-bindgen check: missing <files>; usage: widl-bindgen check <\.\.\.files>/],
  ["check: missing file", ["check", `${missing}.widl`], /^widl-bindgen check: cannot read .*missing\.widl: ENOENT/],
  ["check: unknown option", ["check", schema, "--jsn"], /^widl-bindgen check: unknown option --jsn/],
  ["generate: extra argument", ["generate", "a.yaml", "b.yaml"], /^widl-bindgen generate: unexpected argument "b\.yaml"/],
  ["generate: missing codegen.yaml", ["generate", `${missing}.yaml`], /^widl-bindgen generate: cannot read .*missing\.yaml: ENOENT/],
  ["generate: missing schema", ["generate", "--schema", `${missing}.widl`, "--target", "rust-guest", "--out", join(out, "x")], /cannot read .*missing\.widl: ENOENT/],
  ["generate: option without a value", ["generate", "--schema"], /^widl-bindgen generate: option --schema <file> value is missing/],
  ["generate: unknown target", ["generate", "--schema", schema, "--target", "go", "--out", join(out, "x")], /unknown target "go"/],
  ["inspect: no guest", ["inspect"], /^widl-bindgen inspect: missing <guest>; usage: widl-bindgen inspect <guest>/],
  ["inspect: extra argument", ["inspect", guest, "more"], /^widl-bindgen inspect: unexpected argument "more"/],
  ["inspect: missing file", ["inspect", `${missing}.wasm`], /cannot read .*missing\.wasm: ENOENT/],
  ["invoke: no operation", ["invoke", guest], /^widl-bindgen invoke: missing <operation>/],
  // Unquoted JSON in a shell splits into several arguments: the easiest way to pass too many.
  ["invoke: extra arguments", ["invoke", guest, "echo", '{"msg":', '"hi"}'], /^widl-bindgen invoke: unexpected argument "\\"hi\\"}"/],
  ["invoke: missing file", ["invoke", `${missing}.wasm`, "echo", "{}"], /cannot read .*missing\.wasm: ENOENT/],
  ["invoke: unknown option", ["invoke", guest, "echo", "--shema", schema], /^widl-bindgen invoke: unknown option --shema/],
  ["new: no folder", ["new", "rust"], /^widl-bindgen new: usage: widl-bindgen new <template> <dir>/],
  ["new: extra argument", ["new", "rust", join(out, "a"), "b"], /^widl-bindgen new: unexpected argument "b"/],
  ["new: unknown option", ["new", "rust", join(out, "c"), "--colour"], /^widl-bindgen new: unknown option --colour/],
  ["serve: no guest", ["serve"], /^widl-bindgen serve: missing <guest>/],
  ["serve: extra argument", ["serve", guest, "echo", "more"], /^widl-bindgen serve: unexpected argument "more"/],
  ["serve: missing file", ["serve", `${missing}.wasm`], /cannot read .*missing\.wasm: ENOENT/],
  ["serve: bad port", ["serve", guest, "--port", "http"], /--port must be an integer/],
];

describe("bad arguments: one line, exit 2, no stack trace, in every command", () => {
  it.each(bad)("%s", async (_what, args, message) => {
    const r = await runCli(args, { cwd: out });
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(stackFrame);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stdout).toBe("");
    expect(r.code).toBe(2);
  });

  it("no command at all prints the help and exits 2", async () => {
    const r = await runCli([]);
    expect(r.stdout).toContain("Usage:\n  $ widl-bindgen <command> [options]");
    expect(r.code).toBe(2);
  });

  it("--help and --version still exit 0", async () => {
    expect((await runCli(["--help"])).code).toBe(0);
    expect(await runCli(["--version"])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^widl-bindgen\/\d+\.\d+\.\d+ /) });
  });
});
