/**
 * The engine a guest runs on (DESIGN.md, "Engines"): the host's own `WebAssembly` ("v8"), or any object with the
 * shape of the WebAssembly JS API, such as the TypeScript interpreter. The runtime compiles and instantiates only
 * through the engine it was given, so a second engine plugs in without touching `globalThis.WebAssembly`.
 */
import { HostOptionError } from "./errors.js";
import { describe } from "./option-checks.js";

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

/** The `engine` option: `"v8"` (the host's `WebAssembly`, the default) or an engine object. */
export type EngineOption = "v8" | "interpreter" | WebAssemblyEngine;

const required = ["Module", "Instance", "Memory", "compile", "instantiate", "RuntimeError"] as const;

/** Resolves the `engine` option once, at load, rejecting what cannot run a guest with a `HostOptionError`. */
export function resolveEngine(engine: unknown): WebAssemblyEngine {
  if (engine === undefined || engine === "v8") return WebAssembly;
  if (engine === "interpreter") {
    throw new HostOptionError(
      "engine",
      'the interpreter is not part of this build; pass its WebAssembly-shaped object as `engine` instead of "interpreter"',
    );
  }
  if (typeof engine !== "object" || engine === null) {
    throw new HostOptionError("engine", `expected "v8" or an object shaped like WebAssembly, got ${describe(engine)}`);
  }
  const missing = required.filter((name) => typeof (engine as Record<string, unknown>)[name] !== "function");
  if (missing.length > 0) {
    throw new HostOptionError("engine", `the engine object lacks ${missing.join(", ")} of the WebAssembly API`);
  }
  return engine as WebAssemblyEngine;
}
