import { GuestProtocolError, ReentrantCallError } from "./errors.js";
import { encodeUtf8 } from "./guest-memory.js";
import type { HostCall, HostCallMap } from "./host-call.js";
import type { LoadedGuest, ModuleSource, Writer } from "./loaded-guest.js";
import { loadModuleSource } from "./module-source.js";
import type { HostOptions } from "./options.js";
import { ProtocolLayer } from "./protocol-layer.js";

export type { ModuleSource, Writer } from "./loaded-guest.js";

/**
 * Operation names a host encodes are cached; a caller inventing names without end must not grow the cache without
 * end, so it is dropped when it reaches this size.
 */
const maxCachedOperations = 1024;

type GuestCall = (operationLength: number, payloadLength: number) => number;

/**
 * The waPC protocol over a loaded guest. API-compatible with @wapc/host 0.0.3's `WapcHost`
 * (`new WapcHost(hostCall, writer).instantiate(bytes)`, `invoke`, `getCallerMemory`), plus `invokeSync`, and
 * `WapcHost.over` to speak waPC with a guest another protocol layer already drives.
 */
export class WapcHost extends ProtocolLayer {
  private readonly operations = new Map<string, Uint8Array>();
  private guestCall: GuestCall = () => {
    throw this.notInstantiated();
  };

  /**
   * Speaks waPC with a guest that is already loaded, e.g. the one a `DirectGuest` drives
   * (`WapcHost.over(direct.loaded)`): one instance, one state, one trap recovery. Throws `GuestProtocolError` if the
   * module does not export `__guest_call`.
   */
  static over(guest: LoadedGuest): WapcHost {
    const host = new WapcHost();
    host.use(guest);
    return host;
  }

  /**
   * Reads the guest from a `fetch` response and instantiates it like `instantiate`. Rejects with `StreamingFailure`
   * when the response is an HTTP error or its body cannot be read.
   */
  async instantiateStreaming(source: Response | PromiseLike<Response>): Promise<this> {
    // The body is read whole instead of compiled with WebAssembly.compileStreaming: the compile cache is keyed by content.
    return this.instantiate(await loadModuleSource(source));
  }

  /**
   * Calls a guest operation and resolves to its response. On V8 it is `invokeSync` as a promise (for @wapc/host
   * compatibility). On the interpreter engine the guest runs in slices that yield to the event loop: a host
   * function may return a Promise (the guest waits for it in-process), `timeoutMs` applies, and calls on one guest
   * run one after another. Rejects with what `invokeSync` throws, plus `GuestTimeoutError` and
   * `GuestFuelExhaustedError`.
   */
  invoke(operation: string, payload: Uint8Array): Promise<Uint8Array> {
    const guest = this.guest;
    if (guest?.suspends === true) return guest.exclusive(() => this.invokeSuspending(guest, operation, payload));
    try {
      return Promise.resolve(this.invokeSync(operation, payload));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * Calls a guest operation synchronously and returns its response, a copy the caller owns.
   *
   * Throws `GuestError` if the guest reports failure, `HostCallNotImplementedError` if it failed after calling a
   * host operation nobody implements, `GuestTrapError` if it traps, `MemoryAccessError` if it hands the host a
   * pointer outside its memory, `GuestProtocolError` if it succeeds without a response, `GuestFuelExhaustedError`
   * if it runs out of `fuel`. After a trap (any of the last four), the next call runs on a fresh instance unless
   * `recreateOnTrap` is false. A host function that returns a Promise cannot be waited for here (use `invoke`).
   */
  invokeSync(operation: string, payload: Uint8Array): Uint8Array {
    const guest = this.guest;
    if (guest === undefined) throw this.notInstantiated(operation);
    const request = this.begin(guest, operation, payload, false);
    let result: number;
    try {
      result = this.guestCall(request.byteLength, payload.byteLength);
    } catch (error) {
      this.state.end();
      throw guest.fail(error, operation, this.state.guestError);
    }
    return this.finish(operation, result);
  }

  private async invokeSuspending(guest: LoadedGuest, operation: string, payload: Uint8Array): Promise<Uint8Array> {
    const request = this.begin(guest, operation, payload, true);
    let result: number;
    try {
      result = (await guest.callSuspending("__guest_call", [request.byteLength, payload.byteLength])) as number;
    } catch (error) {
      this.state.end();
      throw guest.fail(error, operation, this.state.guestError);
    }
    return this.finish(operation, result);
  }

  /** Checks and starts a call: the payload, no call running, a fresh instance after a trap, the fuel budget. */
  private begin(guest: LoadedGuest, operation: string, payload: Uint8Array, suspendable: boolean): Uint8Array {
    if (!(payload instanceof Uint8Array)) {
      throw new TypeError(`payload of "${operation}" must be a Uint8Array, got ${typeof payload}`);
    }
    const state = this.state;
    if (state.busy) {
      throw new ReentrantCallError(`"${operation}" was invoked while "${state.operation}" is still running on this guest`, {
        operation,
      });
    }
    if (guest.broken) guest.recover();
    guest.meter();
    const request = this.encodeOperation(operation);
    state.begin(operation, request, payload, suspendable);
    this.guestMemory.operation = operation;
    return request;
  }

  /** Ends a call the guest returned from with status `result`, and takes its response. */
  private finish(operation: string, result: number): Uint8Array {
    const state = this.state;
    state.end();
    if (result === 0) throw state.guestFailure(operation, state.guestError);
    const response = state.guestResponse;
    if (response === undefined) {
      throw new GuestProtocolError(`guest reported success for "${operation}" but never called __guest_response`, {
        operation,
      });
    }
    return response;
  }

  /** The current instance's exports. */
  get exports(): WebAssembly.Exports {
    return this.requireGuest().instance.exports;
  }

  protected adopt(instance: WebAssembly.Instance): void {
    const guestCall = instance.exports.__guest_call;
    if (typeof guestCall !== "function") {
      const direct = typeof instance.exports.__widl_ret_area === "function";
      throw new GuestProtocolError(
        direct
          ? 'WebAssembly module does not export __guest_call: it speaks only the direct ABI; load it with load(source, { abi: "direct" })'
          : "WebAssembly module does not export __guest_call",
      );
    }
    this.guestCall = guestCall as GuestCall;
  }

  // Caching the encoded name saves a TextEncoder call per invoke (bench/invoke.ts, 16 B rows).
  private encodeOperation(operation: string): Uint8Array {
    let encoded = this.operations.get(operation);
    if (encoded === undefined) {
      if (this.operations.size >= maxCachedOperations) this.operations.clear();
      encoded = encodeUtf8(operation);
      this.operations.set(operation, encoded);
    }
    return encoded;
  }
}

/**
 * Instantiates a waPC guest: a drop-in for @wapc/host's `instantiate`, with an optional map form of `hostCall` and
 * options. The module is compiled once per distinct content and cached.
 */
export function instantiate(
  source: ModuleSource,
  hostCall?: HostCall | HostCallMap,
  writer?: Writer,
  options?: HostOptions,
): Promise<WapcHost> {
  try {
    return new WapcHost(hostCall, writer, options).instantiate(source);
  } catch (error) {
    return Promise.reject(error);
  }
}

/** Like `instantiate`, reading the guest from a `fetch` response. */
export function instantiateStreaming(
  source: Response | PromiseLike<Response>,
  hostCall?: HostCall | HostCallMap,
  writer?: Writer,
  options?: HostOptions,
): Promise<WapcHost> {
  try {
    return new WapcHost(hostCall, writer, options).instantiateStreaming(source);
  } catch (error) {
    return Promise.reject(error);
  }
}
