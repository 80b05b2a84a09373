/**
 * Runs the widl-bindgen CLI from source as a child process, the way a user runs it, and collects its output.
 * Shared by every test that runs the CLI (check, generate, inspect, invoke, new, serve, the README and the
 * example).
 *
 * The tsx loader is given by its absolute URL: Node resolves a bare `--import tsx` from the working folder, and
 * `new` and `generate` run in temporary folders without node_modules.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const cliEntry = fileURLToPath(new URL("../../cli/main.ts", import.meta.url));
const tsxLoader = import.meta.resolve("tsx");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Where the CLI runs. */
export interface CliRunOptions {
  /** The working folder. Defaults to the repository root. */
  cwd?: string;
  /** Variables added to this process's environment. Defaults to none. */
  env?: NodeJS.ProcessEnv;
  /** Node flags added after the tsx loader, e.g. another `--import`. Defaults to none. */
  nodeFlags?: readonly string[];
}

/** The command line that runs the CLI from source, for a shell or a pseudo-terminal. */
export function cliCommandLine(args: readonly string[]): string {
  return [process.execPath, "--import", tsxLoader, cliEntry, ...args].join(" ");
}

/** Starts the CLI with `args`; the caller reads its streams and waits for it. */
export function spawnCli(args: readonly string[], options: CliRunOptions = {}): ChildProcess {
  return spawn(process.execPath, ["--import", tsxLoader, ...(options.nodeFlags ?? []), cliEntry, ...args], {
    cwd: options.cwd ?? repoRoot,
    env: { ...process.env, ...options.env, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Collects a child's stdout and stderr until it closes; never rejects on a non-zero exit. */
export function collectOutput(child: ChildProcess): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    child.stdout!.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs the CLI to completion. */
export function runCli(args: readonly string[], options: CliRunOptions = {}): Promise<CliResult> {
  return collectOutput(spawnCli(args, options));
}
