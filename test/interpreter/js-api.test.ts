/**
 * The interpreter behind the `WebAssembly` JS API shape: code written for `WebAssembly` runs unchanged, errors
 * are the API's classes with messages that say what and where, and `globalThis.WebAssembly` is never used.
 */
import { describe, expect, it } from "vitest";
import type { WebAssemblyEngine } from "../../host-runtime/engine.js";
import { interpreter } from "../../host-runtime/interpreter/index.js";
import { wat } from "./wat.js";

type Fn = (...args: unknown[]) => unknown;

/** Written against the `WebAssembly` namespace type (the part the host runtime uses); runs on either namespace. */
async function useLikeWebAssembly(api: WebAssemblyEngine, bytes: Uint8Array): Promise<unknown[]> {
  const memory = new api.Memory({ initial: 1, maximum: 4 });
  const log: unknown[] = [];
  // Cast: to TypeScript any object matches the empty WebAssembly.Module interface, so it would pick that overload.
  const { instance, module } = (await api.instantiate(bytes, {
    env: { memory, log: (x: number) => log.push(x) },
  })) as unknown as WebAssembly.WebAssemblyInstantiatedSource;
  const e = instance.exports as Record<string, Fn>;
  const before = memory.buffer;
  log.push(e.grow!(1), memory.buffer === before, before.byteLength, memory.buffer.byteLength);
  log.push(e.wide!(2n ** 62n), e.pair!(7), e.hello!());
  log.push(api.Module.exports(module), api.Module.imports(module));
  log.push(new TextDecoder().decode(api.Module.customSections(module, "note")[0]!));
  return log;
}

const apiSource = `(module
  (import "env" "memory" (memory 1 4))
  (import "env" "log" (func $log (param i32)))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "wide") (param i64) (result i64) (i64.mul (local.get 0) (i64.const 3)))
  (func (export "pair") (param i32) (result i32 i32) (local.get 0) (i32.const 1))
  (func (export "hello") (result i32) (call $log (i32.const 42)) (i32.const 1)))`;

function withCustomSection(bytes: Uint8Array, name: string, text: string): Uint8Array {
  const payload = new TextEncoder().encode(text);
  const nameBytes = new TextEncoder().encode(name);
  return new Uint8Array([...bytes, 0, 1 + nameBytes.length + payload.length, nameBytes.length, ...nameBytes, ...payload]);
}

describe("the interpreter as the WebAssembly namespace", () => {
  it("runs code written for WebAssembly with the same results as V8", async () => {
    const bytes = withCustomSection(await wat(apiSource), "note", "hi");
    const v8 = await useLikeWebAssembly(WebAssembly, bytes);
    const ours = await useLikeWebAssembly(interpreter, bytes);
    expect(ours).toEqual(v8);
    expect(ours.slice(0, 4)).toEqual([1, false, 0, 2 * 65536]); // old buffer detached, as in V8
  });

  it("never touches globalThis.WebAssembly", async () => {
    const bytes = await wat(`(module (func (export "f") (result i32) (i32.const 7)))`);
    const saved = globalThis.WebAssembly;
    // @ts-expect-error removing it on purpose
    delete globalThis.WebAssembly;
    try {
      const { instance } = await interpreter.instantiate(bytes);
      expect((instance.exports.f as Fn)()).toBe(7);
    } finally {
      globalThis.WebAssembly = saved;
    }
  });

  it("keeps exported functions identical and plain", async () => {
    const bytes = await wat(`(module (table (export "t") 1 funcref) (elem (i32.const 0) $f)
      (func $f (export "f") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))`);
    const { instance } = await interpreter.instantiate(bytes);
    const f = instance.exports.f as Fn;
    expect(typeof f).toBe("function");
    expect(f.length).toBe(2);
    expect((instance.exports.t as WebAssembly.Table).get(0)).toBe(f);
    expect(f(2, 3)).toBe(5);
  });

  it("keeps NaN bits through f32 memory, locals and globals", async () => {
    const bytes = await wat(`(module (memory (export "m") 1) (global $g (mut f32) (f32.const 0))
      (func (export "copy") (local f32)
        (local.set 0 (f32.load (i32.const 0))) (global.set $g (local.get 0)) (f32.store (i32.const 4) (global.get $g))))`);
    const { instance } = await interpreter.instantiate(bytes);
    const view = new DataView((instance.exports.m as WebAssembly.Memory).buffer);
    view.setUint32(0, 0x7fa00001, true); // a signalling NaN with a payload
    (instance.exports.copy as Fn)();
    expect(view.getUint32(4, true)).toBe(0x7fa00001);
  });

  it("refuses bad modules with CompileError naming what and where", async () => {
    expect(interpreter.validate(new Uint8Array([1, 2, 3]))).toBe(false);
    expect(() => new interpreter.Module(new Uint8Array([0, 0x61, 0x73, 0x6d, 2, 0, 0, 0]))).toThrow(
      /unknown binary version \(at byte 0x4\)/,
    );
    // (func (result i32) i32.add): nothing to add
    const bad = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 5, 1, 0x60, 0, 1, 0x7f, 3, 2, 1, 0, 10, 5, 1, 3, 0, 0x6a, 0x0b]);
    expect(() => new interpreter.Module(bad)).toThrow(interpreter.CompileError);
    expect(() => new interpreter.Module(bad)).toThrow(
      "invalid function 0: type mismatch: expected i32 but the stack is empty (at byte 0x19)",
    );
    await expect(interpreter.compile(bad)).rejects.toThrow(interpreter.CompileError);
  });

  it("raises LinkError for imports that do not fit and RuntimeError for traps", async () => {
    const bytes = await wat(`(module (import "env" "f" (func (param i32))) (memory 1)
      (func (export "oob") (result i32) (i32.load (i32.const 65536)))
      (func (export "div") (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0))))`);
    await expect(interpreter.instantiate(bytes, { env: {} })).rejects.toThrow(interpreter.LinkError);
    const other = await wat(`(module (func (export "g") (param i64)))`);
    const { instance: o } = await interpreter.instantiate(other);
    await expect(interpreter.instantiate(bytes, { env: { f: o.exports.g } })).rejects.toThrow(
      /import "env" "f": function type \[i64\] -> \[\] does not match \[i32\] -> \[\]/,
    );
    const { instance } = await interpreter.instantiate(bytes, { env: { f: () => {} } });
    expect(() => (instance.exports.oob as Fn)()).toThrow(interpreter.RuntimeError);
    expect(() => (instance.exports.oob as Fn)()).toThrow("out of bounds memory access");
    expect(() => (instance.exports.div as Fn)(0)).toThrow("integer divide by zero");
    const v8Memory = new WebAssembly.Memory({ initial: 1 });
    const needsMemory = await wat(`(module (import "env" "m" (memory 1)))`);
    await expect(interpreter.instantiate(needsMemory, { env: { m: v8Memory } })).rejects.toThrow(
      /expected a Memory of this engine/,
    );
  });
});
