/**
 * Builds AssemblyScript guests for the tests: generates the glue from a schema, writes it next to an entry
 * file, and compiles both with asc's API (in-process, no extra Node start). Outputs go to
 * test/.out/assemblyscript/<name>/, and a build whose inputs have not changed is reused.
 *
 * The glue imports the runtime by its user-facing name, `widl-bindgen/guest-runtime/assemblyscript`. asc
 * resolves that in `node_modules` folders and in `--path` folders; the tests pass a `--path` folder holding
 * a symlink to this repository's guest-runtime, so they work without the package being installed.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import asc from "assemblyscript/asc";
import { loadModel, type Model } from "../../generators/index.js";
import { generateAssemblyScriptGuest, reexportLine, wasmExports } from "../../generators/assemblyscript-guest/index.js";
import type { GuestAbi } from "../../generators/assemblyscript-guest/options.js";
import { buildUnlessUnchanged, inputsDigest } from "../build-cache.js";

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
export const outRoot = join(repoRoot, "test/.out/assemblyscript");
const runtimeDir = join(repoRoot, "guest-runtime/assemblyscript");

/**
 * The folder asc searches like `node_modules`: `widl-bindgen/guest-runtime` in it links to this repository's
 * guest-runtime. Only that folder is linked: a link to the whole repository would show the test runner
 * every test file a second time.
 */
export function ascModulesPath(): string {
  const dir = join(repoRoot, "test/.out/as-modules");
  const link = join(dir, "widl-bindgen", "guest-runtime");
  if (!existsSync(link)) {
    mkdirSync(join(dir, "widl-bindgen"), { recursive: true });
    try {
      symlinkSync(join(repoRoot, "guest-runtime"), link, "dir");
    } catch (error) {
      // Another test file made it first.
      if (!existsSync(link)) throw error;
    }
  }
  return dir;
}

export interface GuestBuild {
  readonly wasm: Uint8Array<ArrayBuffer>;
  readonly model: Model;
  readonly glue: string;
  readonly dir: string;
}

export interface GuestBuildOptions {
  /** Folder name under test/.out/assemblyscript. */
  readonly name: string;
  readonly schemaFile: string;
  /** The entry file's source, without the re-export line (it is appended for `abi`). */
  readonly entrySource: string;
  readonly abi: GuestAbi;
  /** asc arguments. Defaults to `-O3`. */
  readonly ascArgs?: readonly string[];
}

/** Generates, writes and compiles a guest; reuses the last build when nothing changed. */
export async function buildGuest(options: GuestBuildOptions): Promise<GuestBuild> {
  const model = loadModel(options.schemaFile);
  const glue = generateAssemblyScriptGuest(model, { abi: options.abi });
  const entry = `${options.entrySource.trimEnd()}\n\n${reexportLine(wasmExports(model, options.abi), "./module")}\n`;
  const { wasm, dir } = await compileProject(options.name, { "module.ts": glue, "index.ts": entry }, "index.ts", options.ascArgs);
  return { wasm, model, glue, dir };
}

/**
 * Writes `files` to test/.out/assemblyscript/<name>/ and compiles `entry` to guest.wasm, unless the last build
 * there had the same inputs: files, arguments, runtime sources and asc version (test/build-cache.ts). `ascArgs`
 * defaults to `-O3`, as users build; a compile-only check passes `[]`, since optimizing takes most of asc's time.
 */
export async function compileProject(
  name: string,
  files: Readonly<Record<string, string>>,
  entry: string,
  ascArgs: readonly string[] = ["-O3"],
): Promise<{ wasm: Uint8Array<ArrayBuffer>; dir: string }> {
  const dir = join(outRoot, name);
  const wasmFile = join(dir, "guest.wasm");
  const runtime = readdirSync(runtimeDir)
    .sort()
    .flatMap((file) => [file, readFileSync(join(runtimeDir, file))]);
  const digest = inputsDigest([asc.version, JSON.stringify(ascArgs), entry, ...Object.entries(files).sort().flat(), ...runtime]);
  await buildUnlessUnchanged(wasmFile, digest, async () => {
    rmSync(dir, { recursive: true, force: true });
    for (const [file, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), content);
    }
    await compile([join(dir, entry), "-o", wasmFile, "--path", ascModulesPath(), ...ascArgs]);
  });
  return { wasm: new Uint8Array(readFileSync(wasmFile)), dir };
}

/** Runs asc; throws with its diagnostics when it reports an error. */
export async function compile(args: readonly string[]): Promise<void> {
  let stderr = "";
  const { error } = await asc.main([...args, "--noColors"], {
    stdout: { write: () => true } as never,
    stderr: { write: (s: string | Uint8Array) => ((stderr += s.toString()), true) } as never,
  });
  if (error) throw new Error(`asc failed: ${error.message}\n${stderr}`);
  // Warnings are failures too: generated code should compile clean.
  if (/WARNING|ERROR/.test(stderr)) throw new Error(`asc reported diagnostics:\n${stderr}`);
}

/** The directory of a fixture path relative to the repository. */
export function fixture(path: string): string {
  return join(repoRoot, "test/fixtures", path);
}

/**
 * The echo guest of the P1 benchmark (test/fixtures/echo): `echo(s: string): string` from the generated glue,
 * exporting both ABIs, built with -O3, and with `--enable simd` (the runtime's 16-byte string paths) unless
 * `simd` is false.
 */
export function buildAsEchoGuest(simd = true): Promise<GuestBuild> {
  return buildGuest({
    name: simd ? "echo-simd" : "echo",
    schemaFile: fixture("echo/schema.widl"),
    entrySource: readFileSync(fixture("echo/as/index.ts"), "utf8"),
    abi: "both",
    ascArgs: simd ? ["-O3", "--enable", "simd"] : ["-O3"],
  });
}
