import { afterAll, describe, expect, it } from "vitest";
import {
  createPool,
  GuestInitTimeoutError,
  GuestTrapError,
  HostOptionError,
  type Pool,
} from "@widl-bindgen/host";
import { buildWat, poolGuest } from "./fixtures/guests.js";

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const pools: Pool[] = [];
afterAll(() => Promise.all(pools.map((p) => p.close())));

/** hostile-init.wat with its initializer exported as `name`; `trap` makes it trap instead of looping. */
function hostile(name: string, trap = false): Promise<Uint8Array> {
  return buildWat("hostile-init.wat", (wat) => {
    const named = wat.replace('(export "INIT")', `(export "${name}")`);
    return trap ? named.replace("(loop $forever (br $forever))", "unreachable") : named;
  });
}

/** Settles to "pending" if `promise` has not settled by the time every callback queued so far has run. */
async function stateOf(promise: Promise<unknown>): Promise<"pending" | "settled"> {
  const pending = Symbol("pending");
  const first = await Promise.race([promise.then(() => undefined, () => undefined), new Promise((r) => setImmediate(() => r(pending)))]);
  return first === pending ? "pending" : "settled";
}

describe("issue 17, item 1: an initializer that never returns", () => {
  for (const name of ["_start", "_initialize", "wapc_init"]) {
    it(`createPool rejects with GuestInitTimeoutError when ${name} loops (bounded by timeoutMs)`, async () => {
      const error = await createPool(await hostile(name), { size: 1, timeoutMs: 300 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GuestInitTimeoutError);
      expect((error as GuestInitTimeoutError).operation).toBe(name);
      expect((error as GuestInitTimeoutError).timeoutMs).toBe(300);
      expect((error as Error).message).toBe(
        `the guest's initializer (${name}) did not finish within 300 ms (initTimeoutMs); its worker was terminated`,
      );
    });
  }

  it("rejects with GuestInitTimeoutError naming the initializer on the interpreter engine too", async () => {
    const error = await createPool(await hostile("_initialize"), { size: 1, timeoutMs: 300, engine: "interpreter" }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(GuestInitTimeoutError);
    expect((error as GuestInitTimeoutError).operation).toBe("_initialize");
  });

  it("createPool rejects with GuestInitTimeoutError when the module's start section loops (it runs inside instantiation)", async () => {
    const startLoops = await buildWat("hostile-init.wat", (wat) =>
      // The start section's function, minus the host call: the guest's memory is not attached until instantiation ends.
      wat.replace(/\(func \(export "INIT"\)\n\s*\(drop[^\n]*\n/, "(start $init)\n  (func $init\n"),
    );
    const error = await createPool(startLoops, { size: 1, timeoutMs: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GuestInitTimeoutError);
    expect((error as Error).message).toBe("the guest's instantiation did not finish within 300 ms (initTimeoutMs); its worker was terminated");
  });

  it("does not count the host's time: a module with neither a start section nor initializers loads under any initTimeoutMs", async () => {
    // Instantiating a module in a fresh worker thread is the engine's work, not the guest's; on a loaded machine it
    // can outlast a tight call budget. No guest code runs in this load, so even 1 ms cannot fail it.
    const pool = await createPool(await poolGuest("v1"), { size: 2, timeoutMs: 1 });
    pools.push(pool);
    await pool.reload(await poolGuest("v2"));
    expect(pool.stats()).toMatchObject({ generation: 2, workers: 2, timeouts: 0, restarts: 0 });
  });

  it("initTimeoutMs bounds the initializers on its own, with no per-call timeout", async () => {
    const error = await createPool(await hostile("wapc_init"), { size: 2, initTimeoutMs: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GuestInitTimeoutError);
    expect((error as GuestInitTimeoutError).timeoutMs).toBe(300);
    await expect(createPool(await poolGuest(), { initTimeoutMs: -1 })).rejects.toBeInstanceOf(HostOptionError);
  });

  it("calls made while a reload's new module sits in its initializer are answered by the old module at once", async () => {
    // The new module's wapc_init calls the host, which holds it there until the test opens the gate, then traps.
    // While it is held, calls must be answered by the old module: the reload cannot have settled yet.
    let initializing: () => void = () => {};
    const initStarted = new Promise<void>((resolve) => (initializing = resolve));
    let openGate: () => void = () => {};
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    const pool = await createPool(await poolGuest("v1"), {
      size: 1,
      hostCall: async (binding) => {
        if (binding === "init") {
          initializing();
          await gate;
        }
        return new Uint8Array(0);
      },
    });
    pools.push(pool);
    const reloading = pool.reload(await hostile("wapc_init", true));
    const rejected = reloading.catch((e: unknown) => e);
    await initStarted;
    const during = await Promise.all(Array.from({ length: 20 }, () => pool.invoke("version").then(text)));
    expect(new Set(during)).toEqual(new Set(["v1"]));
    expect(await stateOf(reloading)).toBe("pending");
    openGate();
    expect(await rejected).toBeInstanceOf(GuestTrapError);
    expect(text(await pool.invoke("version"))).toBe("v1");
    expect(pool.stats()).toMatchObject({ generation: 1, generationsLoaded: 1, workers: 1, failed: 0 });
  });

  it("a reload to a looping module rejects with GuestInitTimeoutError, and later reloads neither hang nor queue forever", async () => {
    const pool = await createPool(await poolGuest("v1"), { size: 1, timeoutMs: 300 });
    pools.push(pool);
    const error = await pool.reload(await hostile("wapc_init")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GuestInitTimeoutError);
    expect((error as GuestInitTimeoutError).operation).toBe("wapc_init");
    expect(text(await pool.invoke("version"))).toBe("v1");
    // A second bad reload does not queue behind the first forever, and a good one after both goes through.
    await expect(pool.reload(await hostile("_start"))).rejects.toBeInstanceOf(GuestInitTimeoutError);
    await pool.reload(await poolGuest("v2"));
    expect(text(await pool.invoke("version"))).toBe("v2");
    expect(pool.stats()).toMatchObject({ generation: 2, generationsLoaded: 1, workers: 1 });
  });

  it("a reload to a module whose initializer traps rejects with GuestTrapError and never reaches the serving workers", async () => {
    const pool = await createPool(await poolGuest("v1"), { size: 2 });
    pools.push(pool);
    const error = await pool.reload(await hostile("wapc_init", true)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GuestTrapError);
    expect((error as GuestTrapError).operation).toBe("wapc_init");
    expect(text(await pool.invoke("version"))).toBe("v1");
    expect(pool.stats()).toMatchObject({ generation: 1, restarts: 0, workers: 2 });
  });
});
