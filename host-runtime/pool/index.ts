/** The worker pool and sandbox limits of `widl-bindgen/host` (issue 7): timeouts, memory caps, async host calls, hot reload. */
export { createPool, type Pool, type PoolStats, type InvokeOptions } from "./pool.js";
export type { PoolOptions, AsyncHostCallMap } from "./options.js";
export type { AsyncHostCall } from "./host-call-bridge.js";
export type { PoolSource } from "./prepare-module.js";
export { GuestTimeoutError, GuestInitTimeoutError, PoolOverloadedError, MemoryLimitError, PoolClosedError, WorkerCrashError } from "./errors.js";
export { registerErrorClass, serializeError, deserializeError, type SerializedError } from "./error-transport.js";
export { capGuestMemory, WASM_PAGE_BYTES, type CappedModule, type CappedMemoryImport } from "./memory-cap.js";
export type { GuestAdapter, GuestAdapterContext, GuestAdapterFactory } from "./guest-adapter.js";
