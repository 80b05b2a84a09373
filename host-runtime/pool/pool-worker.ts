import { MessageChannel, Worker } from "node:worker_threads";
import { CallQueue } from "./call-queue.js";
import { deserializeError, type SerializedError } from "./error-transport.js";
import { GuestTimeoutError, WorkerCrashError } from "./errors.js";
import { serveHostCalls, type AsyncHostCall } from "./host-call-bridge.js";
import type { CappedMemoryImport } from "./memory-cap.js";
import { preparePayload } from "./payload-transfer.js";
import type { FromWorker, ToWorker, WorkerInit, WorkerWasiGrants } from "./protocol.js";
import { resolveWorkerEntry } from "./worker-entry.js";

/** A call waiting for, or running on, a worker. */
export interface PendingCall {
  readonly id: number;
  readonly generation: number;
  readonly kind: "invoke" | "call";
  readonly operation: string;
  readonly payload: Uint8Array | undefined;
  readonly args: readonly unknown[] | undefined;
  /** The caller gave up the payload's buffer, so it may be transferred instead of copied. */
  readonly handOver: boolean;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

/** One loaded module version, as a worker needs it. */
export interface GenerationLoad {
  readonly generation: number;
  readonly module: WebAssembly.Module;
  readonly adapter: string;
  readonly memoryImports: readonly CappedMemoryImport[];
  readonly maxMemoryBytes: number;
}

/** Why a worker died: a call ran out of time, or the worker failed by itself (before or after it started). */
export interface DeathCause {
  readonly timedOut: boolean;
  /** Whether the worker had ever answered; one that never did cannot start at all. */
  readonly started: boolean;
  readonly error: Error | undefined;
}

/** What a worker tells its pool. */
export interface PoolWorkerEvents {
  /** A call finished (either way); the worker has room for another. */
  settled(worker: PoolWorker, call: PendingCall, failed: boolean): void;
  /**
   * The worker is gone (terminated after a timeout, or crashed). `unstarted` are the calls it had been sent but
   * had not begun; they are safe to run elsewhere.
   */
  died(worker: PoolWorker, unstarted: PendingCall[], cause: DeathCause): void;
  output(stream: "log" | "stdout" | "stderr", data: string | Uint8Array): void;
}

export interface PoolWorkerSettings {
  readonly timeoutMs: number;
  readonly hostCall: AsyncHostCall | undefined;
  readonly wasi: WorkerWasiGrants;
}

/**
 * The main thread's handle on one worker thread: it sends calls, matches answers (which come back in order), runs
 * the per-call timer, and serves the worker's host calls.
 *
 * Only the call at the head of `running` is executing in the worker; the ones behind it are queued there. The
 * timer therefore covers the head only, and restarts when the head changes. A worker keeps the process alive only
 * while it has work (`ref` when busy, `unref` when idle), so a pool that is never closed still lets the process
 * exit once its calls are done.
 */
export class PoolWorker {
  private readonly worker: Worker;
  private readonly running = new CallQueue<PendingCall>();
  private readonly loads = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  private readonly stopServingHostCalls: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private referenced = false;
  private alive = true;
  private stopping = false;
  private crash: Error | undefined;
  private started = false;

  constructor(
    private readonly settings: PoolWorkerSettings,
    private readonly events: PoolWorkerEvents,
  ) {
    const entry = resolveWorkerEntry();
    const signal = new SharedArrayBuffer(4);
    const channel = new MessageChannel();
    const init: WorkerInit = {
      hostCallSignal: signal,
      hostCallPort: channel.port2,
      hasHostCall: settings.hostCall !== undefined,
      forwardLogs: true,
      wasi: settings.wasi,
    };
    this.worker = new Worker(entry.script, { eval: entry.eval, workerData: init, transferList: [channel.port2] });
    this.stopServingHostCalls =
      settings.hostCall === undefined ? (channel.port1.close(), undefined) : serveHostCalls(channel.port1, signal, settings.hostCall);
    this.worker.on("message", (message: FromWorker) => this.receive(message));
    this.worker.on("error", (error) => (this.crash = error));
    this.worker.on("exit", (code) => this.exited(code));
    this.worker.unref();
  }

  /** Calls sent and not yet answered. */
  get inFlight(): number {
    return this.running.length;
  }

  get isAlive(): boolean {
    return this.alive;
  }

  /** Loads a generation; resolves once the worker has instantiated it, or at once if the worker died meanwhile. */
  load(load: GenerationLoad): Promise<void> {
    if (!this.alive) return Promise.resolve();
    const done = new Promise<void>((resolve, reject) => this.loads.set(load.generation, { resolve, reject }));
    this.post({ type: "load", ...load });
    this.updateRef();
    return done;
  }

  unload(generation: number): void {
    if (this.alive) this.post({ type: "unload", generation });
  }

  send(call: PendingCall): void {
    this.running.push(call);
    if (call.kind === "invoke") {
      const { bytes, transfer } = preparePayload(call.payload!, call.handOver);
      const message: ToWorker = { type: "invoke", id: call.id, generation: call.generation, operation: call.operation, payload: bytes };
      this.worker.postMessage(message, transfer);
    } else {
      this.post({ type: "call", id: call.id, generation: call.generation, operation: call.operation, args: call.args! });
    }
    if (this.running.length === 1) this.startTimer();
    this.updateRef();
  }

  /** Stops the worker; calls still in it are handed back as unstarted only if it dies some other way first. */
  async terminate(): Promise<void> {
    this.stopping = true;
    this.clearTimer();
    this.stopServingHostCalls?.();
    await this.worker.terminate();
  }

  private post(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  private receive(message: FromWorker): void {
    this.started = true;
    switch (message.type) {
      case "done": {
        const call = this.running.shift();
        if (call === undefined || call.id !== message.id) {
          // Answers arrive in request order; anything else is a bug in the worker, not the guest.
          this.crash = new Error(`pool worker answered call ${message.id} out of order`);
          void this.worker.terminate();
          return;
        }
        if (this.running.length > 0) this.startTimer();
        else this.clearTimer();
        this.updateRef();
        const failed = message.error !== undefined;
        if (failed) call.reject(deserializeError(message.error as SerializedError));
        else call.resolve(message.result);
        this.events.settled(this, call, failed);
        return;
      }
      case "loaded": {
        const pending = this.loads.get(message.generation);
        this.loads.delete(message.generation);
        this.updateRef();
        if (message.error === undefined) pending?.resolve();
        else pending?.reject(deserializeError(message.error));
        return;
      }
      case "output":
        this.events.output(message.stream, message.data);
        return;
    }
  }

  private startTimer(): void {
    if (this.settings.timeoutMs <= 0) return;
    if (this.timer === undefined) {
      this.timer = setTimeout(() => this.timedOut(), this.settings.timeoutMs);
      this.timer.unref();
    } else {
      this.timer.refresh();
    }
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private timedOut(): void {
    this.timer = undefined;
    const call = this.running.shift();
    if (call === undefined || !this.alive) return;
    this.die({ timedOut: true, started: this.started, error: undefined });
    call.reject(new GuestTimeoutError(call.operation, this.settings.timeoutMs));
    this.events.settled(this, call, true);
    void this.worker.terminate();
  }

  private exited(code: number): void {
    if (!this.alive) return;
    if (this.stopping) {
      this.alive = false;
      for (const call of this.running.drain()) call.reject(new WorkerCrashError("the pool was closed", code, { operation: call.operation }));
      return;
    }
    const call = this.running.shift();
    const detail = this.crash?.message ?? `the worker exited with code ${code}`;
    const error = new WorkerCrashError(detail, code, { operation: call?.operation, cause: this.crash });
    this.die({ timedOut: false, started: this.started, error });
    if (call !== undefined) {
      call.reject(error);
      this.events.settled(this, call, true);
    }
  }

  /**
   * Marks the worker dead, settles its pending loads and hands back the calls it never started. A worker that
   * dies after starting is simply replaced, so its loads count as done; one that could not start at all fails
   * them, so `createPool` and `reload` report why.
   */
  private die(cause: DeathCause): void {
    this.alive = false;
    this.clearTimer();
    this.stopServingHostCalls?.();
    for (const load of this.loads.values()) {
      if (cause.started || cause.error === undefined) load.resolve();
      else load.reject(cause.error);
    }
    this.loads.clear();
    const unstarted = this.running.drain();
    this.events.died(this, unstarted, cause);
  }

  private updateRef(): void {
    const busy = this.alive && (this.running.length > 0 || this.loads.size > 0);
    if (busy === this.referenced) return;
    this.referenced = busy;
    if (busy) this.worker.ref();
    else this.worker.unref();
  }
}
