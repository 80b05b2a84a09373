import { afterAll, describe, expect, it } from "vitest";
import { createPool, type Pool } from "@widl-bindgen/host";
import { poolGuest } from "./fixtures/guests.js";

const pools: Pool[] = [];
afterAll(() => Promise.all(pools.map((p) => p.close())));

/** A payload unique to call `i`: its index, and a length that varies with it. */
function payloadFor(i: number): Uint8Array {
  const bytes = new Uint8Array(4 + (i % 61));
  new DataView(bytes.buffer).setUint32(0, i);
  for (let k = 4; k < bytes.length; k++) bytes[k] = (i * 31 + k) & 0xff;
  return bytes;
}

describe("concurrency", () => {
  it("runs 10,000 invokes at concurrency 100 across 2 workers; every response matches its request", async () => {
    const pool = await createPool(await poolGuest(), { size: 2 });
    pools.push(pool);
    const total = 10_000;
    const concurrency = 100;
    let next = 0;
    let matched = 0;
    let maxInFlight = 0;
    const mismatches: number[] = [];
    const lane = async () => {
      while (next < total) {
        const i = next++;
        const expected = payloadFor(i);
        // Half the calls hand their buffer over; the other half must be left intact for the caller.
        const sent = payloadFor(i);
        const transfer = i % 2 === 0;
        const promise = pool.invoke("echo", sent, { transfer });
        maxInFlight = Math.max(maxInFlight, pool.stats().inFlight);
        const answer = await promise;
        if (!transfer && sent.byteLength !== expected.byteLength) mismatches.push(-i);
        if (Buffer.compare(answer, expected) === 0) matched++;
        else mismatches.push(i);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, lane));
    expect(mismatches).toEqual([]);
    expect(matched).toBe(total);
    expect(maxInFlight).toBe(concurrency);
    const stats = pool.stats();
    expect(stats).toMatchObject({ workers: 2, inFlight: 0, queued: 0, failed: 0, restarts: 0 });
    expect(stats.completed).toBe(total);
  });

  it("copies a payload that is a view into a larger buffer, sending only the view's bytes", async () => {
    const pool = await createPool(await poolGuest(), { size: 1 });
    pools.push(pool);
    const slab = new Uint8Array(1 << 20).fill(9);
    const view = slab.subarray(100, 110);
    const answer = await pool.invoke("echo", view, { transfer: true });
    expect([...answer]).toEqual(Array(10).fill(9));
    // Handing over a view cannot detach the slab it lives in.
    expect(slab.byteLength).toBe(1 << 20);
  });
});
