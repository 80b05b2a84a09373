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

/**
 * The interpreter as an engine: its `Module`, `Instance` and `Memory` are not V8's, and only it runs calls in
 * slices. Its types are the namespace's own, so it needs no cast (test/interpreter/engine-types.test.ts).
 */
export const interpreterEngine: WebAssemblyEngine = interpreter;

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

/**
 * The engine of a client whose calls may suspend the guest on a host function's Promise (the typed stubs'
 * `<Class>.loadAsync`): `"interpreter"` when none is given, the given one if it is the interpreter, and otherwise a
 * `HostOptionError` that says where async host roles work instead. Only the interpreter can pause a guest mid-call
 * and resume it in-process; V8 runs a call to its end on the caller's stack.
 */
export function suspendingEngine(engine: unknown): EngineOption {
  if (engine === undefined) return "interpreter";
  if (resolveEngine(engine) === interpreterEngine) return engine as EngineOption;
  throw new HostOptionError(
    "engine",
    `loadAsync runs the guest on engine "interpreter", the one that can suspend a guest while a host role's Promise ` +
      `settles; ${typeof engine === "string" ? `"${engine}"` : "this engine"} cannot. On V8, use <Class>.pool for async host ` +
      "roles, or <Class>.load with synchronous ones",
  );
}
