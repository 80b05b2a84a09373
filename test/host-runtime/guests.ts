/**
 * Builds the guests the host-runtime tests and bench/invoke.ts run, from source: .wat with the npm `wabt` package,
 * the @wapc/as-guest echo guest with asc 0.28, and the WASI C guest with clang. Outputs go to test/.out/host-runtime
 * (gitignored); nothing built is committed.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import wabt from "wabt";

const here = dirname(fileURLToPath(import.meta.url));
export const root = join(here, "..", "..");
export const fixtures = join(here, "fixtures");
export const outDir = join(root, "test", ".out", "host-runtime");
const require = createRequire(import.meta.url);

/** The Rust waPC guests shipped inside the @wapc/host package. */
export function wapcHostFixture(name: "rust_echo_string" | "rust_host_call"): Uint8Array {
  return readFileSync(join(dirname(require.resolve("@wapc/host/package.json")), "test", "fixtures", `${name}.wasm`));
}

let wabtModule: ReturnType<typeof wabt> | undefined;

/** Compiles test/host-runtime/fixtures/<name>.wat in memory. */
export async function compileWat(name: string): Promise<Uint8Array> {
  wabtModule ??= wabt();
  const tools = await wabtModule;
  const source = readFileSync(join(fixtures, `${name}.wat`), "utf8");
  const parsed = tools.parseWat(`${name}.wat`, source);
  try {
    parsed.resolveNames();
    parsed.validate();
    return parsed.toBinary({}).buffer;
  } finally {
    parsed.destroy();
  }
}

/** Writes to a temporary name and renames, so test files building the same output in parallel never see half a file. */
function buildTo(output: string, build: (temporary: string) => void): Uint8Array {
  mkdirSync(dirname(output), { recursive: true });
  const temporary = `${output}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  build(temporary);
  renameSync(temporary, output);
  return readFileSync(output);
}

/**
 * The @wapc/as-guest echo guest. `abort` selects the abort handler: "as-guest" uses the library's `handleAbort`
 * (it reports through __guest_error, then the guest traps), "env" keeps AssemblyScript's default `env.abort` import.
 */
export function buildAsEcho(abort: "as-guest" | "env" = "as-guest"): Uint8Array {
  const asc = require.resolve("assemblyscript/bin/asc.js");
  // A directory per process, so parallel test files never read a half-copied source.
  const source = join(outDir, `as-source-${process.pid}`, "as-echo.ts");
  mkdirSync(dirname(source), { recursive: true });
  copyFileSync(join(fixtures, "as-echo.as"), source);
  const args = [asc, source, "-O3"];
  if (abort === "as-guest") args.push("--use", "abort=~lib/@wapc/as-guest/assembly/index/handleAbort");
  try {
    return buildTo(join(outDir, `as-echo-${abort}.wasm`), (temporary) =>
      execFileSync(process.execPath, [...args, "-o", temporary], { cwd: root, stdio: "pipe" }),
    );
  } finally {
    rmSync(dirname(source), { recursive: true, force: true });
  }
}

/** The WASI C guest: a reactor, or with `exitCode` a command whose main exits with that code. */
export function buildWasiGuest(exitCode?: number): Uint8Array {
  const args = ["--target=wasm32-wasi", "-O2", join(fixtures, "wasi-guest.c")];
  args.push(...(exitCode === undefined ? ["-mexec-model=reactor"] : ["-DCOMMAND", `-DEXIT_CODE=${exitCode}`]));
  const name = exitCode === undefined ? "wasi-reactor" : `wasi-command-${exitCode}`;
  return buildTo(join(outDir, `${name}.wasm`), (temporary) =>
    execFileSync("clang", [...args, "-o", temporary], { stdio: "pipe" }),
  );
}
