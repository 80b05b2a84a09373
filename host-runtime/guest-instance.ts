import type { WebAssemblyEngine } from "./engine.js";
import {
  GuestFuelExhaustedError,
  GuestProtocolError,
  GuestTrapError,
  InvalidWasm,
  WasiExitError,
  WidlHostError,
} from "./errors.js";
import { GuestMemory } from "./guest-memory.js";
import {
  FuelExhaustedError,
  InterruptedError,
  isInterpreterInstance,
  StackExhaustedError,
} from "./interpreter/index.js";
import { GuestTimeoutError } from "./pool/errors.js";
import type { WasiShim } from "./wasi.js";

/** Initializers a guest may export, run in this order (DESIGN.md, "Wire format"). */
export const initializers = ["_start", "_initialize", "wapc_init"] as const;

/** Takes a new instance into a protocol layer; throws if the instance lacks the exports that protocol needs. */
export type Adopter = (instance: WebAssembly.Instance) => void;

/** What a guest instance is made from (`LoadedGuest` builds all of it for the host runtime's own protocols). */
export interface GuestInstanceOptions {
  readonly module: WebAssembly.Module;
  readonly imports: WebAssembly.Imports;
  /** The engine that instantiates the module, the one that compiled it (`HostOptions.engine`). */
  readonly engine: WebAssemblyEngine;
  readonly memory: GuestMemory;
  readonly wasi: WasiShim;
  /** See `HostOptions.recreateOnTrap`. */
  readonly recreateOnTrap: boolean;
  /** See `HostOptions.fuel`: the budget of each call on the interpreter; `Infinity` for unmetered. */
  readonly fuel: number;
  /** See `HostOptions.timeoutMs`: the deadline of each asynchronous call on the interpreter. */
  readonly timeoutMs: number | undefined;
  /**
   * Called with each new instance after its initializers ran; throws if the instance lacks required exports. More
   * protocol layers can be attached later with `attach`.
   */
  readonly adopt?: Adopter;
}

/**
 * One live instance of a compiled module, with its memory and initializers, re-created from the module after a
 * trap. Protocol-neutral: any number of protocol layers attach to it (`WapcHost` and `DirectGuest` over one
 * `LoadedGuest`), and each re-created instance is handed to all of them.
 */
export class GuestInstance {
  /** The current instance; replaced when the instance is re-created after a trap. */
  instance!: WebAssembly.Instance;
  /** Set when a call ended abnormally; the next call re-creates the instance first (unless turned off). */
  broken = false;
  private readonly adopters: Adopter[] = [];
  /** The last asynchronous call, settled or not: the next one waits for it (`exclusive`). */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: GuestInstanceOptions) {
    if (options.adopt !== undefined) this.adopters.push(options.adopt);
  }

  /**
   * Puts a protocol layer over this guest: `adopt` takes the current instance now, if there is one, and every
   * instance re-created after a trap. If it throws (the module does not speak that protocol), nothing is attached.
   * Returns a function that detaches it again.
   */
  attach(adopt: Adopter): () => void {
    if (this.instance !== undefined) adopt(this.instance);
    this.adopters.push(adopt);
    return () => {
      const at = this.adopters.indexOf(adopt);
      if (at >= 0) this.adopters.splice(at, 1);
    };
  }

  get module(): WebAssembly.Module {
    return this.options.module;
  }

  get memory(): GuestMemory {
    return this.options.memory;
  }

  /**
   * Instantiates asynchronously and runs the initializers. `beforeInitializers` is called once instantiation is
   * done, just before the first initializer the module exports runs (not at all if it exports none).
   */
  async start(beforeInitializers?: () => void): Promise<void> {
    let instance: WebAssembly.Instance;
    try {
      instance = await this.options.engine.instantiate(this.options.module, this.options.imports);
    } catch (error) {
      throw this.instantiationFailure(error);
    }
    this.initialize(instance, beforeInitializers);
  }

  /**
   * Instantiates synchronously and runs the initializers: the module is already compiled, and Node places no size
   * limit on synchronous instantiation.
   */
  startSync(): void {
    let instance: WebAssembly.Instance;
    try {
      instance = new this.options.engine.Instance(this.options.module, this.options.imports);
    } catch (error) {
      throw this.instantiationFailure(error);
    }
    this.initialize(instance);
  }

  /**
   * Whether calls can suspend: the instance runs on the interpreter, whose `callAsync` runs a guest in slices and
   * lets a host import return a Promise. On V8 a call runs to its end on the caller's stack.
   */
  get suspends(): boolean {
    return isInterpreterInstance(this.instance);
  }

  /** Gives the next call its fuel budget (`HostOptions.fuel`); a no-op unless the guest runs metered on the interpreter. */
  meter(): void {
    if (this.options.fuel !== Number.POSITIVE_INFINITY && isInterpreterInstance(this.instance)) {
      this.instance.fuel = this.options.fuel;
    }
  }

  /**
   * Calls the export `name` so that it may suspend: on the interpreter in slices that yield to the event loop,
   * waiting for Promises host imports return, within `timeoutMs`; elsewhere synchronously. The caller has
   * metered the call and maps what it throws with `fail`.
   */
  async callSuspending(name: string, args: readonly (number | bigint)[]): Promise<unknown> {
    const instance = this.instance;
    if (!isInterpreterInstance(instance)) return (instance.exports[name] as (...a: (number | bigint)[]) => unknown)(...args);
    return instance.callAsync(name, args, this.options.timeoutMs === undefined ? {} : { timeoutMs: this.options.timeoutMs });
  }

  /**
   * Runs `call` once every asynchronous call started before it has settled. A suspended guest is in the middle of
   * its call, so a second call on the same instance waits its turn instead of failing as a nested call would.
   */
  exclusive<T>(call: () => Promise<T>): Promise<T> {
    const result = this.queue.then(call, call);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Re-creates the instance if the last call broke it and recreation is on. Synchronous, so `invokeSync` can use it. */
  recover(): void {
    if (!this.broken || !this.options.recreateOnTrap) return;
    this.options.wasi.reset();
    this.startSync();
    this.broken = false;
  }

  /**
   * Turns what a guest call threw into the error the caller sees and marks the instance broken: the guest's stack
   * was unwound mid-call, so its heap and globals may be inconsistent. `lastMessage` is what the guest reported
   * before trapping (its `__guest_error`), kept in the error.
   */
  fail(error: unknown, operation: string, lastMessage: string | undefined): unknown {
    this.broken = true;
    if (error instanceof WidlHostError) {
      error.operation ??= operation;
      return error;
    }
    // The interpreter's typed failures first: running out of fuel is a RuntimeError to it.
    if (error instanceof FuelExhaustedError) return new GuestFuelExhaustedError(operation, this.options.fuel, { cause: error });
    if (error instanceof InterruptedError) {
      return new GuestTimeoutError(operation, this.options.timeoutMs ?? 0, { cause: error }, "the guest was stopped in-process");
    }
    if (error instanceof this.options.engine.RuntimeError || isStackOverflow(error)) {
      return new GuestTrapError(operation, lastMessage, { cause: error });
    }
    return error;
  }

  /**
   * What instantiation threw, for the caller. A module's start section runs inside instantiation, so a trap there
   * (or a host import failing under it) is the guest's failure during "start", not an invalid binary; a link
   * error is the binary's.
   */
  private instantiationFailure(error: unknown): unknown {
    if (error instanceof this.options.engine.RuntimeError || isStackOverflow(error) || error instanceof WidlHostError) {
      return this.fail(error, "start", undefined);
    }
    return new InvalidWasm(error instanceof Error ? error : new Error(String(error)));
  }

  private initialize(instance: WebAssembly.Instance, beforeInitializers?: () => void): void {
    const memory = instance.exports.memory;
    if (!(memory instanceof this.options.engine.Memory)) {
      throw new GuestProtocolError("WebAssembly module does not export its memory as \"memory\"");
    }
    this.instance = instance;
    this.options.memory.attach(memory);
    let before = beforeInitializers;
    for (const name of initializers) {
      const initializer = instance.exports[name];
      if (typeof initializer !== "function") continue;
      before?.();
      before = undefined;
      this.options.memory.operation = name;
      this.meter();
      try {
        initializer();
      } catch (error) {
        // A WASI command's _start ends with proc_exit(0) once main returns; that is a normal end.
        if (error instanceof WasiExitError && error.code === 0) continue;
        this.broken = true;
        throw this.fail(error, name, undefined);
      }
    }
    this.options.memory.operation = undefined;
    for (const adopt of this.adopters) adopt(instance);
  }
}

function isStackOverflow(error: unknown): boolean {
  return error instanceof StackExhaustedError || (error instanceof RangeError && /call stack/i.test(error.message));
}
