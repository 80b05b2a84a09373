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

/** A linear memory. The buffer is replaced (and the old one detached) on growth, as V8 does. */
export class MemoryInst {
  buffer: ArrayBuffer;
  view: DataView;
  bytes: Uint8Array;
  constructor(
    pages: number,
    readonly max: number | undefined,
  ) {
    this.buffer = new ArrayBuffer(pages * PAGE);
    this.view = new DataView(this.buffer);
    this.bytes = new Uint8Array(this.buffer);
  }

  get pages(): number {
    return this.buffer.byteLength / PAGE;
  }

  /** Grows by `delta` pages; returns the old size in pages, or -1 if the maximum or the host refuses. */
  grow(delta: number): number {
    const old = this.pages;
    const limit = Math.min(this.max ?? 65536, 65536);
    if (delta > limit - old) return -1;
    if (delta === 0) return old;
    let next: ArrayBuffer;
    try {
      next = new ArrayBuffer((old + delta) * PAGE);
    } catch {
      return -1; // the host has no room: the spec lets grow fail
    }
    new Uint8Array(next).set(this.bytes);
    const previous = this.buffer;
    this.buffer = next;
    this.view = new DataView(next);
    this.bytes = new Uint8Array(next);
    detach(previous);
    return old;
  }
}

/** Detaches a buffer, so that views of the old memory fail loudly instead of reading stale bytes. */
function detach(buffer: ArrayBuffer): void {
  const transfer = (buffer as { transfer?: () => ArrayBuffer }).transfer;
  if (typeof transfer === "function") transfer.call(buffer);
  else if (typeof structuredClone === "function") structuredClone(buffer, { transfer: [buffer] });
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
