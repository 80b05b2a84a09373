/**
 * `widl-bindgen check <file…> [--json]`: parses and validates WIDL schemas (imports included) and
 * prints every diagnostic. Exit code 0 when all are valid (warnings are printed), 1 when any has
 * errors, 2 on wrong usage or a file that cannot be read.
 */
import type { CAC } from "cac";
import type { Diagnostic } from "../../widl-parser/index.js";
import { requireReadable } from "../usage.js";

interface CheckOptions {
  json?: boolean;
}

/** Registers the `check` command. */
export function register(cli: CAC): void {
  cli
    .command("check <...files>", "Parse and validate WIDL schemas, printing every problem with its location")
    .option("--json", "Print the diagnostics as JSON on stdout")
    .example("widl-bindgen check examples/cuckoo-filter/schema.widl")
    .example("widl-bindgen check schema.widl --json")
    .action(async (files: string[], options: CheckOptions) => {
      if (!requireReadable("check", files)) return;
      process.exitCode = await check(files, options.json === true);
    });
}

/** Checks each file; returns the exit code. */
async function check(files: readonly string[], json: boolean): Promise<number> {
  const { WidlError, formatDiagnostics, loadSchema } = await import("../../widl-parser/index.js");
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
