/**
 * `widl-bindgen/host`: runs waPC guests. A drop-in for @wapc/host 0.0.3 (`instantiate`, `instantiateStreaming`,
 * `WapcHost`, `errors`), plus `invokeSync`, typed errors, trap recovery, a compile cache and a WASI shim.
 */
export { instantiate, instantiateStreaming, WapcHost, type ModuleSource, type Writer } from "./wapc-host.js";
export type { HostCall, HostCallMap, HostOperation } from "./host-call.js";
export type { HostOptions, WasiOptions } from "./options.js";
export { loadModuleSource } from "./module-source.js";
export { compileModule, clearModuleCache, moduleHash } from "./module-cache.js";
export { loadGuest, LoadedGuest } from "./loaded-guest.js";
export { GuestInstance, initializers, type Adopter, type GuestInstanceOptions } from "./guest-instance.js";
export { GuestMemory, encodeUtf8, decodeUtf8 } from "./guest-memory.js";
export { readAssemblyScriptString } from "./assemblyscript-env.js";
export { WasiShim, Errno, preview1Functions } from "./wasi.js";
export * as errors from "./errors.js";
export {
  WidlHostError,
  HostCallNotImplementedError,
  InvalidWasm,
  StreamingFailure,
  GuestError,
  GuestTrapError,
  MemoryAccessError,
  GuestProtocolError,
  WasiExitError,
  HostOptionError,
  type GuestAbort,
} from "./errors.js";
export * from "./wire/index.js";
export {
  createPool,
  GuestTimeoutError,
  PoolOverloadedError,
  MemoryLimitError,
  PoolClosedError,
  WorkerCrashError,
  registerErrorClass,
  type Pool,
  type PoolOptions,
  type PoolStats,
  type PoolSource,
  type InvokeOptions,
  type AsyncHostCall,
  type AsyncHostCallMap,
} from "./pool/index.js";
export { LocalGuest, type LocalDispatch } from "./local/local-guest.js";
export { localDirectGuest, LocalDirectHeap } from "./local/local-direct-guest.js";
export {
  DirectGuest,
  DirectPoolGuest,
  instantiateDirect,
  instantiateGuest,
  detectAbi,
  exportedAbis,
  directAbiExports,
  type DirectExports,
  type DirectPoolResult,
  type LoweredArgument,
  type LoweredResult,
  type GuestAbiName,
} from "./direct/index.js";
export type { HostAbi } from "./options.js";
