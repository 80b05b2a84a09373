/**
 * A module exporting both ABIs in a pool (test/host-runtime/fixtures/both-abis.wat, a counter): the direct adapter
 * runs `call` (direct) and `pool.invoke` (waPC) on one instance per worker, so a direct call changes state a waPC
 * call then sees, and the module's initializers run once per worker.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPool, GuestTrapError, type Pool } from "@widl-bindgen/host";
import { DirectAsyncGuest } from "../../host-runtime/direct/index.js";
import { wire } from "../../host-runtime/wire/index.js";
import { compileWat } from "../host-runtime/guests.js";

const pools: Pool[] = [];
afterAll(() => Promise.all(pools.map((p) => p.close())));

let both: Uint8Array;
beforeAll(async () => {
  both = await compileWat("both-abis");
});

const empty = new Uint8Array(0);
const u32 = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
const add = (g: DirectAsyncGuest, n: number) => g.call("add", wire.u32, (l) => [l.passInt(n, wire.u32, "n")]);

async function open() {
  const logged: string[] = [];
  const pool = await createPool(both, { size: 1, logger: (m) => logged.push(m) });
  pools.push(pool);
  return { pool, guest: new DirectAsyncGuest(pool), logged };
}

describe("a module exporting both ABIs in a pool", () => {
  it("runs direct calls and pool.invoke on one instance: shared state, initializers run once", async () => {
    const { pool, guest, logged } = await open();
    expect(await add(guest, 5)).toBe(5);
    expect(await add(guest, 2)).toBe(7);
    expect(u32(await pool.invoke("get", empty))).toBe(7);
    expect(u32(await pool.invoke("inits", empty))).toBe(1);
    expect(logged).toEqual(["init"]);
  });

  it("re-creates the one instance for both protocols after a trap in either", async () => {
    const { pool, guest } = await open();
    await add(guest, 3);
    await expect(pool.invoke("boom", empty)).rejects.toBeInstanceOf(GuestTrapError);
    expect(await add(guest, 1)).toBe(1);
    await expect(guest.call("trap", "void", () => [])).rejects.toBeInstanceOf(GuestTrapError);
    expect(u32(await pool.invoke("get", empty))).toBe(0);
  });
});
