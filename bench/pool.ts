/**
 * Pool speed (issue 16), on the echo operation of the pool test guest at 16 B and 1 KiB:
 *
 * - **scaling, load outside**: `serve --workers 1` and `--workers 2` (and the in-process default, for reference) as
 *   their own processes, driven by autocannon from another process (bench/http/harness.ts): `POST /echo` with a JSON
 *   string whose msgpack form is the payload size. Figures: requests/s and server CPU per request. Goal: a pool of 2
 *   ≥ 1.8× a pool of 1 at 1 KiB and ≥ 1.5× at 16 B. On 2 shared cores the server's main thread, two workers and the
 *   load generator contend for them, which the figures show rather than hide;
 * - **the thread hop**: one call at a time, pooled against in-process, in this process: CPU per call of every
 *   thread (bench/measure.ts), so the hop's cost on both sides of it;
 * - **timeouts**: how late a runaway call is detected and how soon its replacement answers.
 *
 * Each figure: median [min–max] of 5 interleaved rounds (1 s for HTTP, 200 ms in-process).
 * Run with `npm run bench`, or alone with `npx tsx bench/pool.ts`.
 */
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createPool, instantiate } from "@widl-bindgen/host";
import { poolGuest, writeGuest } from "../test/pool/fixtures/guests.js";
import { LoadGenerator, measureServers, startServer, stopServer, type Server, type ServerFigures } from "./http/harness.js";
import { figure, nsPerCall, ratio, spread, type Figure } from "./measure.js";
import { recordResults } from "./results.js";

const repoRoot = fileURLToPath(new URL("../", import.meta.url));
const served = /serving .* on http:\/\/127\.0\.0\.1:(\d+)\n/;

/** A JSON string argument whose msgpack encoding is `size` bytes (fixstr up to 31, str16 beyond 255). */
function stringOfMsgpackSize(size: number): string {
  return "x".repeat(size <= 32 ? size - 1 : size <= 257 ? size - 2 : size - 3);
}

async function scaling(guestFile: string): Promise<Record<string, ServerFigures[]>> {
  const load = new LoadGenerator();
  const servers: Server[] = [];
  const results: Record<string, ServerFigures[]> = {};
  try {
    const serve = (name: string, ...extra: string[]) =>
      startServer(name, [join(repoRoot, "cli/main.ts"), "serve", guestFile, "--port", "0", "--no-access-log", ...extra], served);
    servers.push(await serve("serve (in-process)"));
    servers.push(await serve("serve --workers 1", "--workers", "1"));
    servers.push(await serve("serve --workers 2", "--workers", "2"));
    for (const [label, size] of [["16 B", 16], ["1 KiB", 1024]] as const) {
      const body = JSON.stringify(stringOfMsgpackSize(size));
      results[label] = await measureServers(load, servers, { path: "/echo", method: "POST", body, expect: body }, { rounds: 5, seconds: 1, connections: 32 });
    }
  } finally {
    load.close();
    await Promise.all(servers.map(stopServer));
  }
  console.log("\npool scaling: POST /echo to serve, autocannon (32 connections) in its own process; median [min–max] of 5 interleaved rounds of 1 s");
  console.log("  CPU µs per request: the whole server, its main thread alone, and the load generator (on the same cores)");
  console.log(
    `  ${"payload".padEnd(9)}${"server".padEnd(22)}${"req/s".padStart(24)}${"CPU µs/req".padStart(22)}${"main thread".padStart(22)}` +
      `${"load gen".padStart(10)}${"÷pool of 1".padStart(12)}`,
  );
  for (const [label, figures] of Object.entries(results)) {
    const one = figures[1]!.rps.median;
    for (const f of figures) {
      console.log(
        `  ${(f === figures[0] ? label : "").padEnd(9)}${f.name.padEnd(22)}${spread(f.rps, 24)}${spread(f.cpuUsPerRequest)}` +
          `${spread(f.mainThreadCpuUsPerRequest)}${f.loadCpuUsPerRequest.median.toFixed(1).padStart(10)}${ratio(f.rps.median / one, 12)}`,
      );
    }
  }
  const cores = availableParallelism();
  for (const [label, figures] of Object.entries(results)) {
    const { mainBound, coreBound } = poolCeilings(figures[1]!, figures[2]!, cores);
    console.log(
      `  ${label}: ceiling of pool 2 ÷ pool 1 from the figures above: ${mainBound.toFixed(2)}× (the main thread, serial, does ` +
        `${figures[1]!.mainThreadCpuUsPerRequest.median.toFixed(1)} of ${figures[1]!.cpuUsPerRequest.median.toFixed(1)} µs per request), ` +
        `${coreBound.toFixed(2)}× (${cores} cores shared by server and load generator)`,
    );
  }
  const gain = (label: string) => (results[label]![2]!.rps.median / results[label]![1]!.rps.median).toFixed(2);
  console.log(`  goals: pool of 2 ≥ 1.8× pool of 1 at 1 KiB (${gain("1 KiB")}×), ≥ 1.5× at 16 B (${gain("16 B")}×)`);
  return results;
}

/**
 * What a pool of 2 can gain over a pool of 1 at best, from the measured figures:
 *
 * - **main thread**: it parses and answers every request whatever the pool's size, so a pool's requests/s is at most
 *   1 / (its CPU per request); the workers' share (the rest of the server's CPU) splits across them. The gain is
 *   max(main, workers) / max(main, workers / 2): 1× when the main thread does more than the workers;
 * - **cores**: the server and the load generator share the machine's cores, so requests/s is at most
 *   cores / (server + load generator CPU per request), against what the pool of 1 reached.
 */
function poolCeilings(one: ServerFigures, two: ServerFigures, cores: number): { mainBound: number; coreBound: number } {
  const main = one.mainThreadCpuUsPerRequest.median;
  const workers = one.cpuUsPerRequest.median - main;
  const coreRps = (cores * 1e6) / (two.cpuUsPerRequest.median + two.loadCpuUsPerRequest.median);
  return { mainBound: Math.max(main, workers) / Math.max(main, workers / 2), coreBound: coreRps / one.rps.median };
}

async function threadHop(guest: Uint8Array): Promise<{ pooled: Figure; inProcess: Figure }> {
  const host = await instantiate(guest);
  const pool = await createPool(guest, { size: 1 });
  const payload = new Uint8Array(16).fill(7);
  try {
    const [pooled, inProcess] = (await nsPerCall([
      { fn: () => pool.invoke("echo", payload), isAsync: true },
      { fn: () => host.invokeSync("echo", payload) },
    ])) as [Figure, Figure];
    console.log(
      `\npool, one call at a time, 16 B, CPU ns/call (all threads): pooled ${spread(pooled, 0)}, in-process ${spread(inProcess, 0)}: ` +
        `the thread hop costs ${((pooled.median - inProcess.median) / 1000).toFixed(1)} µs of CPU`,
    );
    return { pooled, inProcess };
  } finally {
    await pool.close();
  }
}

async function timeouts(guest: Uint8Array): Promise<{ lateMs: Figure; recoveryMs: Figure }> {
  const timeoutMs = 50;
  // The replacement's start-up is measured, not bounded: instantiation on a loaded machine can take longer than 50 ms.
  const pool = await createPool(guest, { size: 1, timeoutMs, initTimeoutMs: 10_000 });
  const late: number[] = [];
  const recovery: number[] = [];
  const payload = new Uint8Array(16).fill(7);
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    await pool.invoke("loop").catch(() => {});
    const detected = performance.now();
    late.push(detected - started - timeoutMs);
    await pool.invoke("echo", payload);
    recovery.push(performance.now() - detected);
  }
  await pool.close();
  const lateMs = figure(late);
  const recoveryMs = figure(recovery);
  console.log(
    `  timeout (timeoutMs ${timeoutMs}): detected ${spread(lateMs, 0)} ms after the deadline; the replacement worker ` +
      `answered ${spread(recoveryMs, 0)} ms later (5 runaways)`,
  );
  return { lateMs, recoveryMs };
}

const guest = await poolGuest();
const guestFile = writeGuest("bench-pool-guest.wasm", guest);
recordResults("pool", { scaling: await scaling(guestFile), threadHop: await threadHop(guest), timeouts: await timeouts(guest) });
