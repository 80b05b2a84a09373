/**
 * Runs the widl-bindgen CLI from source in any working folder. test/cli/run-cli.ts passes `--import tsx`,
 * which Node resolves from the working folder; `new` is run from temporary folders without node_modules, so
 * here the loader is given by its absolute URL.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { CliResult } from "../cli/run-cli.js";

const cliEntry = fileURLToPath(new URL("../../cli/main.ts", import.meta.url));
const tsxLoader = import.meta.resolve("tsx");

/** Runs the CLI to completion in `cwd`. */
export function runCliIn(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", tsxLoader, cliEntry, ...args], {
      cwd,
      env: { ...process.env, ...env, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
