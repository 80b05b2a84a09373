/**
 * `widl-bindgen generate [codegen.yaml]` (default `./codegen.yaml`), or ad hoc
 * `widl-bindgen generate --schema <file> --target <target> --out <file>`; `--watch` regenerates when
 * the schema or the config changes. Exit code 0 on success, 1 on a schema or config error (schema
 * errors printed as `check` prints them), 2 on wrong usage.
 */
import type { CAC } from "cac";
import { watch, type FSWatcher } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import {
  CodegenConfigError,
  generate,
  generateTarget,
  loadCodegenConfig,
  targets,
  writeGenerated,
  type GeneratedFile,
} from "../../generators/index.js";
import { WidlError, formatDiagnostics } from "../../widl-parser/index.js";

interface GenerateOptions {
  schema?: string;
  target?: string;
  out?: string;
  watch?: boolean;
  [option: string]: unknown;
}

const knownOptions = new Set(["schema", "target", "out", "watch", "--", "h", "help"]);

/** Registers the `generate` command. */
export function register(cli: CAC): void {
  cli
    .command("generate [config]", "Generate bindings from codegen.yaml, or from one schema with --schema/--target/--out")
    .option("--schema <file>", "Ad hoc: the WIDL schema")
    .option("--target <target>", `Ad hoc: the target (${[...targets.keys()].join(", ")})`)
    .option("--out <file>", "Ad hoc: the output file")
    .option("--watch", "Regenerate when the schema or codegen.yaml changes")
    .allowUnknownOptions()
    .example("widl-bindgen generate")
    .example("widl-bindgen generate --schema schema.widl --target typescript-host --out src/cuckoo.ts")
    .action((config: string | undefined, options: GenerateOptions) => {
      const unknown = Object.keys(options).filter((k) => !knownOptions.has(k));
      if (unknown.length > 0) return usageError(`unknown option ${unknown.map((k) => `--${k}`).join(", ")}`);
      const adHoc = [options.schema, options.target, options.out].filter((v) => v !== undefined).length;
      if (adHoc > 0 && adHoc < 3) return usageError("--schema, --target and --out go together");
      if (adHoc === 3 && config !== undefined) return usageError("give either a codegen.yaml or --schema/--target/--out");
      for (const key of ["schema", "target", "out"] as const) {
        if (options[key] !== undefined && typeof options[key] !== "string") return usageError(`--${key} needs a value`);
      }
      if (options.target !== undefined && !targets.has(options.target)) {
        return usageError(`unknown target "${options.target}"; targets: ${[...targets.keys()].join(", ")}`);
      }
      const run: Run =
        adHoc === 3
          ? { files: () => generateTarget(options.schema!, options.target!, options.out!), inputs: () => [resolve(options.schema!)] }
          : configRun(config ?? "codegen.yaml");
      process.exitCode = runOnce(run);
      if (options.watch === true) watchAndRun(run);
    });
}

interface Run {
  files(): GeneratedFile[];
  /** The files whose change triggers a new run. */
  inputs(): string[];
}

function configRun(path: string): Run {
  return {
    files: () => generate(path),
    inputs: () => {
      try {
        return [resolve(path), ...new Set(loadCodegenConfig(path).jobs.map((j) => j.schema))];
      } catch {
        return [resolve(path)];
      }
    },
  };
}

function usageError(message: string): void {
  process.stderr.write(`widl-bindgen generate: ${message}\nRun "widl-bindgen generate --help" for usage.\n`);
  process.exitCode = 2;
}

/** Generates and writes; returns the exit code. */
function runOnce(run: Run): number {
  try {
    const { written, skipped } = writeGenerated(run.files());
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
function watchAndRun(run: Run): void {
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
          process.exitCode = runOnce(run);
          arm();
        }, 50);
      }),
    );
  };
  arm();
  process.stdout.write("watching for changes (Ctrl-C to stop)\n");
}
