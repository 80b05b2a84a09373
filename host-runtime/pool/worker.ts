/**
 * The entry point of a pool worker thread. It loads guest generations through their ABI adapter and runs calls
 * one at a time, answering each in the order the calls arrived: in the answers ring when the result is bytes that
 * fit, else with a `done` message and a `VIA_PORT` record in its place (call-ring.ts).
 *
 * Between calls the thread sleeps in `Atomics.wait` on the calls ring; it returns to its event loop only while a
 * generation loads (instantiation is asynchronous).
 */
import { parentPort, receiveMessageOnPort, workerData } from "node:worker_threads";
import { resolveEngine } from "../engine.js";
import { compileUncached } from "../module-cache.js";
import "../node/host-files.js";
import { CallRing, INLINE_MAX, INVOKE, RESULT, ringText, VIA_PORT } from "./call-ring.js";
import { ProgressWriter } from "./call-progress.js";
import { serializeError } from "./error-transport.js";
import { MemoryLimitError } from "./errors.js";
import { adapterFactories } from "./adapter-registry.js";
import type { GuestAdapter } from "./guest-adapter.js";
import { createBlockingHostCall } from "./host-call-bridge.js";
import { isMemoryLimitFailure } from "./memory-cap.js";
import { transferListOf } from "./payload-transfer.js";
import type { DoneMessage, FromWorker, LoadMessage, ToWorker, WorkerInit } from "./protocol.js";

interface LoadedGuest {
  readonly adapter: GuestAdapter;
  readonly maxMemoryBytes: number;
}

const port = parentPort!;
const init = workerData as WorkerInit;
const guests = new Map<number, LoadedGuest>();
const hostCall = init.hasHostCall ? createBlockingHostCall(init.hostCallPort, init.hostCallSignal) : undefined;

const calls = new CallRing(init.callChannel, 0);
const answers = new CallRing(init.callChannel, 1);
const progress = new ProgressWriter(init.progress);
/** Set when the running call sent guest output: its answer then follows the output on the port, in order. */
let outputDuringCall = false;

function post(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  if (transfer.length === 0) return port.postMessage(message);
  try {
    port.postMessage(message, transfer);
  } catch {
    // A buffer that cannot be detached (a view of a guest's memory, say) is sent as a copy instead.
    port.postMessage(message);
  }
}

const context = {
  hostCall,
  log: init.forwardLogs ? (data: string) => output({ type: "output", stream: "log", data }) : () => {},
  wasi: {
    ...init.wasi,
    stdout: init.wasi.forwardStdout
      ? (data: Uint8Array) => output({ type: "output", stream: "stdout", data }, transferListOf(data))
      : () => {},
    stderr: init.wasi.forwardStderr
      ? (data: Uint8Array) => output({ type: "output", stream: "stderr", data }, transferListOf(data))
      : () => {},
  },
};

function output(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  outputDuringCall = true;
  post(message, transfer);
}

/**
 * Runs what the calls ring holds, in order, sleeping when it is empty. Returns only to load a generation, and
 * resumes once the load is done; calls sent meanwhile wait in the ring.
 */
function serve(): void {
  for (;;) {
    const seen = calls.count();
    const at = calls.next();
    if (at < 0) {
      calls.sleep(seen);
      continue;
    }
    if (calls.kind(at) === INVOKE) {
      const operationLength = calls.field(at, 3);
      const payloadLength = calls.field(at, 4);
      const body = calls.body(at);
      const message: ToWorker = {
        type: "invoke",
        id: calls.field(at, 1),
        generation: calls.field(at, 2),
        operation: ringText(calls.bytes, body, body + operationLength),
        // A copy: the adapter may keep it, and the ring's bytes are reused.
        payload: calls.bytes.slice(body + operationLength, body + operationLength + payloadLength),
      };
      calls.release(at, operationLength + payloadLength);
      handle(message);
      continue;
    }
    calls.release(at, 0);
    const message = receiveMessageOnPort(init.controlPort)?.message as ToWorker | undefined;
    if (message === undefined) throw new Error("pool worker: a VIA_PORT record without its message");
    if (message.type === "load") {
      void load(message).then(serve, serve);
      return;
    }
    handle(message);
  }
}

async function load(message: LoadMessage): Promise<void> {
  progress.claim();
  try {
    const factory = adapterFactories[message.adapter];
    if (factory === undefined) throw new Error(`no pool adapter for the "${message.adapter}" ABI`);
    const create = await factory();
    const module =
      message.module instanceof Uint8Array ? await compileUncached(message.module, resolveEngine(message.engine)) : message.module;
    // `initTimeoutMs` covers the guest's own code only (protocol.ts, `InitializingMessage`): a start section runs
    // inside instantiation; without one, the guest's first code is its first initializer.
    const initializing = () => post({ type: "initializing", generation: message.generation });
    if (message.startSection) initializing();
    const adapter = await create(module, {
      ...context,
      memoryImports: message.memoryImports,
      engine: message.engine,
      ...(message.startSection ? {} : { beforeInitializers: initializing }),
    });
    guests.set(message.generation, { adapter, maxMemoryBytes: message.maxMemoryBytes });
    post({ type: "loaded", generation: message.generation });
  } catch (error) {
    post({ type: "loaded", generation: message.generation, error: serializeError(error) });
  }
  progress.finished();
}

function handle(message: ToWorker): void {
  switch (message.type) {
    case "unload":
      guests.delete(message.generation);
      return;
    case "load":
      return void load(message);
    case "invoke":
    case "call": {
      // Claimed before the guest runs and marked finished once answered: the main thread's timer reads both
      // (call-progress.ts), so a call is never taken for one that did not start, nor an answer for a timeout.
      progress.claim();
      answer(message);
      progress.finished();
      return;
    }
  }
}

/** Runs a call and posts its answer. */
function answer(message: Extract<ToWorker, { type: "invoke" | "call" }>): void {
  const guest = guests.get(message.generation);
  outputDuringCall = false;
  let result: unknown;
  try {
    if (guest === undefined) throw new Error(`guest generation ${message.generation} is not loaded in this worker`);
    result = run(guest.adapter, message);
  } catch (error) {
    const done: DoneMessage = { type: "done", id: message.id, error: serializeError(classify(error, guest, message.operation)) };
    answerByPort(done);
    return;
  }
  if (!outputDuringCall && result instanceof Uint8Array && result.byteLength <= INLINE_MAX) {
    const at = answers.reserve(result.byteLength);
    if (at >= 0) {
      answers.head(at, RESULT, message.id, result.byteLength);
      answers.bytes.set(result, answers.body(at));
      answers.publish(at, result.byteLength);
      return;
    }
  }
  try {
    post({ type: "done", id: message.id, result }, transferListOf(result));
  } catch (error) {
    // A `call` result structured clone cannot carry (a function, a WebAssembly.Instance, …).
    post({ type: "done", id: message.id, error: serializeError(error) });
  }
  markAnswer(message.id);
}

function answerByPort(done: DoneMessage): void {
  post(done);
  markAnswer(done.id);
}

/** Puts the `VIA_PORT` record of an answer sent by postMessage; waits for room, which the main thread makes. */
function markAnswer(id: number): void {
  while (!answers.mark(VIA_PORT, id)) Atomics.wait(pause, 0, 0, 1);
}
const pause = new Int32Array(new SharedArrayBuffer(4));

function run(adapter: GuestAdapter, message: Extract<ToWorker, { type: "invoke" | "call" }>): unknown {
  if (message.type === "invoke") {
    if (adapter.invoke === undefined) throw new Error("this guest's ABI has no waPC invoke; use pool.call()");
    return adapter.invoke(message.operation, message.payload);
  }
  if (adapter.call === undefined) throw new Error("this guest's adapter has no generic call()");
  return adapter.call(message.operation, message.args);
}

/** Reports a failure at the memory cap as MemoryLimitError, keeping the guest's own error as the cause. */
function classify(error: unknown, guest: LoadedGuest | undefined, operation: string): unknown {
  if (guest === undefined || guest.maxMemoryBytes === 0) return error;
  const memoryBytes = guest.adapter.memoryBytes();
  if (!isMemoryLimitFailure(error, memoryBytes, guest.maxMemoryBytes)) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new MemoryLimitError(
    `guest operation "${operation}" ran out of memory: its linear memory is capped at ${guest.maxMemoryBytes} bytes ` +
      `(maxMemoryBytes) and ${memoryBytes ?? "?"} bytes are in use; the guest said: ${detail}`,
    guest.maxMemoryBytes,
    memoryBytes,
    { operation, cause: error },
  );
}

post({ type: "ready" });
serve();
