import { afterAll, describe, expect, it } from "vitest";
import { createPool, MemoryLimitError, type Pool } from "@widl-bindgen/host";
import { buildWat, poolGuest } from "./fixtures/guests.js";
import { ENGINES } from "../engines.js";

const MiB = 1024 * 1024;
const pools: Pool[] = [];
afterAll(() => Promise.all(pools.map((p) => p.close())));

describe.each(ENGINES)("on %s", (engine) => {
  describe("R4: a guest that grows memory without end", () => {
    it("fails cleanly at a 16 MiB cap while the host's RSS stays bounded", async () => {
      const pool = await createPool(await poolGuest(), { size: 1, maxMemoryBytes: 16 * MiB, engine });
      pools.push(pool);
      const baseline = process.memoryUsage().rss;
      let peak = baseline;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
      try {
        // The interpreter copies memory into a new buffer on each grow, so a call costs it seconds: two show the repeat.
        for (let i = 0; i < (engine === "v8" ? 5 : 2); i++) {
          const error = await pool.invoke("grow").catch((e: unknown) => e);
          expect(error).toBeInstanceOf(MemoryLimitError);
          const limit = error as MemoryLimitError;
          expect(limit.operation).toBe("grow");
          expect(limit.maxMemoryBytes).toBe(16 * MiB);
          expect(limit.memoryBytes).toBe(16 * MiB);
          expect(limit.message).toMatch(/"grow" ran out of memory.*capped at 16777216 bytes.*memory\.grow failed/);
          peak = Math.max(peak, process.memoryUsage().rss);
        }
      } finally {
        clearInterval(sampler);
      }
      // The guest declares a 256 MiB maximum and touches every page it gets: without the cap a single call would
      // add about 256 MiB. With it, each call holds at most 16 MiB (plus an instance being re-created).
      const growth = (peak - baseline) / MiB;
      // The interpreter grows memory into a new ArrayBuffer each time (the old ones wait for the GC), so its peak
      // is higher; still far below the 256 MiB one uncapped call would take.
      const bound = engine === "v8" ? 96 : 160;
      expect(growth, `RSS baseline ${(baseline / MiB).toFixed(0)} MiB, peak +${growth.toFixed(1)} MiB`).toBeLessThan(bound);
      expect([...(await pool.invoke("echo", new Uint8Array([5])))]).toEqual([5]);
    });

    it("reports MemoryLimitError, not a bare trap, for a guest that grows 16 pages at a time and traps silently", async () => {
      // From 3 pages in steps of 16 the guest stops at 243 of the 256 pages the cap allows: 13 pages short.
      const bytes = await buildWat("pool-guest.wat", (text) => {
        const edited = text
          .replace("(local.set $page (memory.grow (i32.const 1)))", "(local.set $page (memory.grow (i32.const 16)))")
          .replace("(call $guest_error (i32.const 430) (i32.const 18))\n              (unreachable)", "(unreachable)");
        expect(edited).toContain("(memory.grow (i32.const 16))");
        expect(edited).not.toContain("(call $guest_error (i32.const 430)");
        return edited;
      });
      const pool = await createPool(bytes, { size: 1, maxMemoryBytes: 16 * MiB, engine });
      pools.push(pool);
      const error = await pool.invoke("grow").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MemoryLimitError);
      expect((error as MemoryLimitError).memoryBytes).toBe(243 * 65536);
      expect((error as Error).message).toMatch(/"grow" ran out of memory: .*capped at 16777216 bytes.*the guest said: .*unreachable/);
      expect((error as Error).message).not.toContain("memory.grow failed");
    });

    it("refuses a module whose initial memory is above the cap", async () => {
      const bytes = await buildWat("pool-guest.wat", (text) => text.replace("(memory (export \"memory\") 3 4096)", "(memory (export \"memory\") 300)"));
      const error = await createPool(bytes, { size: 1, maxMemoryBytes: 16 * MiB, engine }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MemoryLimitError);
      expect((error as Error).message).toMatch(/starts at 19660800 bytes \(300 pages\), above maxMemoryBytes \(16777216 bytes\)/);
    });
  });
});
