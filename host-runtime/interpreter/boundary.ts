import { FuelExhaustedError, InterruptedError, SuspensionError } from "./errors.js";
import { enterFrame, RunStatus, run } from "./machine.js";
import { externRefId, FuncInst, funcRefId, type HostAdapter, referencedValue } from "./store.js";
import { SliceSizer } from "./slice-sizer.js";
import { Thread } from "./thread.js";
import { EXTERNREF, F32, F64, type FuncType, I32, I64, type ValType, WORDS } from "./types.js";

/**
 * The boundary between JS and the executor: value conversions (the JS API's ToJSValue / ToWebAssemblyValue),
 * exported-function wrappers, host-import adapters, and the drivers that run a call to completion, synchronously
 * or in slices with suspension.
 */

/** Options of an asynchronous call. */
export interface CallOptions {
  /** Abandons the call (rejecting with InterruptedError) when aborted; checked between slices and while suspended. */
  readonly signal?: AbortSignal;
  /** Abandons the call after this many milliseconds (wall clock); checked between slices and while suspended. */
  readonly timeoutMs?: number;
  /**
   * Fuel units per slice: the executor yields to the event loop after each. Defaults to slices sized to about a
   * millisecond each, measured as the call runs (slice-sizer.ts).
   */
  readonly sliceFuel?: number;
}

/** Synchronous calls refill their budget in chunks this large; unmetered ones never stop in practice. */
const SYNC_CHUNK = 2 ** 30;

const TWO32 = 2n ** 32n;

/** The JS value of the stack value of `type` at word `at`. */
export function toJS(t: Thread, at: number, type: ValType): unknown {
  switch (type) {
    case I32:
      return t.I[at];
    case I64:
      return BigInt.asIntN(64, BigInt(t.I[at + 1]!) * TWO32 + BigInt(t.I[at]! >>> 0));
    case F32:
      return t.F32[at];
    case F64:
      return t.F64[at >> 1];
    case EXTERNREF:
      return t.I[at] === 0 ? null : referencedValue(t.I[at]!);
    default: {
      const id = t.I[at]!;
      return id === 0 ? null : exportedFunction(referencedValue(id) as FuncInst);
    }
  }
}

/** Writes `value` as a stack value of `type` at word `at`, converting as the JS API does (TypeError if it cannot). */
export function fromJS(t: Thread, at: number, type: ValType, value: unknown): void {
  switch (type) {
    case I32:
      t.I[at] = toNumber(value) | 0;
      break;
    case I64: {
      const big = BigInt.asIntN(64, toBigInt(value));
      t.I[at] = Number(big & 0xffffffffn) | 0;
      t.I[at + 1] = Number((big >> 32n) & 0xffffffffn) | 0;
      break;
    }
    case F32:
      t.F32[at] = toNumber(value);
      break;
    case F64:
      t.F64[at >> 1] = toNumber(value);
      break;
    case EXTERNREF:
      t.I[at] = externRefId(value);
      break;
    default:
      t.I[at] = funcRefOf(value);
  }
}

function toNumber(value: unknown): number {
  if (typeof value === "bigint") throw new TypeError("cannot convert a BigInt to an i32, f32 or f64 value");
  return +(value as number);
}

function toBigInt(value: unknown): bigint {
  if (typeof value === "number") throw new TypeError(`an i64 value must be a BigInt, not the number ${value}`);
  return BigInt(value as bigint);
}

/** The reference id of a funcref value: null or a function exported by this engine. */
function funcRefOf(value: unknown): number {
  if (value === null) return 0;
  const func = typeof value === "function" ? exportedFuncs.get(value) : undefined;
  if (func === undefined) throw new TypeError("a funcref must be null or a function exported by a WebAssembly instance");
  return funcRefId(func);
}

const exportedFuncs = new WeakMap<object, FuncInst>();

/** The function behind an exported-function wrapper, if `value` is one. */
export function funcOfWrapper(value: unknown): FuncInst | undefined {
  return typeof value === "function" ? exportedFuncs.get(value) : undefined;
}

/** The JS function that stands for `func` outside: the same object every time, as the JS API requires. */
export function exportedFunction(func: FuncInst): (...args: unknown[]) => unknown {
  if (func.wrapper !== undefined) return func.wrapper;
  const wrapper = function (...args: unknown[]): unknown {
    return invokeSync(func, args);
  };
  Object.defineProperty(wrapper, "name", { value: String(func.index) });
  Object.defineProperty(wrapper, "length", { value: func.type.params.length });
  exportedFuncs.set(wrapper, func);
  func.wrapper = wrapper;
  return wrapper;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === "object" || typeof value === "function") &&
    value !== null &&
    typeof (value as { then?: unknown }).then === "function"
  );
}

/** A host function of `type` calling `fn`, for the executor. */
export function hostFunction(type: FuncType, fn: (...args: unknown[]) => unknown): FuncInst {
  const { params, results } = type;
  // A thenable is a legitimate externref result in a synchronous call; elsewhere it asks for suspension.
  const passesThenables = results.length === 1 && results[0] === EXTERNREF;
  const adapter: HostAdapter = {
    call(t, at) {
      const args = new Array<unknown>(params.length);
      for (let i = 0; i < params.length; i++) args[i] = toJS(t, at + i * WORDS, params[i]!);
      const result = fn(...args);
      if (isThenable(result) && (t.canSuspend || !passesThenables)) return result;
      adapter.complete(t, at, result);
      return undefined;
    },
    complete(t, at, value) {
      if (results.length === 1) fromJS(t, at, results[0]!, value);
      else if (results.length > 1) {
        if (value === null || typeof (value as Iterable<unknown>)[Symbol.iterator] !== "function")
          throw new TypeError(`a host function with ${results.length} results must return an iterable`);
        const values = [...(value as Iterable<unknown>)];
        if (values.length !== results.length)
          throw new TypeError(`a host function returned ${values.length} values, expected ${results.length}`);
        values.forEach((v, i) => fromJS(t, at + i * WORDS, results[i]!, v));
      }
    },
  };
  return new FuncInst(type, undefined, undefined, adapter, -1);
}

/** The thread of synchronous calls that start outside any guest code. */
let syncThread: Thread | undefined;
/** The thread whose executor is running now (a host import calling back into a guest reuses it). */
let active: Thread | undefined;

/** Moves up to one chunk of fuel into the budget; false when the fuel is spent. */
function refill(t: Thread, chunk: number): boolean {
  if (t.fuelLeft <= 0) return false;
  const take = Math.min(t.fuelLeft, chunk);
  t.fuelLeft -= take;
  t.budget += take;
  return true;
}

function writeArgs(t: Thread, type: FuncType, args: readonly unknown[]): void {
  t.ensure(t.sp + type.params.length * WORDS);
  type.params.forEach((p, i) => fromJS(t, t.sp + i * WORDS, p, args[i]));
  t.sp += type.params.length * WORDS;
}

function readResults(t: Thread, type: FuncType, at: number): unknown {
  const { results } = type;
  if (results.length === 0) return undefined;
  if (results.length === 1) return toJS(t, at, results[0]!);
  return results.map((r, i) => toJS(t, at + i * WORDS, r));
}

/**
 * Calls `func` to completion on the running thread (a host import calling back in) or on the synchronous thread.
 * `pushArgs` writes the arguments at the thread's `sp` (and advances it); `takeResults` reads the results at the
 * given word. A host import that returns a Promise makes it throw SuspensionError.
 */
function callSync<R>(func: FuncInst, pushArgs: (t: Thread) => void, takeResults: (t: Thread, at: number) => R): R {
  const outer = active;
  const t = outer ?? (syncThread ??= new Thread());
  const { sp, depth, func: savedFunc, pc, fp, canSuspend } = t;
  const instance = func.instance;
  const metered = outer === undefined;
  if (metered) {
    t.fuelLeft = instance?.fuel ?? Number.POSITIVE_INFINITY;
    t.budget = 0;
  }
  t.canSuspend = false;
  try {
    pushArgs(t);
    if (func.host !== undefined) {
      const at = t.sp - func.paramWords;
      t.sp = at;
      if (func.host.call(t, at) !== undefined)
        throw new SuspensionError("a host function returned a Promise during a synchronous call");
      return takeResults(t, at);
    }
    enterFrame(t, func);
    active = t;
    for (;;) {
      const status = run(t, depth);
      if (status === RunStatus.Done) break;
      // Suspension cannot happen here (canSuspend is off), so the budget ran out.
      if (!refill(t, SYNC_CHUNK)) throw new FuelExhaustedError(instance?.fuel ?? 0);
    }
    return takeResults(t, sp);
  } finally {
    active = outer;
    if (metered && instance !== undefined && instance.fuel !== Number.POSITIVE_INFINITY)
      instance.fuel = Math.max(0, t.fuelLeft + t.budget);
    t.sp = sp;
    t.depth = depth;
    t.func = savedFunc;
    t.pc = pc;
    t.fp = fp;
    t.canSuspend = canSuspend;
  }
}

/** Calls `func` with JS arguments and returns its JS result(s), as an exported function does. */
export function invokeSync(func: FuncInst, args: readonly unknown[]): unknown {
  return callSync(
    func,
    (t) => writeArgs(t, func.type, args),
    (t, at) => readResults(t, func.type, at),
  );
}

/**
 * Calls `func` with its arguments as raw stack words (two per value) and returns the raw result words: bit-exact
 * where JS numbers are not (an f32 signalling NaN). For conformance tests and tools.
 */
export function invokeWords(func: FuncInst, args: Int32Array): Int32Array {
  return callSync(
    func,
    (t) => {
      t.ensure(t.sp + args.length);
      t.I.set(args, t.sp);
      t.sp += args.length;
    },
    (t, at) => t.I.slice(at, at + func.resultWords),
  );
}

const yieldToEventLoop: () => Promise<void> =
  typeof setImmediate === "function"
    ? () => new Promise((resolve) => setImmediate(resolve))
    : () => new Promise((resolve) => setTimeout(resolve, 0));

function aborted(signal: AbortSignal): InterruptedError {
  return new InterruptedError("the call was aborted", { cause: signal.reason });
}

function timedOut(options: CallOptions): InterruptedError {
  return new InterruptedError(`the call ran out of its ${options.timeoutMs} ms`);
}

/**
 * What a host import's Promise settles to, unless the call's deadline passes or its signal aborts first (then
 * InterruptedError): a suspended guest waits for the host within the call's time, like a spinning one, and a
 * Promise that never settles does not hold the call forever. A Promise settling after that is ignored.
 */
function settledInTime<T>(pending: PromiseLike<T>, deadline: number, options: CallOptions): Promise<T> {
  const { signal } = options;
  if (deadline === Number.POSITIVE_INFINITY && signal === undefined) return Promise.resolve(pending);
  return new Promise<T>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onAbort = (): void => settle(() => reject(aborted(signal!)));
    const settle = (end: () => void): void => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      end();
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener("abort", onAbort, { once: true });
    if (deadline !== Number.POSITIVE_INFINITY) {
      timer = setTimeout(() => settle(() => reject(timedOut(options))), Math.max(0, deadline - Date.now()));
    }
    Promise.resolve(pending).then(
      (value) => settle(() => resolve(value)),
      (error: unknown) => settle(() => reject(error)),
    );
  });
}

/**
 * Calls `func` on a thread of its own, in slices of `sliceFuel` units with a turn of the event loop between them;
 * a host import may return a Promise, which suspends the guest until it settles.
 */
export async function invokeAsync(func: FuncInst, args: readonly unknown[], options: CallOptions = {}): Promise<unknown> {
  const slices = new SliceSizer(options.sliceFuel);
  const deadline = options.timeoutMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + options.timeoutMs;
  const t = new Thread();
  const instance = func.instance;
  const startFuel = instance?.fuel ?? Number.POSITIVE_INFINITY;
  t.fuelLeft = startFuel;
  t.canSuspend = true;
  writeArgs(t, func.type, args);
  const interrupted = (): void => {
    if (options.signal?.aborted) throw aborted(options.signal);
    if (Date.now() >= deadline) throw timedOut(options);
  };
  try {
    if (func.host !== undefined) {
      const pending = func.host.call(t, 0);
      if (pending !== undefined) func.host.complete(t, 0, await settledInTime(pending, deadline, options));
      return readResults(t, func.type, 0);
    }
    enterFrame(t, func);
    refill(t, slices.fuel);
    slices.start();
    for (;;) {
      interrupted();
      active = t;
      let status: RunStatus;
      try {
        status = run(t, 0);
      } finally {
        active = undefined;
      }
      if (status === RunStatus.Done) break;
      if (status === RunStatus.Suspended) {
        const callee = t.pendingFunc!;
        const value = await settledInTime(t.pending!, deadline, options);
        t.pending = undefined;
        t.pendingFunc = undefined;
        callee.host!.complete(t, t.sp, value);
        t.sp += callee.resultWords;
        slices.start(); // the wait is not the slice's running time
        continue;
      }
      slices.spent();
      if (!refill(t, slices.fuel)) throw new FuelExhaustedError(startFuel);
      await yieldToEventLoop();
      slices.start();
    }
    return readResults(t, func.type, 0);
  } finally {
    if (instance !== undefined && startFuel !== Number.POSITIVE_INFINITY) instance.fuel = Math.max(0, t.fuelLeft + t.budget);
  }
}
