/**
 * The interpreter is typed as the `WebAssembly` namespace is, so the host runtime's engine seam takes it with no
 * cast. The assignments below are the test: `npm run typecheck` (which covers test/) fails if a class, function
 * or error of the interpreter drifts from the namespace's type. The runtime checks cover what the types promise
 * but TypeScript cannot see (error constructors callable without `new`, `instanceof` through them).
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import { interpreterEngine, type WebAssemblyEngine } from "../../host-runtime/engine.js";
import { FuelExhaustedError, interpreter } from "../../host-runtime/interpreter/index.js";
import { wat } from "./wat.js";

// The seam's type, and each member against the namespace's own member type.
const asEngine: WebAssemblyEngine = interpreter;
const members: { [K in keyof WebAssemblyEngine]: (typeof WebAssembly)[K] } = interpreter;
// @ts-expect-error an object lacking part of the API is not an engine (this line proves the check is live)
const incomplete: WebAssemblyEngine = { ...interpreter, validate: undefined };

describe("the interpreter's types", () => {
  it("are the WebAssembly namespace's, so the engine seam holds it without a cast", () => {
    expectTypeOf(interpreter).toExtend<WebAssemblyEngine>();
    expect(asEngine).toBe(interpreter);
    expect(members).toBe(interpreter);
    expect(interpreterEngine).toBe(interpreter);
    expect(incomplete.validate).toBeUndefined();
  });

  it("has error constructors that, like the JS API's, work with and without new", () => {
    for (const api of [WebAssembly, interpreter] as const) {
      const called = api.RuntimeError("trapped");
      expect(called).toBeInstanceOf(api.RuntimeError);
      expect(called).toBeInstanceOf(Error);
      expect(called.message).toBe("trapped");
      expect(api.CompileError("bad")).toBeInstanceOf(api.CompileError);
      expect(new api.LinkError("unlinked")).toBeInstanceOf(api.LinkError);
      expect(api.RuntimeError.name).toBe("RuntimeError");
    }
    const fuel = new FuelExhaustedError(10);
    expect(fuel).toBeInstanceOf(interpreter.RuntimeError);
    expect(fuel.name).toBe("FuelExhaustedError");
  });

  it("types exports, globals and instantiate's overloads as the namespace does", async () => {
    const bytes = await wat(`(module (global (export "g") (mut i64) (i64.const 5)) (func (export "f")))`);
    const { module, instance } = await interpreter.instantiate(bytes);
    expectTypeOf(instance.exports).toEqualTypeOf<WebAssembly.Exports>();
    const again = await interpreter.instantiate(module);
    const global = again.exports.g as WebAssembly.Global<"i64">;
    expectTypeOf(global.value).toEqualTypeOf<bigint>();
    expect(global.value).toBe(5n);
    expect(typeof instance.exports.f).toBe("function");
  });
});
