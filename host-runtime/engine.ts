/**
 * The engine a guest runs on (DESIGN.md, "Engines"): the host's own `WebAssembly` ("v8"), or any object with the
 * shape of the WebAssembly JS API, such as the TypeScript interpreter. The runtime compiles and instantiates only
 * through the engine it was given, so a second engine plugs in without touching `globalThis.WebAssembly`.
 */
import { HostOptionError } from "./errors.js";
import { interpreter } from "./interpreter/index.js";
import { describe } from "./option-checks.js";
import type { EngineName } from "./vocabulary.js";

/** The part of the WebAssembly JS API the host runtime uses; `globalThis.WebAssembly` is one. */
export type WebAssemblyEngine = Pick<
  typeof WebAssembly,
  | "Module"
  | "Instance"
  | "Memory"
  | "Table"
  | "Global"
  | "compile"
  | "instantiate"
  | "validate"
  | "CompileError"
  | "LinkError"
  | "RuntimeError"
>;

/**
 * The `engine` option: `"v8"` (the host's `WebAssembly`, the default), `"interpreter"` (the TypeScript interpreter
 * of `@widl-bindgen/host/interpreter`, with fuel, suspension and in-process timeouts), or an engine object.
 */
export type EngineOption = EngineName | WebAssemblyEngine;

export { engineNames, type EngineName } from "./vocabulary.js";

/** The interpreter as an engine: its `Module`, `Instance` and `Memory` are not V8's, and only it runs calls in slices. */
export const interpreterEngine = interpreter as unknown as WebAssemblyEngine;

const required = ["Module", "Instance", "Memory", "compile", "instantiate", "RuntimeError"] as const;

/** Resolves the `engine` option once, at load, rejecting what cannot run a guest with a `HostOptionError`. */
export function resolveEngine(engine: unknown): WebAssemblyEngine {
  if (engine === undefined || engine === "v8") return WebAssembly;
  if (engine === "interpreter") return interpreterEngine;
  if (typeof engine !== "object" || engine === null) {
    throw new HostOptionError(
      "engine",
      `expected "v8", "interpreter" or an object shaped like WebAssembly, got ${describe(engine)}`,
    );
  }
  const missing = required.filter((name) => typeof (engine as Record<string, unknown>)[name] !== "function");
  if (missing.length > 0) {
    throw new HostOptionError("engine", `the engine object lacks ${missing.join(", ")} of the WebAssembly API`);
  }
  return engine as WebAssemblyEngine;
}
