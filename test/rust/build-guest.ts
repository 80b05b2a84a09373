/**
 * Builds Rust guests for the tests from a schema and a hand-written lib.rs: the `rust-guest` glue goes into
 * test/.out/rust/<name>/src/widl/, lib.rs beside it, and rustc compiles the crate, unless nothing changed since
 * the last build (test/build-cache.ts).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadModel, type Model } from "../../generators/index.js";
import { generateRustGuest, type RustGuestOptions } from "../../generators/rust-guest/index.js";
import { buildUnlessUnchanged, inputsDigest } from "../build-cache.js";
import { RELEASE_FLAGS, compileRustGuest } from "./toolchain.js";

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
export const outRoot = join(repoRoot, "test/.out/rust");

/** Parses and models a schema file (relative to the repository root). */
export function modelOf(schemaFile: string): Model {
  return loadModel(join(repoRoot, schemaFile));
}

export interface BuiltGuest {
  wasm: Uint8Array;
  wasmPath: string;
  crateDir: string;
}

/** Generates the glue for `schemaFile`, adds `libRs` as the crate root, and compiles (or reuses) the wasm. */
export async function buildRustGuest(
  name: string,
  schemaFile: string,
  libRs: string,
  options: RustGuestOptions = {},
): Promise<BuiltGuest> {
  const files = generateRustGuest(modelOf(schemaFile), { out: "src/widl", ...options });
  return buildRustCrate(name, [...files, { path: "src/lib.rs", content: readFileSync(join(repoRoot, libRs), "utf8") }]);
}

/**
 * Writes a crate's files (paths relative to test/.out/rust/<name>/, the root being `src/lib.rs`) and compiles it
 * to `<name>.wasm`, unless the last build there had the same files.
 */
export async function buildRustCrate(name: string, files: readonly { path: string; content: string }[]): Promise<BuiltGuest> {
  const crateDir = join(outRoot, name);
  const digest = inputsDigest([...files.flatMap((f) => [f.path, f.content]), ...RELEASE_FLAGS]);
  const wasmPath = join(crateDir, `${name}.wasm`);
  await buildUnlessUnchanged(wasmPath, digest, async () => {
    rmSync(join(crateDir, "src"), { recursive: true, force: true });
    for (const f of files) {
      mkdirSync(dirname(join(crateDir, f.path)), { recursive: true });
      writeFileSync(join(crateDir, f.path), f.content);
    }
    await compileRustGuest(join(crateDir, "src/lib.rs"), wasmPath);
  });
  return { wasm: readFileSync(wasmPath), wasmPath, crateDir };
}
