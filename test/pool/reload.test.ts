import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPool, InvalidWasm, type Pool } from "@widl-bindgen/host";
import { poolGuest, writeGuest } from "./fixtures/guests.js";

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const pools: Pool[] = [];
afterAll(() => Promise.all(pools.map((p) => p.close())));

describe("hot reload", () => {
  // Setup outside the test's own time (hookTimeout, not testTimeout): building the guests with wabt and starting
  // the pool's workers (each one bootstraps tsx and transpiles the worker from source) were 80-95% of this test's
  // time, and the part that grows most under load: 0.3 s alone, 3-6 s with the rust and assemblyscript suites and
  // three busy processes on the two cores, most of it in `createPool`. The reload itself is what the test times.
  let loaded: Pool;
  let v2: Uint8Array;
  // Host calls wait on this gate, so a test can hold every worker busy for as long as it needs.
  let releaseGate: () => void = () => {};
  let gate = Promise.resolve();
  const closeGate = () => (gate = new Promise<void>((resolve) => (releaseGate = resolve)));
  beforeAll(async () => {
    v2 = await poolGuest("v2");
    loaded = await createPool(await poolGuest("v1"), {
      size: 2,
      hostCall: async () => {
        await gate;
        return new Uint8Array(0);
      },
    });
    pools.push(loaded);
  });

  it("reloads while 1,000 calls are in flight: all complete, and every call after the reload sees the new module", async () => {
    const pool = loaded;
    expect(pool.stats()).toMatchObject({ generation: 1, workers: 2, inFlight: 0, completed: 0 });
    // One call per worker (the pool picks the least loaded) waits in a host call, so none of the 1,000 calls behind
    // them can finish before the reload starts: they are all in flight, whatever the machine's speed.
    closeGate();
    const hold = new TextEncoder().encode("hold");
    const held = [pool.invoke("hostcall", hold), pool.invoke("hostcall", hold)];
    const before = Array.from({ length: 1000 }, () => pool.invoke("version").then(text));
    expect(pool.stats().inFlight).toBe(1002);
    const reloaded = pool.reload(v2);
    // Calls made while the reload is still compiling and instantiating run on the old module.
    const during = Array.from({ length: 100 }, () => pool.invoke("version").then(text));
    releaseGate();
    await Promise.all(held);
    await reloaded;
    const after = await Promise.all(Array.from({ length: 1000 }, () => pool.invoke("version").then(text)));

    const old = await Promise.all(before);
    expect(old).toHaveLength(1000);
    expect(new Set(old)).toEqual(new Set(["v1"]));
    expect(new Set(await Promise.all(during))).toEqual(new Set(["v1"]));
    expect(new Set(after)).toEqual(new Set(["v2"]));
    const stats = pool.stats();
    expect(stats).toMatchObject({ generation: 2, generationsLoaded: 1, failed: 0, inFlight: 0 });
    expect(stats.completed).toBe(2102);
  });

  it("keeps the old module serving when the new one does not compile", async () => {
    const pool = await createPool(await poolGuest("v1"), { size: 2 });
    pools.push(pool);
    const inFlight = Array.from({ length: 200 }, () => pool.invoke("version").then(text));
    const error = await pool.reload(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0xff])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidWasm);
    expect(new Set(await Promise.all(inFlight))).toEqual(new Set(["v1"]));
    expect(text(await pool.invoke("version"))).toBe("v1");
    expect(pool.stats().generation).toBe(1);
  });

  it("keeps the old module serving when the new one compiles but does not instantiate", async () => {
    const pool = await createPool(await poolGuest("v1"), { size: 2 });
    pools.push(pool);
    // A module without __guest_call compiles, but WapcHost refuses it in every worker.
    const error = await pool.reload(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0])).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/memory|__guest_call/);
    expect(text(await pool.invoke("version"))).toBe("v1");
    expect(pool.stats()).toMatchObject({ generation: 1, generationsLoaded: 1 });
  });

  it("reloads from a file path", async () => {
    const pool = await createPool(await poolGuest("v1"), { size: 1 });
    pools.push(pool);
    // A name of its own: copies of the suite running at once must not read each other's half-written file.
    const file = writeGuest(`pool-guest-v3-${process.pid}.wasm`, await poolGuest("v3"));
    try {
      await pool.reload(file);
    } finally {
      rmSync(file, { force: true });
    }
    expect(text(await pool.invoke("version"))).toBe("v3");
  });
});
