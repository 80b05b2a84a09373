import { HostOptionError } from "./errors.js";

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
     * `instantiate` (decoded as text) if one is given, else `process.stdout`.
     */
    stdout: (bytes: Uint8Array) => void;
    /** Receives what the guest writes to fd 2. Defaults to `process.stderr`. */
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
     * The ABI `instantiateGuest` speaks with the module (docs/abi.md, "Detection"): `"direct"` or `"wapc"`, or
     * `"auto"` to pick from the exports, preferring direct when the module speaks both. `WapcHost` and
     * `instantiate` always speak waPC; `instantiateDirect` always speaks direct. Defaults to `"auto"`.
     */
    abi: HostAbi;
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
}

const hostKeys = new Set(["logger", "recreateOnTrap", "wasi", "cache", "abi"]);
const abis: readonly HostAbi[] = ["auto", "wapc", "direct"];
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
  const wasi = (given.wasi ?? {}) as Record<string, unknown>;
  checkObject("wasi", wasi);
  rejectUnknownKeys("wasi.", wasi, wasiKeys);

  return {
    logger: optionalFunction("logger", given.logger) ?? ((message: string) => console.log(message)),
    recreateOnTrap: optionalBoolean("recreateOnTrap", given.recreateOnTrap) ?? true,
    cache: optionalBoolean("cache", given.cache) ?? true,
    abi: oneOf("abi", given.abi, abis) ?? "auto",
    wasi: {
      args: stringArray("wasi.args", wasi.args),
      env: stringRecord("wasi.env", wasi.env),
      preopens: stringRecord("wasi.preopens", wasi.preopens),
      stdout:
        optionalFunction("wasi.stdout", wasi.stdout) ??
        (writer === undefined ? writeTo(process.stdout) : textSink(optionalFunction("writer", writer)!)),
      stderr: optionalFunction("wasi.stderr", wasi.stderr) ?? writeTo(process.stderr),
    },
  };
}

function writeTo(stream: NodeJS.WritableStream): (bytes: Uint8Array) => void {
  return (bytes) => void stream.write(bytes);
}

/** Adapts @wapc/host's string writer; a streaming decoder keeps a UTF-8 sequence split across writes intact. */
function textSink(writer: (message: string) => void): (bytes: Uint8Array) => void {
  const decoder = new TextDecoder("utf-8");
  return (bytes) => writer(decoder.decode(bytes, { stream: true }));
}

function checkObject(name: string, value: unknown): void {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new HostOptionError(name, `expected an object, got ${describe(value)}`);
  }
}

function rejectUnknownKeys(prefix: string, given: Record<string, unknown>, known: Set<string>): void {
  for (const key of Object.keys(given)) {
    if (!known.has(key)) {
      throw new HostOptionError(`${prefix}${key}`, `unknown option; expected one of ${[...known].join(", ")}`);
    }
  }
}

function optionalFunction<T extends (...args: never[]) => unknown>(name: string, value: unknown): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "function") throw new HostOptionError(name, `expected a function, got ${describe(value)}`);
  return value as T;
}

function optionalBoolean(name: string, value: unknown): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "boolean") throw new HostOptionError(name, `expected a boolean, got ${describe(value)}`);
  return value;
}

function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) {
    throw new HostOptionError(name, `expected one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}, got ${describe(value)}`);
  }
  return value as T;
}

function stringArray(name: string, value: unknown): readonly string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
    throw new HostOptionError(name, `expected an array of strings, got ${describe(value)}`);
  }
  return Object.freeze([...value]);
}

function stringRecord(name: string, value: unknown): Readonly<Record<string, string>> {
  if (value === undefined) return {};
  checkObject(name, value);
  const copy: Record<string, string> = Object.create(null);
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (typeof item !== "string") throw new HostOptionError(`${name}.${key}`, `expected a string, got ${describe(item)}`);
    copy[key] = item;
  }
  return Object.freeze(copy);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "string" ? `the string ${JSON.stringify(value)}` : typeof value;
}
