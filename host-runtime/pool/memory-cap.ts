import { readWasmModule, WasmBinaryError, withMemoryMaximum } from "../wasm-binary.js";
import { MemoryLimitError } from "./errors.js";

/** The WebAssembly page size: linear memory grows in steps of 64 KiB. */
export const WASM_PAGE_BYTES = 65536;

/** The largest fixed step allocators commonly grow by: 16 pages (1 MiB). */
const GROWTH_STEP_BYTES = 16 * WASM_PAGE_BYTES;

/** A memory the module imports, to be supplied by the host with the cap as its maximum. */
export interface CappedMemoryImport {
  readonly module: string;
  readonly name: string;
  /** In pages. */
  readonly initial: number;
  /** In pages: the cap, or the module's own smaller maximum. */
  readonly maximum: number;
  readonly shared: boolean;
}

/** A module rewritten so that its memory cannot outgrow the cap. */
export interface CappedModule {
  readonly bytes: Uint8Array;
  /** The cap in bytes, rounded down to whole pages. */
  readonly maxBytes: number;
  readonly memoryImports: readonly CappedMemoryImport[];
}

/**
 * Rewrites the maximum of every memory the module defines to at most `maxMemoryBytes`, so that `memory.grow`
 * fails inside the guest (it returns -1) instead of taking host memory. The engine enforces the limit; nothing
 * is checked per call. A memory the module imports cannot be rewritten that way, so it is returned as a
 * description the worker turns into a `WebAssembly.Memory` with the same cap.
 *
 * Throws MemoryLimitError when a memory's declared minimum is already above the cap.
 */
export function capGuestMemory(bytes: Uint8Array, maxMemoryBytes: number): CappedModule {
  const maxPages = Math.min(65536, Math.floor(maxMemoryBytes / WASM_PAGE_BYTES));
  const maxBytes = maxPages * WASM_PAGE_BYTES;
  const info = readWasmModule(bytes);
  const memoryImports: CappedMemoryImport[] = [];
  for (const entry of info.imports) {
    if (entry.kind !== "memory") continue;
    const { min, max, shared, memory64 } = entry.limits;
    if (memory64) throw new WasmBinaryError(`memory64 import ${entry.module}.${entry.name} cannot be capped`, 0);
    if (min > maxPages) throw tooSmall(`${entry.module}.${entry.name}`, min, maxBytes);
    memoryImports.push({
      module: entry.module,
      name: entry.name,
      initial: min,
      maximum: Math.min(max ?? maxPages, maxPages),
      shared,
    });
  }
  info.memories.forEach((limits, index) => {
    if (limits.min > maxPages) throw tooSmall(`memory ${index}`, limits.min, maxBytes);
  });
  return { bytes: withMemoryMaximum(bytes, maxPages), maxBytes, memoryImports };
}

function tooSmall(which: string, minPages: number, maxBytes: number): MemoryLimitError {
  return new MemoryLimitError(
    `the guest's ${which} starts at ${minPages * WASM_PAGE_BYTES} bytes (${minPages} pages), above maxMemoryBytes ` +
      `(${maxBytes} bytes)`,
    maxBytes,
    minPages * WASM_PAGE_BYTES,
  );
}

/**
 * Decides whether a failed call ran out of capped memory. The engine does not say that `memory.grow` failed;
 * the guest only sees -1 and then traps or reports an allocation failure. So a failure counts as the cap's when
 * the memory is within one growth step of the cap, or when the guest's message says it could not allocate.
 * Allocators grow in steps: whole pages, 16 pages at a time (1 MiB), or as much again as they hold
 * (AssemblyScript's TLSF doubles), so "within one step" is: less than `GROWTH_STEP_BYTES` left, or more than half
 * the cap in use. A guest that asks for one huge block far below the cap and says nothing recognizable is
 * reported as its own error (documented in docs/host.md).
 */
export function isMemoryLimitFailure(error: unknown, memoryBytes: number | undefined, maxBytes: number): boolean {
  if (memoryBytes !== undefined && (memoryBytes + GROWTH_STEP_BYTES > maxBytes || memoryBytes * 2 > maxBytes)) return true;
  const message = error instanceof Error ? error.message : String(error);
  return /out of memory|memory allocation of \d+ bytes failed|allocation failed|cannot allocate|OOM\b/i.test(message);
}
