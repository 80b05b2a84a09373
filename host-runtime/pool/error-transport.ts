import * as hostErrors from "../errors.js";
import { describeThrown, isInstance } from "../thrown-value.js";
import { WasmBinaryError } from "../wasm-binary.js";
import * as wireErrors from "../wire/errors.js";
import * as poolErrors from "./errors.js";

/**
 * Carries errors across the worker boundary with their class intact.
 *
 * Structured clone keeps only the message of an `Error` subclass and turns it into a plain `Error`, so a
 * `GuestTrapError` thrown in a worker would reach the caller as `Error`. Instead the worker sends the class name
 * and the own fields, and the receiving side rebuilds an object of the same class. It does so without calling the
 * constructor: constructors format their messages from arguments, and the message has already been formatted.
 */

/** An error as it travels in a message. */
export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly stack: string | undefined;
  /** Own fields besides message, stack and cause (e.g. `operation`, `guestMessage`, `timeoutMs`). */
  readonly fields: Readonly<Record<string, unknown>>;
  readonly cause?: SerializedError | { readonly value: unknown };
}

type ErrorClass = abstract new (...args: never[]) => Error;

const classes = new Map<string, ErrorClass>();

function registerAll(module: Readonly<Record<string, unknown>>): void {
  for (const value of Object.values(module)) {
    if (typeof value === "function" && value.prototype instanceof Error) registerErrorClass(value as ErrorClass);
  }
}

/**
 * Makes errors of `errorClass` keep their class when they cross a worker boundary. Every host-runtime and pool
 * error class is registered already; a module that defines more (the wire codec, the direct ABI) registers its
 * own, in both threads, by importing a module that calls this.
 */
export function registerErrorClass(errorClass: ErrorClass): void {
  classes.set(errorClass.name, errorClass);
}

for (const builtin of [Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError]) {
  registerErrorClass(builtin);
}
registerErrorClass(WebAssembly.CompileError);
registerErrorClass(WebAssembly.LinkError);
registerErrorClass(WebAssembly.RuntimeError);
registerErrorClass(WasmBinaryError);
registerAll(hostErrors);
registerAll(poolErrors);
registerAll(wireErrors);

/**
 * Turns any thrown value into a form `postMessage` can carry without losing its class. Never throws: a value whose
 * properties or conversions throw (a hostile Proxy, say) is carried as a plain `Error` with a safe description.
 */
export function serializeError(error: unknown, depth = 0): SerializedError {
  try {
    return serializeValue(error, depth);
  } catch {
    return { name: "Error", message: describeThrown(error), stack: undefined, fields: {} };
  }
}

function serializeValue(error: unknown, depth: number): SerializedError {
  if (!isInstance(error, Error)) {
    return { name: "Error", message: describeThrown(error), stack: undefined, fields: { thrown: cloneable(error) } };
  }
  const fields: Record<string, unknown> = {};
  for (const key of Object.keys(error)) {
    if (key === "message" || key === "stack" || key === "cause") continue;
    const value = cloneable((error as unknown as Record<string, unknown>)[key]);
    if (value !== undefined) fields[key] = value;
  }
  const serialized: SerializedError = {
    name: error.name,
    message: error.message,
    stack: error.stack,
    fields,
  };
  if (error.cause === undefined) return serialized;
  // A cause chain is short in practice; the bound stops a cyclic one.
  const cause =
    isInstance(error.cause, Error) && depth < 8 ? serializeError(error.cause, depth + 1) : { value: cloneable(error.cause) };
  return { ...serialized, cause };
}

/** Rebuilds an error serialized by `serializeError`, as an instance of the same class when that class is known. */
export function deserializeError(serialized: SerializedError): Error {
  const errorClass = classes.get(serialized.name) ?? Error;
  const error = Object.create(errorClass.prototype) as Error;
  Object.defineProperty(error, "message", { value: serialized.message, writable: true, configurable: true });
  if (serialized.stack !== undefined) {
    Object.defineProperty(error, "stack", { value: serialized.stack, writable: true, configurable: true });
  }
  for (const [key, value] of Object.entries(serialized.fields)) {
    // `__proto__` as an own key would replace the prototype through plain assignment.
    if (key === "__proto__") continue;
    Object.defineProperty(error, key, { value, writable: true, enumerable: true, configurable: true });
  }
  if (error.name !== serialized.name) {
    Object.defineProperty(error, "name", { value: serialized.name, writable: true, configurable: true });
  }
  if (serialized.cause !== undefined) {
    const cause = "value" in serialized.cause ? serialized.cause.value : deserializeError(serialized.cause);
    Object.defineProperty(error, "cause", { value: cause, writable: true, configurable: true });
  }
  return error;
}

/** The value itself when structured clone can carry it, else its string form; functions and symbols are dropped. */
function cloneable(value: unknown): unknown {
  if (value === null || value === undefined) return value;
  switch (typeof value) {
    case "string":
    case "number":
    case "boolean":
    case "bigint":
      return value;
    case "function":
    case "symbol":
      return undefined;
    default:
      try {
        return structuredClone(value);
      } catch {
        return describeThrown(value);
      }
  }
}
