// The interpreter behind the host API (`engine: "interpreter"`): what only it gives (suspension on an async host
// function, in-process timeouts that leave the event loop running, fuel) and how the host maps its failures.
import { decode, encode } from "@msgpack/msgpack";
import { beforeAll, describe, expect, it } from "vitest";
import {
  AsyncHostCallError,
  GuestError,
  GuestFuelExhaustedError,
  GuestTimeoutError,
  GuestTrapError,
  HostOptionError,
  load,
} from "@widl-bindgen/host";
import { FuelExhaustedError, interpreter, isInterpreterInstance } from "@widl-bindgen/host/interpreter";
import { compileWat, wapcHostFixture } from "./guests.js";

const callback = { namespace: "myNamespace", binding: "myBinding", operation: "myOperation", msg: "this is the payload" };
const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const upper = (payload: Uint8Array) => encode((decode(payload) as string).toUpperCase());

let spin: Uint8Array;
let trap: Uint8Array;
beforeAll(async () => {
  spin = await compileWat("spin");
  trap = await compileWat("trap");
});

describe('load(…, { engine: "interpreter" })', () => {
  it("runs the guest on the interpreter, never on V8", async () => {
    const host = await load(wapcHostFixture("rust_echo_string"), { engine: "interpreter" });
    expect(isInterpreterInstance(host.instance)).toBe(true);
    expect(host.module).toBeInstanceOf(interpreter.Module);
    expect(decode(host.invokeSync("echo", encode({ msg: "sync" })))).toBe("sync");
    expect(decode(await host.invoke("echo", encode({ msg: "async" })))).toBe("async");
  });

  it("lets a host function return a Promise: the guest waits for it in-process, with no worker", async () => {
    const order: string[] = [];
    const host = await load(wapcHostFixture("rust_host_call"), {
      engine: "interpreter",
      hostCall: async (_binding, _namespace, _operation, payload) => {
        order.push("host call starts");
        await later(5);
        order.push("host call answers");
        return upper(payload);
      },
    });
    const pending = host.invoke("callback", encode(callback));
    order.push("invoke returned");
    expect(decode(await pending)).toBe("THIS IS THE PAYLOAD");
    expect(order).toEqual(["invoke returned", "host call starts", "host call answers"]);
  });

  it("runs concurrent invokes on one guest one after another while they suspend", async () => {
    let inFlight = 0;
    let most = 0;
    const host = await load(wapcHostFixture("rust_host_call"), {
      engine: "interpreter",
      hostCall: async (_b, _n, _o, payload) => {
        most = Math.max(most, ++inFlight);
        await later(1);
        inFlight--;
        return upper(payload);
      },
    });
    const answers = await Promise.all(
      ["a", "b", "c"].map((msg) => host.invoke("callback", encode({ ...callback, msg }))),
    );
    expect(answers.map((a) => decode(a))).toEqual(["A", "B", "C"]);
    expect(most).toBe(1);
  });

  it("sends the guest an error, and the caller an AsyncHostCallError, when a Promise cannot be waited for", async () => {
    const hostCall = async (_b: string, _n: string, _o: string, payload: Uint8Array) => upper(payload);
    for (const engine of ["v8", "interpreter"] as const) {
      const host = await load(wapcHostFixture("rust_host_call"), { engine, hostCall });
      const error = (() => {
        try {
          return host.invokeSync("callback", encode(callback));
        } catch (e) {
          return e;
        }
      })();
      // The root cause, not the guest's rewording of it: the host function answered with a Promise.
      expect(error).toBeInstanceOf(AsyncHostCallError);
      expect(error).toMatchObject({ binding: "myBinding", namespace: "myNamespace", hostOperation: "myOperation", operation: "callback" });
      expect((error as AsyncHostCallError).guestMessage).toMatch(/returned a Promise, but this call cannot wait for it/);
    }
  });

  it("stops an infinite loop after timeoutMs in-process while a main-thread timer keeps firing, then recovers", async () => {
    const host = await load(spin, { engine: "interpreter", timeoutMs: 500 });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    let ticksWhenStopped = 0;
    try {
      const error = await host.invoke("spin", new Uint8Array(0)).catch((e: unknown) => ((ticksWhenStopped = ticks), e));
      expect(error).toBeInstanceOf(GuestTimeoutError);
      expect((error as GuestTimeoutError).operation).toBe("spin");
      expect((error as GuestTimeoutError).timeoutMs).toBe(500);
      expect((error as Error).message).toMatch(/timed out after 500 ms; the guest was stopped in-process/);
    } finally {
      clearInterval(timer);
    }
    // Had the guest held the thread, no timer could have run before its call ended.
    expect(ticksWhenStopped).toBeGreaterThan(0);
    // The abandoned instance was replaced: the call counter starts again.
    expect([...(await host.invoke("count", Uint8Array.of(3)))]).toEqual([6, 1]);
  });

  it("meters each call with `fuel`: the same call spends the same units, a runaway one fails typed and the guest recovers", async () => {
    const host = await load(spin, { engine: "interpreter", fuel: 10_000 });
    const spent = (n: number) => {
      host.invokeSync("count", Uint8Array.of(n));
      return 10_000 - (host.instance as unknown as { fuel: number }).fuel;
    };
    expect(spent(20)).toBe(spent(20));
    expect(spent(40)).toBeGreaterThan(spent(20));
    for (const call of [() => host.invokeSync("spin", new Uint8Array(0)), () => host.invoke("spin", new Uint8Array(0))]) {
      const error = await (async () => call())().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GuestFuelExhaustedError);
      expect((error as GuestFuelExhaustedError).fuel).toBe(10_000);
      expect((error as GuestFuelExhaustedError).operation).toBe("spin");
      expect((error as Error).cause).toBeInstanceOf(FuelExhaustedError);
      // Each call has the whole budget again, on a fresh instance.
      expect([...host.invokeSync("count", Uint8Array.of(3))]).toEqual([6, 1]);
    }
  });

  it("maps traps and deep recursion to GuestTrapError, as on V8", async () => {
    for (const engine of ["v8", "interpreter"] as const) {
      const host = await load(trap, { engine });
      await expect(host.invoke("trap", new Uint8Array(0))).rejects.toThrow(GuestTrapError);
      await expect(host.invoke("recurse", new Uint8Array(0))).rejects.toThrow(GuestTrapError);
      const lastWords = await host.invoke("last-words", new Uint8Array(0)).catch((e: unknown) => e);
      expect((lastWords as GuestTrapError).guestMessage).toBe("last words before the trap");
      expect([...(await host.invoke("count", new Uint8Array(0)))]).toEqual([1]);
    }
  });

  it.each([
    [{ fuel: 100 }, "fuel", /needs engine: "interpreter"/],
    [{ timeoutMs: 100 }, "timeoutMs", /needs engine: "interpreter"/],
    [{ engine: "interpreter", fuel: -1 }, "fuel", /expected a whole number, at least 0, got -1/],
    [{ engine: "interpreter", timeoutMs: 0 }, "timeoutMs", /expected a whole number, at least 1, got 0/],
    [{ engine: "wasm3" }, "engine", /expected "v8", "interpreter" or an object shaped like WebAssembly/],
  ])("rejects %j with HostOptionError naming %s", async (options, option, message) => {
    const error = await load(spin, options as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostOptionError);
    expect((error as HostOptionError).option).toBe(option);
    expect((error as Error).message).toMatch(message);
  });
});
