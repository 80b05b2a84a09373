/**
 * `@widl-bindgen/host/interpreter`: the TypeScript WebAssembly interpreter (host-runtime/interpreter/), for use on
 * its own or as the host's engine (`load(bytes, { engine: "interpreter" })` selects it by name).
 *
 * `interpreter` has the shape of the `WebAssembly` namespace, so code written for `WebAssembly` runs with it in
 * its place; it never touches `globalThis.WebAssembly`. Its extras: `instance.fuel`, `instance.callAsync` (slices,
 * suspension on a host Promise, deadlines and abort signals) and the typed errors below. docs/interpreter.md
 * describes the features, the fuel cost model and the measured speed. Imports no Node builtin.
 */
export {
  interpreter,
  isInterpreterInstance,
  Module,
  Instance,
  Memory,
  Table,
  Global,
  CompileError,
  LinkError,
  RuntimeError,
  FuelExhaustedError,
  StackExhaustedError,
  SuspensionError,
  InterruptedError,
  type CallOptions,
} from "./interpreter/index.js";
/** Compiles a module asynchronously, as `WebAssembly.compile`. */
export { compile } from "./interpreter/index.js";
/** Instantiates bytes (resolving to `{ module, instance }`) or a `Module` (to the instance), as `WebAssembly.instantiate`. */
export { instantiate } from "./interpreter/index.js";
/** Whether bytes are a valid module, as `WebAssembly.validate`. */
export { validate } from "./interpreter/index.js";
