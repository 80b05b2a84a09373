import { createGuestImports } from "./guest-imports.js";
import { GuestInstance } from "./guest-instance.js";
import { GuestMemory } from "./guest-memory.js";
import { toHostCall, type HostCall, type HostCallMap } from "./host-call.js";
import { compileSource } from "./module-cache.js";
import { resolveHostOptions, type HostOptions, type ResolvedHostOptions } from "./options.js";
import { WapcCallState } from "./wapc-imports.js";
import { WasiShim } from "./wasi.js";

/** The `writer` of @wapc/host: receives the guest's stdout as text. */
export type Writer = (message: string) => void;

/** What `instantiate` accepts: a binary, or a module compiled elsewhere. */
export type ModuleSource = Uint8Array | ArrayBuffer | WebAssembly.Module;

/**
 * A guest module loaded once, whichever protocol drives it: compiled through the cache, instantiated with every
 * host import (waPC, AssemblyScript `env`, WASI), its initializers run, and re-created after a trap.
 *
 * `WapcHost` and `DirectGuest` are protocol layers over it. A module that exports both ABIs can be driven through
 * both over this one instance (`WapcHost.over(guest)`, `DirectGuest.over(guest)`): its state is shared, its
 * initializers run once, a trap during either protocol's call re-creates the instance for both, and a call while
 * another one (of either protocol) is running on it is refused.
 */
export class LoadedGuest extends GuestInstance {
  /** The per-call state of the host imports, shared by the protocol layers, with their reentrancy guard (`busy`). */
  readonly state: WapcCallState;
  /** The options the guest was loaded with, every default applied. */
  readonly config: ResolvedHostOptions;
  /** Answers the guest's `__host_call`. */
  readonly hostCall: HostCall;
  private readonly wasi: WasiShim;

  /**
   * Builds the memory, WASI shim, call state and imports for `module` without instantiating it (`start` or
   * `startSync` do). `withImports: false` gives the instance no imports at all: a module that only holds memory
   * (a local direct guest, host-runtime/local/local-direct-guest.ts).
   */
  constructor(module: WebAssembly.Module, hostCall: HostCall, config: ResolvedHostOptions, withImports = true) {
    const memory = new GuestMemory();
    const state = new WapcCallState();
    const wasi = new WasiShim(memory, config.wasi);
    super({
      module,
      imports: withImports ? createGuestImports(state, memory, hostCall, config, wasi) : {},
      memory,
      wasi,
      recreateOnTrap: config.recreateOnTrap,
      engine: config.engine,
      fuel: config.fuel,
      timeoutMs: config.timeoutMs,
    });
    this.state = state;
    this.config = config;
    this.hostCall = hostCall;
    this.wasi = wasi;
  }

  /** Compiles `source` unless it is a compiled module already, then instantiates it and runs its initializers. */
  static async load(source: ModuleSource, hostCall: HostCall, config: ResolvedHostOptions): Promise<LoadedGuest> {
    const module = source instanceof config.engine.Module ? source : await compileSource(source, config.cache, config.engine);
    const guest = new LoadedGuest(module, hostCall, config);
    await guest.start();
    return guest;
  }

  /** Closes the files a WASI guest opened under a granted directory. The guest stays usable. */
  close(): void {
    this.wasi.close();
  }
}

/**
 * Loads a guest for any protocol, with the arguments of `instantiate`; put `WapcHost.over` and/or
 * `DirectGuest.over` on it to call it. The module is compiled once per distinct content and cached.
 */
export function loadGuest(
  source: ModuleSource,
  hostCall?: HostCall | HostCallMap,
  writer?: Writer,
  options?: HostOptions,
): Promise<LoadedGuest> {
  try {
    return LoadedGuest.load(source, toHostCall(hostCall), resolveHostOptions(options, writer));
  } catch (error) {
    return Promise.reject(error);
  }
}
