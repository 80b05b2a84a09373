import { availableParallelism } from "node:os";
import { engineNames, type EngineName } from "../engine.js";
import { HostOptionError } from "../errors.js";
import { toHostCall, type HostCallMap } from "../host-call.js";
import { checkObject, oneOf, rejectUnknownKeys } from "../option-checks.js";
import {
  hostAbis,
  resolveLogger,
  resolveWasiOptions,
  type HostAbi,
  type ResolvedWasiOptions,
  type WasiOptions,
} from "../options.js";
import type { AsyncHostCall } from "./host-call-bridge.js";

/** `binding → namespace → operation → handler`, where a handler may be async. */
export type AsyncHostCallMap = Readonly<
  Record<string, Readonly<Record<string, Readonly<Record<string, (payload: Uint8Array) => Uint8Array | Promise<Uint8Array>>>>>>
>;

/** Options of `createPool`. */
export type PoolOptions = Partial<
  Readonly<{
    /** How many worker threads run the guest. Defaults to the number of available cores. */
    size: number;
    /**
     * Per call, in milliseconds: a call still running after this long rejects with `GuestTimeoutError`, and its
     * worker is terminated and replaced. The time includes host calls the guest makes. 0 turns it off. Defaults
     * to 0 (no timeout).
     */
    timeoutMs: number;
    /**
     * Bounds, in milliseconds, how long the guest's own code may run while a worker loads it, in `createPool` and
     * in each `reload`: its initializers (`_start`, `_initialize`, `wapc_init`), and its instantiation when the
     * module has a start section (or is given compiled, so that cannot be told). The worker's start-up and the
     * engine's instantiation of a module without a start section are the host's time and are not counted. A worker
     * past it is terminated and the load rejects with `GuestInitTimeoutError`: `createPool` fails, and a `reload`
     * fails with the old module still serving. 0 turns it off. Defaults to `timeoutMs`.
     */
    initTimeoutMs: number;
    /**
     * A hard cap on the guest's own linear memory, in bytes (rounded down to whole 64 KiB pages). `memory.grow`
     * fails inside the guest beyond it, and a call that fails there rejects with `MemoryLimitError`. Needs the
     * module's bytes, not a compiled `WebAssembly.Module`. Defaults to no cap beyond the module's own maximum.
     */
    maxMemoryBytes: number;
    /**
     * Handles guest→host calls; it may be async. Either one function, as in `instantiate`, or a map
     * `binding → namespace → operation → handler`. A thrown error or rejection goes back to the guest as a host
     * error. Defaults to none: every host call fails with `HostCallNotImplementedError`'s message.
     */
    hostCall: AsyncHostCall | AsyncHostCallMap;
    /**
     * How many calls may wait for a free worker. Beyond it `invoke` rejects at once with `PoolOverloadedError`
     * instead of queueing without bound. Defaults to 10,000.
     */
    queueLimit: number;
    /** WASI grants (`args`, `env`, `preopens`) and output (`stdout`, `stderr`), as in `instantiate`. Defaults to `{}`. */
    wasi: WasiOptions;
    /** Receives each `__console_log` message. Defaults to `console.log`. */
    logger: (message: string) => void;
    /**
     * Which ABI runs the module: `"wapc"` or `"direct"`, which the module must export, or `"auto"`: detection from
     * the exports, direct for a module exporting both (docs/abi.md, "Detection"). Defaults to `"auto"`.
     */
    abi: HostAbi;
    /**
     * The engine each worker runs the guest on, by name (an engine object cannot cross threads): `"v8"` or
     * `"interpreter"`. With the interpreter the module is validated on the main thread and each worker compiles the
     * bytes itself, so the source must be bytes, a path or a URL. Defaults to `"v8"`.
     */
    engine: EngineName;
  }>
>;

/** `PoolOptions` with every default applied. */
export interface ResolvedPoolOptions {
  readonly size: number;
  readonly timeoutMs: number;
  readonly initTimeoutMs: number;
  readonly maxMemoryBytes: number;
  readonly hostCall: AsyncHostCall | undefined;
  readonly queueLimit: number;
  readonly wasi: ResolvedWasiOptions;
  readonly logger: (message: string) => void;
  readonly abi: HostAbi;
  readonly engine: EngineName;
}

const poolKeys = new Set(["size", "timeoutMs", "initTimeoutMs", "maxMemoryBytes", "hostCall", "queueLimit", "wasi", "logger", "abi", "engine"]);

/** Applies defaults once, when the pool is created, and rejects unknown keys and bad values with `HostOptionError`. */
export function resolvePoolOptions(options: PoolOptions | undefined): ResolvedPoolOptions {
  const given = (options ?? {}) as Record<string, unknown>;
  checkObject("options", given);
  rejectUnknownKeys("", given, poolKeys);

  const hostCall = given.hostCall;
  if (hostCall !== undefined && typeof hostCall !== "function" && (typeof hostCall !== "object" || hostCall === null)) {
    throw new HostOptionError("hostCall", "expected a function or a binding → namespace → operation map");
  }
  const timeoutMs = integer("timeoutMs", given.timeoutMs, 0) ?? 0;
  return {
    size: integer("size", given.size, 1) ?? Math.max(1, availableParallelism()),
    timeoutMs,
    initTimeoutMs: integer("initTimeoutMs", given.initTimeoutMs, 0) ?? timeoutMs,
    maxMemoryBytes: integer("maxMemoryBytes", given.maxMemoryBytes, 65536) ?? 0,
    // The map form is routed by the core runtime's `toHostCall`; its handlers' promises pass through untouched.
    hostCall: hostCall === undefined ? undefined : (toHostCall(hostCall as HostCallMap) as AsyncHostCall),
    queueLimit: integer("queueLimit", given.queueLimit, 0) ?? 10_000,
    wasi: resolveWasiOptions(given.wasi),
    logger: resolveLogger(given.logger),
    abi: oneOf("abi", given.abi, hostAbis) ?? "auto",
    engine: oneOf("engine", given.engine, engineNames) ?? "v8",
  };
}

function integer(name: string, value: unknown, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (value === Infinity && name === "queueLimit") return Infinity;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) {
    throw new HostOptionError(name, `expected an integer of at least ${min}, got ${String(value)}`);
  }
  return value;
}
