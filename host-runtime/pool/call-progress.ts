/**
 * How far a worker has got through the jobs (loads and calls) sent to it, in shared memory, so the main thread can
 * tell at any moment which jobs the worker has started and which it has answered, without waiting for a message.
 *
 * Why: when a call's timer fires, its answer may already be posted but not yet received, and the worker may already
 * have started the next call. Terminating the worker then and retrying "the calls behind" would run that next call
 * twice. The worker instead *claims* each job before starting it, and the main thread *fences* the worker (stops
 * further claims) before deciding: every job is then provably started or provably never started.
 *
 * Jobs are numbered from 1 in the order they were sent, modulo 2^30 (the main thread's `seq`); a number is `reached`
 * by a count when the count is at or past it, wrapping.
 */

const STARTED = 0; // the last job the worker claimed, or FENCED while the main thread decides
const FINISHED = 1; // the last job whose answer (result, error or `loaded`) the worker has posted
const FENCED = -1;
const MASK = 0x3fffffff;

export function createProgress(): SharedArrayBuffer {
  return new SharedArrayBuffer(8);
}

/** Whether the job count `count` is at or past job `seq` (both wrap at 2^30). */
export function reached(count: number, seq: number): boolean {
  return ((count - seq) & MASK) < MASK / 2;
}

/** The worker's side. */
export class ProgressWriter {
  private readonly words: Int32Array;
  private count = 0;

  constructor(buffer: SharedArrayBuffer) {
    this.words = new Int32Array(buffer);
  }

  /** Claims the next job before its guest code runs; waits while the main thread holds the fence. */
  claim(): void {
    const next = (this.count + 1) & MASK;
    while (Atomics.compareExchange(this.words, STARTED, this.count, next) !== this.count) {
      Atomics.wait(this.words, STARTED, FENCED);
    }
    this.count = next;
  }

  /** The claimed job's answer has been posted. */
  finished(): void {
    Atomics.store(this.words, FINISHED, this.count);
  }
}

/** The main thread's side. */
export class ProgressReader {
  private readonly words: Int32Array;

  constructor(buffer: SharedArrayBuffer) {
    this.words = new Int32Array(buffer);
  }

  /**
   * Stops the worker from starting another job and returns the last one it started. Until `unfence`, what it has
   * started cannot change: the worker waits at its next claim.
   */
  fence(): number {
    return Atomics.exchange(this.words, STARTED, FENCED);
  }

  /** Lets the worker go on; `started` is what `fence` returned. */
  unfence(started: number): void {
    Atomics.store(this.words, STARTED, started);
    Atomics.notify(this.words, STARTED);
  }

  /** Whether the answer to job `seq` has been posted (it may not have arrived yet). */
  hasFinished(seq: number): boolean {
    return reached(Atomics.load(this.words, FINISHED), seq & MASK);
  }

  /** The last job started, for a worker that has stopped (the count can no longer change). */
  lastStarted(): number {
    return Atomics.load(this.words, STARTED);
  }
}

/** A job number as the shared counts hold it. */
export function jobNumber(seq: number): number {
  return seq & MASK;
}
