/**
 * The TypeScript WebAssembly interpreter: the `WebAssembly` JS API, implemented without WebAssembly.
 *
 * ```ts
 * import { interpreter } from "@widl-bindgen/host/interpreter";
 * const { instance } = await interpreter.instantiate(bytes, imports); // as with WebAssembly.instantiate
 * ```
 *
 * `interpreter` has the shape of the `WebAssembly` namespace (Module with exports/imports/customSections,
 * Instance, Memory, Table, Global, compile, both instantiate overloads, validate, CompileError, LinkError,
 * RuntimeError), so code written for `WebAssembly` runs with it in its place; `globalThis.WebAssembly` is never
 * touched. It runs the MVP with mutable globals, sign extension, non-trapping float-to-int, multi-value, bulk
 * memory and reference types (no SIMD), with full validation, exact i64 and NaN bits kept where the spec says.
 * Memories, tables and globals must be this engine's own objects (a V8 `WebAssembly.Memory` cannot be imported).
 *
 * Engine-only extras:
 * - `instance.fuel`: a budget of work units (see docs/interpreter.md for the cost model); FuelExhaustedError when
 *   a call needs more; the same call on the same state always spends the same units.
 * - StackExhaustedError: recursion is bounded by an explicit frame stack, never by the JS stack.
 * - `instance.callAsync(name, args, { signal, timeoutMs, sliceFuel })`: runs in slices that yield to the event
 *   loop; a host import may return a Promise and the guest waits for it in-process. A synchronous call whose
 *   import returns a Promise throws SuspensionError instead.
 *
 * The engine seam: the host runtime's `engine` option (host-runtime/engine.ts) takes any object shaped like the
 * `WebAssembly` namespace, and `interpreter` is one: `instantiate(bytes, hostCall, writer, { engine: interpreter })`
 * runs a guest here with the runtime's waPC/WASI imports unchanged (exported functions are plain functions,
 * `memory.buffer` an ArrayBuffer replaced on growth, traps are `interpreter.RuntimeError`). Left to wire there:
 * `engine: "interpreter"` naming this object; and, for async host roles and in-process timeouts, calling
 * `instance.callAsync` instead of the export directly (`isInterpreterInstance` tells the kinds of instance apart).
 */
import {
  CompileError,
  FuelExhaustedError,
  InterruptedError,
  LinkError,
  RuntimeError,
  StackExhaustedError,
  SuspensionError,
} from "./errors.js";
import { compile, Global, Instance, instantiate, Memory, Module, Table, validate } from "./js-api.js";

export type { CallOptions } from "./boundary.js";
export type { ImportExportKind } from "./js-api.js";
export {
  CompileError,
  compile,
  FuelExhaustedError,
  Global,
  Instance,
  instantiate,
  InterruptedError,
  LinkError,
  Memory,
  Module,
  RuntimeError,
  StackExhaustedError,
  SuspensionError,
  Table,
  validate,
};

/** The interpreter as a drop-in for the `WebAssembly` namespace. */
export const interpreter = {
  Module,
  Instance,
  Memory,
  Table,
  Global,
  compile,
  instantiate,
  validate,
  CompileError,
  LinkError,
  RuntimeError,
} as const;

/** Whether `instance` is an interpreter instance (with `fuel` and `callAsync`), not a V8 one. */
export function isInterpreterInstance(instance: unknown): instance is Instance {
  return instance instanceof Instance;
}
