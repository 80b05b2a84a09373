import { afterAll, describe, expect, it } from "vitest";
import { createPool, type Pool } from "@widl-bindgen/host";
import { poolGuest } from "./fixtures/guests.js";

/**
 * Call ids travel in the call and answer rings' signed 32-bit fields. A long-lived pool passes 2^31 calls (about six
 * hours at 100k calls/s); past that, an id that does not fit would come back negative, read as an answer out of
 * order, and kill the worker. The test starts the id counter just below the limit instead of making 2^31 calls.
 */

const pools: Pool[] = [];
afterAll(() => Promise.all(pools.map((p) => p.close())));

describe("call ids", () => {
  it("wrap within the rings' 32-bit fields: calls across the 2^31 boundary are answered, in order, by the same worker", async () => {
    const pool = await createPool(await poolGuest(), { size: 1 });
    pools.push(pool);
    (pool as unknown as { nextId: number }).nextId = 2 ** 31 - 3;
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => pool.invoke("echo", new Uint8Array([i]))));
    expect(answers.map((a) => a[0])).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    for (let i = 0; i < 4; i++) expect((await pool.invoke("echo", new Uint8Array([i])))[0]).toBe(i);
    expect(pool.stats()).toMatchObject({ restarts: 0, workers: 1 });
  });
});
