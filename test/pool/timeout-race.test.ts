import { afterAll, describe, expect, it } from "vitest";
import { createPool, GuestTimeoutError, GuestTrapError, type Pool } from "@widl-bindgen/host";
import { buildWat, poolGuest } from "./fixtures/guests.js";

/**
 * The race between a call's timer and its answer: the worker has answered call A by postMessage (a guest error
 * always goes that way) and taken the next call B, but the main thread has not received A's answer when A's timer
 * fires. The interleaving is made exact rather than waited for: the test blocks the main thread until the worker
 * has consumed both calls from the shared calls ring, then runs A's timer callback there, before the answer can be
 * delivered. No wall-clock threshold is asserted.
 */

interface WorkerInternals {
  readonly calls: { readonly control: Int32Array };
  readonly loads: { readonly length: number };
  timedOut(): void;
}

const pools: Pool[] = [];
afterAll(() => Promise.all(pools.map((p) => p.close())));

const text = (s: string) => new TextEncoder().encode(s);
const READ = 1; // call-ring.ts: the consumer's (worker's) offset in the calls ring
const WRITE = 0;

function onlyWorker(pool: Pool): WorkerInternals {
  return (pool as unknown as { workers: WorkerInternals[] }).workers[0]!;
}

/** Blocks the main thread until the worker has read the calls ring up to `offset`, i.e. begun the call before it. */
function waitUntilConsumed(worker: WorkerInternals, offset: number): void {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let i = 0; Atomics.load(worker.calls.control, READ) !== offset; i++) {
    if (i > 30_000) throw new Error("the worker never reached the call");
    Atomics.wait(pause, 0, 0, 1);
  }
}

async function racingPool(timeoutMs: number): Promise<{ pool: Pool; worker: WorkerInternals; hostCalls: string[] }> {
  const hostCalls: string[] = [];
  const pool = await createPool(await poolGuest(), {
    size: 1,
    timeoutMs,
    hostCall: (_binding, _namespace, operation, payload) => {
      hostCalls.push(operation);
      return payload;
    },
  });
  pools.push(pool);
  return { pool, worker: onlyWorker(pool), hostCalls };
}

describe("a call's timer firing while its answer is in flight", () => {
  it("prefers the answer, and runs the call behind it once, on the same worker", async () => {
    // The real timer never fires here; the test fires it at the exact moment.
    const { pool, worker, hostCalls } = await racingPool(60_000);
    const a = pool.invoke("trap", new Uint8Array([1])).catch((e: unknown) => e);
    const b = pool.invoke("hostcall", text("side-effect"));
    waitUntilConsumed(worker, Atomics.load(worker.calls.control, WRITE));
    worker.timedOut();

    const error = await a;
    expect(error).toBeInstanceOf(GuestTrapError);
    expect(new TextDecoder().decode(await b)).toBe("side-effect");
    expect(hostCalls).toEqual(["side-effect"]);
    expect(pool.stats()).toMatchObject({ timeouts: 0, restarts: 0, completed: 1, failed: 1 });
  });

  it("still stops a runaway next call within its own budget, and runs the call queued behind it exactly once", async () => {
    const { pool, worker, hostCalls } = await racingPool(100);
    const a = pool.invoke("trap", new Uint8Array([1])).catch((e: unknown) => e);
    const b = pool.invoke("loop").catch((e: unknown) => e);
    const runawayStarts = Atomics.load(worker.calls.control, WRITE);
    const c = pool.invoke("hostcall", text("queued"));
    // The worker has answered A and taken B (which loops); C waits in the ring.
    waitUntilConsumed(worker, runawayStarts);
    worker.timedOut();

    expect(await a).toBeInstanceOf(GuestTrapError);
    const timeout = await b;
    expect(timeout).toBeInstanceOf(GuestTimeoutError);
    expect((timeout as GuestTimeoutError).operation).toBe("loop");
    expect(new TextDecoder().decode(await c)).toBe("queued");
    expect(hostCalls).toEqual(["queued"]);
    expect(pool.stats()).toMatchObject({ timeouts: 1, restarts: 1 });
  });

  it("prefers a `loaded` message in flight over the load's timer, and runs the call sent behind the load once", async () => {
    const withInit = (version: string) =>
      buildWat("pool-guest.wat", (wat) =>
        wat.replace('"v1")', `"${version}")`).replace(/\)\s*$/, '(func (export "wapc_init")))\n'));
    const hostCalls: string[] = [];
    const pool = await createPool(await withInit("v1"), {
      size: 1,
      timeoutMs: 60_000,
      hostCall: (_binding, _namespace, operation, payload) => (hostCalls.push(operation), payload),
    });
    pools.push(pool);
    const worker = onlyWorker(pool);
    const reload = pool.reload(await withInit("v2"));
    // The reload tries the module in a worker of its own first; then it loads it in the serving worker.
    for (let i = 0; worker.loads.length === 0; i++) {
      if (i > 30_000) throw new Error("the reload never reached the serving worker");
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const b = pool.invoke("hostcall", text("behind-the-load"));
    // The worker has loaded (its `loaded` message is posted, not received) and taken the call.
    waitUntilConsumed(worker, Atomics.load(worker.calls.control, WRITE));
    worker.timedOut();

    await expect(reload).resolves.toBeUndefined();
    expect(new TextDecoder().decode(await b)).toBe("behind-the-load");
    expect(hostCalls).toEqual(["behind-the-load"]);
    expect(new TextDecoder().decode(await pool.invoke("version"))).toBe("v2");
    expect(pool.stats()).toMatchObject({ timeouts: 0, restarts: 0 });
  });
});
