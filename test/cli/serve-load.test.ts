/**
 * `serve` under load, as a process: the R6 load test (autocannon, 10,000 requests at concurrency 64, 5% of them
 * malformed) and a graceful shutdown while requests are in flight.
 */
import { mkdtempSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { describe, expect, it } from "vitest";
import { startServe } from "./serve-process.js";
import { buildTestGuest, testGuestSchema } from "./test-guests.js";

const out = mkdtempSync(join(tmpdir(), "widl-serve-load-"));

/** Every 20th request is malformed (5%), cycling through the ways a client gets it wrong. */
const MALFORMED = [
  { body: '{"msg":', why: /^invalid JSON/ },
  { body: '{"msg":42,"n":1}', why: /^msg: expected string/ },
  { body: '{"msg":"x"}', why: /missing required parameter "n"/ },
  { body: '{"msg":"x","n":"twelve"}', why: /^n: expected i64/ },
  { body: '{"msg":"x","n":1,"extra":true}', why: /unknown parameter "extra"/ },
];

/** Every serving mode: the guest in-process (the default), in the worker pool, and two processes under node:cluster. */
const MODES: readonly (readonly [string, readonly string[]])[] = [
  ["in-process", []],
  ["pool", ["--workers", "2"]],
  ["cluster", ["--cluster", "2"]],
];

describe("serve under load", () => {
  it.each(MODES)("R6 (%s): 10,000 requests at concurrency 64, 5% malformed: none lost, valid ones right, malformed ones 4xx with a message", { timeout: 300_000 }, async (mode, modeArgs) => {
    const guest = buildTestGuest(out, `r6-${mode}.wasm`);
    // --cluster starts several processes that each load the CLI: give them longer on a busy machine.
    const serve = await startServe([guest, "--schema", testGuestSchema, ...modeArgs, "--no-access-log"], 120_000);
    let sent = 0;
    let answered = 0;
    const wrong: string[] = [];
    let valid = 0;
    let malformed = 0;
    try {
      const result = await autocannon({
        url: serve.url,
        connections: 64,
        amount: 10_000,
        timeout: 30,
        requests: [
          {
            method: "POST",
            path: "/echo",
            headers: { "content-type": "application/json" },
            setupRequest(req, context) {
              const i = sent++;
              if (i % 20 === 19) {
                const bad = MALFORMED[Math.floor(i / 20) % MALFORMED.length]!;
                context.expect = { malformed: bad.why };
                return { ...req, body: bad.body };
              }
              const args = { msg: `word-${i}`, n: i };
              context.expect = { body: JSON.stringify({ ...args, tags: null }) };
              return { ...req, body: JSON.stringify(args) };
            },
            onResponse(status, body, context) {
              answered++;
              const expectation = context.expect as { body?: string; malformed?: RegExp };
              if (expectation.malformed !== undefined) {
                malformed++;
                let error: unknown;
                try {
                  error = (JSON.parse(body) as { error?: unknown }).error;
                } catch {
                  error = undefined;
                }
                if (status < 400 || status > 499 || typeof error !== "string" || !expectation.malformed.test(error)) {
                  wrong.push(`malformed → ${status} ${body}`);
                }
              } else {
                valid++;
                if (status !== 200 || body !== expectation.body) wrong.push(`valid → ${status} ${body}, wanted ${expectation.body}`);
              }
            },
          },
        ],
      });
      expect(result.errors).toBe(0);
      expect(result.timeouts).toBe(0);
      expect(answered).toBe(10_000);
      expect(valid + malformed).toBe(10_000);
      expect(malformed).toBe(500);
      expect(wrong.slice(0, 5)).toEqual([]);
      expect(result["2xx"]).toBe(9_500);
      expect(result["4xx"]).toBe(500);
    } finally {
      expect(await serve.stop()).toBe(0);
    }
  });

  it("drains in-flight requests on SIGTERM under load, then exits 0; no request that reached it is dropped", async () => {
    const guest = buildTestGuest(out, "drain.wasm");
    const serve = await startServe([guest, "--schema", testGuestSchema, "--workers", "2", "--no-access-log"]);
    const agent = new Agent({ keepAlive: true, maxSockets: 32 });
    const outcomes = { ok: 0, refused: 0, lost: [] as string[], wrong: [] as string[] };
    let stopping = false;
    /** Resolves true when the connection was refused (the server has stopped listening). */
    const one = (i: number) =>
      new Promise<boolean>((resolve) => {
        const body = JSON.stringify({ msg: `m${i}`, n: i });
        const req = request(`${serve.url}/echo`, { method: "POST", agent, headers: { "content-type": "application/json" } }, (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (d: string) => (text += d));
          res.on("end", () => {
            if (res.statusCode === 200 && text === JSON.stringify({ msg: `m${i}`, n: i, tags: null })) outcomes.ok++;
            else outcomes.wrong.push(`${res.statusCode} ${text}`);
            resolve(false);
          });
          res.on("error", (e) => {
            outcomes.lost.push(`response ${i}: ${e.message}`);
            resolve(false);
          });
        });
        req.on("error", (e: NodeJS.ErrnoException) => {
          // Refused: the listener had closed before this connection was made; the request never reached the
          // server. Anything else (a reset, a hang-up) is a request the server dropped.
          const refused = e.code === "ECONNREFUSED" && stopping;
          if (refused) outcomes.refused++;
          else outcomes.lost.push(`request ${i}: ${e.code ?? e.message}`);
          resolve(refused);
        });
        req.end(body);
      });
    let next = 0;
    // Each client keeps sending, through the drain, until the server refuses its connection.
    const client = async () => {
      for (;;) if (await one(next++)) return;
    };
    try {
      const clients = Array.from({ length: 32 }, client);
      await new Promise((r) => setTimeout(r, 1000));
      const inFlightAtSignal = next - outcomes.ok;
      stopping = true;
      const exit = serve.stop("SIGTERM");
      await Promise.all(clients);
      expect(await exit).toBe(0);
      expect(serve.stderr()).toMatch(/SIGTERM: draining \d+ in-flight request\(s\)/);
      expect(serve.stderr()).toContain("stopped");
      expect(outcomes.lost).toEqual([]);
      expect(outcomes.wrong).toEqual([]);
      expect(inFlightAtSignal).toBeGreaterThan(0);
      expect(outcomes.ok).toBeGreaterThan(100);
      expect(outcomes.refused).toBe(32);
    } finally {
      agent.destroy();
      await serve.stop("SIGKILL");
    }
  });
});
