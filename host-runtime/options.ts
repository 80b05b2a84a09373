import { interpreterEngine, resolveEngine, type EngineOption, type WebAssemblyEngine } from "./engine.js";
import { HostOptionError } from "./errors.js";
import {
  checkObject,
  describe,
  oneOf,
  optionalBoolean,
  optionalFunction,
  rejectUnknownKeys,
  stringArray,
  stringRecord,
} from "./option-checks.js";

/** What a WASI guest may see and where its output goes. Everything is denied unless granted here. */
export type WasiOptions = Partial<
  Readonly<{
    /** The guest's argv, program name included. Defaults to none (`argc` is 0). */
    args: readonly string[];
    /** The guest's environment. Defaults to empty. */
    env: Readonly<Record<string, string>>;
    /**
     * Read-only directory grants: guest path → host directory, e.g. `{ "/data": "./fixtures" }`. The guest can open
     * files below them for reading and nothing else. Defaults to none: every filesystem call fails with EBADF or
     * ENOTCAPABLE.
     */
    preopens: Readonly<Record<string, string>>;
    /**
     * Receives what the guest writes to fd 1, one copied chunk per `fd_write`. Defaults to the `writer` argument of
     * `instantiate` (decoded as text) if one is given, else `process.stdout` in Node and `console.log` (line by
     * line) in a browser.
     */
    stdout: (bytes: Uint8Array) => void;
    /** Receives what the guest writes to fd 2. Defaults to `process.stderr` in Node, `console.error` in a browser. */
    stderr: (bytes: Uint8Array) => void;
  }>
>;

/** Options of `instantiate`. */
export type HostOptions = Partial<
  Readonly<{
    /** Receives each `__console_log` message. Defaults to `console.log`, as in @wapc/host. */
    logger: (message: string) => void;
    /**
     * After a trap, re-create the instance from the cached module before the next call. The guest's state from
     * before the trap (globals, heap) is gone. With `false` the trapped instance is reused as it is. Defaults to
     * `true`.
     */
    recreateOnTrap: boolean;
    /** WASI grants and output. Defaults to `{}`: no args, no environment, no files. */
    wasi: WasiOptions;
    /**
     * Cache the compiled `WebAssembly.Module` by content hash, so instantiating the same bytes again skips
     * compilation. Defaults to `true`.
     */
    cache: boolean;
    /**
     * The ABI `load` speaks with the module (docs/abi.md, "Detection"): `"wapc"` or `"direct"`, or `"auto"` to
     * pick from the exports, preferring direct when the module speaks both. `instantiate` always speaks waPC.
     * Defaults to `"wapc"`.
     */
    abi: HostAbi;
    /**
     * The WebAssembly engine that compiles and runs the guest: `"v8"` for the host's own `WebAssembly`, or an object
     * with the shape of the WebAssembly JS API (`Module`, `Instance`, `Memory`, `compile`, `instantiate`,
     * `RuntimeError`, …), or `"interpreter"` for the TypeScript interpreter (`@widl-bindgen/host/interpreter`):
     * with it `invoke` runs the guest in slices that yield to the event loop, a host function may return a Promise
     * (the guest waits for it in-process), and `fuel` and `timeoutMs` apply. The compile cache serves only the
     * host's own engine. Defaults to `"v8"`.
     */
    engine: EngineOption;
    /**
     * The most work one call may do, in the interpreter's fuel units (docs/interpreter.md, "Fuel"): each call,
     * `invoke` or `invokeSync`, starts with this budget, and one that needs more fails with
     * `GuestFuelExhaustedError` (the instance is re-created before the next call). The same call on the same guest
     * state always spends the same units. Needs `engine: "interpreter"`. Defaults to unmetered.
     */
    fuel: number;
    /**
     * How long one `invoke` may run, in milliseconds, before it fails with `GuestTimeoutError` and the instance is
     * re-created. Enforced between the interpreter's slices, in-process, while the event loop keeps running (host
     * functions' time counts too: a host function's Promise that has not settled by then ends the call as well). Needs `engine: "interpreter"`; on V8 use `createPool`. Defaults to none.
     */
    timeoutMs: number;
  }>
>;

/** The ABIs a host can speak with a guest, or `auto` to detect from its exports. */
export type HostAbi = "auto" | "wapc" | "direct";

/** `WasiOptions` with every default applied. */
export interface ResolvedWasiOptions {
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly preopens: Readonly<Record<string, string>>;
  readonly stdout: (bytes: Uint8Array) => void;
  readonly stderr: (bytes: Uint8Array) => void;
}

/** `HostOptions` with every default applied. */
export interface ResolvedHostOptions {
  readonly logger: (message: string) => void;
  readonly recreateOnTrap: boolean;
  readonly wasi: ResolvedWasiOptions;
  readonly cache: boolean;
  readonly abi: HostAbi;
  readonly engine: WebAssemblyEngine;
  /** Units per call; `Infinity` for unmetered. */
  readonly fuel: number;
  readonly timeoutMs: number | undefined;
}

const hostKeys = new Set(["logger", "recreateOnTrap", "wasi", "cache", "abi", "engine", "fuel", "timeoutMs"]);
/** Every `HostAbi`, for checking the `abi` option of `instantiate` and of `createPool`. */
export const hostAbis: readonly HostAbi[] = ["auto", "wapc", "direct"];
const wasiKeys = new Set(["args", "env", "preopens", "stdout", "stderr"]);

/**
 * Applies defaults to `options` once, at instantiation, and rejects unknown keys and wrong types with a
 * `HostOptionError`. `writer` is @wapc/host's third `instantiate` argument: it receives the guest's stdout as text.
 */
export function resolveHostOptions(
  options: HostOptions | undefined,
  writer?: (message: string) => void,
): ResolvedHostOptions {
  const given = (options ?? {}) as Record<string, unknown>;
  checkObject("options", given);
  rejectUnknownKeys("", given, hostKeys);
  const engine = resolveEngine(given.engine);
  return {
    logger: resolveLogger(given.logger),
    recreateOnTrap: optionalBoolean("recreateOnTrap", given.recreateOnTrap) ?? true,
    cache: optionalBoolean("cache", given.cache) ?? true,
    abi: oneOf("abi", given.abi, hostAbis) ?? "wapc",
    wasi: resolveWasiOptions(given.wasi, writer),
    engine,
    fuel: interpreterOnly("fuel", given.fuel, engine, 0) ?? Number.POSITIVE_INFINITY,
    timeoutMs: interpreterOnly("timeoutMs", given.timeoutMs, engine, 1),
  };
}

/** A whole number option (at least `min`) that only the interpreter can enforce: V8 can neither meter nor pause a call. */
function interpreterOnly(name: string, value: unknown, engine: WebAssemblyEngine, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) {
    throw new HostOptionError(name, `expected a whole number, at least ${min}, got ${typeof value === "number" ? value : describe(value)}`);
  }
  if (engine !== interpreterEngine) {
    throw new HostOptionError(name, `needs engine: "interpreter" (V8 cannot ${name === "fuel" ? "meter" : "pause"} a call; a pool's timeoutMs stops a worker instead)`);
  }
  return value;
}

/** The `logger` option, of `instantiate` and of `createPool`: `console.log` unless given. */
export function resolveLogger(logger: unknown): (message: string) => void {
  return optionalFunction("logger", logger) ?? ((message: string) => console.log(message));
}

/**
 * The `wasi` option, of `instantiate` and of `createPool`, with its defaults applied and unknown keys and wrong types
 * rejected (`HostOptionError`). `writer` is @wapc/host's: the default stdout when given.
 */
export function resolveWasiOptions(options: unknown, writer?: (message: string) => void): ResolvedWasiOptions {
  const wasi = (options ?? {}) as Record<string, unknown>;
  checkObject("wasi", wasi);
  rejectUnknownKeys("wasi.", wasi, wasiKeys);
  return {
    args: stringArray("wasi.args", wasi.args),
    env: stringRecord("wasi.env", wasi.env),
    preopens: stringRecord("wasi.preopens", wasi.preopens),
    stdout:
      optionalFunction("wasi.stdout", wasi.stdout) ??
      (writer === undefined ? standardOutput("stdout") : textSink(optionalFunction("writer", writer)!)),
    stderr: optionalFunction("wasi.stderr", wasi.stderr) ?? standardOutput("stderr"),
  };
}

/**
 * The process's stdout or stderr in Node; in a browser, which has neither, the console, one call per line
 * (`console.log` adds its own line break, so a line is held until its newline arrives).
 */
function standardOutput(name: "stdout" | "stderr"): (bytes: Uint8Array) => void {
  const stream = (globalThis as { process?: Partial<Record<"stdout" | "stderr", NodeJS.WritableStream>> }).process?.[name];
  if (stream !== undefined) return (bytes) => void stream.write(bytes);
  const log = name === "stdout" ? console.log : console.error;
  let pending = "";
  return textSink((text) => {
    const lines = (pending + text).split("\n");
    pending = lines.pop()!;
    for (const line of lines) log(line);
  });
}

/** Adapts @wapc/host's string writer; a streaming decoder keeps a UTF-8 sequence split across writes intact. */
function textSink(writer: (message: string) => void): (bytes: Uint8Array) => void {
  const decoder = new TextDecoder("utf-8");
  return (bytes) => writer(decoder.decode(bytes, { stream: true }));
}

