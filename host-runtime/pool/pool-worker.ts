import { MessageChannel, Worker, type MessagePort } from "node:worker_threads";
import { interpreterEngine, resolveEngine, type EngineName } from "../engine.js";
import { CallQueue } from "./call-queue.js";
import { createProgress, jobNumber, ProgressReader, reached } from "./call-progress.js";
import { CallRing, createCallChannel, INLINE_MAX, INVOKE, RESULT, VIA_PORT } from "./call-ring.js";
import { deserializeError, type SerializedError } from "./error-transport.js";
import { GuestInitTimeoutError, GuestTimeoutError, PoolClosedError, WorkerCrashError } from "./errors.js";
import { serveHostCalls, type AsyncHostCall } from "./host-call-bridge.js";
import { initializers } from "../guest-instance.js";
import type { CappedMemoryImport } from "./memory-cap.js";
import { preparePayload } from "./payload-transfer.js";
import type { DoneMessage, FromWorker, ToWorker, WorkerInit, WorkerWasiGrants } from "./protocol.js";
import { resolveWorkerEntry } from "./worker-entry.js";

/** Operation names as UTF-8, encoded once; bounded, since HTTP clients choose the names `serve` passes on. */
const operationNames = new Map<string, Uint8Array>();
const utf8 = new TextEncoder();

function encodedOperation(operation: string): Uint8Array {
  let bytes = operationNames.get(operation);
  if (bytes === undefined) {
    bytes = utf8.encode(operation);
    if (operationNames.size < 1024) operationNames.set(operation, bytes);
  }
  return bytes;
}

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
  /** The compiled module, or the binary for the interpreter (see `PreparedModule`). */
  readonly module: WebAssembly.Module | Uint8Array;
  readonly engine: EngineName;
  readonly adapter: string;
  readonly memoryImports: readonly CappedMemoryImport[];
  readonly maxMemoryBytes: number;
  readonly startSection: boolean;
}

/** Why a worker died: a call ran out of time, or the worker failed by itself (before or after it started). */
export interface DeathCause {
  readonly timedOut: boolean;
  /** Whether the worker had ever answered; one that never did cannot start at all. */
  readonly started: boolean;
  readonly error: Error | undefined;
}

/** The error of a call the worker had begun when it was stopped for another job's sake. */
function interrupted(call: PendingCall): Error {
  return new WorkerCrashError("the worker was stopped after it had begun this call, which may or may not have run", undefined, {
    operation: call.operation,
  });
}

/** What a worker tells its pool. */
export interface PoolWorkerEvents {
  /** A call finished (either way); the worker has room for another. */
  settled(worker: PoolWorker, call: PendingCall, failed: boolean): void;
  /**
   * The worker is gone (terminated after a timeout, or crashed). `unstarted` are the calls it had been sent and
   * provably never began (call-progress.ts); they are safe to run elsewhere. Calls it had begun are rejected, never
   * handed back.
   */
  died(worker: PoolWorker, unstarted: PendingCall[], cause: DeathCause): void;
  output(stream: "log" | "stdout" | "stderr", data: string | Uint8Array): void;
}

export interface PoolWorkerSettings {
  readonly timeoutMs: number;
  /** Bounds each load (instantiation and initializers); 0 for none. */
  readonly initTimeoutMs: number;
  readonly hostCall: AsyncHostCall | undefined;
  readonly wasi: WorkerWasiGrants;
}

/** A load sent to the worker and not yet acknowledged. */
interface PendingLoad {
  readonly generation: number;
  readonly module: GenerationLoad["module"];
  readonly engine: EngineName;
  /** The guest's own code has begun (`InitializingMessage`): from here `initTimeoutMs` runs. */
  initializing: boolean;
  /** Position among the messages sent to this worker. */
  readonly seq: number;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

/**
 * The main thread's handle on one worker thread: it sends calls, matches answers (which come back in order), runs
 * the per-call timer, and serves the worker's host calls.
 *
 * The worker runs loads and calls one at a time, in the order they were sent; only the earliest unanswered one is
 * executing, the ones behind it wait. The timer therefore covers that head only, restarting when the head changes:
 * `timeoutMs` for a call, `initTimeoutMs` for a load (a looping initializer would otherwise hold the worker, and
 * every call sent after the load, for good). It does not run while the worker is still starting. When it fires,
 * the worker is fenced first (`timedOut`), so a call is never both answered and timed out, nor run twice.
 *
 * A worker keeps the process alive only while it has work (`ref` when busy, `unref` when idle), so a pool that
 * is never closed still lets the process exit once its calls are done.
 */
export class PoolWorker {
  private readonly worker: Worker;
  private readonly calls: CallRing;
  private readonly answers: CallRing;
  private readonly progress: ProgressReader;
  private readonly control: MessagePort;
  /** `done` messages that arrived by postMessage before the answers ring reached their `VIA_PORT` record. */
  private readonly portAnswers = new Map<number, DoneMessage>();
  /** Whether an `Atomics.waitAsync` on the answers ring is pending. */
  private waiting = false;
  private draining = false;
  private readonly running = new CallQueue<{ readonly call: PendingCall; readonly seq: number }>();
  private readonly loads = new CallQueue<PendingLoad>();
  private readonly stopServingHostCalls: (() => void) | undefined;
  private seq = 0;
  private timer: NodeJS.Timeout | undefined;
  /** The position (`seq`) of the load or call the timer is covering; 0 when it covers nothing. */
  private timedSeq = 0;
  private timerLimit = 0;
  private referenced = false;
  private alive = true;
  private stopping = false;
  private ready = false;
  private crash: Error | undefined;
  private deathCause: DeathCause | undefined;

  constructor(
    private readonly settings: PoolWorkerSettings,
    private readonly events: PoolWorkerEvents,
  ) {
    const entry = resolveWorkerEntry();
    const signal = new SharedArrayBuffer(4);
    const channel = new MessageChannel();
    const callChannel = createCallChannel();
    const control = new MessageChannel();
    const progress = createProgress();
    this.progress = new ProgressReader(progress);
    this.calls = new CallRing(callChannel, 0);
    this.answers = new CallRing(callChannel, 1);
    this.control = control.port1;
    const init: WorkerInit = {
      hostCallSignal: signal,
      hostCallPort: channel.port2,
      hasHostCall: settings.hostCall !== undefined,
      callChannel,
      progress,
      controlPort: control.port2,
      forwardLogs: true,
      wasi: settings.wasi,
    };
    this.worker = new Worker(entry.script, {
      eval: entry.eval,
      workerData: init,
      transferList: [channel.port2, control.port2],
    });
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

  /** Why the worker died, once it has; a load that resolved on a dead worker did not really happen. */
  get death(): DeathCause | undefined {
    return this.deathCause;
  }

  /** Loads a generation; resolves once the worker has instantiated it, or at once if the worker died meanwhile. */
  load(load: GenerationLoad): Promise<void> {
    if (!this.alive) return Promise.resolve();
    const done = new Promise<void>((resolve, reject) =>
      this.loads.push({ generation: load.generation, module: load.module, engine: load.engine, initializing: false, seq: ++this.seq, resolve, reject }),
    );
    this.post({ type: "load", ...load });
    this.timeHead();
    this.updateRef();
    return done;
  }

  unload(generation: number): void {
    if (this.alive) this.post({ type: "unload", generation });
  }

  send(call: PendingCall): void {
    this.running.push({ call, seq: ++this.seq });
    if (call.kind === "invoke") {
      if (!this.sendInline(call)) {
        const { bytes, transfer } = preparePayload(call.payload!, call.handOver);
        this.post({ type: "invoke", id: call.id, generation: call.generation, operation: call.operation, payload: bytes }, transfer);
      }
    } else {
      this.post({ type: "call", id: call.id, generation: call.generation, operation: call.operation, args: call.args! });
    }
    if (this.running.length === 1) this.timeHead();
    this.updateRef();
    if (!this.draining) this.pollAnswers();
  }

  /** Writes an invoke into the calls ring; false when it must go by postMessage (too large, or no room). */
  private sendInline(call: PendingCall): boolean {
    const payload = call.payload!;
    const operation = encodedOperation(call.operation);
    const length = operation.byteLength + payload.byteLength;
    if (payload.byteLength > INLINE_MAX || operation.byteLength > INLINE_MAX) return false;
    const ring = this.calls;
    const at = ring.reserve(length);
    if (at < 0) return false;
    ring.head(at, INVOKE, call.id, call.generation, operation.byteLength, payload.byteLength);
    const body = ring.body(at);
    ring.bytes.set(operation, body);
    ring.bytes.set(payload, body + operation.byteLength);
    // A lone call wakes the worker at once. Calls sent while others are in flight wake it once per turn of the event
    // loop, after every call that turn sent it: one `Atomics.notify` per burst (bench/serve.ts, bench/pool.ts).
    const alone = this.running.length === 1;
    ring.publish(at, length, alone);
    if (!alone && !this.wakeScheduled) {
      this.wakeScheduled = true;
      setImmediate(this.wakeWorker);
    }
    return true;
  }

  private wakeScheduled = false;
  private readonly wakeWorker = (): void => {
    this.wakeScheduled = false;
    this.calls.wake();
  };

  /** A message for the worker, in its place among the calls. */
  private post(message: ToWorker, transfer: readonly ArrayBuffer[] = []): void {
    this.control.postMessage(message, transfer as ArrayBuffer[]);
    // The ring holds at most the pipeline's calls and these small markers, so it is never full here; if it were,
    // the worker would wait forever for this message's turn, so fail loudly instead.
    if (!this.calls.mark(VIA_PORT, 0)) throw new Error("pool worker call ring is full");
  }

  /**
   * Settles every answer in the answers ring, then, while calls are in flight, waits for more with
   * `Atomics.waitAsync`: one wake-up drains every answer written by then.
   */
  private pollAnswers(): void {
    if (this.waiting) return;
    const ring = this.answers;
    for (;;) {
      if (!this.alive || this.running.length === 0) return;
      const seen = ring.count();
      this.drain();
      if (this.waiting || !this.alive || this.running.length === 0) return;
      const wake = ring.waitAsync(seen);
      if (wake !== undefined) {
        this.waiting = true;
        void wake.then(this.woken);
        return;
      }
    }
  }

  private readonly woken = (): void => {
    this.waiting = false;
    this.answers.awake();
    this.pollAnswers();
  };

  /** Settles the answers in the ring, in order, up to one whose `done` message has not arrived yet. */
  private drain(): void {
    if (!this.alive) return;
    const ring = this.answers;
    this.draining = true;
    try {
      for (;;) {
        const at = ring.next();
        if (at < 0) return;
        const id = ring.field(at, 1);
        if (ring.kind(at) === RESULT) {
          const length = ring.field(at, 2);
          const start = ring.body(at);
          // A copy the caller owns: the ring's bytes are reused.
          const result = ring.bytes.slice(start, start + length);
          ring.release(at, length);
          this.answered(id, result, undefined);
        } else {
          const message = this.portAnswers.get(id);
          if (message === undefined) return; // still on its way; `receive` drains again when it lands
          this.portAnswers.delete(id);
          ring.release(at, 0);
          this.answered(id, message.result, message.error);
        }
      }
    } finally {
      this.draining = false;
    }
  }

  /** Stops the worker; calls still in it reject with WorkerCrashError. */
  async terminate(): Promise<void> {
    this.stopping = true;
    this.stopTimer();
    this.stopServingHostCalls?.();
    await this.worker.terminate();
  }

  private receive(message: FromWorker): void {
    switch (message.type) {
      case "ready":
        this.ready = true;
        this.timeHead();
        return;
      case "done":
        // Its turn comes at its `VIA_PORT` record in the answers ring.
        this.portAnswers.set(message.id, message);
        this.drain();
        this.pollAnswers();
        return;
      case "initializing": {
        const load = this.loads.peek();
        if (load !== undefined && load.generation === message.generation) load.initializing = true;
        this.timeHead();
        return;
      }
      case "loaded": {
        const pending = this.loads.shift();
        this.timeHead();
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

  private answered(id: number, result: unknown, error: SerializedError | undefined): void {
    const entry = this.running.shift();
    if (entry === undefined || entry.call.id !== id) {
      // Answers arrive in request order; anything else is a bug in the worker, not the guest.
      this.crash = new Error(`pool worker answered call ${id} out of order`);
      void this.worker.terminate();
      return;
    }
    this.timeHead();
    this.updateRef();
    const failed = error !== undefined;
    if (failed) entry.call.reject(deserializeError(error));
    else entry.call.resolve(result);
    this.events.settled(this, entry.call, failed);
  }

  /**
   * Points the timer at the head (the earliest unanswered load or call), restarting it when the head changed.
   * Loads and calls are answered in the order they were sent, so the head is the one running in the worker.
   */
  private timeHead(): void {
    const call = this.running.peek();
    const load = this.loads.peek();
    const headIsLoad = load !== undefined && (call === undefined || load.seq < call.seq);
    const seq = headIsLoad ? load.seq : call?.seq;
    const limit = headIsLoad ? (load.initializing ? this.settings.initTimeoutMs : 0) : this.settings.timeoutMs;
    if (seq === undefined || !this.ready || limit <= 0) return this.stopTimer();
    if (this.timedSeq === seq) return;
    this.timedSeq = seq;
    // `refresh` (cheaper than a new timer on every answered call) keeps the delay the timer was created with.
    if (this.timer !== undefined && this.timerLimit === limit) {
      this.timer.refresh();
      return;
    }
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timerLimit = limit;
    this.timer = setTimeout(() => this.timedOut(), limit);
    this.timer.unref();
  }

  private stopTimer(): void {
    this.timedSeq = 0;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /**
   * The head's time is up. Before declaring a timeout, the worker is fenced (it cannot start another job), so what
   * it has started and answered is known exactly: an answer already posted wins over the timer, and only calls
   * that provably never started are handed back to run elsewhere.
   */
  private timedOut(): void {
    this.stopTimer();
    if (!this.alive) return;
    // An answer the worker wrote to the ring just now is not a timeout.
    const head = this.running.peek();
    this.drain();
    if (this.running.peek() !== head) {
      this.timeHead();
      this.pollAnswers();
      return;
    }
    const load = this.loads.peek();
    const headIsLoad = load !== undefined && (head === undefined || load.seq < head.seq);
    const seq = headIsLoad ? load.seq : head?.seq;
    if (seq === undefined) return;
    const started = this.progress.fence();
    if (this.progress.hasFinished(seq)) {
      // Its answer (a `done` or `loaded` message) was posted in time and is on its way; the worker may already be
      // running the next call. Not a timeout: the worker goes on, and the timer covers the head until it lands.
      this.progress.unfence(started);
      this.timeHead();
      return;
    }
    if (!reached(started, jobNumber(seq))) {
      // The worker has not even begun the head (its thread was not scheduled, say): no guest code ran past its
      // budget, and none of its calls has started, so all of them go to a new worker.
      this.die({ timedOut: false, started: this.ready, error: undefined }, started);
    } else if (headIsLoad) {
      this.loadTimedOut(started);
    } else {
      this.die({ timedOut: true, started: this.ready, error: undefined }, started, (call) =>
        new GuestTimeoutError(call.operation, this.settings.timeoutMs));
    }
    void this.worker.terminate();
  }

  /** The head load's start section or initializers ran past `initTimeoutMs`: the worker is stuck in guest code. */
  private loadTimedOut(started: number): void {
    const load = this.loads.shift()!;
    // An interpreter worker got the binary (its modules cannot cross threads): compiled again on this rare path.
    const module = load.module instanceof Uint8Array ? new interpreterEngine.Module(load.module as Uint8Array<ArrayBuffer>) : load.module;
    const exported = new Set(resolveEngine(load.engine).Module.exports(module).map((e) => e.name));
    const error = new GuestInitTimeoutError(initializers.filter((name) => exported.has(name)), this.settings.initTimeoutMs);
    load.reject(error);
    this.die({ timedOut: true, started: this.ready, error }, started);
  }

  private exited(code: number): void {
    if (!this.alive) return;
    // Answers the worker wrote before it went are good.
    if (!this.stopping) this.drain();
    if (this.stopping) {
      this.alive = false;
      for (const { call } of this.running.drain()) {
        call.reject(new WorkerCrashError("the pool was closed", code, { operation: call.operation }));
      }
      for (const load of this.loads.drain()) load.reject(new PoolClosedError());
      return;
    }
    const detail = this.crash?.message ?? `the worker exited with code ${code}`;
    const crashed = (operation: string | undefined) => new WorkerCrashError(detail, code, { operation, cause: this.crash });
    const started = this.progress.lastStarted();
    const head = this.running.peek();
    const during = head !== undefined && reached(started, jobNumber(head.seq)) ? head.call.operation : undefined;
    this.die({ timedOut: false, started: this.ready, error: crashed(during) }, started, (call) => crashed(call.operation));
  }

  /**
   * Marks the worker dead and settles what it held. Its pending loads: a worker that dies after starting is simply
   * replaced, so they count as done; one that could not start at all fails them, so `createPool` and `reload`
   * report why. Its calls, split by `started` (the last job it began, call-progress.ts): those it never began are
   * handed back to the pool; the first it began rejects with `failure`, any later one with a `WorkerCrashError`
   * saying it may or may not have run (a call that began may have had effects, so it is never run again behind
   * the caller's back).
   */
  private die(cause: DeathCause, started: number, failure: (call: PendingCall) => Error = interrupted): void {
    this.alive = false;
    this.deathCause = cause;
    this.stopTimer();
    this.stopServingHostCalls?.();
    for (const load of this.loads.drain()) {
      if (cause.started || cause.error === undefined) load.resolve();
      else load.reject(cause.error);
    }
    const begun: PendingCall[] = [];
    const unstarted: PendingCall[] = [];
    for (const { call, seq } of this.running.drain()) (reached(started, jobNumber(seq)) ? begun : unstarted).push(call);
    this.events.died(this, unstarted, cause);
    // Jobs run in order, so only the first can be the one that overran or crashed; any other began after an
    // answer this thread has not received, and cannot be told to have finished.
    begun.forEach((call, i) => {
      call.reject(i === 0 ? failure(call) : interrupted(call));
      this.events.settled(this, call, true);
    });
  }

  private updateRef(): void {
    const busy = this.alive && (this.running.length > 0 || this.loads.length > 0);
    if (busy === this.referenced) return;
    this.referenced = busy;
    if (busy) this.worker.ref();
    else this.worker.unref();
  }
}
