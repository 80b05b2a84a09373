import { afterAll, describe, expect, it } from "vitest";
import { createPool, GuestTimeoutError, type Pool } from "@widl-bindgen/host";
import { ENGINES } from "../engines.js";
import { poolGuest } from "./fixtures/guests.js";

const pools: Pool[] = [];
afterAll(() => Promise.all(pools.map((p) => p.close())));

/** R3 on each engine: V8 workers are terminated and replaced; interpreter workers run the guest in slices. */
describe.each(ENGINES)("R3 on %s: a guest that loops forever", (engine) => {
  it("rejects within 250 ms with timeoutMs 100, keeps the host's timers running, and serves the next call", async () => {
    const pool = await createPool(await poolGuest(), { size: 1, timeoutMs: 100, engine });
    pools.push(pool);
    let ticks = 0;
    const interval = setInterval(() => ticks++, 10);
    const started = performance.now();
    const error = await pool.invoke("loop").catch((e: unknown) => e);
    const elapsed = performance.now() - started;
    clearInterval(interval);

    expect(error).toBeInstanceOf(GuestTimeoutError);
    expect((error as GuestTimeoutError).operation).toBe("loop");
    expect((error as GuestTimeoutError).timeoutMs).toBe(100);
    expect(elapsed).toBeGreaterThanOrEqual(95);
    expect(elapsed).toBeLessThan(250);
    // The main thread was never blocked: a 10 ms interval fired throughout the 100 ms.
    expect(ticks).toBeGreaterThanOrEqual(5);

    expect([...(await pool.invoke("echo", new Uint8Array([1, 2])))]).toEqual([1, 2]);
    expect(pool.stats()).toMatchObject({ timeouts: 1, restarts: 1, workers: 1 });
  });

  it("retries calls queued behind the runaway on the replacement worker, and fails only the runaway", async () => {
    const pool = await createPool(await poolGuest(), { size: 1, timeoutMs: 100, engine });
    pools.push(pool);
    const runaway = pool.invoke("loop").catch((e: unknown) => e);
    const behind = Array.from({ length: 5 }, (_, i) => pool.invoke("echo", new Uint8Array([i])));
    expect(await runaway).toBeInstanceOf(GuestTimeoutError);
    expect((await Promise.all(behind)).map((b: Uint8Array) => b[0])).toEqual([0, 1, 2, 3, 4]);
  });

  it("counts host-call time against the timeout", async () => {
    const pool = await createPool(await poolGuest(), {
      size: 1,
      timeoutMs: 100,
      engine,
      hostCall: () => new Promise<Uint8Array>(() => {}),
    });
    pools.push(pool);
    const error = await pool.invoke("hostcall", new TextEncoder().encode("never")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GuestTimeoutError);
    expect([...(await pool.invoke("echo", new Uint8Array([3])))]).toEqual([3]);
  });
});
