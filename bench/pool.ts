/**
 * Pool speed: calls/s for the in-process host, a pool of 1 and a pool of 2 worker threads on the echo operation of
 * the pool test guest (16 B and 1 KiB payloads); the latency a pooled call adds over an in-process one; and how
 * long a runaway call takes to be detected and its worker replaced. Run with `npm run bench`.
 *
 * Throughput is measured with 64 calls kept in flight; latency with one call at a time. On a 2-core machine a
 * pool of 2 shares the cores with the main thread, which does the dispatching, so it cannot reach 2×.
 */
import { createPool, instantiate, type Pool } from "@widl-bindgen/host";
import { poolGuest } from "../test/pool/fixtures/guests.js";

const ROUND_MS = 400;
const ROUNDS = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Calls/s with `concurrency` calls in flight, median of a few rounds of about ROUND_MS each. */
async function callsPerSecond(call: () => Promise<unknown>, concurrency: number): Promise<number> {
  const round = async () => {
    let count = 0;
    const deadline = performance.now() + ROUND_MS;
    const started = performance.now();
    const lane = async () => {
      while (performance.now() < deadline) {
        await call();
        count++;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, lane));
    return (count * 1000) / (performance.now() - started);
  };
  await round(); // warm-up: JIT, worker start, inline caches
  const results: number[] = [];
  for (let i = 0; i < ROUNDS; i++) results.push(await round());
  return median(results);
}

/** Calls/s of a synchronous call in a tight loop. */
function syncCallsPerSecond(call: () => unknown): number {
  const round = () => {
    let count = 0;
    const started = performance.now();
    const deadline = started + ROUND_MS;
    while (performance.now() < deadline) {
      for (let i = 0; i < 256; i++) call();
      count += 256;
    }
    return (count * 1000) / (performance.now() - started);
  };
  round();
  return median(Array.from({ length: ROUNDS }, round));
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US").padStart(11);
const us = (callsPerSecond: number) => 1e6 / callsPerSecond;

async function main(): Promise<void> {
  const guest = await poolGuest();
  const host = await instantiate(guest);
  const pools: [string, Pool][] = [
    ["pool of 1", await createPool(guest, { size: 1 })],
    ["pool of 2", await createPool(guest, { size: 2 })],
  ];

  console.log("\npool: echo guest, calls/s (median of 3 rounds; 64 in flight for async, 1 for latency)");
  console.log(`  ${"".padEnd(26)}${"16 B".padStart(11)}${"1 KiB".padStart(11)}`);
  const sizes = [16, 1024].map((n) => new Uint8Array(n).fill(7));
  const inProcessSync = sizes.map((p) => syncCallsPerSecond(() => host.invokeSync("echo", p)));
  const inProcessAsync: number[] = [];
  for (const p of sizes) inProcessAsync.push(await callsPerSecond(() => host.invoke("echo", p), 64));
  console.log(`  ${"in-process invokeSync".padEnd(26)}${inProcessSync.map(fmt).join("")}`);
  console.log(`  ${"in-process invoke".padEnd(26)}${inProcessAsync.map(fmt).join("")}`);
  const pooled: Record<string, number[]> = {};
  for (const [name, pool] of pools) {
    pooled[name] = [];
    for (const p of sizes) pooled[name].push(await callsPerSecond(() => pool.invoke("echo", p), 64));
    console.log(`  ${name.padEnd(26)}${pooled[name].map(fmt).join("")}`);
  }
  const one = pooled["pool of 1"]!;
  const two = pooled["pool of 2"]!;
  console.log(`  pool of 2 / pool of 1: ${(two[0]! / one[0]!).toFixed(2)}× (16 B), ${(two[1]! / one[1]!).toFixed(2)}× (1 KiB)`);
  console.log(`  pool of 2 / in-process invokeSync: ${(two[0]! / inProcessSync[0]!).toFixed(3)}× (16 B)`);

  // Latency: one call at a time, so each pays the full round trip to the worker and back.
  const [, single] = pools[0]!;
  const pooledLatency = await callsPerSecond(() => single.invoke("echo", sizes[0]!), 1);
  const inProcessLatency = inProcessSync[0]!;
  console.log(
    `  overhead of a pooled call (one at a time, 16 B): ${us(pooledLatency).toFixed(1)} µs vs ${us(inProcessLatency).toFixed(2)} µs ` +
      `in-process: +${(us(pooledLatency) - us(inProcessLatency)).toFixed(1)} µs per call`,
  );
  for (const [, pool] of pools) await pool.close();

  // Timeout: how late after timeoutMs the caller hears of a runaway, and how soon the replacement answers.
  const timeoutMs = 50;
  const pool = await createPool(guest, { size: 1, timeoutMs });
  const late: number[] = [];
  const recovery: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    await pool.invoke("loop").catch(() => {});
    const detected = performance.now();
    late.push(detected - started - timeoutMs);
    await pool.invoke("echo", sizes[0]!);
    recovery.push(performance.now() - detected);
  }
  await pool.close();
  console.log(
    `  timeout (timeoutMs ${timeoutMs}): detected ${median(late).toFixed(1)} ms after the deadline; ` +
      `the replacement worker answered ${median(recovery).toFixed(0)} ms later (median of 5)`,
  );
}

await main();
