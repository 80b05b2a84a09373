import { GuestTrapError, MemoryAccessError, type GuestAbort } from "./errors.js";
import type { GuestMemory } from "./guest-memory.js";

/** Longest AS string we decode, in UTF-16 code units; a guest cannot make the host decode megabytes for a message. */
const maxStringUnits = 16 * 1024;
const utf16Decoder = new TextDecoder("utf-16le");

/**
 * Decodes an AssemblyScript string from guest memory, or returns null for a null pointer.
 *
 * AS 0.28 stores a string's byte length in the object header's `rtSize` field, the u32 just before the data
 * (`OBJECT.rtSize` at ptr - 4 in node_modules/assemblyscript/std/assembly/rt/common.ts), and the data as UTF-16LE.
 */
export function readAssemblyScriptString(memory: GuestMemory, ptr: number, where: string): string | null {
  if (ptr === 0) return null;
  const start = ptr >>> 0;
  const header = memory.check(start - 4, 4, where);
  const byteLength = memory.view.getUint32(header, true);
  const units = Math.min(byteLength >>> 1, maxStringUnits);
  const text = utf16Decoder.decode(memory.range(start, units * 2, where));
  return units < byteLength >>> 1 ? `${text}…` : text;
}

/** An abort still reports where it happened when one of its strings is out of bounds. */
function readAbortString(memory: GuestMemory, ptr: number): string | null {
  try {
    return readAssemblyScriptString(memory, ptr, "env.abort");
  } catch (error) {
    if (error instanceof MemoryAccessError) return `<unreadable string at ${ptr >>> 0}>`;
    throw error;
  }
}

/** Formats an abort the way it reads best in an error: `message at file:line:col`. */
export function formatAbort(abort: GuestAbort): string {
  const message = abort.message ?? "abort";
  return abort.file === null ? message : `${message} at ${abort.file}:${abort.line}:${abort.column}`;
}

/**
 * The `env` imports AssemblyScript guests use: `abort`, and `trace` and `seed` when the guest uses them.
 * `abort` throws a `GuestTrapError` right away, since AS declares it as never returning.
 */
export function createAssemblyScriptEnv(
  memory: GuestMemory,
  logger: (message: string) => void,
): WebAssembly.ModuleImports {
  return {
    abort(messagePtr: number, filePtr: number, line: number, column: number): never {
      const abort: GuestAbort = {
        message: readAbortString(memory, messagePtr),
        file: readAbortString(memory, filePtr),
        line: line >>> 0,
        column: column >>> 0,
      };
      throw new GuestTrapError(memory.operation ?? "(unknown)", formatAbort(abort), { abort });
    },
    trace(messagePtr: number, count: number, ...values: number[]): void {
      const message = readAssemblyScriptString(memory, messagePtr, "env.trace") ?? "";
      const shown = values.slice(0, Math.max(0, Math.min(count, values.length)));
      logger(`trace: ${message}${shown.length > 0 ? " " + shown.join(", ") : ""}`);
    },
    seed(): number {
      return Date.now() * Math.random();
    },
  };
}
