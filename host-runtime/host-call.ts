import { HostCallNotImplementedError } from "./errors.js";

/**
 * Handles a guest→host call, as in @wapc/host: return the response bytes, or throw to send the guest an error
 * (the guest receives `String(error)`). Returning `undefined` sends an empty response. With the interpreter engine
 * it may return a Promise, during `invoke`: the guest waits for it in-process (elsewhere the guest receives a host
 * error, and the caller `AsyncHostCallError`; a pool's `hostCall` may always be async).
 */
export type HostCall = (
  binding: string,
  namespace: string,
  operation: string,
  payload: Uint8Array,
) => Uint8Array | Promise<Uint8Array>;

/** Handles one host operation; the map form of `HostCall` routes to it by binding, namespace and operation. */
export type HostOperation = (payload: Uint8Array) => Uint8Array | Promise<Uint8Array>;

/** `binding → namespace → operation → handler`, an alternative to a single `HostCall` function. */
export type HostCallMap = Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, HostOperation>>>>>>;

/** Turns the `hostCall` argument of `instantiate` into one function. */
export function toHostCall(hostCall: HostCall | HostCallMap | undefined): HostCall {
  if (hostCall === undefined || hostCall === null) return notImplemented;
  if (typeof hostCall === "function") return hostCall;
  return (binding, namespace, operation, payload) => {
    // Own properties only: a guest naming "__proto__" or "constructor" must not reach Object.prototype.
    const namespaces = ownProperty(hostCall, binding);
    const operations = namespaces && ownProperty(namespaces, namespace);
    const handler = operations && ownProperty(operations, operation);
    if (typeof handler !== "function") throw new HostCallNotImplementedError(binding, namespace, operation);
    return handler(payload);
  };
}

function notImplemented(binding: string, namespace: string, operation: string): never {
  throw new HostCallNotImplementedError(binding, namespace, operation);
}

function ownProperty<T>(object: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
}
