/**
 * Where `serve` runs the guest: in-process unless an option needs a worker (host-runtime/http/serve-guest.ts,
 * `servingMode`), and `--cluster <n>` processes sharing the port. The guarantees of timeouts and caps must hold in
 * each mode that accepts them.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";
import { startServe } from "./serve-process.js";
import { buildTestGuest, testGuestSchema } from "./test-guests.js";

const out = mkdtempSync(join(tmpdir(), "widl-serve-modes-"));
/** Starting several processes that each load the CLI through tsx takes a while on two busy cores. */
const CLUSTER_START_MS = 120_000;

/** One request on a fresh connection (so node:cluster may hand it to either process). */
function send(url: string, method: string, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent: false }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("serve: in-process unless isolation is asked for", () => {
  it("runs the guest in-process by default; a guest error is a 500 and the server keeps answering", async () => {
    const serve = await startServe([buildTestGuest(out, "default.wasm"), "version", "--schema", testGuestSchema]);
    try {
      await serve.waitForStderr("guest runs in-process");
      expect((await send(`${serve.url}/fail`, "POST")).status).toBe(500);
      expect(await send(`${serve.url}/?key=%7B%7D`, "GET")).toEqual({ status: 200, body: "result=version-1" });
    } finally {
      expect(await serve.stop()).toBe(0);
    }
  });

  it("--timeout-ms alone moves the guest to the pool: a runaway call gets 504 and the next call works", async () => {
    const serve = await startServe([buildTestGuest(out, "timeout.wasm"), "--schema", testGuestSchema, "--timeout-ms", "300"]);
    try {
      await serve.waitForStderr("guest runs in the worker pool");
      const r = await send(`${serve.url}/spin`, "POST");
      expect(r.status).toBe(504);
      expect(JSON.parse(r.body).error).toMatch(/timed out after 300 ms/);
      expect((await send(`${serve.url}/echo`, "POST", '{"msg":"after","n":1}')).status).toBe(200);
    } finally {
      await serve.stop("SIGKILL");
    }
  });

  it("--max-memory alone moves the guest to the pool", async () => {
    const serve = await startServe([buildTestGuest(out, "cap.wasm"), "version", "--max-memory", "2097152"]);
    try {
      await serve.waitForStderr("guest runs in the worker pool");
      expect((await send(`${serve.url}/?key=%7B%7D`, "GET")).body).toBe("result=version-1");
    } finally {
      expect(await serve.stop()).toBe(0);
    }
  });
});

describe("serve --cluster", () => {
  it("starts 2 processes on one free port that answer, and drains both on SIGTERM", { timeout: 3 * CLUSTER_START_MS }, async () => {
    const serve = await startServe([buildTestGuest(out, "cluster.wasm"), "version", "--cluster", "2", "--no-access-log"], CLUSTER_START_MS);
    try {
      await serve.waitForStderr(/(cluster worker \d+ listening[^\n]*\n[^]*){2}/, CLUSTER_START_MS);
      await serve.waitForStderr("2 processes sharing the port (node:cluster)");
      const replies = await Promise.all(Array.from({ length: 40 }, () => send(`${serve.url}/?key=%7B%7D`, "GET")));
      expect(replies.every((r) => r.status === 200 && r.body === "result=version-1")).toBe(true);
      expect((await send(`${serve.url}/healthz`, "GET")).status).toBe(200);
    } finally {
      expect(await serve.stop("SIGTERM")).toBe(0);
    }
    expect(serve.stderr().match(/^stopped$/gm)).toHaveLength(3); // both workers drained, then the primary
  });

  it("keeps timeouts in every process: --cluster 2 --timeout-ms gives 504 for a runaway call", { timeout: 3 * CLUSTER_START_MS }, async () => {
    const serve = await startServe([buildTestGuest(out, "cluster-timeout.wasm"), "--schema", testGuestSchema, "--cluster", "2", "--timeout-ms", "300"], CLUSTER_START_MS);
    try {
      await serve.waitForStderr(/(cluster worker \d+ listening \(guest pool\)[^]*){2}/, CLUSTER_START_MS);
      const [spin, echo] = await Promise.all([send(`${serve.url}/spin`, "POST"), send(`${serve.url}/echo`, "POST", '{"msg":"x","n":2}')]);
      expect(spin.status).toBe(504);
      expect(echo.status).toBe(200);
    } finally {
      expect(await serve.stop()).toBe(0);
    }
  });

  it("exits 1 when a worker that was serving does not drain (killed while a call runs)", { timeout: 3 * CLUSTER_START_MS }, async () => {
    const serve = await startServe(
      [buildTestGuest(out, "cluster-drain.wasm"), "--schema", testGuestSchema, "--cluster", "2", "--workers", "1", "--drain-ms", "600000", "--no-access-log"],
      CLUSTER_START_MS,
    );
    try {
      await serve.waitForStderr(/(cluster worker \d+ listening \(guest pool\)[^]*){2}/, CLUSTER_START_MS);
      const pids = [...serve.stderr().matchAll(/cluster worker (\d+) listening/g)].map((m) => Number(m[1]));
      // A call that never ends (no --timeout-ms), so its worker is still draining when it is killed.
      void send(`${serve.url}/spin`, "POST").catch(() => {});
      // /healthz counts itself: 2 in flight is the worker running the spin.
      while (JSON.parse((await send(`${serve.url}/healthz`, "GET")).body).inFlight < 2);
      serve.child.kill("SIGTERM");
      await serve.waitForStderr(/^stopped$/m); // the idle worker drained
      for (const pid of pids) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // already gone: the worker that drained
        }
      }
      // Waited for, not signalled: a second SIGTERM would make the primary exit at once with 130.
      const code = serve.child.exitCode ?? (await new Promise((resolve) => serve.child.once("exit", resolve)));
      expect(code).toBe(1);
      expect(serve.stderr()).toMatch(/cluster worker \d+ exited \(SIGKILL\) while draining/);
      expect(serve.stderr().match(/^stopped$/gm)).toHaveLength(2); // the idle worker, then the primary
    } finally {
      await serve.stop("SIGKILL");
    }
  });

  it("stops with exit 1 when the workers cannot start, instead of restarting them in a loop", { timeout: 3 * CLUSTER_START_MS }, async () => {
    // Readable, so the primary's own checks pass; each worker fails to compile it.
    const notWasm = join(out, "not-wasm.wasm");
    writeFileSync(notWasm, "not wasm");
    const r = await runCli(["serve", notWasm, "--port", "0", "--cluster", "2"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/exited \(code 1\) before listening; stopping/);
  });

  it("refuses --cluster 0 with exit 2", async () => {
    const r = await runCli(["serve", buildTestGuest(out, "cluster-zero.wasm"), "--cluster", "0"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--cluster must be an integer ≥ 1");
  });
});
