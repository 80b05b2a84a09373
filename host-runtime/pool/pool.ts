import { CallQueue } from "./call-queue.js";
import { ReentrantCallError } from "../errors.js";
import { PoolClosedError, PoolOverloadedError, WorkerCrashError } from "./errors.js";
import { resolvePoolOptions, type PoolOptions, type ResolvedPoolOptions } from "./options.js";
import {
  PoolWorker,
  type DeathCause,
  type GenerationLoad,
  type PendingCall,
  type PoolWorkerEvents,
  type PoolWorkerSettings,
} from "./pool-worker.js";
import { prepareModule, type PoolSource } from "./prepare-module.js";
import type { WorkerWasiGrants } from "./protocol.js";
import { guardHostCall, isReentry } from "./reentry-guard.js";

/** The largest call id: the call and answer rings hold ids in signed 32-bit fields. */
const MAX_CALL_ID = 0x7fff_ffff;

/** Per-call options of `Pool.invoke`. */
export type InvokeOptions = Partial<
  Readonly<{
    /**
     * Give the payload's buffer to the worker instead of copying it. The caller's `Uint8Array` is detached (length
     * 0) afterwards; use it for freshly encoded payloads. Defaults to `false`.
     */
    transfer: boolean;
  }>
>;

/** Counters and gauges of a pool, for monitoring and tests. */
export interface PoolStats {
  /** Configured number of workers. */
  readonly size: number;
  /** Workers currently alive (a replaced worker is counted once its successor starts). */
  readonly workers: number;
  /** Workers with at least one call sent to them. */
  readonly busy: number;
  /** Calls sent to workers and not yet answered. */
  readonly inFlight: number;
  /** Calls waiting for a worker. */
  readonly queued: number;
  /** The module version new calls use: 1 after creation, +1 per successful reload. */
  readonly generation: number;
  /** Module versions still loaded (old ones stay until their calls finish). */
  readonly generationsLoaded: number;
  readonly completed: number;
  readonly failed: number;
  readonly timeouts: number;
  /** Workers started to replace one that timed out or crashed. */
  readonly restarts: number;
}

/** A sandboxed guest running in worker threads. */
export interface Pool {
  /** Runs a waPC operation in a worker and resolves with the guest's response. */
  invoke(operation: string, payload?: Uint8Array, options?: InvokeOptions): Promise<Uint8Array>;
  /**
   * Calls a named function of the worker's guest adapter with structured-clonable arguments: the generic form
   * ABIs other than waPC (the direct ABI's stubs) run over. `name` is what errors report as the operation.
   */
  call(name: string, args: readonly unknown[]): Promise<unknown>;
  /**
   * Replaces the module. The new one is compiled, then instantiated (initializers included) in a worker of its own
   * that serves no calls: if that fails, traps or runs past `initTimeoutMs`, the promise rejects and the workers
   * serving calls never saw the new module, so the old one keeps serving without a pause. Then it is instantiated
   * in every worker. Calls made after `reload` resolves use the new module; calls made before it finish on the old
   * one. No call is dropped. Reloads run one after another.
   */
  reload(source: PoolSource): Promise<void>;
  stats(): PoolStats;
  /**
   * Waits for every queued and running call, then stops the workers. Later calls reject with `PoolClosedError`.
   * With `deadlineMs`, stops them after that long even if calls still run (a guest spinning with no `timeoutMs`):
   * queued calls then reject with `PoolClosedError`, running ones with `WorkerCrashError`.
   */
  close(options?: Readonly<{ deadlineMs?: number }>): Promise<void>;
}

interface Generation extends GenerationLoad {
  /** Calls bound to this generation that have not settled. */
  pending: number;
}

/**
 * Starts a pool of worker threads running the guest in `source`. Resolves once every worker has instantiated it;
 * rejects (and stops the workers) if the module does not compile or instantiate.
 */
export async function createPool(source: PoolSource, options?: PoolOptions): Promise<Pool> {
  const pool = new WorkerPool(resolvePoolOptions(options));
  try {
    await pool.reload(source);
  } catch (error) {
    await pool.close();
    throw error;
  }
  return pool;
}

class WorkerPool implements Pool {
  private readonly workers: PoolWorker[] = [];
  private readonly queue = new CallQueue<PendingCall>();
  private readonly generations = new Map<number, Generation>();
  private readonly events: PoolWorkerEvents;
  private readonly wasiGrants: WorkerWasiGrants;
  private current = 0;
  private lastGeneration = 0;
  /** The next call's id. Ids travel in the rings' Int32 fields, so they stay within 1…`MAX_CALL_ID` and wrap. */
  private nextId = 1;
  private failedStarts = 0;
  private inFlight = 0;
  private reloads: Promise<void> = Promise.resolve();
  /** The worker a reload is trying the new module in, if one is. */
  private probing: PoolWorker | undefined;
  private readonly workerSettings: PoolWorkerSettings;
  private closing: Promise<void> | undefined;
  private drained: (() => void) | undefined;
  private readonly counters = { completed: 0, failed: 0, timeouts: 0, restarts: 0 };

  constructor(private readonly options: ResolvedPoolOptions) {
    const { args, env, preopens } = options.wasi;
    this.wasiGrants = { args, env, preopens, forwardStdout: true, forwardStderr: true };
    const { timeoutMs, initTimeoutMs, hostCall } = options;
    this.workerSettings = {
      timeoutMs,
      initTimeoutMs,
      hostCall: hostCall === undefined ? undefined : guardHostCall(this, hostCall),
      wasi: this.wasiGrants,
    };
    this.events = {
      settled: (worker, call, failed) => this.settled(worker, call, failed),
      died: (worker, unstarted, cause) => this.replace(worker, unstarted, cause),
      output: (stream, data) => this.output(stream, data),
    };
    for (let i = 0; i < options.size; i++) this.workers.push(this.spawn());
  }

  invoke(operation: string, payload: Uint8Array = new Uint8Array(0), options?: InvokeOptions): Promise<Uint8Array> {
    return this.enqueue("invoke", operation, payload, undefined, options?.transfer === true) as Promise<Uint8Array>;
  }

  call(name: string, args: readonly unknown[]): Promise<unknown> {
    return this.enqueue("call", name, undefined, args, false);
  }

  reload(source: PoolSource): Promise<void> {
    if (this.closing !== undefined) return Promise.reject(new PoolClosedError());
    // Reloads run one after another; a failed one does not stop the next.
    const run = this.reloads.then(() => this.load(source));
    this.reloads = run.catch(() => {});
    return run;
  }

  stats(): PoolStats {
    const alive = this.workers.filter((w) => w.isAlive);
    return {
      size: this.options.size,
      workers: alive.length,
      busy: alive.filter((w) => w.inFlight > 0).length,
      inFlight: this.inFlight,
      queued: this.queue.length,
      generation: this.current,
      generationsLoaded: this.generations.size,
      ...this.counters,
    };
  }

  close(options?: Readonly<{ deadlineMs?: number }>): Promise<void> {
    this.closing ??= (async () => {
      const drained = (async () => {
        await this.reloads;
        if (this.queue.length > 0 || this.inFlight > 0) await new Promise<void>((resolve) => (this.drained = resolve));
      })();
      const deadlineMs = options?.deadlineMs;
      let timer: NodeJS.Timeout | undefined;
      if (deadlineMs === undefined) await drained;
      else await Promise.race([drained, new Promise<void>((resolve) => (timer = setTimeout(resolve, deadlineMs)))]);
      clearTimeout(timer);
      for (const call of this.queue.drain()) call.reject(new PoolClosedError(call.operation));
      await Promise.all([...this.workers, ...(this.probing === undefined ? [] : [this.probing])].map((w) => w.terminate()));
      this.generations.clear();
    })();
    return this.closing;
  }

  private enqueue(
    kind: "invoke" | "call",
    operation: string,
    payload: Uint8Array | undefined,
    args: readonly unknown[] | undefined,
    handOver: boolean,
  ): Promise<unknown> {
    if (this.closing !== undefined) return Promise.reject(new PoolClosedError(operation));
    if (this.workerSettings.hostCall !== undefined && isReentry(this)) {
      return Promise.reject(new ReentrantCallError(
        `"${operation}" was called on the pool from inside one of its own host functions, which cannot re-enter ` +
          "the pool: the calling guest holds its worker until the host function returns",
        { operation },
      ));
    }
    const generation = this.generations.get(this.current);
    if (generation === undefined) return Promise.reject(new PoolClosedError(operation));
    if (this.workers.length === 0) {
      return Promise.reject(new WorkerCrashError("no worker could be started", undefined, { operation }));
    }
    const worker = this.freeWorker();
    if (worker === undefined && this.queue.length >= this.options.queueLimit) {
      return Promise.reject(new PoolOverloadedError(operation, this.options.queueLimit));
    }
    return new Promise((resolve, reject) => {
      const call: PendingCall = { id: this.takeCallId(), generation: this.current, kind, operation, payload, args, handOver, resolve, reject };
      generation.pending++;
      this.inFlight++;
      if (worker !== undefined) worker.send(call);
      else this.queue.push(call);
    });
  }

  /**
   * The least loaded live worker with room. Each worker may hold `PIPELINE_DEPTH` calls, so it starts the next one
   * without waiting for a round trip through the main thread.
   */
  private takeCallId(): number {
    const id = this.nextId;
    this.nextId = id === MAX_CALL_ID ? 1 : id + 1;
    return id;
  }

  private freeWorker(): PoolWorker | undefined {
    let best: PoolWorker | undefined;
    for (const worker of this.workers) {
      if (!worker.isAlive || worker.inFlight >= PIPELINE_DEPTH) continue;
      if (best === undefined || worker.inFlight < best.inFlight) best = worker;
      if (worker.inFlight === 0) break;
    }
    return best;
  }

  private settled(worker: PoolWorker, call: PendingCall, failed: boolean): void {
    this.inFlight--;
    if (failed) this.counters.failed++;
    else this.counters.completed++;
    const generation = this.generations.get(call.generation);
    if (generation !== undefined && --generation.pending === 0 && call.generation !== this.current) this.retire(generation);
    if (worker.isAlive) this.pump(worker);
    if (this.drained !== undefined && this.inFlight === 0) this.drained();
  }

  /** Sends queued calls to `worker` while it has room. */
  private pump(worker: PoolWorker): void {
    while (worker.inFlight < PIPELINE_DEPTH && this.queue.length > 0) worker.send(this.queue.shift()!);
  }

  private replace(dead: PoolWorker, unstarted: PendingCall[], cause: DeathCause): void {
    if (cause.timedOut) this.counters.timeouts++;
    // Calls the dead worker never began go back to the front of the queue, in their order.
    for (let i = unstarted.length - 1; i >= 0; i--) this.queue.unshift(unstarted[i]!);
    const index = this.workers.indexOf(dead);
    // A worker that cannot even start (a broken install, say) would fail the same way again; replacing it in a
    // loop would spin forever. After a few such failures in a row the pool stops replacing and fails the queue.
    this.failedStarts = cause.started || cause.timedOut ? 0 : this.failedStarts + 1;
    const hopeless = this.failedStarts >= MAX_FAILED_STARTS;
    if ((this.closing !== undefined && this.queue.length === 0) || hopeless) {
      this.workers.splice(index, 1);
      if (this.workers.length === 0) {
        const error = cause.error ?? new PoolClosedError();
        for (const call of this.queue.drain()) {
          call.reject(error);
          this.settled(dead, call, true);
        }
      }
      return;
    }
    const fresh = this.spawn();
    this.workers[index] = fresh;
    this.counters.restarts++;
    for (const generation of this.generations.values()) void fresh.load(generation).catch(() => {});
    this.pump(fresh);
  }

  private spawn(): PoolWorker {
    return new PoolWorker(this.workerSettings, this.events);
  }

  private async load(source: PoolSource): Promise<void> {
    if (this.closing !== undefined) throw new PoolClosedError();
    const prepared = await prepareModule(source, this.options.maxMemoryBytes, this.options.abi, this.options.engine);
    // Reloads run one at a time, so the number is only taken once the reload succeeds: failed ones leave no gap.
    const generation: Generation = { generation: this.lastGeneration + 1, ...prepared, pending: 0 };
    // A reload tries the module aside first; at creation there are no calls to protect.
    if (this.current !== 0) await this.probe(generation);
    if (this.closing !== undefined) throw new PoolClosedError();
    this.generations.set(generation.generation, generation);
    const results = await Promise.allSettled(this.workers.map((w) => w.load(generation)));
    const failure = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failure !== undefined) {
      this.generations.delete(generation.generation);
      for (const worker of this.workers) worker.unload(generation.generation);
      throw failure.reason;
    }
    const previous = this.generations.get(this.current);
    this.lastGeneration = this.current = generation.generation;
    if (previous !== undefined && previous.pending === 0) this.retire(previous);
  }

  /**
   * Instantiates a new generation in a worker of its own, which serves no calls. The serving workers run loads and
   * calls in order, so a module whose initializers loop would hold each of them, and every call sent after the
   * load, until `initTimeoutMs`; one that traps would make them all instantiate it for nothing. Tried aside, a
   * failing module never reaches them. The price is one worker start and one more run of the initializers.
   */
  private async probe(generation: GenerationLoad): Promise<void> {
    const ignore = () => {};
    const probe = new PoolWorker(this.workerSettings, {
      settled: ignore,
      died: ignore,
      output: (stream, data) => this.output(stream, data),
    });
    this.probing = probe;
    try {
      await probe.load(generation);
      const death = probe.death;
      if (death !== undefined) {
        throw death.error ?? new WorkerCrashError("the worker stopped while instantiating the new module", undefined);
      }
    } finally {
      this.probing = undefined;
      await probe.terminate();
    }
  }

  private retire(generation: Generation): void {
    this.generations.delete(generation.generation);
    for (const worker of this.workers) worker.unload(generation.generation);
  }

  private output(stream: "log" | "stdout" | "stderr", data: string | Uint8Array): void {
    if (stream === "log") this.options.logger(data as string);
    else this.options.wasi[stream](data as Uint8Array);
  }
}

/** Workers in a row that may fail to start before the pool gives up replacing them. */
const MAX_FAILED_STARTS = 3;

/**
 * Calls sent ahead to one worker. At 1 every call waits for a main-thread round trip before the worker starts the
 * next. With the shared-ring transport (call-ring.ts) the worker is woken once per burst of calls, so a deeper
 * pipeline lets one wake-up and one `Atomics.waitAsync` resolution serve several calls: 8 rather than 2 took serve
 * from 0.89× to 1.12× of the book baseline with 1 worker (bench/serve.ts, P6). The cost: up to 7 calls may wait
 * behind a slow one on its worker, while new calls go to the least loaded worker.
 */
const PIPELINE_DEPTH = 8;
