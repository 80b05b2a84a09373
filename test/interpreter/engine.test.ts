/**
 * The interpreter's own features beyond the JS API: fuel, the explicit stack's limit, suspension on a host
 * Promise, and in-process timeouts that leave the event loop free.
 */
import { describe, expect, it } from "vitest";
import {
  FuelExhaustedError,
  type Instance,
  InterruptedError,
  interpreter,
  StackExhaustedError,
  SuspensionError,
} from "../../host-runtime/interpreter/index.js";
import { wat } from "./wat.js";

type Fn = (...args: unknown[]) => unknown;

const counterSource = `(module
  (memory (export "memory") 1)
  (global $calls (mut i32) (i32.const 0))
  ;; sum of 0..n-1, counting calls in a global
  (func (export "sum") (param $n i32) (result i32) (local $i i32) (local $acc i32)
    (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $acc (i32.add (local.get $acc) (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (local.get $acc))
  (func (export "calls") (result i32) (global.get $calls))
  (func (export "spin") (loop $forever (br $forever)))
  (func $deep (export "deep") (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n)) (then (i32.const 0))
      (else (i32.add (i32.const 1) (call $deep (i32.sub (local.get $n) (i32.const 1)))))))
  (func $forever (export "recurse") (call $forever)))`;

async function counter(): Promise<{ instance: Instance; e: Record<string, Fn> }> {
  const { instance } = await interpreter.instantiate(await wat(counterSource));
  return { instance, e: instance.exports as Record<string, Fn> };
}

describe("fuel", () => {
  it("is unmetered by default and spends the same units for the same call on the same state", async () => {
    const { instance, e } = await counter();
    expect(instance.fuel).toBe(Number.POSITIVE_INFINITY);
    expect(e.sum!(100)).toBe(4950);
    expect(instance.fuel).toBe(Number.POSITIVE_INFINITY);
    instance.fuel = 1_000_000;
    e.sum!(100);
    const first = 1_000_000 - instance.fuel;
    e.sum!(100);
    const second = 1_000_000 - first - instance.fuel;
    expect(first).toBeGreaterThan(100);
    expect(second).toBe(first);
    // More iterations cost more: the loop body is charged on each turn.
    const before = instance.fuel;
    e.sum!(200);
    expect(before - instance.fuel).toBeGreaterThan(first);
  });

  it("stops an endless loop with FuelExhaustedError, and the instance runs again with more fuel", async () => {
    const { instance, e } = await counter();
    instance.fuel = 10_000;
    expect(() => e.spin!()).toThrow(FuelExhaustedError);
    expect(instance.fuel).toBeLessThan(10);
    expect(() => e.sum!(10)).toThrow(FuelExhaustedError);
    instance.fuel = 1_000;
    expect(e.sum!(10)).toBe(45);
    // A straight-line run is charged before it starts: the refused call never ran its first instruction.
    expect(e.calls!()).toBe(1);
    instance.fuel = Number.POSITIVE_INFINITY;
    expect(e.sum!(1000)).toBe(499500);
  });

  it("meters asynchronous calls the same way", async () => {
    const { instance } = await counter();
    instance.fuel = 1_000_000;
    await instance.callAsync("sum", [100], { sliceFuel: 7 });
    const asyncCost = 1_000_000 - instance.fuel;
    instance.fuel = 1_000_000;
    (instance.exports.sum as Fn)(100);
    expect(1_000_000 - instance.fuel).toBe(asyncCost);
    instance.fuel = 500;
    await expect(instance.callAsync("spin")).rejects.toThrow(FuelExhaustedError);
  });
});

describe("the explicit stack", () => {
  it("runs recursion far deeper than the JS stack would allow", async () => {
    const { e } = await counter();
    expect(e.deep!(60_000)).toBe(60_000);
  });

  it("ends runaway recursion with StackExhaustedError, and the instance stays usable", async () => {
    const { e } = await counter();
    expect(() => e.recurse!()).toThrow(StackExhaustedError);
    expect(() => e.recurse!()).toThrow(/call stack exhausted/);
    expect(e.deep!(10)).toBe(10);
  });
});

const asyncSource = `(module
  (import "host" "fetch" (func $fetch (param i32) (result i32)))
  (func (export "total") (param $n i32) (result i32) (local $acc i32)
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $acc (i32.add (local.get $acc) (call $fetch (local.get $n))))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))
    (local.get $acc))
  (func (export "spin") (loop $forever (br $forever))))`;

describe("suspension", () => {
  it("lets the guest await a host import that waits for a timer, in-process", async () => {
    const seen: number[] = [];
    const { instance } = await interpreter.instantiate(await wat(asyncSource), {
      host: {
        fetch: (n: number) =>
          new Promise<number>((resolve) =>
            setTimeout(() => {
              seen.push(n);
              resolve(n * 10);
            }, 5),
          ),
      },
    });
    await expect(instance.callAsync("total", [3])).resolves.toBe(60);
    expect(seen).toEqual([3, 2, 1]);
    // A synchronous call cannot wait: a typed error, and the instance is fine afterwards.
    expect(() => (instance.exports.total as Fn)(1)).toThrow(SuspensionError);
    await expect(instance.callAsync("total", [1])).resolves.toBe(10);
  });

  it("passes a rejected host Promise to the caller", async () => {
    const { instance } = await interpreter.instantiate(await wat(asyncSource), {
      host: { fetch: () => Promise.reject(new Error("backend down")) },
    });
    await expect(instance.callAsync("total", [2])).rejects.toThrow("backend down");
  });

  it("starts with a small slice, so a cold call hands the event loop back early, unless sliceFuel fixes the size", async () => {
    // About 50,000 units of work, then a mark in memory. The first slice runs before callAsync returns.
    const bytes = await wat(`(module (memory (export "memory") 1)
      (func (export "work") (param $n i32)
        (loop $next (br_if $next (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
        (i32.store8 (i32.const 0) (i32.const 1))))`);
    const { instance } = await interpreter.instantiate(bytes);
    const marked = (): number => new Uint8Array((instance.exports.memory as WebAssembly.Memory).buffer)[0]!;
    const adaptive = instance.callAsync("work", [10_000]);
    expect(marked()).toBe(0); // a fixed slice of 100,000 units finished it here, holding the event loop that long
    await adaptive;
    expect(marked()).toBe(1);
    new Uint8Array((instance.exports.memory as WebAssembly.Memory).buffer)[0] = 0;
    const fixed = instance.callAsync("work", [10_000], { sliceFuel: 1_000_000 });
    expect(marked()).toBe(1);
    await fixed;
  });

  it("stops an endless loop at its timeout while a timer on the main thread keeps firing", async () => {
    const { instance } = await interpreter.instantiate(await wat(asyncSource), { host: { fetch: () => 0 } });
    await expect(instance.callAsync("spin", [], { timeoutMs: 20 })).rejects.toThrow(InterruptedError);
    // The timer itself stops the guest: were the event loop blocked, it would never fire and the call never end.
    const controller = new AbortController();
    let ticks = 0;
    const timer = setInterval(() => {
      if (++ticks === 3) controller.abort(new Error("user cancelled"));
    }, 1);
    try {
      await expect(instance.callAsync("spin", [], { signal: controller.signal })).rejects.toThrow(/aborted/);
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThanOrEqual(3);
  });
});
