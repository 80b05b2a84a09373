import { StackExhaustedError } from "./errors.js";
import type { FuncInst } from "./store.js";

/** Value stack words a thread starts with; it grows on demand up to `MAX_STACK_WORDS`. */
const INITIAL_STACK_WORDS = 1 << 14;
/** 16 MiB of value stack: deep enough for any real guest, and the limit `assert_exhaustion` hits. */
export const MAX_STACK_WORDS = 1 << 22;
/** Call depth limit of the explicit frame stack. */
export const MAX_FRAMES = 1 << 16;

/**
 * One line of execution: the value stack (typed views over one buffer, two 32-bit words per value), the explicit
 * frame stack, and the registers the executor saves when it stops (slice end, suspension, host call). Nothing
 * here lives on the JS stack, which is what makes suspension and exact stack limits possible.
 */
export class Thread {
  I!: Int32Array;
  F32!: Float32Array;
  F64!: Float64Array;
  B!: BigInt64Array;
  U!: BigUint64Array;
  sp = 0;
  depth = 0;
  readonly frameFunc: (FuncInst | undefined)[] = [];
  readonly framePc: number[] = [];
  readonly frameFp: number[] = [];
  func: FuncInst | undefined;
  pc = 0;
  fp = 0;
  /** Fuel units the executor may spend before it stops (the current slice). */
  budget = 0;
  /** Fuel units not yet handed to `budget`: Infinity when the call is unmetered. */
  fuelLeft = Number.POSITIVE_INFINITY;
  /** Whether a host import may suspend this thread (only `callAsync` threads). */
  canSuspend = false;
  /** The Promise a host import returned, while the thread is suspended on it, and that import. */
  pending: PromiseLike<unknown> | undefined;
  pendingFunc: FuncInst | undefined;

  constructor() {
    this.allocate(INITIAL_STACK_WORDS);
  }

  private allocate(words: number): void {
    const buffer = new ArrayBuffer(words * 4);
    const I = new Int32Array(buffer);
    if (this.I !== undefined) I.set(this.I);
    this.I = I;
    this.F32 = new Float32Array(buffer);
    this.F64 = new Float64Array(buffer);
    this.B = new BigInt64Array(buffer);
    this.U = new BigUint64Array(buffer);
  }

  /** Makes room for `top` words, or throws StackExhaustedError. The executor reloads its views after a call. */
  ensure(top: number): void {
    if (top <= this.I.length) return;
    if (top > MAX_STACK_WORDS) throw new StackExhaustedError("call stack exhausted: the value stack is full");
    let words = this.I.length * 2;
    while (words < top) words *= 2;
    this.allocate(Math.min(words, MAX_STACK_WORDS));
  }
}
