/**
 * Golden-file helpers: every `test/golden/<case>/codegen.yaml` is generated in memory and compared with
 * `test/golden/<case>/expected/<output path>`. `UPDATE_GOLDEN=1` rewrites the expected files instead.
 *
 * A generated file that is a verbatim copy of a guest runtime source (the `rust-guest` target places
 * guest-runtime/rust/*.rs in the user's crate) is not stored again: the case's `expected/runtime-copies.txt`
 * lists which runtime file each such output copies, so the goldens still catch a copy added, dropped or changed.
 *
 * Every generated file opens with a preamble naming widl-bindgen's version (generators/preamble.ts). The goldens
 * hold `{version}` in its place, so a release does not rewrite every golden; `splitPreamble` checks that the real
 * version is there before the comparison replaces it.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { generate, type GeneratedFile } from "../../generators/index.js";
import { ownPackage } from "../../generators/own-package.js";

const goldenRoot = fileURLToPath(new URL("../golden/", import.meta.url));

export interface GoldenCase {
  readonly name: string;
  readonly dir: string;
  readonly config: string;
}

/** Every case folder holding a codegen.yaml. */
export function goldenCases(): GoldenCase[] {
  return readdirSync(goldenRoot, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(goldenRoot, d.name, "codegen.yaml")))
    .map((d) => ({ name: d.name, dir: join(goldenRoot, d.name), config: join(goldenRoot, d.name, "codegen.yaml") }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** The case's outputs, each with the path of its expected file. */
export async function generateCase(c: GoldenCase): Promise<{ file: GeneratedFile; expected: string }[]> {
  return (await generate(c.config)).map((file) => ({ file, expected: join(c.dir, "expected", relative(c.dir, file.path)) }));
}

export const updating = process.env.UPDATE_GOLDEN === "1";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

/** The files under guest-runtime/, by content: what a generated runtime copy is recognised by. */
const runtimeSources: ReadonlyMap<string, string> = (() => {
  const byContent = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else byContent.set(readFileSync(path, "utf8"), relative(repoRoot, path));
    }
  };
  walk(join(repoRoot, "guest-runtime"));
  return byContent;
})();

/** The runtime source `content` is a verbatim copy of, e.g. `guest-runtime/rust/msgpack.rs`. */
export function runtimeSourceOf(content: string): string | undefined {
  return runtimeSources.get(content);
}

/** Where a case records its runtime copies: one `<output path> = <runtime source>` line each. */
export function runtimeCopiesFile(c: GoldenCase): string {
  return join(c.dir, "expected", "runtime-copies.txt");
}

/** A generated file's preamble and body, or why the preamble is not what every file must open with. */
export function splitPreamble(file: GeneratedFile): { preamble: string; body: string } | { problem: string } {
  const end = file.content.indexOf("\n");
  const preamble = end < 0 ? file.content : file.content.slice(0, end);
  const stamp = `widl-bindgen ${ownPackage().version} (target ${file.target}`;
  if (!/^(\/\/|#) /.test(preamble) || !preamble.includes(stamp)) {
    return { problem: `the first line should be a comment naming ${stamp}…), not ${JSON.stringify(preamble)}` };
  }
  return { preamble, body: file.content.slice(end + 1) };
}

const stamp = () => `widl-bindgen ${ownPackage().version} `;
const goldenStamp = "widl-bindgen {version} ";

/** The file as the goldens hold it: the preamble's version replaced by `{version}`. */
export function goldenText(file: GeneratedFile, preamble: string, body: string): string {
  return `${preamble.replace(stamp(), goldenStamp)}\n${body}`;
}

/** An expected file's text as the generators write it today, for tests that compare real output with a golden. */
export function readGoldenAsGenerated(path: string): string {
  return readFileSync(path, "utf8").replace(goldenStamp, stamp());
}

/** Writes an expected file (UPDATE_GOLDEN=1). */
export function writeExpected(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

export function readExpected(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, "utf8") : undefined;
}
