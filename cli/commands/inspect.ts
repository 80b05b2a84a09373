/**
 * `widl-bindgen inspect <guest.wasm> [--json]`: what is inside a guest module (sections, imports, exports,
 * memory limits) and which ABI it speaks. The reading and the report are `inspectModule` and
 * `formatInspectReport` of @widl-bindgen/host, imported when the command runs; this file only wires them to the
 * command line.
 */
import { readFile } from "node:fs/promises";
import type { CAC } from "cac";
import { usageError } from "../usage.js";

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
        return usageError("inspect", `cannot read ${guest}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
      const { formatInspectReport, inspectModule, WasmBinaryError } = await import("@widl-bindgen/host");
      try {
        const report = inspectModule(bytes, guest);
        process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatInspectReport(report)}\n`);
      } catch (e) {
        if (!(e instanceof WasmBinaryError)) throw e;
        // Not a WebAssembly module: an input the command cannot use, like a missing file.
        usageError("inspect", `${guest} is not a valid WebAssembly module: ${e.message}`);
      }
    });
}
