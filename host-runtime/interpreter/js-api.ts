import { type CallOptions, exportedFunction, funcOfWrapper, fromJS, hostFunction, invokeAsync, toJS } from "./boundary.js";
import { CompileError, LinkError } from "./errors.js";
import { instantiateState, type ResolvedImport } from "./link.js";
import { decodeModule } from "./module-decoder.js";
import { ExternKind, type ModuleInfo } from "./module-info.js";
import { GlobalInst, type InstanceState, MemoryInst, TableInst } from "./store.js";
import { Thread } from "./thread.js";
import { EXTERNREF, F32, F64, FUNCREF, I32, I64, type ValType } from "./types.js";

/**
 * The classes and functions of the `WebAssembly` JS API, implemented over the interpreter. They follow the JS API
 * spec (and V8 where the spec leaves room), so that code written against `WebAssembly` runs unchanged with this
 * namespace in its place.
 */

type BufferSource = ArrayBuffer | ArrayBufferView;
type ImportObject = Record<string, Record<string, unknown>>;
// The interpreter's classes are typed with the `WebAssembly` namespace's own types (type-level only: nothing here
// reads `globalThis.WebAssembly`), so that `interpreter` is assignable wherever code expects that namespace
// (host-runtime/engine.ts; test/interpreter/engine-types.test.ts checks it).
/** The JS API's value type names (`"i32"`, `"externref"`, …). */
type ValueTypeName = keyof WebAssembly.ValueTypeMap;
const kindNames = ["function", "table", "memory", "global"] as const;
export type ImportExportKind = (typeof kindNames)[number];

function bytesOf(source: BufferSource): Uint8Array {
  // The JS API copies the bytes, so that later changes to the caller's buffer cannot reach the module.
  if (source instanceof ArrayBuffer) return new Uint8Array(source.slice(0));
  if (ArrayBuffer.isView(source))
    return new Uint8Array(source.buffer.slice(source.byteOffset, source.byteOffset + source.byteLength));
  throw new TypeError("a WebAssembly module must be given as an ArrayBuffer or a typed array");
}

const moduleInfo = new WeakMap<Module, ModuleInfo>();

/**
 * A compiled module: decoded, validated and lowered once; instantiate it as often as you like. Like
 * `WebAssembly.Module`, its instances have no members: `instantiate` lists the bytes overload first, so that a
 * Uint8Array (which matches any memberless type) resolves to it.
 */
export class Module {
  constructor(bytes: BufferSource) {
    moduleInfo.set(this, decodeModule(bytesOf(bytes)));
  }

  static exports(module: Module): { name: string; kind: ImportExportKind }[] {
    return infoOf(module).exports.map((e) => ({ name: e.name, kind: kindNames[e.kind] }));
  }

  static imports(module: Module): { module: string; name: string; kind: ImportExportKind }[] {
    return infoOf(module).imports.map((i) => ({ module: i.module, name: i.name, kind: kindNames[i.kind] }));
  }

  static customSections(module: Module, sectionName: string): ArrayBuffer[] {
    return infoOf(module)
      .customSections.filter((s) => s.name === sectionName)
      .map((s) => s.data.slice().buffer);
  }
}

function infoOf(module: Module): ModuleInfo {
  const info = moduleInfo.get(module);
  if (info === undefined) throw new TypeError("expected a Module of the interpreter");
  return info;
}

const descriptorTypes: Record<string, ValType> = { i32: I32, i64: I64, f32: F32, f64: F64, externref: EXTERNREF, anyfunc: FUNCREF, funcref: FUNCREF };
const typeNames = new Map<ValType, string>([[I32, "i32"], [I64, "i64"], [F32, "f32"], [F64, "f64"], [EXTERNREF, "externref"], [FUNCREF, "anyfunc"]]);

// One scratch thread converts values for globals and tables outside any call.
const scratch = new Thread();
function wordsOf(type: ValType, value: unknown): Int32Array {
  fromJS(scratch, 0, type, value);
  return scratch.I.slice(0, 2);
}
function valueOf(type: ValType, words: Int32Array): unknown {
  scratch.I.set(words, 0);
  return toJS(scratch, 0, type);
}
function defaultValue(type: ValType): unknown {
  return type === I64 ? 0n : type === EXTERNREF ? undefined : type === FUNCREF ? null : 0;
}

function index(value: unknown, what: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new TypeError(`${what} must be an integer in [0, 2^32), got ${String(value)}`);
  return n;
}

const memories = new WeakMap<MemoryInst, Memory>();
const memoryInsts = new WeakMap<Memory, MemoryInst>();

/** A linear memory. `buffer` is replaced by a new ArrayBuffer on growth and the old one is detached. */
export class Memory {
  constructor(descriptor: { initial: number; maximum?: number }, inst?: MemoryInst) {
    if (inst === undefined) {
      const initial = index(descriptor.initial, "initial");
      const maximum = descriptor.maximum === undefined ? undefined : index(descriptor.maximum, "maximum");
      if (initial > 65536 || (maximum !== undefined && (maximum > 65536 || maximum < initial)))
        throw new RangeError("memory limits out of range: at most 65536 pages, maximum at least initial");
      inst = new MemoryInst(initial, maximum);
    }
    memoryInsts.set(this, inst);
    memories.set(inst, this);
  }

  get buffer(): ArrayBuffer {
    return memoryInsts.get(this)!.buffer;
  }

  /** Grows by `delta` pages and returns the old size; RangeError if the maximum would be passed. */
  grow(delta: number): number {
    const old = memoryInsts.get(this)!.grow(index(delta, "delta"));
    if (old < 0) throw new RangeError("WebAssembly.Memory.grow(): maximum memory size exceeded");
    return old;
  }
}

const tables = new WeakMap<TableInst, Table>();
const tableInsts = new WeakMap<Table, TableInst>();

/** A table of function or extern references. */
export class Table {
  constructor(descriptor: { element: string; initial: number; maximum?: number }, value?: unknown, inst?: TableInst) {
    if (inst === undefined) {
      const elem = descriptorTypes[descriptor.element];
      if (elem !== FUNCREF && elem !== EXTERNREF) throw new TypeError(`unknown table element type "${descriptor.element}"`);
      const initial = index(descriptor.initial, "initial");
      const maximum = descriptor.maximum === undefined ? undefined : index(descriptor.maximum, "maximum");
      if (initial > 10_000_000 || (maximum !== undefined && maximum < initial)) throw new RangeError("table limits out of range");
      const init = wordsOf(elem, arguments.length > 1 ? value : defaultValue(elem))[0]!;
      inst = new TableInst({ elem, min: initial, max: maximum }, new Array<number>(initial).fill(init));
    }
    tableInsts.set(this, inst);
    tables.set(inst, this);
  }

  get length(): number {
    return tableInsts.get(this)!.elems.length;
  }

  get(i: number): unknown {
    const inst = tableInsts.get(this)!;
    const at = index(i, "index");
    if (at >= inst.elems.length) throw new RangeError(`table index ${at} out of bounds`);
    return valueOf(inst.type.elem, Int32Array.of(inst.elems[at]!, 0));
  }

  set(i: number, value?: unknown): void {
    const inst = tableInsts.get(this)!;
    const at = index(i, "index");
    if (at >= inst.elems.length) throw new RangeError(`table index ${at} out of bounds`);
    inst.elems[at] = wordsOf(inst.type.elem, arguments.length > 1 ? value : defaultValue(inst.type.elem))[0]!;
  }

  grow(delta: number, value?: unknown): number {
    const inst = tableInsts.get(this)!;
    const init = wordsOf(inst.type.elem, arguments.length > 1 ? value : defaultValue(inst.type.elem))[0]!;
    const old = inst.grow(index(delta, "delta"), init);
    if (old < 0) throw new RangeError("WebAssembly.Table.grow(): maximum table size exceeded");
    return old;
  }
}

const globalObjects = new WeakMap<GlobalInst, Global>();
const globalInsts = new WeakMap<Global, GlobalInst>();

/** A global variable. `T` names its value type, as in `WebAssembly.Global<T>`. */
export class Global<T extends ValueTypeName = ValueTypeName> {
  constructor(descriptor: WebAssembly.GlobalDescriptor<T>, value?: WebAssembly.ValueTypeMap[T], inst?: GlobalInst) {
    if (inst === undefined) {
      const type = descriptorTypes[descriptor.value === "anyfunc" ? "funcref" : descriptor.value];
      if (type === undefined) throw new TypeError(`unknown global value type "${descriptor.value}"`);
      inst = new GlobalInst(type, Boolean(descriptor.mutable));
      inst.words.set(wordsOf(type, value === undefined ? defaultValue(type) : value));
    }
    globalInsts.set(this, inst);
    globalObjects.set(inst, this);
  }

  get value(): WebAssembly.ValueTypeMap[T] {
    const inst = globalInsts.get(this)!;
    return valueOf(inst.type, inst.words) as WebAssembly.ValueTypeMap[T];
  }

  set value(v: WebAssembly.ValueTypeMap[T]) {
    const inst = globalInsts.get(this)!;
    if (!inst.mutable) throw new TypeError("cannot set the value of an immutable global");
    inst.words.set(wordsOf(inst.type, v));
  }

  valueOf(): WebAssembly.ValueTypeMap[T] {
    return this.value;
  }

  /** The descriptor's value type name. */
  get type(): string {
    return typeNames.get(globalInsts.get(this)!.type)!;
  }
}

/** A global's value as its two raw stack words (bit-exact, for conformance tests and tools). */
export function globalWords(global: Global): Int32Array {
  return globalInsts.get(global)!.words.slice();
}

/** Resolves the module's imports from a JS import object, as the JS API's "read the imports" step does. */
function resolveImports(info: ModuleInfo, importObject: ImportObject | undefined): ResolvedImport[] {
  if (info.imports.length > 0 && (importObject === undefined || importObject === null || typeof importObject !== "object"))
    throw new TypeError("the module has imports, so an import object is required");
  return info.imports.map((imp): ResolvedImport => {
    const ns = importObject![imp.module];
    if (ns === undefined || ns === null || (typeof ns !== "object" && typeof ns !== "function"))
      throw new TypeError(`import "${imp.module}": the import object has no such module object`);
    const value = ns[imp.name];
    const what = `import "${imp.module}" "${imp.name}"`;
    switch (imp.kind) {
      case ExternKind.Func: {
        if (typeof value !== "function") throw new LinkError(`${what}: expected a function, got ${typeof value}`);
        return funcOfWrapper(value) ?? hostFunction(imp.type, value as (...args: unknown[]) => unknown);
      }
      case ExternKind.Table:
        if (!(value instanceof Table)) throw new LinkError(`${what}: expected a Table of this engine`);
        return tableInsts.get(value)!;
      case ExternKind.Memory:
        if (!(value instanceof Memory)) throw new LinkError(`${what}: expected a Memory of this engine`);
        return memoryInsts.get(value)!;
      case ExternKind.Global: {
        if (value instanceof Global) return globalInsts.get(value)!;
        const { type, mutable } = imp.type;
        if (mutable) throw new LinkError(`${what}: a mutable global must be imported as a Global`);
        if (type === I64 ? typeof value !== "bigint" : (type === I32 || type === F32 || type === F64) && typeof value !== "number")
          throw new LinkError(`${what}: expected a ${type === I64 ? "BigInt" : "number"} or a Global`);
        const global = new GlobalInst(type, false);
        global.words.set(wordsOf(type, value));
        return global;
      }
    }
  });
}

const instanceStates = new WeakMap<Instance, InstanceState>();
/** The descriptor passed when wrapping a global that exists already: the instance's type is used, not this. */
const existing: WebAssembly.GlobalDescriptor = { value: "i32" };

/**
 * An instance of a module. Besides the JS API's `exports` it offers the engine's extras: `fuel` and `callAsync`.
 */
export class Instance {
  readonly exports: WebAssembly.Exports;

  constructor(module: Module, importObject?: ImportObject) {
    const info = infoOf(module);
    const state = instantiateState(info, resolveImports(info, importObject));
    instanceStates.set(this, state);
    const exports: WebAssembly.Exports = Object.create(null);
    for (const e of info.exports) {
      switch (e.kind) {
        case ExternKind.Func:
          exports[e.name] = exportedFunction(state.funcs[e.index]!);
          break;
        case ExternKind.Table: {
          const inst = state.tables[e.index]!;
          exports[e.name] = tables.get(inst) ?? new Table({ element: "", initial: 0 }, undefined, inst);
          break;
        }
        case ExternKind.Memory: {
          const inst = state.memory!;
          exports[e.name] = memories.get(inst) ?? new Memory({ initial: 0 }, inst);
          break;
        }
        case ExternKind.Global: {
          const inst = state.globals[e.index]!;
          exports[e.name] = globalObjects.get(inst) ?? new Global(existing, undefined, inst);
          break;
        }
      }
    }
    this.exports = Object.freeze(exports);
  }

  /**
   * Fuel left for calls that enter through this instance's exports (calls the guest makes into other instances
   * spend the same fuel). `Infinity`, the default, means unmetered; set a number to meter the next calls. A call
   * that needs more throws FuelExhaustedError; set more fuel and the instance runs again.
   */
  get fuel(): number {
    return instanceStates.get(this)!.fuel;
  }

  set fuel(units: number) {
    if (!(units >= 0)) throw new RangeError(`fuel must be a non-negative number or Infinity, got ${units}`);
    instanceStates.get(this)!.fuel = units === Number.POSITIVE_INFINITY ? units : Math.floor(units);
  }

  /**
   * Calls the exported function `name` with `args`, in slices that yield to the event loop. Host imports may
   * return Promises: the guest waits for them in-process. Resolves to what the synchronous call would return.
   */
  callAsync(name: string, args: readonly unknown[] = [], options: CallOptions = {}): Promise<unknown> {
    const fn = this.exports[name];
    const func = funcOfWrapper(fn);
    if (func === undefined) return Promise.reject(new TypeError(`"${name}" is not an exported function`));
    return invokeAsync(func, args, options);
  }
}

export async function compile(bytes: BufferSource): Promise<Module> {
  return new Module(bytes);
}

export function validate(bytes: BufferSource): boolean {
  const data = bytesOf(bytes);
  try {
    decodeModule(data);
    return true;
  } catch (e) {
    if (e instanceof CompileError) return false;
    throw e;
  }
}

export function instantiate(
  bytes: BufferSource,
  importObject?: ImportObject,
): Promise<{ module: Module; instance: Instance }>;
export function instantiate(module: Module, importObject?: ImportObject): Promise<Instance>;
export async function instantiate(
  source: Module | BufferSource,
  importObject?: ImportObject,
): Promise<Instance | { module: Module; instance: Instance }> {
  if (source instanceof Module) return new Instance(source, importObject);
  const module = new Module(source);
  return { module, instance: new Instance(module, importObject) };
}
