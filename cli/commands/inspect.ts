/**
 * `widl-bindgen inspect <guest.wasm> [--json]`: what is inside a guest module (sections, imports, exports,
 * memory limits) and which ABI it speaks. The reading and the report are `inspectModule` and
 * `formatInspectReport` of @widl-bindgen/host; this file only wires them to the command line.
 */
import { readFile } from "node:fs/promises";
import type { CAC } from "cac";
import { formatInspectReport, inspectModule, WasmBinaryError } from "@widl-bindgen/host";

interface InspectOptions {
  json?: boolean;
}

/** Registers the `inspect` command. */
export function register(cli: CAC): void {
  cli
    .command("inspect <guest>", "Show a guest's sections, imports, exports, memory limits and ABI")
    .option("--json", "Print the report as JSON")
    .example("widl-bindgen inspect cuckoo.wasm")
    .action(async (guest: string, options: InspectOptions) => {
      let bytes: Uint8Array;
      try {
        bytes = await readFile(guest);
      } catch (e) {
        process.stderr.write(`error: cannot read ${guest}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
        process.exitCode = 1;
        return;
      }
      try {
        const report = inspectModule(bytes, guest);
        process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatInspectReport(report)}\n`);
      } catch (e) {
        if (!(e instanceof WasmBinaryError)) throw e;
        process.stderr.write(`error: ${guest}: ${e.message}\n`);
        process.exitCode = 1;
      }
    });
}
