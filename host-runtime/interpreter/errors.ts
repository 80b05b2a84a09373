/**
 * The interpreter's error classes. `CompileError`, `LinkError` and `RuntimeError` mirror the `WebAssembly`
 * namespace's classes so that code written for V8 (`e instanceof WebAssembly.RuntimeError` with this object in
 * place of `WebAssembly`) keeps working; the rest are the engine's own typed failures.
 */

/**
 * Makes an error class callable without `new`, as the JS API's error constructors are (like every NativeError,
 * `WebAssembly.RuntimeError("x")` is a RuntimeError); that is also what lets `interpreter` be assigned to the
 * `WebAssembly` namespace's type. `instanceof` and subclassing go through the Proxy to the class unchanged.
 */
function callableWithoutNew<C extends new (message?: string, options?: ErrorOptions) => Error>(
  cls: C,
): C & ((message?: string, options?: ErrorOptions) => InstanceType<C>) {
  return new Proxy(cls, { apply: (target, _self, args: [string?, ErrorOptions?]) => new target(...args) }) as C &
    ((message?: string, options?: ErrorOptions) => InstanceType<C>);
}

/** A module that is malformed (bad binary) or invalid (fails validation). */
export const CompileError = callableWithoutNew(
  class CompileError extends Error {
    override name = "CompileError";
  },
);
export type CompileError = InstanceType<typeof CompileError>;

/** An import that is missing or does not match what the module declares. */
export const LinkError = callableWithoutNew(
  class LinkError extends Error {
    override name = "LinkError";
  },
);
export type LinkError = InstanceType<typeof LinkError>;

/** A trap: the guest did something the spec forbids at run time (out-of-bounds access, unreachable, …). */
export const RuntimeError = callableWithoutNew(
  class RuntimeError extends Error {
    override name = "RuntimeError";
  },
);
export type RuntimeError = InstanceType<typeof RuntimeError>;

/**
 * The fuel budget ran out. The call is abandoned like a trap; the instance stays usable, and setting more fuel lets
 * the next call run.
 */
export class FuelExhaustedError extends RuntimeError {
  override name = "FuelExhaustedError";
  constructor(readonly budget: number) {
    super(`fuel exhausted: the call used up its budget of ${budget} units`);
  }
}

/**
 * The guest recursed deeper than the interpreter's explicit frame or value stack allows. A `RangeError`, as V8's
 * "Maximum call stack size exceeded" is, but the JS stack is never involved.
 */
export class StackExhaustedError extends RangeError {
  override name = "StackExhaustedError";
}

/** A host import returned a Promise during a synchronous call: only `callAsync` can suspend the guest. */
export class SuspensionError extends Error {
  override name = "SuspensionError";
}

/** An asynchronous call was stopped by its AbortSignal or deadline; the guest was abandoned between two slices. */
export class InterruptedError extends Error {
  override name = "InterruptedError";
}
