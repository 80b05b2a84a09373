/**
 * The pool over direct-ABI modules (docs/abi.md, "direct"): ABI selection (`abi: auto | wapc | direct`), R3 (a
 * runaway guest times out and is replaced) and traps, through `DirectAsyncGuest` as the generated clients use it.
 */
import { readFileSync } from "node:fs";
import { encode, decode } from "@msgpack/msgpack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPool, GuestError, GuestProtocolError, GuestTimeoutError, GuestTrapError, HostOptionError, type Pool } from "@widl-bindgen/host";
import { DirectAsyncGuest } from "../../host-runtime/direct/index.js";
import { wire } from "../../host-runtime/wire/index.js";
import { buildGuest, fixture } from "../assemblyscript/build.js";
import { ENGINES } from "../engines.js";
import { buildWat, poolGuest } from "./fixtures/guests.js";

const pools: Pool[] = [];
afterAll(() => Promise.all(pools.map((p) => p.close())));

async function open(source: Uint8Array, options: Parameters<typeof createPool>[1] = {}): Promise<Pool> {
  const pool = await createPool(source, options);
  pools.push(pool);
  return pool;
}

let direct: Uint8Array;
beforeAll(async () => {
  direct = await buildWat("direct-guest.wat");
});

const echo = (g: DirectAsyncGuest, s: string) => g.call("echo", wire.string, (l) => [l.passString(s, "value")]);

describe("choosing the ABI", () => {
  it("runs a direct-only module under auto, and refuses waPC calls on it with a clear error", async () => {
    const pool = await open(direct, { size: 1 });
    expect(await echo(new DirectAsyncGuest(pool), "héllo")).toBe("héllo");
    await expect(pool.invoke("echo", new Uint8Array([1]))).rejects.toThrow(/no waPC invoke/);
  });

  it("refuses an ABI the module does not speak, and an unknown ABI name", async () => {
    await expect(createPool(direct, { abi: "wapc" })).rejects.toBeInstanceOf(GuestProtocolError);
    await expect(createPool(await poolGuest(), { abi: "direct" })).rejects.toThrow(/speaks only waPC/);
    await expect(createPool(direct, { abi: "fast" as never })).rejects.toBeInstanceOf(HostOptionError);
  });

  it("runs a module with both ABIs as direct under auto, and still serves pool.invoke through waPC", async () => {
    const build = await buildGuest({
      name: "pool-direct-both",
      schemaFile: fixture("all-types/schema.widl"),
      entrySource: readFileSync(fixture("all-types/as/index.ts"), "utf8"),
      abi: "both",
    });
    const pool = await open(build.wasm, { size: 1 });
    const guest = new DirectAsyncGuest(pool);
    expect(await guest.call("echo_string", wire.string, (g) => [g.passString("direct 🎉", "value")])).toBe("direct 🎉");
    expect(decode(await pool.invoke("echo_string", encode("waPC 🎉")))).toBe("waPC 🎉");
    // Asked for waPC, the module runs on the waPC adapter, which has no direct calls.
    const wapc = await open(build.wasm, { size: 1, abi: "wapc" });
    await expect(echo(new DirectAsyncGuest(wapc), "x")).rejects.toThrow(/waPC adapter has no function "echo"/);
  });
});

describe.each(ENGINES)("R3 for a direct-ABI guest on %s: a call that loops forever", (engine) => {
  it("rejects within 250 ms with timeoutMs 100, keeps the host's timers running, and serves the next call", async () => {
    const pool = await open(direct, { size: 1, timeoutMs: 100, engine });
    const guest = new DirectAsyncGuest(pool);
    let ticks = 0;
    const interval = setInterval(() => ticks++, 10);
    const started = performance.now();
    const error = await guest.call("loop", wire.string, () => []).catch((e: unknown) => e);
    const elapsed = performance.now() - started;
    clearInterval(interval);

    expect(error).toBeInstanceOf(GuestTimeoutError);
    expect((error as GuestTimeoutError).operation).toBe("loop");
    expect(elapsed).toBeGreaterThanOrEqual(95);
    expect(elapsed).toBeLessThan(250);
    expect(ticks).toBeGreaterThanOrEqual(5);
    expect(await echo(guest, "after the timeout")).toBe("after the timeout");
    expect(pool.stats()).toMatchObject({ timeouts: 1, restarts: 1, workers: 1 });
  });
});

describe("traps and errors of a direct-ABI guest in a pool", () => {
  it("answers every good call of 200 and passes each trap to its caller as GuestTrapError", async () => {
    const pool = await open(direct, { size: 2 });
    const guest = new DirectAsyncGuest(pool);
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => guest.call("trap", wire.u8, (g) => [g.passInt(i % 256, wire.u8, "value")]).catch((e: unknown) => e)),
    );
    results.forEach((result, i) => {
      if (i % 2 === 0) expect(result).toBe(i % 256);
      else {
        expect(result).toBeInstanceOf(GuestTrapError);
        expect((result as GuestTrapError).operation).toBe("trap");
      }
    });
    const failed = await guest.call("fail", wire.string, () => []).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(GuestError);
    expect((failed as GuestError).guestMessage).toBe("direct boom");
  });
});
