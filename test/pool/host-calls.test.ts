import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPool, GuestError, PoolOverloadedError, type Pool } from "@widl-bindgen/host";
import { poolGuest } from "./fixtures/guests.js";
import { ENGINES } from "../engines.js";

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const utf8 = (s: string) => new TextEncoder().encode(s);

let server: Server;
let base: string;
const pools: Pool[] = [];
beforeAll(async () => {
  server = createServer((request, response) => {
    // Answers after a delay, so the handler really waits on I/O while the guest is blocked in its worker.
    setTimeout(() => response.end(`fetched ${request.url}`), 5);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
  await new Promise((resolve) => server.close(resolve));
});

describe.each(ENGINES)("on %s", (engine) => {
  describe("async host handlers", () => {
    it("answers a guest's host call from a handler that awaits a timer and a fetch to 127.0.0.1", async () => {
      const seen: string[] = [];
      const pool = await createPool(await poolGuest(), {
        size: 2,
        engine,
        hostCall: async (binding, namespace, operation, payload) => {
          seen.push(`${binding}/${namespace}/${operation}`);
          await sleep(10);
          const response = await fetch(`${base}/${operation}?payload=${text(payload)}`);
          return utf8(await response.text());
        },
      });
      pools.push(pool);
      expect(text(await pool.invoke("hostcall", utf8("hello")))).toBe("fetched /hello?payload=hello");
      expect(seen).toEqual(["default/pool/hello"]);

      // Several at once: each worker blocks on its own host call while the main thread serves them all.
      const names = Array.from({ length: 20 }, (_, i) => `op${i}`);
      const answers = await Promise.all(names.map((name) => pool.invoke("hostcall", utf8(name))));
      expect(answers.map(text)).toEqual(names.map((name) => `fetched /${name}?payload=${name}`));
    });

    it("sends a handler's error (thrown or rejected) back to the guest as an error", async () => {
      const pool = await createPool(await poolGuest(), {
        size: 1,
        engine,
        hostCall: {
          default: {
            pool: {
              rejects: async () => {
                await sleep(5);
                throw new Error("the database is down");
              },
              throws: () => {
                throw new RangeError("bad key");
              },
              ok: async (payload) => payload,
              // A Buffer from Node's pool is a view into a shared 8 KiB slab; only the view may be sent.
              slab: () => Buffer.from("from a slab"),
              notBytes: () => "a string" as unknown as Uint8Array,
            },
          },
        },
      });
      pools.push(pool);
      // The guest relays the host error through __guest_error, so the caller sees the handler's words.
      const rejected = await pool.invoke("hostcall", utf8("rejects")).catch((e: unknown) => e);
      expect(rejected).toBeInstanceOf(GuestError);
      expect((rejected as GuestError).message).toBe("Error: the database is down");
      expect((rejected as GuestError).operation).toBe("hostcall");
      // The handler's own error class survives both thread crossings as the cause.
      expect((rejected as GuestError).cause).toBeInstanceOf(Error);
      const thrown = await pool.invoke("hostcall", utf8("throws")).catch((e: unknown) => e);
      expect((thrown as GuestError).message).toBe("RangeError: bad key");
      expect((thrown as GuestError).cause).toBeInstanceOf(RangeError);
      const missing = await pool.invoke("hostcall", utf8("nope")).catch((e: unknown) => e);
      expect((missing as Error).message).toMatch(/Host call not implemented.*operation = 'nope'/);
      expect(text(await pool.invoke("hostcall", utf8("ok")))).toBe("ok");
      expect(text(await pool.invoke("hostcall", utf8("slab")))).toBe("from a slab");
      const notBytes = await pool.invoke("hostcall", utf8("notBytes")).catch((e: unknown) => e);
      expect((notBytes as GuestError).message).toBe("TypeError: a host call handler must return a Uint8Array, got string");
    });
  });
});

describe("queueLimit", () => {
  it("rejects calls beyond the limit with PoolOverloadedError and runs the rest", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const pool = await createPool(await poolGuest(), {
      size: 1,
      queueLimit: 5,
      hostCall: async (_b, _n, _o, payload) => {
        await gate;
        return payload;
      },
    });
    pools.push(pool);
    const accepted: Promise<Uint8Array>[] = [];
    // The worker holds the blocked call and seven more sent ahead (the pool's pipeline depth, 8); five more wait in
    // the queue.
    for (let i = 0; i < 13; i++) accepted.push(pool.invoke("hostcall", utf8(`x${i}`)));
    const overloaded = await pool.invoke("hostcall", utf8("one too many")).catch((e: unknown) => e);
    expect(overloaded).toBeInstanceOf(PoolOverloadedError);
    expect((overloaded as PoolOverloadedError).operation).toBe("hostcall");
    expect((overloaded as Error).message).toMatch(/pool overloaded: 5 calls are already waiting/);
    expect(pool.stats()).toMatchObject({ queued: 5, inFlight: 13 });
    release();
    expect((await Promise.all(accepted)).map(text)).toEqual(Array.from({ length: 13 }, (_, i) => `x${i}`));
  });
});
