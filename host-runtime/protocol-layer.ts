import { GuestProtocolError } from "./errors.js";
import { GuestMemory } from "./guest-memory.js";
import { toHostCall, type HostCall, type HostCallMap } from "./host-call.js";
import { LoadedGuest, type ModuleSource, type Writer } from "./loaded-guest.js";
import { resolveHostOptions, type HostOptions, type ResolvedHostOptions } from "./options.js";
import { WapcCallState } from "./wapc-imports.js";

/**
 * What `WapcHost` and `DirectGuest` share as protocol layers over a `LoadedGuest`: loading one (`instantiate`) or
 * attaching to one loaded already (`over` on each subclass), and the accessors of the guest under them. A subclass
 * speaks its protocol in its call methods, and takes each new instance (the first, and each one re-created after a
 * trap) in `adopt`.
 */
export abstract class ProtocolLayer {
  // The guest's state and memory, kept here so a call reads them without going through the guest.
  protected state = new WapcCallState();
  protected guestMemory = new GuestMemory();
  protected guest: LoadedGuest | undefined;
  private config: ResolvedHostOptions;
  private hostCall: HostCall;
  private detach: (() => void) | undefined;

  constructor(hostCall?: HostCall | HostCallMap, writer?: Writer, options?: HostOptions) {
    this.config = resolveHostOptions(options, writer);
    this.hostCall = toHostCall(hostCall);
  }

  /** Compiles (or takes from the compile cache) and instantiates the guest, then runs its initializers. */
  async instantiate(source: ModuleSource): Promise<this> {
    const guest = await LoadedGuest.load(source, this.hostCall, this.config);
    const previous = this.guest;
    this.use(guest);
    previous?.close();
    return this;
  }

  /**
   * The loaded guest under this layer; `WapcHost.over(layer.loaded)` or `DirectGuest.over(layer.loaded)` puts the
   * other protocol over the same instance.
   */
  get loaded(): LoadedGuest {
    return this.requireGuest();
  }

  /** The current instance; a new one after trap recovery. */
  get instance(): WebAssembly.Instance {
    return this.requireGuest().instance;
  }

  /** The compiled module, shared by every instance made from the same bytes. */
  get module(): WebAssembly.Module {
    return this.requireGuest().module;
  }

  /** Bounds-checked views of the guest's memory, following the instance across re-creation. */
  get memory(): GuestMemory {
    return this.guestMemory;
  }

  /** The guest's `WebAssembly.Memory` (@wapc/host's accessor). */
  getCallerMemory(): WebAssembly.Memory {
    return this.guestMemory.wasmMemory;
  }

  /** Closes the files a WASI guest opened under a granted directory. The guest stays usable. */
  close(): void {
    this.guest?.close();
  }

  /** Takes a new instance of the guest; throws `GuestProtocolError` if it does not speak this layer's protocol. */
  protected abstract adopt(instance: WebAssembly.Instance, memory: GuestMemory): void;

  /**
   * Puts this layer over `guest` (which the guest refuses by throwing from `adopt`), taking the options it was
   * loaded with for any later `instantiate`, and lets go of the guest it was over before, if any.
   */
  protected use(guest: LoadedGuest): void {
    const detach = guest.attach((instance) => this.adopt(instance, guest.memory));
    this.detach?.();
    this.detach = detach;
    this.guest = guest;
    this.config = guest.config;
    this.hostCall = guest.hostCall;
    this.state = guest.state;
    this.guestMemory = guest.memory;
  }

  /** Loads a module of only memory with JS exports laid over it (`DirectGuest.instantiateLocal`). */
  protected useLocal(module: WebAssembly.Module): void {
    // The JS exports may throw anything; the instance is always re-created after that.
    const guest = new LoadedGuest(module, this.hostCall, { ...this.config, recreateOnTrap: true }, false);
    guest.startSync();
    this.use(guest);
  }

  protected requireGuest(): LoadedGuest {
    if (this.guest === undefined) throw this.notInstantiated();
    return this.guest;
  }

  protected notInstantiated(operation?: string): GuestProtocolError {
    return new GuestProtocolError(`${this.constructor.name} used before instantiate()`, { operation });
  }
}
