/**
 * Guests the CLI tests run: the hand-written waPC test guest (test/fixtures/wapc-test-guest.wat), built with
 * wat2wasm, optionally with a different version string for hot-reload tests.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./run-cli.js";

export const testGuestSchema = join(repoRoot, "test/fixtures/wapc-test-guest.widl");
/** The same guest through a schema with WIDL defaults and a recursive type (its echo operations answer their payload). */
export const testGuestDefaultsSchema = join(repoRoot, "test/fixtures/wapc-test-guest-defaults.widl");

/**
 * Builds the test guest into `dir` as `name` and returns its path. `version` replaces the answer of the
 * `version` operation (one digit, so the data segment keeps its length).
 */
export function buildTestGuest(dir: string, name = "test-guest.wasm", version = 1): string {
  if (!Number.isInteger(version) || version < 0 || version > 9) throw new RangeError("version is one digit");
  mkdirSync(dir, { recursive: true });
  const wat = readFileSync(join(repoRoot, "test/fixtures/wapc-test-guest.wat"), "utf8").replace(
    '"\\a9version-1"',
    `"\\a9version-${version}"`,
  );
  const watFile = join(dir, `${name}.wat`);
  writeFileSync(watFile, wat);
  const out = join(dir, name);
  execFileSync(join(repoRoot, "node_modules/.bin/wat2wasm"), [watFile, "-o", out]);
  return out;
}
