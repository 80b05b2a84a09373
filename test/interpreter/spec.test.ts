/**
 * The official WebAssembly spec suite (../shared/wasm-testsuite, Wasm 2.0 without SIMD) on the interpreter: every
 * command of the 90 files, with the counts per command kind that the suite's README gives. Text-format
 * `assert_malformed` needs a .wat parser and is counted as skipped.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../cli/run-cli.js";
import { type CommandKind, commandKinds, convert, runSpecFile } from "./spec-runner.js";

const suiteDir = join(repoRoot, "..", "shared", "wasm-testsuite");
const cacheDir = join(repoRoot, "test", ".out", "wasm-spec");

function hasWast2json(): boolean {
  try {
    execFileSync("wast2json", ["--version"], { stdio: "pipe" });
    return true;
  } catch {
    return false;
  }
}

const missing = !existsSync(suiteDir)
  ? `the spec suite is not at ${suiteDir}`
  : !hasWast2json()
    ? "wast2json (Debian package wabt) is not installed"
    : undefined;
if (missing !== undefined) {
  if (process.env.CI === "true") throw new Error(`spec suite: ${missing}; CI must provide it`);
  console.warn(`skipping the WebAssembly spec suite: ${missing}`);
}

/** The README's counts for these 90 files (wast2json 1.0.32). */
const expected: Record<CommandKind, number> = {
  assert_return: 21_361,
  assert_trap: 2_354,
  assert_exhaustion: 15,
  action: 155,
  assert_invalid: 1_475,
  assert_malformed: 736,
  assert_unlinkable: 83,
  assert_uninstantiable: 34,
  skipped_text_malformed: 567,
};

describe.skipIf(missing !== undefined)("the WebAssembly spec suite on the interpreter", () => {
  it("passes every command", () => {
    const files = readdirSync(suiteDir).filter((f) => f.endsWith(".wast")).sort();
    expect(files).toHaveLength(90);
    const totals = Object.fromEntries(commandKinds.map((k) => [k, 0])) as Record<CommandKind, number>;
    const failures: string[] = [];
    const lines: string[] = [];
    for (const file of files) {
      const result = runSpecFile(convert(join(suiteDir, file), cacheDir));
      for (const k of commandKinds) totals[k] += result.passed[k];
      failures.push(...result.failures);
      const counts = commandKinds.filter((k) => result.passed[k] > 0).map((k) => `${k} ${result.passed[k]}`);
      lines.push(`${file.padEnd(28)} ${result.failures.length ? `${result.failures.length} FAILED; ` : ""}${counts.join(", ")}`);
    }
    lines.push(`total: ${commandKinds.map((k) => `${k} ${totals[k]}`).join(", ")}`);
    console.log(lines.join("\n"));
    expect(failures.slice(0, 50)).toEqual([]);
    expect(totals).toEqual(expected);
  }, 300_000);
});
