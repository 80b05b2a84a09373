/**
 * Issue 17, item 3: a host function calling back into the guest that called it. In-process the instance is busy;
 * in a pool the calling guest holds its worker, so with one worker the inner call could only wait for itself
 * (until the timeout, or forever without one). Every mode refuses it at once with `ReentrantCallError`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPool, instantiate, ReentrantCallError, type Pool } from "@widl-bindgen/host";
import { poolGuest } from "./fixtures/guests.js";

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);
let guest: Uint8Array;
const pools: Pool[] = [];
beforeAll(async () => {
  guest = await poolGuest();
});
afterAll(() => Promise.all(pools.map((p) => p.close())));

/** Runs `inner` and answers the guest with the name of what it threw (or "ok"). */
async function outcome(inner: () => Promise<unknown>): Promise<Uint8Array> {
  try {
    await inner();
    return bytes("ok");
  } catch (error) {
    return bytes(`${(error as Error).name}: ${(error as Error).message}`);
  }
}

describe("re-entry from a host function", () => {
  it("in-process: invokeSync and invoke from the guest's own host function are refused", async () => {
    const host = await instantiate(guest, (_binding, _namespace, operation) => {
      if (operation === "sync") return bytes(String((() => { try { host.invokeSync("echo", bytes("x")); return "ok"; } catch (e) { return (e as Error).name; } })()));
      let name = "ok";
      void host.invoke("echo", bytes("x")).catch((e: unknown) => (name = (e as Error).name));
      return bytes(name);
    });
    expect(text(host.invokeSync("hostcall", bytes("sync")))).toBe("ReentrantCallError");
    // `invoke` runs the guest synchronously too, so it is refused before the host function returns.
    expect(text(await host.invoke("hostcall", bytes("async")))).toBe("ok");
  });

  it("a size-1 pool: invoke from a synchronous or an async host function is refused at once", async () => {
    let pool!: Pool;
    pool = await createPool(guest, {
      size: 1,
      hostCall: async (_binding, _namespace, operation) => {
        if (operation === "sync") return outcome(() => pool.invoke("echo", bytes("x")));
        await new Promise((resolve) => setImmediate(resolve));
        return outcome(() => pool.call("echo", []));
      },
    });
    pools.push(pool);
    const refused = /^ReentrantCallError: "echo" was called on the pool from inside one of its own host functions/;
    expect(text(await pool.invoke("hostcall", bytes("sync")))).toMatch(refused);
    expect(text(await pool.invoke("hostcall", bytes("async")))).toMatch(refused);
    expect(text(await pool.invoke("echo", bytes("after")))).toBe("after");
  });

  it("work a host function leaves running after it settled may still use its pool", async () => {
    let later: Promise<Uint8Array> | undefined;
    const pool: Pool = await createPool(guest, {
      size: 1,
      hostCall: () => {
        later = new Promise((resolve) => setTimeout(resolve, 0)).then(() => pool.invoke("echo", bytes("later")));
        return bytes("left");
      },
    });
    pools.push(pool);
    expect(text(await pool.invoke("hostcall", bytes("leave")))).toBe("left");
    expect(text(await later!)).toBe("later");
  });
});
