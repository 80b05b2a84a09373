/**
 * `load`: the one way to run a guest in-process, in Node or a browser, with every choice in one options object.
 */
import { DirectGuest, type DirectExports } from "./direct/direct-guest.js";
import { detectAbi } from "./direct/abi-detection.js";
import { HostOptionError } from "./errors.js";
import { toHostCall, type HostCall, type HostCallMap } from "./host-call.js";
import { LoadedGuest, type ModuleSource, type Writer } from "./loaded-guest.js";
import { compileSource, compileStreaming } from "./module-cache.js";
import { fetchSource, loadModuleSource } from "./module-source.js";
import { checkObject, optionalFunction, rejectUnknownKeys, describe } from "./option-checks.js";
import { resolveHostOptions, type HostOptions, type ResolvedHostOptions } from "./options.js";
import { capGuestMemory } from "./pool/memory-cap.js";
import { WapcHost } from "./wapc-host.js";

/**
 * What `load` accepts: the binary (bytes, or a module compiled elsewhere), a `fetch` response, or a URL. In Node a
 * string is a file path; in a browser it is a URL resolved against the page.
 */
export type GuestSource = ModuleSource | Response | PromiseLike<Response> | URL | string;

/** Limits on what one guest may take. */
export type GuestLimits = Partial<
  Readonly<{
    /**
     * The most linear memory the guest may grow to, in bytes, rounded down to whole 64 KiB pages. The module's
     * memory maximum is rewritten before compiling, so `memory.grow` fails inside the guest instead of taking host
     * memory; a memory that starts above it fails the load with `MemoryLimitError`. Needs the binary, not a
     * compiled module. Defaults to the module's own maximum.
     */
    maxMemoryBytes: number;
  }>
>;

/** Options of `load`: the host options, plus how the guest calls out and where its output goes. */
export type LoadOptions = HostOptions &
  Partial<
    Readonly<{
      /**
       * Answers the guest's `__host_call`: one function `(binding, namespace, operation, payload) => Uint8Array`,
       * or a map `{ "namespace/operation": handler }`. Defaults to none: a host call fails with
       * `HostCallNotImplementedError`.
       */
      hostCall: HostCall | HostCallMap;
      /** Receives the guest's stdout as text (as @wapc/host's `writer`). Defaults to the process's stdout. */
      writer: Writer;
      /** Limits on the guest's resources. Defaults to none beyond the module's own. */
      limits: GuestLimits;
    }>
  >;

/** A loaded guest: a `WapcHost` (waPC, `invoke(operation, payload)`) or a `DirectGuest` (the direct ABI). */
export type Guest<E extends object = DirectExports> = WapcHost | DirectGuest<E>;

const loadKeys = new Set([
  "hostCall",
  "writer",
  "limits",
  "logger",
  "recreateOnTrap",
  "wasi",
  "cache",
  "abi",
  "engine",
  "fuel",
  "timeoutMs",
]);
const limitKeys = new Set(["maxMemoryBytes"]);

/**
 * Loads a guest and returns the host that calls it, in-process. It speaks waPC unless `abi` says otherwise:
 * `"direct"` gives a `DirectGuest`, `"auto"` picks from the module's exports (direct when it has both).
 *
 * The module is compiled once per distinct content and cached (`cache: false` turns that off, and then a
 * `Response` is compiled while it streams in). Rejects with `HostOptionError` on a bad option, `StreamingFailure`
 * when the binary cannot be fetched, `InvalidWasm` when it does not compile or link, `GuestProtocolError` when it
 * does not speak the ABI asked for, and the guest's own error when an initializer fails.
 */
export function load(source: GuestSource, options?: LoadOptions & { abi?: "wapc" }): Promise<WapcHost>;
export function load<E extends object = DirectExports>(
  source: GuestSource,
  options: LoadOptions & { abi: "direct" },
): Promise<DirectGuest<E>>;
export function load<E extends object = DirectExports>(source: GuestSource, options: LoadOptions): Promise<Guest<E>>;
export async function load(source: GuestSource, options: LoadOptions = {}): Promise<Guest> {
  checkObject("options", options);
  rejectUnknownKeys("", options as Record<string, unknown>, loadKeys);
  const { hostCall, writer, limits, ...host } = options;
  const config = resolveHostOptions(host, optionalFunction<Writer>("writer", writer));
  const maxMemoryBytes = resolveLimits(limits);
  const module = await compileGuest(source, config, maxMemoryBytes);
  // Detected before instantiating, so a module of the wrong ABI is refused before its initializers run.
  const abi = detectAbi(module, config.abi, config.engine);
  const guest = await LoadedGuest.load(module, toHostCall(hostCall), config);
  return abi === "direct" ? DirectGuest.over(guest) : WapcHost.over(guest);
}

async function compileGuest(
  source: GuestSource,
  config: ResolvedHostOptions,
  maxMemoryBytes: number | undefined,
): Promise<WebAssembly.Module> {
  const { engine } = config;
  if (source instanceof engine.Module) {
    if (maxMemoryBytes !== undefined) {
      throw new HostOptionError("limits.maxMemoryBytes", "needs the guest's binary to rewrite, not a compiled module");
    }
    return source;
  }
  const streams = typeof WebAssembly.compileStreaming === "function" && engine === WebAssembly;
  if (!config.cache && maxMemoryBytes === undefined && streams && !(source instanceof Uint8Array || source instanceof ArrayBuffer)) {
    const response = await fetchSource(source);
    // compileStreaming insists on the application/wasm type; other responses are read whole, as a browser must.
    if (response.headers.get("content-type")?.split(";")[0]?.trim() === "application/wasm") {
      return compileStreaming(response);
    }
    source = response;
  }
  let bytes = await loadModuleSource(source as Exclude<GuestSource, WebAssembly.Module>);
  if (maxMemoryBytes !== undefined) bytes = capGuestMemory(bytes, maxMemoryBytes).bytes;
  return compileSource(bytes, config.cache, engine);
}

function resolveLimits(limits: unknown): number | undefined {
  if (limits === undefined) return undefined;
  checkObject("limits", limits);
  rejectUnknownKeys("limits.", limits as Record<string, unknown>, limitKeys);
  const max = (limits as Record<string, unknown>).maxMemoryBytes;
  if (max === undefined) return undefined;
  if (typeof max !== "number" || !Number.isSafeInteger(max) || max < 65536) {
    throw new HostOptionError("limits.maxMemoryBytes", `expected a whole number of bytes, at least one 64 KiB page, got ${describe(max)}`);
  }
  return max;
}
