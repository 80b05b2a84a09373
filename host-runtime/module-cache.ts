import type { WebAssemblyEngine } from "./engine.js";
import { InvalidWasm } from "./errors.js";

/**
 * Compiled modules by SHA-256 of their bytes. Promises are stored, so concurrent instantiations of the same bytes
 * share one compilation. Bounded, oldest first out: a process that hot-reloads many versions must not keep every
 * compiled module alive (compiled code is often several times the binary's size).
 */
const compiled = new Map<string, Promise<WebAssembly.Module>>();
const maxEntries = 64;

/**
 * The cache key of a binary: its SHA-256 as hex, from Web Crypto, which Node and browsers share. A page served
 * from an insecure origin has no `crypto.subtle`; the key is undefined there and the module is compiled uncached.
 */
export async function moduleHash(bytes: Uint8Array): Promise<string | undefined> {
  const subtle = globalThis.crypto?.subtle;
  if (subtle === undefined) return undefined;
  const digest = new Uint8Array(await subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>));
  let hex = "";
  for (const byte of digest) hex += byte.toString(16).padStart(2, "0");
  return hex;
}

/**
 * Compiles `bytes` once per distinct content and returns the cached `WebAssembly.Module` afterwards. A binary that
 * does not compile rejects with `InvalidWasm` and is not cached.
 */
export async function compileModule(bytes: Uint8Array | ArrayBuffer): Promise<WebAssembly.Module> {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const key = await moduleHash(view);
  if (key === undefined) return compileUncached(view);
  const hit = compiled.get(key);
  if (hit !== undefined) {
    // Re-insert so eviction drops the least recently used entry.
    compiled.delete(key);
    compiled.set(key, hit);
    return hit;
  }
  const pending = compileUncached(view);
  compiled.set(key, pending);
  pending.catch(() => compiled.delete(key));
  if (compiled.size > maxEntries) compiled.delete(compiled.keys().next().value!);
  return pending;
}

/**
 * Compiles what the host's `instantiate` functions accept as bytes: through the cache, or past it when `cache` is
 * false (`HostOptions.cache`) or the engine is not the host's own (the cache holds the host engine's modules).
 * Anything other than bytes rejects with `InvalidWasm`.
 */
export function compileSource(
  source: Uint8Array | ArrayBuffer,
  cache: boolean,
  engine: WebAssemblyEngine = WebAssembly,
): Promise<WebAssembly.Module> {
  if (!(source instanceof Uint8Array) && !(source instanceof ArrayBuffer)) {
    return Promise.reject(new InvalidWasm(new TypeError(`expected bytes or a WebAssembly.Module, got ${typeof source}`)));
  }
  const bytes = source instanceof Uint8Array ? source : new Uint8Array(source);
  return cache && engine === WebAssembly ? compileModule(bytes) : compileUncached(bytes, engine);
}

/** Compiles without touching the cache. */
export async function compileUncached(bytes: Uint8Array, engine: WebAssemblyEngine = WebAssembly): Promise<WebAssembly.Module> {
  try {
    return await engine.compile(bytes as Uint8Array<ArrayBuffer>);
  } catch (error) {
    throw new InvalidWasm(error instanceof Error ? error : new Error(String(error)));
  }
}

/** Compiles a response while it streams in, past the cache (which needs the whole binary for its key). */
export async function compileStreaming(response: Response): Promise<WebAssembly.Module> {
  try {
    return await WebAssembly.compileStreaming(response);
  } catch (error) {
    throw new InvalidWasm(error instanceof Error ? error : new Error(String(error)));
  }
}

/** Empties the compile cache, to release memory after unloading guests (and between tests). */
export function clearModuleCache(): void {
  compiled.clear();
}

/** How many compiled modules the cache holds. */
export function moduleCacheSize(): number {
  return compiled.size;
}
