// Builds Rust guests for the tests from a schema and a hand-written lib.rs: the `rust-guest` glue goes into
// test/.out/rust/<name>/src/widl/, lib.rs beside it, and rustc compiles the crate once. A hash of every input
// is kept next to the .wasm, so a rerun with nothing changed skips the compile (two cores; rustc is slow).
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildModel, type Model } from "../../generators/model.js";
import { generateRustGuest, type RustGuestOptions } from "../../generators/rust-guest/index.js";
import { loadSchemaSource } from "../../widl-parser/index.js";
import { RELEASE_FLAGS, compileRustGuest } from "./toolchain.js";

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
export const outRoot = join(repoRoot, "test/.out/rust");

/** Parses and models a schema file (relative to the repository root). */
export function modelOf(schemaFile: string): Model {
  const file = join(repoRoot, schemaFile);
  return buildModel(loadSchemaSource(readFileSync(file, "utf8"), { file }));
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
  const crateDir = join(outRoot, name);
  const files = generateRustGuest(modelOf(schemaFile), { out: "src/widl", ...options });
  const lib = readFileSync(join(repoRoot, libRs), "utf8");
  const hash = createHash("sha256");
  for (const f of files) hash.update(f.path).update("\0").update(f.content).update("\0");
  hash.update(lib).update(RELEASE_FLAGS.join(" "));
  const digest = hash.digest("hex");
  const wasmPath = join(crateDir, `${name}.wasm`);
  const stamp = `${wasmPath}.sha256`;
  if (!(existsSync(wasmPath) && existsSync(stamp) && readFileSync(stamp, "utf8") === digest)) {
    rmSync(join(crateDir, "src"), { recursive: true, force: true });
    for (const f of files) {
      mkdirSync(dirname(join(crateDir, f.path)), { recursive: true });
      writeFileSync(join(crateDir, f.path), f.content);
    }
    writeFileSync(join(crateDir, "src/lib.rs"), lib);
    await compileRustGuest(join(crateDir, "src/lib.rs"), wasmPath);
    writeFileSync(stamp, digest);
  }
  return { wasm: readFileSync(wasmPath), wasmPath, crateDir };
}
