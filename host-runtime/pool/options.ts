import { availableParallelism } from "node:os";
import { HostOptionError } from "../errors.js";
import { toHostCall, type HostCallMap } from "../host-call.js";
import type { HostAbi } from "../options.js";
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
    wasi: Partial<
      Readonly<{
        args: readonly string[];
        env: Readonly<Record<string, string>>;
        preopens: Readonly<Record<string, string>>;
        stdout: (bytes: Uint8Array) => void;
        stderr: (bytes: Uint8Array) => void;
      }>
    >;
    /** Receives each `__console_log` message. Defaults to `console.log`. */
    logger: (message: string) => void;
    /**
     * Which ABI runs the module: `"wapc"` or `"direct"`, which the module must export, or `"auto"`: detection from
     * the exports, direct for a module exporting both (docs/abi.md, "Detection"). Defaults to `"auto"`.
     */
    abi: HostAbi;
  }>
>;

/** `PoolOptions` with every default applied. */
export interface ResolvedPoolOptions {
  readonly size: number;
  readonly timeoutMs: number;
  readonly maxMemoryBytes: number;
  readonly hostCall: AsyncHostCall | undefined;
  readonly queueLimit: number;
  readonly wasi: {
    readonly args: readonly string[];
    readonly env: Readonly<Record<string, string>>;
    readonly preopens: Readonly<Record<string, string>>;
    readonly stdout: (bytes: Uint8Array) => void;
    readonly stderr: (bytes: Uint8Array) => void;
  };
  readonly logger: (message: string) => void;
  readonly abi: HostAbi;
}

const poolKeys = new Set(["size", "timeoutMs", "maxMemoryBytes", "hostCall", "queueLimit", "wasi", "logger", "abi"]);
const wasiKeys = new Set(["args", "env", "preopens", "stdout", "stderr"]);

/** Applies defaults once, when the pool is created, and rejects unknown keys and bad values with `HostOptionError`. */
export function resolvePoolOptions(options: PoolOptions | undefined): ResolvedPoolOptions {
  const given = (options ?? {}) as Record<string, unknown>;
  checkObject("options", given);
  rejectUnknown("", given, poolKeys);
  const wasi = (given.wasi ?? {}) as Record<string, unknown>;
  checkObject("wasi", wasi);
  rejectUnknown("wasi.", wasi, wasiKeys);

  const hostCall = given.hostCall;
  if (hostCall !== undefined && typeof hostCall !== "function" && (typeof hostCall !== "object" || hostCall === null)) {
    throw new HostOptionError("hostCall", "expected a function or a binding → namespace → operation map");
  }
  return {
    size: integer("size", given.size, 1) ?? Math.max(1, availableParallelism()),
    timeoutMs: integer("timeoutMs", given.timeoutMs, 0) ?? 0,
    maxMemoryBytes: integer("maxMemoryBytes", given.maxMemoryBytes, 65536) ?? 0,
    // The map form is routed by the core runtime's `toHostCall`; its handlers' promises pass through untouched.
    hostCall: hostCall === undefined ? undefined : (toHostCall(hostCall as HostCallMap) as AsyncHostCall),
    queueLimit: integer("queueLimit", given.queueLimit, 0) ?? 10_000,
    wasi: {
      args: stringArray("wasi.args", wasi.args),
      env: stringRecord("wasi.env", wasi.env),
      preopens: stringRecord("wasi.preopens", wasi.preopens),
      stdout: fn("wasi.stdout", wasi.stdout) ?? ((bytes) => void process.stdout.write(bytes)),
      stderr: fn("wasi.stderr", wasi.stderr) ?? ((bytes) => void process.stderr.write(bytes)),
    },
    logger: fn("logger", given.logger) ?? ((message: string) => console.log(message)),
    abi: oneOf("abi", given.abi, hostAbis) ?? "auto",
  };
}

function checkObject(name: string, value: unknown): void {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new HostOptionError(name, `expected an object, got ${value === null ? "null" : typeof value}`);
  }
}

function rejectUnknown(prefix: string, given: Record<string, unknown>, known: Set<string>): void {
  for (const key of Object.keys(given)) {
    if (!known.has(key)) throw new HostOptionError(`${prefix}${key}`, `unknown option; expected one of ${[...known].join(", ")}`);
  }
}

function integer(name: string, value: unknown, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (value === Infinity && name === "queueLimit") return Infinity;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) {
    throw new HostOptionError(name, `expected an integer of at least ${min}, got ${String(value)}`);
  }
  return value;
}

function fn<T>(name: string, value: unknown): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "function") throw new HostOptionError(name, `expected a function, got ${typeof value}`);
  return value as T;
}

const hostAbis: readonly HostAbi[] = ["auto", "wapc", "direct"];

function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) {
    throw new HostOptionError(name, `expected one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}, got ${JSON.stringify(value)}`);
  }
  return value as T;
}

function stringArray(name: string, value: unknown): readonly string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
    throw new HostOptionError(name, "expected an array of strings");
  }
  return [...value];
}

function stringRecord(name: string, value: unknown): Readonly<Record<string, string>> {
  if (value === undefined) return {};
  checkObject(name, value);
  const copy: Record<string, string> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (typeof item !== "string") throw new HostOptionError(`${name}.${key}`, `expected a string, got ${typeof item}`);
    copy[key] = item;
  }
  return copy;
}
