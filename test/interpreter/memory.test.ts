/**
 * Linear memory growth on the interpreter: in place (no copy of the memory per `memory.grow`, which made a guest
 * growing page by page quadratic), with the JS API's buffer semantics kept: after growth `memory.buffer` is a new
 * ArrayBuffer object over the same bytes and the old one is detached.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { interpreter } from "../../host-runtime/interpreter/index.js";
import { wat } from "./wat.js";

const PAGE = 65536;

/** `grow` adds one page `n` times, writing each new page's number into its last word; `check` finds a page that
 * does not hold its number (page 0 holds 0 from the start), or -1. */
const growSource = `(module (memory (export "memory") 1)
  (func (export "grow") (param $n i32) (result i32) (local $page i32)
    (loop $more
      (local.set $page (memory.grow (i32.const 1)))
      (i32.store (i32.sub (i32.mul (i32.add (local.get $page) (i32.const 1)) (i32.const ${PAGE})) (i32.const 4))
        (local.get $page))
      (br_if $more (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (memory.size))
  (func (export "check") (result i32) (local $page i32)
    (loop $next
      (if (i32.ne (i32.load (i32.sub (i32.mul (i32.add (local.get $page) (i32.const 1)) (i32.const ${PAGE})) (i32.const 4)))
            (local.get $page))
        (then (return (local.get $page))))
      (br_if $next (i32.lt_u (local.tee $page (i32.add (local.get $page) (i32.const 1))) (memory.size))))
    (i32.const -1)))`;

type Fn = (...args: unknown[]) => number;

describe("interpreter memory growth", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("grows page by page to 1,024 pages without copying the memory, keeping every byte", async () => {
    const { instance } = await interpreter.instantiate(await wat(growSource));
    const memory = instance.exports.memory as WebAssembly.Memory;
    new Uint8Array(memory.buffer)[0] = 0xab;
    // Each copy of the old memory into a new buffer is a Uint8Array#set of the whole memory: there must be none.
    const copies = vi.spyOn(Uint8Array.prototype, "set");
    expect((instance.exports.grow as Fn)(1023)).toBe(1024);
    expect(copies).not.toHaveBeenCalled();
    copies.mockRestore();
    expect(memory.buffer.byteLength).toBe(1024 * PAGE);
    expect(new Uint8Array(memory.buffer)[0]).toBe(0xab);
    expect((instance.exports.check as Fn)()).toBe(-1); // every page holds its number in its last word
    new DataView(memory.buffer).setInt32(501 * PAGE - 4, 0, true);
    expect((instance.exports.check as Fn)()).toBe(500);
  });

  it("detaches the old buffer and hands out a new one after growth, from the guest or from JS", async () => {
    const { instance } = await interpreter.instantiate(await wat(growSource));
    const memory = instance.exports.memory as WebAssembly.Memory;
    const first = memory.buffer;
    const view = new Uint8Array(first);
    view[10] = 7;
    (instance.exports.grow as Fn)(1);
    expect(first.byteLength).toBe(0);
    expect(view.length).toBe(0);
    const second = memory.buffer;
    expect(second).not.toBe(first);
    expect(second.byteLength).toBe(2 * PAGE);
    expect(new Uint8Array(second)[10]).toBe(7);
    expect(memory.grow(2)).toBe(2);
    expect(second.byteLength).toBe(0);
    expect(memory.buffer.byteLength).toBe(4 * PAGE);
    expect(memory.buffer).toBe(memory.buffer); // stable between growths
    expect(new Uint8Array(memory.buffer)[10]).toBe(7);
  });

  it("refuses growth past the maximum, from the guest (-1) and from JS (RangeError), keeping the memory", async () => {
    const memory = new interpreter.Memory({ initial: 1, maximum: 2 });
    const bytes = await wat(`(module (import "env" "memory" (memory 1 2))
      (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))`);
    const { instance } = await interpreter.instantiate(bytes, { env: { memory } });
    const grow = instance.exports.grow as Fn;
    expect(grow(2)).toBe(-1);
    expect(grow(1)).toBe(1);
    expect(grow(1)).toBe(-1);
    expect(() => memory.grow(1)).toThrow(RangeError);
    expect(memory.buffer.byteLength).toBe(2 * PAGE);
  });
});
