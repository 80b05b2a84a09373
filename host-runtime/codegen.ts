/**
 * `@widl-bindgen/host/codegen`: what the typed stubs widl-bindgen generates import, and nothing else. Application
 * code imports the root entry instead; these names may change with the generator, in step with it.
 *
 * This is the browser entry; in Node the subpath resolves to `./codegen-node.js`, whose `load` also reads file
 * paths, with the worker pool for pooled stubs.
 */
export { wire, OperationCodec, type WireType, type WireField, type WireFieldInput, type WireFieldOptions } from "./wire/index.js";
export type { StructWire, UnionWire } from "./wire/types.js";
export { load, type GuestSource } from "./load.js";
export type { WapcHost } from "./wapc-host.js";
export type { DirectGuest, DirectExports } from "./direct/direct-guest.js";
export { DirectAsyncGuest } from "./direct/direct-async-guest.js";
export { LocalGuest } from "./local/local-guest.js";
export { localDirectGuest, LocalDirectHeap } from "./local/local-direct-guest.js";
export { HostCallNotImplementedError } from "./errors.js";
export type { HostCall } from "./host-call.js";
export type { AsyncHostRoles } from "./host-roles.js";
export type { HostOptions } from "./options.js";
export { suspendingEngine, type EngineOption } from "./engine.js";
export type { Writer } from "./loaded-guest.js";
