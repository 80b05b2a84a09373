import { interpreterEngine, type EngineName } from "../engine.js";
import { HostOptionError, InvalidWasm } from "../errors.js";
import type { HostAbi } from "../options.js";
import { compileModule, compileUncached } from "../module-cache.js";
import { loadModuleSource } from "../node/module-source.js";
import { readSections, WasmBinaryError } from "../wasm-binary.js";
import { detectAdapter } from "./adapter-registry.js";
import { capGuestMemory, type CappedMemoryImport } from "./memory-cap.js";

/** What `createPool` and `reload` accept: bytes, a path, a `file:` or `http(s):` URL, or a compiled module. */
export type PoolSource = Uint8Array | ArrayBuffer | string | URL | WebAssembly.Module;

/** A module compiled on the main thread, ready to be sent to every worker. */
export interface PreparedModule {
  /**
   * The compiled module, or on the interpreter the (capped) binary: an interpreter module cannot cross threads,
   * so each worker compiles the bytes, which the main thread has validated.
   */
  readonly module: WebAssembly.Module | Uint8Array;
  /** The engine the workers run the module on. */
  readonly engine: EngineName;
  readonly adapter: string;
  readonly memoryImports: readonly CappedMemoryImport[];
  /** The cap in bytes after rounding to pages, or 0 for none. */
  readonly maxMemoryBytes: number;
  /**
   * Whether the module has a start section: its guest code then runs inside instantiation, so `initTimeoutMs`
   * covers instantiation. True for a module given already compiled, whose sections cannot be read.
   */
  readonly startSection: boolean;
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
  engine: EngineName = "v8",
): Promise<PreparedModule> {
  if (source instanceof WebAssembly.Module) {
    if (engine === "interpreter") {
      throw new HostOptionError("engine", "the interpreter compiles the module's bytes itself; pass the bytes or a path, not a WebAssembly.Module");
    }
    if (maxMemoryBytes > 0) {
      throw new HostOptionError(
        "maxMemoryBytes",
        "the cap is written into the module's bytes before compiling; pass the bytes or a path, not a WebAssembly.Module",
      );
    }
    return { module: source, engine, adapter: detectAdapter(source, abi), memoryImports: [], maxMemoryBytes: 0, startSection: true };
  }
  let bytes = await loadModuleSource(source);
  let memoryImports: readonly CappedMemoryImport[] = [];
  let cap = 0;
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
  // Read once the engine has validated the bytes, so a broken module fails as the engine reports it.
  const hasStartSection = () => readSections(bytes).some((section) => section.name === "start");
  if (engine === "interpreter") {
    const compiled = await compileUncached(bytes, interpreterEngine);
    const adapter = detectAdapter(compiled, abi, interpreterEngine);
    return { module: bytes, engine, adapter, memoryImports, maxMemoryBytes: cap, startSection: hasStartSection() };
  }
  const module = await compileModule(bytes);
  return { module, engine, adapter: detectAdapter(module, abi), memoryImports, maxMemoryBytes: cap, startSection: hasStartSection() };
}
