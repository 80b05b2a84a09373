import type { CompiledBody, ElemSegment, TableType } from "./module-info.js";
import type { Thread } from "./thread.js";
import { type FuncType, WORDS, type ValType } from "./types.js";

/**
 * How the executor calls a host function: convert the arguments at word `at` of the thread's stack, call it, and
 * either write its results at `at` and return undefined, or return the Promise it gave (the results are then
 * written by `HostAdapter.complete` when it settles).
 */
export interface HostAdapter {
  call(thread: Thread, at: number): PromiseLike<unknown> | undefined;
  complete(thread: Thread, at: number, value: unknown): void;
}

/**
 * The runtime objects instances are made of: functions, memories, tables and globals, and the reference ids that
 * stand for funcref and externref values on the executor's stack (0 is null).
 */

/** A function: a lowered wasm body with its instance, or a host (JS) function. One class so that the executor's
 * property reads stay monomorphic. */
export class FuncInst {
  /** Its reference id, given the first time it is used as a reference (0: not yet). */
  refId = 0;
  /** The JS function that stands for it outside (exports, table.get), made once so that identity holds. */
  wrapper: ((...args: unknown[]) => unknown) | undefined;
  readonly paramWords: number;
  readonly resultWords: number;
  readonly code: Int32Array;
  readonly localWords: number;
  readonly frameWords: number;
  constructor(
    readonly type: FuncType,
    body: CompiledBody | undefined,
    readonly instance: InstanceState | undefined,
    readonly host: HostAdapter | undefined,
    /** Index in its module's function space (for names and messages); -1 for host functions. */
    readonly index: number,
  ) {
    this.paramWords = type.params.length * WORDS;
    this.resultWords = type.results.length * WORDS;
    this.code = body?.code ?? emptyCode;
    this.localWords = body?.localWords ?? 0;
    this.frameWords = body?.frameWords ?? 0;
  }
}
const emptyCode = new Int32Array(0);

export const PAGE = 65536;

/** The largest memory a 32-bit address reaches, in pages. */
const MAX_PAGES = 65536;

/**
 * A linear memory. Its bytes live in a resizable ArrayBuffer that reserves address space up to the memory's
 * maximum, so `memory.grow` resizes it in place instead of copying it: a guest growing page by page to 64 MiB
 * took 14 s with a copy per page (bench/interpreter.ts, "memory.grow"). As the JS API requires, each growth then
 * moves the bytes to a new ArrayBuffer object (a transfer, no copy) and detaches the old one, so `buffer` is a
 * different object after growth and views of the old one have length 0.
 *
 * Where the host will not reserve that much (a 32-bit host) the memory reserves as much as it can and moves to a
 * new buffer, with a copy, when it outgrows it. An engine without resizable buffers copies on every growth.
 */
export class MemoryInst {
  buffer!: ArrayBuffer;
  /** The memory as bytes, and as 32-bit words in the host's byte order (for aligned access); see machine.ts. */
  bytes!: Uint8Array;
  words!: Int32Array;
  /** The current size in pages (the buffer's length, kept here since a host could resize the buffer itself). */
  pages: number;

  constructor(
    pages: number,
    readonly max: number | undefined,
  ) {
    this.pages = pages;
    this.use(reserve(pages, this.limit));
  }

  /** The most pages this memory may have. */
  get limit(): number {
    return Math.min(this.max ?? MAX_PAGES, MAX_PAGES);
  }

  /** Grows by `delta` pages; returns the old size in pages, or -1 if the maximum or the host refuses. */
  grow(delta: number): number {
    const old = this.pages;
    if (delta > this.limit - old) return -1;
    if (delta === 0) return old;
    const bytes = (old + delta) * PAGE;
    const current = this.buffer as ResizableBuffer;
    let next: ArrayBuffer;
    if (current.resizable === true && bytes <= current.maxByteLength) {
      try {
        current.resize(bytes);
      } catch {
        return -1; // the host could not commit the pages: the spec lets grow fail
      }
      next = moveBuffer(current);
    } else {
      // Outgrew its reservation (or the engine has no resizable buffers): move to a new buffer.
      try {
        next = reserve(old + delta, this.limit);
      } catch {
        return -1;
      }
      new Uint8Array(next).set(this.bytes);
      moveBuffer(current); // detaches it
    }
    this.pages = old + delta;
    this.use(next);
    return old;
  }

  private use(buffer: ArrayBuffer): void {
    this.buffer = buffer;
    this.bytes = new Uint8Array(buffer);
    this.words = new Int32Array(buffer);
  }
}

/** The resizable ArrayBuffer API of ES2024, which the project's TypeScript lib (ES2022) does not declare. */
interface ResizableBuffer extends ArrayBuffer {
  readonly resizable?: boolean;
  readonly maxByteLength: number;
  resize(byteLength: number): void;
}
const ResizableArrayBuffer = ArrayBuffer as unknown as new (length: number, options: { maxByteLength: number }) => ArrayBuffer;

/**
 * A buffer of `pages` pages that can grow in place up to `limit` pages, or as far towards it as the host will
 * reserve (halving the reservation until it fits); a fixed-length buffer where resizable buffers are unknown
 * (the options argument is then ignored).
 */
function reserve(pages: number, limit: number): ArrayBuffer {
  for (let max = limit; ; max = Math.max(pages, max >>> 1)) {
    try {
      return new ResizableArrayBuffer(pages * PAGE, { maxByteLength: max * PAGE });
    } catch (error) {
      if (max === pages) throw error;
    }
  }
}

/**
 * A new ArrayBuffer object with `buffer`'s bytes, the old one detached (so that views of the old memory see
 * length 0, as the host runtime's growth check expects): a transfer, which copies nothing.
 */
function moveBuffer(buffer: ArrayBuffer): ArrayBuffer {
  const transfer = (buffer as { transfer?: () => ArrayBuffer }).transfer;
  if (typeof transfer === "function") return transfer.call(buffer);
  return structuredClone(buffer, { transfer: [buffer] });
}

/** A table of reference ids. */
export class TableInst {
  constructor(
    readonly type: TableType,
    public elems: number[],
  ) {}

  /** Grows by `delta` entries of `init`; returns the old length, or -1. */
  grow(delta: number, init: number): number {
    const old = this.elems.length;
    const limit = Math.min(this.type.max ?? 0xffffffff, 10_000_000);
    if (delta > limit - old) return -1;
    for (let i = 0; i < delta; i++) this.elems.push(init);
    return old;
  }
}

/** A global: its value as two stack words, so that float bits survive untouched. */
export class GlobalInst {
  readonly words = new Int32Array(2);
  constructor(
    readonly type: ValType,
    readonly mutable: boolean,
  ) {}
}

/** Everything an instance's code reaches at run time, by index. */
export interface InstanceState {
  readonly funcs: FuncInst[];
  readonly tables: TableInst[];
  readonly memory: MemoryInst | undefined;
  readonly globals: GlobalInst[];
  /** Process-wide type ids of the module's types, for `call_indirect`. */
  readonly typeIds: Int32Array;
  /** Element segments as reference ids; a dropped segment is empty. */
  readonly elems: number[][];
  readonly elemSegments: readonly ElemSegment[];
  /** Data segments; a dropped segment is empty. */
  readonly datas: Uint8Array[];
  /** Fuel left for calls that enter through this instance's exports; Infinity when unmetered. */
  fuel: number;
}

// Reference ids. Externrefs are interned so that the same host value keeps the same id (and identity) while it
// travels through tables and globals; the registry holds them for the life of the process (see docs/interpreter.md).
const referenced: unknown[] = [null];
const externIds = new Map<unknown, number>();

export function externRefId(value: unknown): number {
  if (value === null) return 0;
  let id = externIds.get(value);
  if (id === undefined) {
    id = referenced.length;
    referenced.push(value);
    externIds.set(value, id);
  }
  return id;
}

export function funcRefId(func: FuncInst): number {
  if (func.refId === 0) {
    func.refId = referenced.length;
    referenced.push(func);
  }
  return func.refId;
}

/** The function or host value a reference id stands for (null for 0). */
export function referencedValue(id: number): unknown {
  return referenced[id];
}
