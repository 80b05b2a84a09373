/**
 * `@widl-bindgen/host` in Node (the package's `node` export condition): everything of the browser entry, plus what
 * needs Node: `load` and `instantiate`'s siblings read file paths and `file:` URLs, WASI preopens reach the real
 * filesystem, and `createPool` runs guests in worker threads with timeouts, memory caps and hot reload.
 */
import "./node/host-files.js";

export * from "./index.js";
export { load } from "./node/load.js";
export {
  createPool,
  registerErrorClass,
  type Pool,
  type PoolOptions,
  type PoolStats,
  type PoolSource,
  type InvokeOptions,
  type AsyncHostCall,
  type AsyncHostCallMap,
} from "./pool/index.js";
