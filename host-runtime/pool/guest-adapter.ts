import { resolveEngine, type EngineName } from "../engine.js";
import { GuestProtocolError } from "../errors.js";
import { toHostCall } from "../host-call.js";
import { LoadedGuest } from "../loaded-guest.js";
import { resolveHostOptions } from "../options.js";
import type { CappedMemoryImport } from "./memory-cap.js";
import type { WorkerWasiGrants } from "./protocol.js";

/**
 * What a pool worker needs from an ABI: something that instantiates a compiled module inside the worker and runs
 * calls on it synchronously. The pool itself knows nothing about waPC or the direct ABI; each ABI provides an
 * adapter, looked up by name in `adapterFactories` below.
 */
export interface GuestAdapter {
  /** Runs one waPC operation. Adapters for ABIs without `__guest_call` may leave it out. */
  invoke?(operation: string, payload: Uint8Array): Uint8Array;
  /**
   * Calls a named function of the adapter with structured-clonable arguments and returns a structured-clonable
   * result: the generic form the direct ABI's pooled stubs use (`pool.call(name, args)`).
   */
  call?(name: string, args: readonly unknown[]): unknown;
  /** The guest's current linear memory size in bytes, read after a failure to tell a memory-cap overrun apart. */
  memoryBytes(): number | undefined;
}

/** Everything an adapter gets from the worker besides the module. */
export interface GuestAdapterContext {
  /** A synchronous host function that blocks on the main thread's (possibly async) handler; absent if none. */
  readonly hostCall: ((binding: string, namespace: string, operation: string, payload: Uint8Array) => Uint8Array) | undefined;
  /** Receives `__console_log` messages. */
  readonly log: (message: string) => void;
  readonly wasi: WorkerWasiGrants & {
    readonly stdout: (bytes: Uint8Array) => void;
    readonly stderr: (bytes: Uint8Array) => void;
  };
  /** Memories to supply for the module's memory imports, already capped; empty when the module exports its own. */
  readonly memoryImports: readonly CappedMemoryImport[];
  /** The engine that compiled the module and runs it. */
  readonly engine: EngineName;
  /** Called after instantiation, just before the first initializer the module exports runs (`GuestInstance.start`). */
  readonly beforeInitializers?: () => void;
}

export type GuestAdapterFactory = (module: WebAssembly.Module, context: GuestAdapterContext) => Promise<GuestAdapter>;

/**
 * Loads the module in the worker as the in-process host does (a `LoadedGuest`: imports, WASI, initializers, trap
 * recovery), for the adapter's protocol layers to drive. `abi` names the ABI in the error for a module that imports
 * its memory: the host builds its own imports and needs an exported memory, so it cannot be handed a capped one.
 */
export function loadWorkerGuest(module: WebAssembly.Module, context: GuestAdapterContext, abi: string): Promise<LoadedGuest> {
  if (context.memoryImports.length > 0) {
    const names = context.memoryImports.map((m) => `${m.module}.${m.name}`).join(", ");
    return Promise.reject(new GuestProtocolError(`the guest imports its memory (${names}); a ${abi} guest must export its memory`));
  }
  const { args, env, preopens, stdout, stderr } = context.wasi;
  const config = resolveHostOptions({
    logger: context.log,
    wasi: { args, env, preopens, stdout, stderr },
    // The module was compiled (and cached) on the main thread; this worker's cache would only hold a copy.
    cache: false,
    engine: context.engine,
  });
  const guest = new LoadedGuest(module, toHostCall(context.hostCall), config);
  return guest.start(context.beforeInitializers).then(() => guest);
}
