/**
 * `@widl-bindgen/host/codegen` in Node: the browser entry's names, with `loadModuleSource` reading file paths and
 * the pool that pooled stubs (`pool: true` in codegen.yaml) run on.
 */
import "./node/host-files.js";

export * from "./codegen.js";
export { loadModuleSource } from "./node/module-source.js";
export { createPool, type Pool, type PoolOptions, type PoolSource } from "./pool/index.js";
export { DirectPoolGuest } from "./direct/direct-pool-guest.js";
