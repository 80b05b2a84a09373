import { GuestProtocolError, StreamingFailure, WidlHostError } from "./errors.js";
import { encodeUtf8, GuestMemory } from "./guest-memory.js";
import { toHostCall, type HostCall, type HostCallMap } from "./host-call.js";
import { LoadedGuest, type ModuleSource, type Writer } from "./loaded-guest.js";
import { resolveHostOptions, type HostOptions, type ResolvedHostOptions } from "./options.js";
import { WapcCallState } from "./wapc-imports.js";

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
export class WapcHost {
  private config: ResolvedHostOptions;
  private hostCall: HostCall;
  private readonly operations = new Map<string, Uint8Array>();
  private guest: LoadedGuest | undefined;
  private detach: (() => void) | undefined;
  // The loaded guest's state and memory, kept here so a call reads them without going through the guest.
  private state = new WapcCallState();
  private guestMemory = new GuestMemory();
  private guestCall: GuestCall = () => {
    throw new GuestProtocolError("WapcHost used before instantiate()");
  };

  constructor(hostCall?: HostCall | HostCallMap, writer?: Writer, options?: HostOptions) {
    this.config = resolveHostOptions(options, writer);
    this.hostCall = toHostCall(hostCall);
  }

  /**
   * Speaks waPC with a guest that is already loaded, e.g. the one a `DirectGuest` drives (`WapcHost.over(direct.loaded)`):
   * one instance, one state, one trap recovery. Throws `GuestProtocolError` if the module does not export
   * `__guest_call`.
   */
  static over(guest: LoadedGuest): WapcHost {
    const host = new WapcHost();
    host.config = guest.config;
    host.hostCall = guest.hostCall;
    host.use(guest);
    return host;
  }

  /** Compiles (or takes from the compile cache) and instantiates the guest, then runs its initializers. */
  async instantiate(source: ModuleSource): Promise<this> {
    const guest = await LoadedGuest.load(source, this.hostCall, this.config);
    const previous = this.guest;
    this.use(guest);
    previous?.close();
    return this;
  }

  /** Reads the guest from a `fetch` response and instantiates it like `instantiate`. */
  async instantiateStreaming(source: Response | PromiseLike<Response>): Promise<this> {
    let bytes: Uint8Array;
    try {
      const response = await source;
      if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
      // We read the body instead of WebAssembly.compileStreaming, because the compile cache is keyed by content.
      bytes = new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      throw new StreamingFailure(error instanceof Error ? error : new Error(String(error)));
    }
    return this.instantiate(bytes);
  }

  /** Calls a guest operation. Same as `invokeSync`, as a promise, for @wapc/host compatibility. */
  invoke(operation: string, payload: Uint8Array): Promise<Uint8Array> {
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
   * pointer outside its memory, `GuestProtocolError` if it succeeds without a response. After a trap (any of the
   * last three), the next call runs on a fresh instance unless `recreateOnTrap` is false.
   */
  invokeSync(operation: string, payload: Uint8Array): Uint8Array {
    const guest = this.guest;
    if (guest === undefined) throw new GuestProtocolError("WapcHost used before instantiate()", { operation });
    if (!(payload instanceof Uint8Array)) {
      throw new TypeError(`payload of "${operation}" must be a Uint8Array, got ${typeof payload}`);
    }
    const state = this.state;
    if (state.busy) {
      throw new WidlHostError(`"${operation}" was invoked while "${state.operation}" is still running on this guest`, {
        operation,
      });
    }
    if (guest.broken) guest.recover();
    const request = this.encodeOperation(operation);
    state.begin(operation, request, payload);
    this.guestMemory.operation = operation;
    let result: number;
    try {
      result = this.guestCall(request.byteLength, payload.byteLength);
    } catch (error) {
      state.end();
      throw guest.fail(error, operation, state.guestError);
    }
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

  /** The loaded guest this host drives; `DirectGuest.over(host.loaded)` drives the same instance through the direct ABI. */
  get loaded(): LoadedGuest {
    return this.requireGuest();
  }

  /** The current instance; a new one after trap recovery. */
  get instance(): WebAssembly.Instance {
    return this.requireGuest().instance;
  }

  /** The current instance's exports. */
  get exports(): WebAssembly.Exports {
    return this.requireGuest().instance.exports;
  }

  /** Bounds-checked views of the guest's memory, following the instance across recreation. */
  get memory(): GuestMemory {
    return this.guestMemory;
  }

  /** The compiled module, shared by every instance made from the same bytes. */
  get module(): WebAssembly.Module {
    return this.requireGuest().module;
  }

  /** @wapc/host's accessor for the guest's memory. */
  getCallerMemory(): WebAssembly.Memory {
    return this.guestMemory.wasmMemory;
  }

  /** Closes the files a WASI guest opened under a granted directory. The host stays usable. */
  close(): void {
    this.guest?.close();
  }

  /** Attaches to `guest`, which must export `__guest_call`, and drops the guest this host drove before, if any. */
  private use(guest: LoadedGuest): void {
    const detach = guest.attach((instance) => {
      const guestCall = instance.exports.__guest_call;
      if (typeof guestCall !== "function") {
        const direct = typeof instance.exports.__widl_ret_area === "function";
        throw new GuestProtocolError(
          direct
            ? "WebAssembly module does not export __guest_call: it speaks only the direct ABI; load it with instantiateGuest or instantiateDirect"
            : "WebAssembly module does not export __guest_call",
        );
      }
      this.guestCall = guestCall as GuestCall;
    });
    this.detach?.();
    this.detach = detach;
    this.guest = guest;
    this.state = guest.state;
    this.guestMemory = guest.memory;
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

  private requireGuest(): LoadedGuest {
    if (this.guest === undefined) throw new GuestProtocolError("WapcHost used before instantiate()");
    return this.guest;
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
