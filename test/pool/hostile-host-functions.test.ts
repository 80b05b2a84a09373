/**
 * Issue 17, item 2: host functions that throw (or reject with, or return) values `String()` cannot convert. Every
 * mode must turn them into a `GuestError` carrying a safe description, and nothing may escape as an unhandled
 * rejection (which would end a real process).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createPool, GuestError, instantiate, type Pool } from "@widl-bindgen/host";
import { poolGuest } from "./fixtures/guests.js";

const trapEverything = new Proxy(
  {},
  new Proxy({}, {
    get() {
      return () => {
        throw new Error("trapped");
      };
    },
  }),
);

/** Each odd value with the description a guest receives for it. */
const oddValues: readonly { readonly name: string; readonly value: () => unknown; readonly description: string }[] = [
  {
    name: "Object.create(null)",
    value: () => Object.create(null),
    description: "[object Object] (a thrown object that cannot be converted to a string)",
  },
  {
    name: "an object whose toString throws",
    value: () => ({
      toString() {
        throw new Error("no");
      },
    }),
    description: "[object Object] (a thrown object that cannot be converted to a string)",
  },
  { name: "a Symbol", value: () => Symbol("odd"), description: "Symbol(odd)" },
  {
    name: "a Proxy that throws on every trap",
    value: () => trapEverything,
    description: "a thrown object that cannot be converted to a string",
  },
];

const bytes = (s: string) => new TextEncoder().encode(s);
const unhandled: unknown[] = [];
const record = (reason: unknown) => unhandled.push(reason);
beforeAll(() => process.on("unhandledRejection", record));
afterEach(() => expect(unhandled).toEqual([]));
afterAll(() => process.off("unhandledRejection", record));

let guest: Uint8Array;
const pools: Pool[] = [];
beforeAll(async () => {
  guest = await poolGuest();
});
afterAll(() => Promise.all(pools.map((p) => p.close())));

function expectGuestError(error: unknown, description: string): void {
  expect(error).toBeInstanceOf(GuestError);
  expect((error as GuestError).operation).toBe("hostcall");
  expect((error as GuestError).guestMessage).toContain(description);
}

describe("host functions that throw odd values", () => {
  for (const odd of oddValues) {
    it(`in-process invokeSync and invoke: ${odd.name} → GuestError`, async () => {
      const host = await instantiate(guest, () => {
        throw odd.value();
      });
      let syncError: unknown;
      try {
        host.invokeSync("hostcall", bytes("op"));
      } catch (error) {
        syncError = error;
      }
      expectGuestError(syncError, odd.description);
      expectGuestError(await host.invoke("hostcall", bytes("op")).catch((e: unknown) => e), odd.description);
      // The guest is still usable.
      expect([...(host.invokeSync("echo", new Uint8Array([7])))]).toEqual([7]);
    });
  }

  it("pooled, thrown by a synchronous host function or rejected by an async one → GuestError, pool still serving", async () => {
    let odd = oddValues[0]!;
    const sync = await createPool(guest, {
      size: 1,
      hostCall: () => {
        throw odd.value();
      },
    });
    const async = await createPool(guest, { size: 1, hostCall: () => Promise.reject(odd.value()) });
    pools.push(sync, async);
    for (odd of oddValues) {
      expectGuestError(await sync.invoke("hostcall", bytes("op")).catch((e: unknown) => e), odd.description);
      expectGuestError(await async.invoke("hostcall", bytes("op")).catch((e: unknown) => e), odd.description);
    }
    expect([...(await async.invoke("echo", new Uint8Array([9])))]).toEqual([9]);
    expect(async.stats()).toMatchObject({ workers: 1, restarts: 0 });
  });

  it("pooled, a hostile Proxy returned or resolved instead of bytes → GuestError (reading its `then` throws)", async () => {
    let resolve = false;
    const pool = await createPool(guest, {
      size: 1,
      hostCall: () => (resolve ? Promise.resolve(trapEverything as Uint8Array) : (trapEverything as Uint8Array)),
    });
    pools.push(pool);
    expectGuestError(await pool.invoke("hostcall", bytes("op")).catch((e: unknown) => e), "Error: trapped");
    resolve = true;
    expectGuestError(await pool.invoke("hostcall", bytes("op")).catch((e: unknown) => e), "Error: trapped");
  });
});
