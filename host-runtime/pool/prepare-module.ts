import { HostOptionError, InvalidWasm } from "../errors.js";
import type { HostAbi } from "../options.js";
import { compileModule } from "../module-cache.js";
import { loadModuleSource } from "../node/module-source.js";
import { WasmBinaryError } from "../wasm-binary.js";
import { detectAdapter } from "./adapter-registry.js";
import { capGuestMemory, type CappedMemoryImport } from "./memory-cap.js";

/** What `createPool` and `reload` accept: bytes, a path, a `file:` or `http(s):` URL, or a compiled module. */
export type PoolSource = Uint8Array | ArrayBuffer | string | URL | WebAssembly.Module;

/** A module compiled on the main thread, ready to be sent to every worker. */
export interface PreparedModule {
  readonly module: WebAssembly.Module;
  readonly adapter: string;
  readonly memoryImports: readonly CappedMemoryImport[];
  /** The cap in bytes after rounding to pages, or 0 for none. */
  readonly maxMemoryBytes: number;
}

/**
 * Reads, caps and compiles a guest once, on the main thread. Workers receive the compiled module (a
 * `WebAssembly.Module` crosses threads without recompiling), so a replacement worker starts without compiling
 * and a reload that does not compile fails here, before any worker sees it.
 */
export async function prepareModule(
  source: PoolSource,
  maxMemoryBytes: number,
  abi: HostAbi,
): Promise<PreparedModule> {
  let module: WebAssembly.Module;
  let memoryImports: readonly CappedMemoryImport[] = [];
  let cap = 0;
  if (source instanceof WebAssembly.Module) {
    if (maxMemoryBytes > 0) {
      throw new HostOptionError(
        "maxMemoryBytes",
        "the cap is written into the module's bytes before compiling; pass the bytes or a path, not a WebAssembly.Module",
      );
    }
    module = source;
  } else {
    let bytes = await loadModuleSource(source);
    if (maxMemoryBytes > 0) {
      try {
        const capped = capGuestMemory(bytes, maxMemoryBytes);
        bytes = capped.bytes;
        memoryImports = capped.memoryImports;
        cap = capped.maxBytes;
      } catch (error) {
        if (error instanceof WasmBinaryError) throw new InvalidWasm(error);
        throw error;
      }
    }
    module = await compileModule(bytes);
  }
  return { module, adapter: detectAdapter(module, abi), memoryImports, maxMemoryBytes: cap };
}
