/**
 * `@widl-bindgen/host/wapc`: the surface of @wapc/host 0.0.3, name for name, so code written against it switches
 * by changing its import: `instantiate(bytes, hostCall?, writer?)`, `instantiateStreaming`, `WapcHost`, and the
 * `errors` namespace. @wapc/host's own test suite runs against this entry (test/host-runtime/wapc-host-compat).
 */
export { instantiate, instantiateStreaming, WapcHost } from "./wapc-host.js";
/** The `errors` namespace of @wapc/host: `HostCallNotImplementedError`, `InvalidWasm`, `StreamingFailure`, and the rest of ours. */
export * as errors from "./errors.js";
