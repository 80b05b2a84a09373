/**
 * Starts `widl-bindgen serve` as a child process on a free port and waits until it listens. Shared by the serve
 * tests and the load tests.
 */
import type { ChildProcess } from "node:child_process";
import { spawnCli } from "./run-cli.js";

export interface ServeProcess {
  readonly child: ChildProcess;
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  stdout(): string;
  stderr(): string;
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** Resolves once stderr contains `text`. */
  waitForStderr(text: string | RegExp, timeoutMs?: number): Promise<void>;
}

/**
 * Runs `serve <args…> --port 0` and resolves once it has printed its address, within `readyTimeoutMs` (longer for
 * `--cluster`, which starts several processes on a loaded machine).
 */
export function startServe(args: readonly string[], readyTimeoutMs = 20_000): Promise<ServeProcess> {
  const child = spawnCli(["serve", ...args, "--port", "0"]);
  let out = "";
  let err = "";
  child.stdout!.setEncoding("utf8").on("data", (d: string) => (out += d));
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));

  const waitForStderr = (text: string | RegExp, timeoutMs = 20_000) =>
    new Promise<void>((resolve, reject) => {
      const matches = () => (typeof text === "string" ? err.includes(text) : text.test(err));
      if (matches()) return resolve();
      const timer = setTimeout(() => {
        child.stderr!.off("data", check);
        reject(new Error(`serve did not print ${String(text)} within ${timeoutMs} ms; stderr:\n${err}`));
      }, timeoutMs);
      const check = () => {
        if (matches()) {
          clearTimeout(timer);
          child.stderr!.off("data", check);
          resolve();
        }
      };
      child.stderr!.on("data", check);
      void exited.then(() => {
        clearTimeout(timer);
        if (!matches()) reject(new Error(`serve exited; stderr:\n${err}`));
      });
    });

  const ready = waitForStderr(/serving .* on http:\/\/\S+:\d+\n/, readyTimeoutMs).catch((error: unknown) => {
    // Not ready in time: stop it rather than leave it running after the test (a cluster's workers exit with it).
    child.kill("SIGKILL");
    throw error;
  });
  return ready.then(() => {
    const url = /serving .* on (http:\/\/\S+:\d+)\n/.exec(err)![1]!;
    return {
      child,
      url,
      stdout: () => out,
      stderr: () => err,
      stop(signal = "SIGTERM") {
        if (child.exitCode === null) child.kill(signal);
        return exited;
      },
      waitForStderr,
    };
  });
}
