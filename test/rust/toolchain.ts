// The Rust toolchain the Rust tests compile guests with: Debian's rustc and its wasm32 std (packages `rustc`
// and `libstd-rust-dev-wasm32`), never rustup's, so local runs and CI build with the same compiler.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Debian's rustc; rustup's shim on PATH may lack the wasm32 target or be a different version. */
export const RUSTC = "/usr/bin/rustc";

/** Flags for a size-tuned release build, matching the scaffold's Cargo release profile. */
export const RELEASE_FLAGS = [
  "--edition",
  "2021",
  "--target",
  "wasm32-unknown-unknown",
  "--crate-type",
  "cdylib",
  "-C",
  "opt-level=s",
  "-C",
  "lto",
  "-C",
  "codegen-units=1",
  "-C",
  "panic=abort",
  "-C",
  "strip=symbols",
];

function wasm32StdPresent(): boolean {
  return existsSync("/usr/lib/rustlib/wasm32-unknown-unknown/lib");
}

/**
 * Why Rust tests cannot run here, or undefined when they can. In CI (`CI` set) the toolchain is required,
 * so this never excuses a skip there: the tests run and fail instead.
 */
export function rustUnavailableReason(): string | undefined {
  if (process.env.CI) return undefined;
  if (!existsSync(RUSTC)) return `${RUSTC} not found (apt-get install rustc libstd-rust-dev-wasm32)`;
  if (!wasm32StdPresent()) return "the wasm32 std for Debian's rustc is missing (apt-get install libstd-rust-dev-wasm32)";
  return undefined;
}

/** Logs why the Rust tests are skipped; returns true when they should be. */
export function skipRust(suite: string): boolean {
  const reason = rustUnavailableReason();
  if (reason) console.warn(`[${suite}] skipping Rust tests: ${reason}`);
  return reason !== undefined;
}

/** Compiles the crate rooted at `libRs` into `outWasm` as a cdylib for wasm32, with `#![deny(warnings)]`-clean output. */
export async function compileRustGuest(libRs: string, outWasm: string, edition: "2018" | "2021" = "2021"): Promise<void> {
  mkdirSync(dirname(outWasm), { recursive: true });
  const flags = RELEASE_FLAGS.map((f) => (f === "2021" ? edition : f));
  try {
    await run(RUSTC, [...flags, "-D", "warnings", "-o", outWasm, libRs], { maxBuffer: 16 << 20 });
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`rustc failed on ${libRs}:\n${err.stderr ?? err.message}`);
  }
}
