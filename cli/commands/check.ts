/**
 * `widl-bindgen check <file…> [--json] [--import-root <dir>…]`: parses and validates WIDL schemas
 * (imports included, read only from each schema's folder, the working directory and the import
 * roots given) and prints every diagnostic. Exit code 0 when all are valid (warnings are printed), 1 when any has
 * errors, 2 on wrong usage or a file that cannot be read.
 */
import type { CAC } from "cac";
import type { Diagnostic } from "../../widl-parser/index.js";
import { requireReadable, usageError } from "../usage.js";

interface CheckOptions {
  json?: boolean;
  /** One `--import-root` gives a string, several an array. */
  importRoot?: string | string[];
}

/** Registers the `check` command. */
export function register(cli: CAC): void {
  cli
    .command("check <...files>", "Parse and validate WIDL schemas, printing every problem with its location")
    .option("--json", "Print the diagnostics as JSON on stdout")
    .option("--import-root <dir>", "Another folder imports may be read from (repeatable)")
    .example("widl-bindgen check examples/cuckoo-filter/schema.widl")
    .example("widl-bindgen check schema.widl --json")
    .action(async (files: string[], options: CheckOptions) => {
      if (!requireReadable("check", files)) return;
      const importRoots = [options.importRoot ?? []].flat();
      if (!importRoots.every((r) => typeof r === "string")) return usageError("check", "--import-root needs a folder");
      process.exitCode = await check(files, options.json === true, [process.cwd(), ...importRoots]);
    });
}

/** Checks each file; returns the exit code. */
async function check(files: readonly string[], json: boolean, importRoots: readonly string[]): Promise<number> {
  const { WidlError, formatDiagnostics, loadSchema } = await import("../../widl-parser/index.js");
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  for (const file of files) {
    try {
      const loaded = loadSchema(file, { importRoots });
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
