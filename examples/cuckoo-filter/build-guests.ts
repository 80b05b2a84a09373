/**
 * How the cuckoo filter example is built, step by step: generate from codegen.yaml, compile the AssemblyScript
 * guest with asc, compile the Rust guest with rustc. Used by `npm run demo` (scripts/demo.ts), the example's
 * test and bench/serve.ts, so all of them build the guests the same way.
 */
import { existsSync, lstatSync, mkdirSync, readlinkSync, statSync, symlinkSync } from "node:fs";
import { execFile } from "node:child_process";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import asc from "assemblyscript/asc";
import { generate, loadCodegenConfig, writeGenerated, type WriteResult } from "../../generators/index.js";

export const exampleDir = dirname(fileURLToPath(import.meta.url));
export const repoRoot = join(exampleDir, "../..");
export const buildDir = join(exampleDir, "build");
export const asGuestPath = join(buildDir, "cuckoo-as.wasm");
export const rustGuestPath = join(buildDir, "cuckoo-rust.wasm");

/** Debian's rustc with its wasm32 std (packages `rustc` and `libstd-rust-dev-wasm32`); rustup's may lack the target. */
export const RUSTC = "/usr/bin/rustc";
const RUST_WASM32_STD = "/usr/lib/rustlib/wasm32-unknown-unknown/lib";

/** Step: generate every output of codegen.yaml. Unchanged files are not rewritten. */
export async function generateBindings(): Promise<WriteResult & { files: string[] }> {
  const config = loadCodegenConfig(join(exampleDir, "codegen.yaml"));
  const files = await generate(config);
  return { ...writeGenerated(files), files: files.map((f) => relative(exampleDir, f.path)) };
}

/**
 * The guest imports the runtime as `widl-bindgen/guest-runtime/assemblyscript`, as a user's project does, where
 * asc finds it in node_modules. In this repository the package is not installed into itself, so the example gets
 * a node_modules/widl-bindgen link to the repository (node_modules is ignored by git).
 */
function linkPackageIntoExample(): void {
  const link = join(exampleDir, "node_modules/widl-bindgen");
  const exists = (() => {
    try {
      return lstatSync(link).isSymbolicLink() && statSync(readlinkSync(link).startsWith("/") ? readlinkSync(link) : join(dirname(link), readlinkSync(link))).isDirectory();
    } catch {
      return false;
    }
  })();
  if (exists) return;
  mkdirSync(dirname(link), { recursive: true });
  try {
    symlinkSync(relative(dirname(link), repoRoot), link, "dir");
  } catch (error) {
    // Another build made it at the same moment.
    if (!existsSync(link)) throw error;
  }
}

/** Step: compile the AssemblyScript guest. Resolves to the .wasm path. */
export async function compileAssemblyScriptGuest(): Promise<string> {
  linkPackageIntoExample();
  mkdirSync(buildDir, { recursive: true });
  let stderr = "";
  const { error } = await asc.main(
    [
      join(exampleDir, "guest-as/assembly/index.ts"),
      "-o",
      asGuestPath,
      "-O3",
      "--noColors",
      // asc looks for packages in node_modules below its working directory; point it at the example's.
      "--path",
      join(exampleDir, "node_modules"),
      // Report aborts through __guest_error, so hosts without an `env.abort` import (@wapc/host) run it too.
      "--use",
      "abort=~lib/widl-bindgen/guest-runtime/assemblyscript/wapc/wapcAbort",
    ],
    {
      stdout: { write: () => true } as never,
      stderr: { write: (s: string | Uint8Array) => ((stderr += s.toString()), true) } as never,
    },
  );
  if (error) throw new Error(`asc failed: ${error.message}\n${stderr}`);
  return asGuestPath;
}

/** Why the Rust guest cannot be built here, or undefined when it can. */
export function rustUnavailable(): string | undefined {
  if (!existsSync(RUSTC)) return `${RUSTC} is not installed`;
  if (!existsSync(RUST_WASM32_STD)) return `${RUSTC} has no wasm32-unknown-unknown standard library`;
  return undefined;
}

/** How to get what `rustUnavailable` says is missing. */
export const RUST_INSTALL_HINT = "sudo apt-get install rustc libstd-rust-dev-wasm32   (Debian/Ubuntu; see README.md)";

/** Step: compile the Rust guest with plain rustc (no Cargo, no crates). Resolves to the .wasm path. */
export async function compileRustGuest(): Promise<string> {
  mkdirSync(buildDir, { recursive: true });
  const flags = ["--edition", "2021", "--target", "wasm32-unknown-unknown", "--crate-type", "cdylib"];
  const release = ["-C", "opt-level=3", "-C", "lto", "-C", "codegen-units=1", "-C", "panic=abort", "-C", "strip=symbols"];
  await promisify(execFile)(RUSTC, [...flags, ...release, "-o", rustGuestPath, join(exampleDir, "guest-rust/src/lib.rs")]);
  return rustGuestPath;
}
