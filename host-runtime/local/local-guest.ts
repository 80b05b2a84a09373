import { GuestError } from "../errors.js";

/**
 * Runs one operation of a TypeScript guest: decodes the payload, calls the implementation, encodes the result.
 * Generated stubs provide it (`<Class>.local(impl)`), built from the same `OperationCodec`s the host side uses.
 * Returns `undefined` for an operation the guest does not have.
 */
export type LocalDispatch = (operation: string, payload: Uint8Array) => Uint8Array | undefined;

/**
 * A guest written in plain TypeScript, running in-process behind the same stubs as a wasm guest.
 *
 * Calls cross the same msgpack encoding in both directions, so what a wasm guest would refuse (an i64 out of
 * range, a missing required field) fails here too, and the guest's own errors surface as they do from wasm: a
 * `GuestError` for the operation carrying the guest's message, with what it threw as the `cause`. Host code
 * tested against a local guest therefore sees the behaviour it will see in production, before the guest is
 * compiled.
 */
export class LocalGuest {
  constructor(private readonly dispatch: LocalDispatch) {}

  /** Runs an operation synchronously, like `WapcHost.invokeSync`. */
  invokeSync(operation: string, payload: Uint8Array): Uint8Array {
    let result: Uint8Array | undefined;
    try {
      result = this.dispatch(operation, payload);
    } catch (error) {
      // A wasm guest reports a failed handler through __guest_error with the error's text.
      const message = error instanceof Error ? error.message : String(error);
      throw new GuestError(operation, message, { cause: error });
    }
    // The same words as the AssemblyScript and Rust guest runtimes.
    if (result === undefined) throw new GuestError(operation, `unknown operation: ${operation}`);
    return result;
  }

  /** Runs an operation, as a promise, like `WapcHost.invoke`. */
  invoke(operation: string, payload: Uint8Array): Promise<Uint8Array> {
    try {
      return Promise.resolve(this.invokeSync(operation, payload));
    } catch (error) {
      return Promise.reject(error);
    }
  }
}
