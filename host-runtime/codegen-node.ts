/**
 * `@widl-bindgen/host/codegen` in Node: the browser entry's names, with `load` reading file paths and `file:` URLs,
 * and the pool that pooled stubs (`pool: true` in codegen.yaml) run on.
 */
import "./node/host-files.js";

export * from "./codegen.js";
export { load } from "./node/load.js";
export { createPool, type Pool, type PoolOptions, type PoolSource } from "./pool/index.js";
