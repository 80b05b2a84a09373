/**
 * Golden-file helpers: every `test/golden/<case>/codegen.yaml` is generated in memory and compared with
 * `test/golden/<case>/expected/<output path>`. `UPDATE_GOLDEN=1` rewrites the expected files instead.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { generate, type GeneratedFile } from "../../generators/index.js";

export const goldenRoot = fileURLToPath(new URL("../golden/", import.meta.url));

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
export function generateCase(c: GoldenCase): { file: GeneratedFile; expected: string }[] {
  return generate(c.config).map((file) => ({ file, expected: join(c.dir, "expected", relative(c.dir, file.path)) }));
}

export const updating = process.env.UPDATE_GOLDEN === "1";

/** Writes an expected file (UPDATE_GOLDEN=1). */
export function writeExpected(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

export function readExpected(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, "utf8") : undefined;
}
