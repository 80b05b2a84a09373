import { MemoryAccessError } from "./errors.js";

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder("utf-8");
/** Node's native UTF-8 slice, which takes any Uint8Array as `this`; undefined outside Node. */
const utf8Slice = (globalThis as { Buffer?: { prototype: { utf8Slice?: (this: Uint8Array, start: number, end: number) => string } } })
  .Buffer?.prototype.utf8Slice;

/** Encodes a string as UTF-8. Lengths on the waPC wire are these byte counts, never `string.length`. */
export function encodeUtf8(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

/** Decodes UTF-8 from a view, replacing malformed sequences (guest text is untrusted, but only ever displayed). */
export function decodeUtf8(bytes: Uint8Array): string {
  return utf8Decoder.decode(bytes);
}

/**
 * Bounds-checked access to a guest's linear memory.
 *
 * One object lives as long as its host; `attach` points it at a new instance's memory after trap recovery, so
 * import functions can close over it once. The cached `Uint8Array` is re-created only when the memory's buffer
 * changed, i.e. after `memory.grow` detached the old one.
 */
export class GuestMemory {
  private memory: WebAssembly.Memory | undefined;
  private cached: Uint8Array = new Uint8Array(0);
  private cachedView: DataView = new DataView(new ArrayBuffer(0));
  private shared = false;
  /** The operation reported in errors; kept current by the host. */
  operation: string | undefined;

  /** Points this object at a (new) instance's memory. */
  attach(memory: WebAssembly.Memory): void {
    this.memory = memory;
    this.shared = typeof SharedArrayBuffer !== "undefined" && memory.buffer instanceof SharedArrayBuffer;
    this.refresh();
  }

  /** The underlying `WebAssembly.Memory`; throws before `attach`. */
  get wasmMemory(): WebAssembly.Memory {
    if (this.memory === undefined) throw new Error("GuestMemory used before attach()");
    return this.memory;
  }

  /** All of memory as bytes, revalidated against growth. Do not keep it across guest calls. */
  get bytes(): Uint8Array {
    // A grown non-shared memory detaches its old buffer, and a detached view has length 0. Checking our own view
    // is cheaper than the `memory.buffer` getter on every import call (bench/invoke.ts, 16 B rows). Shared memories
    // never detach, so they always take the comparison.
    const cached = this.cached;
    if (cached.byteLength === 0 || (this.shared && cached.buffer !== this.memory!.buffer)) this.refresh();
    return this.cached;
  }

  /** A `DataView` over all of memory, revalidated like `bytes`. */
  get view(): DataView {
    this.bytes;
    return this.cachedView;
  }

  /** The memory size in bytes. */
  get size(): number {
    return this.bytes.byteLength;
  }

  /**
   * A view of `[ptr, ptr + length)` after checking it lies inside memory. `where` names the import for the error.
   * Pointers arrive as signed i32 and are read as unsigned, so a pointer above 2 GiB is not mistaken for negative.
   */
  range(ptr: number, length: number, where: string): Uint8Array {
    const bytes = this.bytes;
    const start = ptr >>> 0;
    const len = length >>> 0;
    if (start + len > bytes.byteLength) {
      throw new MemoryAccessError(where, start, len, bytes.byteLength, { operation: this.operation });
    }
    return bytes.subarray(start, start + len);
  }

  /** A copy of `[ptr, ptr + length)`, for data that must outlive the call. */
  copy(ptr: number, length: number, where: string): Uint8Array {
    // Sliced from the whole-memory view: no intermediate subarray per call (bench/invoke.ts, 16 B rows).
    const start = this.check(ptr, length >>> 0, where);
    return this.cached.slice(start, start + (length >>> 0));
  }

  /** Decodes UTF-8 text at `[ptr, ptr + length)` without copying the bytes first. */
  readUtf8(ptr: number, length: number, where: string): string {
    const len = length >>> 0;
    const start = this.check(ptr, len, where);
    const bytes = this.cached;
    // Node's `Buffer#utf8Slice` decodes straight from the whole-memory view: no subarray, and less call overhead
    // than TextDecoder (65 → 40 ns for the line the Rust echo fixture logs on every call; bench/invoke.ts, Rust
    // 16 B). Text starting with a BOM goes through TextDecoder, which drops the BOM.
    if (utf8Slice !== undefined && bytes[start] !== 0xef) return utf8Slice.call(bytes, start, start + len);
    return utf8Decoder.decode(bytes.subarray(start, start + len));
  }

  /** Writes `data` at `ptr`, checking the whole destination lies inside memory. */
  write(ptr: number, data: Uint8Array, where: string): void {
    const start = this.check(ptr, data.byteLength, where); // first: it may replace the cached view
    this.cached.set(data, start);
  }

  /**
   * Checks that `[ptr, ptr + length)` lies inside memory and returns the unsigned pointer. Afterwards the cached
   * view is current, which `copy` and `write` rely on.
   */
  check(ptr: number, length: number, where: string): number {
    const start = ptr >>> 0;
    const size = this.bytes.byteLength;
    if (start + length > size) {
      throw new MemoryAccessError(where, start, length, size, { operation: this.operation });
    }
    return start;
  }

  private refresh(): void {
    const buffer = this.memory!.buffer;
    this.cached = new Uint8Array(buffer);
    this.cachedView = new DataView(buffer);
  }
}
