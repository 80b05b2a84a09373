/**
 * `widl-bindgen check <file…> [--json]`: parses and validates WIDL schemas (imports included) and
 * prints every diagnostic. Exit code 0 when all are valid (warnings are printed), 1 when any has
 * errors, 2 on wrong usage.
 */
import type { CAC } from "cac";
import { type Diagnostic, WidlError, formatDiagnostics, loadSchema } from "../../widl-parser/index.js";

interface CheckOptions {
  json?: boolean;
  [option: string]: unknown;
}

const knownOptions = new Set(["json", "--", "h", "help"]);

/** Registers the `check` command. */
export function register(cli: CAC): void {
  cli
    .command("check [...files]", "Parse and validate WIDL schemas, printing every problem with its location")
    .option("--json", "Print the diagnostics as JSON on stdout")
    // cac throws (exit 1, with a stack) on unknown options and missing arguments; checking them here
    // gives the documented exit code 2 and a one-line message.
    .allowUnknownOptions()
    .example("widl-bindgen check examples/cuckoo-filter/schema.widl")
    .example("widl-bindgen check schema.widl --json")
    .action((files: string[], options: CheckOptions) => {
      const unknown = Object.keys(options).filter((k) => !knownOptions.has(k));
      if (unknown.length > 0) return usageError(`unknown option ${unknown.map(optionText).join(", ")}`);
      if (files.length === 0) return usageError("missing schema file (usage: widl-bindgen check <file…> [--json])");
      process.exitCode = check(files, options.json === true);
    });
}

function optionText(camelName: string): string {
  const flag = camelName.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  return flag.length === 1 ? `-${flag}` : `--${flag}`;
}

function usageError(message: string): void {
  process.stderr.write(`widl-bindgen check: ${message}\nRun "widl-bindgen check --help" for usage.\n`);
  process.exitCode = 2;
}

/** Checks each file; returns the exit code. */
function check(files: readonly string[], json: boolean): number {
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  for (const file of files) {
    try {
      const loaded = loadSchema(file);
      diagnostics.push(...loaded.diagnostics);
      for (const [name, text] of loaded.sources) sources.set(name, text);
    } catch (e) {
      if (!(e instanceof WidlError)) throw e;
      diagnostics.push(...e.diagnostics);
      for (const [name, text] of e.sources) sources.set(name, text);
    }
  }
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  if (json) {
    process.stdout.write(`${JSON.stringify({ files, valid: errors === 0, errors, warnings, diagnostics }, null, 2)}\n`);
  } else {
    if (diagnostics.length > 0) {
      process.stderr.write(`${formatDiagnostics(diagnostics, { sources, color: process.stderr.isTTY === true })}\n`);
    }
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
    const summary = `${plural(files.length, "file")} checked: ${plural(errors, "error")}, ${plural(warnings, "warning")}`;
    (errors > 0 ? process.stderr : process.stdout).write(`${summary}\n`);
  }
  return errors > 0 ? 1 : 0;
}
