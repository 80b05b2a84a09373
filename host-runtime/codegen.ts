/**
 * `@widl-bindgen/host/codegen`: what the typed stubs widl-bindgen generates import, and nothing else. Application
 * code imports the root entry instead; these names may change with the generator, in step with it.
 *
 * This is the browser entry; in Node the subpath resolves to `./codegen-node.js`, which adds file-path loading
 * and the worker pool for pooled stubs.
 */
export { wire, OperationCodec, type WireType, type WireField, type WireFieldInput, type WireFieldOptions } from "./wire/index.js";
export type { StructWire, UnionWire } from "./wire/types.js";
export { instantiate, type WapcHost } from "./wapc-host.js";
export { instantiateDirect, type DirectGuest, type DirectExports } from "./direct/direct-guest.js";
export { loadModuleSource } from "./module-source.js";
export { LocalGuest } from "./local/local-guest.js";
export { localDirectGuest, LocalDirectHeap } from "./local/local-direct-guest.js";
export { HostCallNotImplementedError } from "./errors.js";
export type { HostCall } from "./host-call.js";
export type { HostOptions } from "./options.js";
export type { EngineOption } from "./engine.js";
export type { Writer } from "./loaded-guest.js";
