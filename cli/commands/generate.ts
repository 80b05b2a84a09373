/**
 * `widl-bindgen generate [codegen.yaml]` (default `./codegen.yaml`), or ad hoc
 * `widl-bindgen generate --schema <file> --target <target> --out <file>`; `--watch` regenerates when
 * the schema or the config changes. Exit code 0 on success, 1 on a schema or config error (schema
 * errors printed as `check` prints them), 2 on wrong usage or an input file that cannot be read.
 *
 * Only the registry's names are read up front; the generators, the parser and the YAML reader are imported when
 * the command runs, and each target's generator only if one of its jobs runs.
 */
import type { CAC } from "cac";
import { watch, type FSWatcher } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import type { GeneratedFile } from "../../generators/generate.js";
import { targets } from "../../generators/targets.js";
import { requireReadable, usageError as reportUsage } from "../usage.js";

interface GenerateOptions {
  schema?: string;
  target?: string;
  out?: string;
  watch?: boolean;
  /** One `--import-root` gives a string, several an array. */
  importRoot?: string | string[];
}

/** What the command runs, imported when it runs rather than when the CLI starts. */
async function loadLibrary() {
  const [{ generate, generateTarget, writeGenerated }, { loadCodegenConfig }, { CodegenConfigError }, { WidlError, formatDiagnostics }] =
    await Promise.all([
      import("../../generators/generate.js"),
      import("../../generators/config.js"),
      import("../../generators/options.js"),
      import("../../widl-parser/index.js"),
    ]);
  return { generate, generateTarget, writeGenerated, loadCodegenConfig, CodegenConfigError, WidlError, formatDiagnostics };
}

type Library = Awaited<ReturnType<typeof loadLibrary>>;

/** Registers the `generate` command. */
export function register(cli: CAC): void {
  cli
    .command("generate [config]", "Generate bindings from codegen.yaml, or from one schema with --schema/--target/--out")
    .option("--schema <file>", "Ad hoc: the WIDL schema")
    .option("--target <target>", `Ad hoc: the target (${[...targets.keys()].join(", ")})`)
    .option("--out <file>", "Ad hoc: the output file")
    .option("--watch", "Regenerate when the schema or codegen.yaml changes")
    .option("--import-root <dir>", "Another folder imports may be read from (repeatable)")
    .example("widl-bindgen generate")
    .example("widl-bindgen generate --schema schema.widl --target typescript-host --out src/cuckoo.ts")
    .action(async (config: string | undefined, options: GenerateOptions) => {
      const adHoc = [options.schema, options.target, options.out].filter((v) => v !== undefined).length;
      if (adHoc > 0 && adHoc < 3) return usageError("--schema, --target and --out go together");
      if (adHoc === 3 && config !== undefined) return usageError("give either a codegen.yaml or --schema/--target/--out");
      for (const key of ["schema", "target", "out"] as const) {
        if (options[key] !== undefined && typeof options[key] !== "string") return usageError(`--${key} needs a value`);
      }
      if (options.target !== undefined && !targets.has(options.target)) {
        return usageError(`unknown target "${options.target}"; targets: ${[...targets.keys()].join(", ")}`);
      }
      const importRoots = [options.importRoot ?? []].flat();
      if (!importRoots.every((r) => typeof r === "string")) return usageError("--import-root needs a folder");
      if (!requireReadable("generate", [adHoc === 3 ? options.schema! : (config ?? "codegen.yaml")])) return;
      const lib = await loadLibrary();
      const run: Run =
        adHoc === 3
          ? { files: () => lib.generateTarget(options.schema!, options.target!, options.out!, {}, importRoots), inputs: () => [resolve(options.schema!)] }
          : configRun(lib, config ?? "codegen.yaml", importRoots);
      process.exitCode = await runOnce(lib, run);
      if (options.watch === true) watchAndRun(lib, run);
    });
}

interface Run {
  files(): Promise<GeneratedFile[]>;
  /** The files whose change triggers a new run. */
  inputs(): string[];
}

function configRun(lib: Library, path: string, importRoots: readonly string[]): Run {
  return {
    files: () => lib.generate(lib.loadCodegenConfig(path, { importRoots })),
    inputs: () => {
      try {
        return [resolve(path), ...new Set(lib.loadCodegenConfig(path).jobs.map((j) => j.schema))];
      } catch {
        return [resolve(path)];
      }
    },
  };
}

function usageError(message: string): void {
  reportUsage("generate", message);
}

/** Generates and writes; returns the exit code. */
async function runOnce(lib: Library, run: Run): Promise<number> {
  const { CodegenConfigError, WidlError, formatDiagnostics, writeGenerated } = lib;
  try {
    const { written, skipped } = writeGenerated(await run.files());
    for (const f of written) process.stdout.write(`wrote ${relative(process.cwd(), f)}\n`);
    if (written.length === 0) process.stdout.write(`up to date (${skipped.length} file${skipped.length === 1 ? "" : "s"})\n`);
    return 0;
  } catch (e) {
    if (e instanceof WidlError) {
      process.stderr.write(`${formatDiagnostics(e.diagnostics, { sources: e.sources, color: process.stderr.isTTY === true })}\n`);
      return 1;
    }
    if (e instanceof CodegenConfigError || (e instanceof Error && e.name.endsWith("Error") && e.name !== "Error")) {
      process.stderr.write(`widl-bindgen generate: ${e.name}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

/** Watches the inputs' folders (editors replace files, which a file watch would lose) and reruns. */
function watchAndRun(lib: Library, run: Run): void {
  let watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  const arm = (): void => {
    for (const w of watchers) w.close();
    const inputs = new Set(run.inputs());
    watchers = [...new Set([...inputs].map((f) => dirname(f)))].map((dir) =>
      watch(dir, (_event, name) => {
        if (name === null || !inputs.has(resolve(dir, name.toString()))) return;
        clearTimeout(timer);
        // Editors write in several steps; wait for the last one.
        timer = setTimeout(() => {
          void runOnce(lib, run).then((code) => {
            process.exitCode = code;
            arm();
          });
        }, 50);
      }),
    );
  };
  arm();
  process.stdout.write("watching for changes (Ctrl-C to stop)\n");
}
