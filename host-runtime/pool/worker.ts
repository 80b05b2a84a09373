/**
 * The entry point of a pool worker thread. It loads guest generations through their ABI adapter and runs calls
 * one at a time, answering each with a `done` message in the order the calls arrived.
 */
import { parentPort, workerData } from "node:worker_threads";
import { serializeError } from "./error-transport.js";
import { MemoryLimitError } from "./errors.js";
import { adapterFactories, type GuestAdapter } from "./guest-adapter.js";
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
  log: init.forwardLogs ? (data: string) => post({ type: "output", stream: "log", data }) : () => {},
  wasi: {
    ...init.wasi,
    stdout: init.wasi.forwardStdout
      ? (data: Uint8Array) => post({ type: "output", stream: "stdout", data }, transferListOf(data))
      : () => {},
    stderr: init.wasi.forwardStderr
      ? (data: Uint8Array) => post({ type: "output", stream: "stderr", data }, transferListOf(data))
      : () => {},
  },
};

// Loads are asynchronous (instantiation, the adapter's import); calls that arrive meanwhile wait behind them, so
// answers keep the order of the requests. With no load pending, calls run at once, without a promise per call.
let backlog: Promise<void> | undefined;
let backlogLength = 0;

port.on("message", (message: ToWorker) => {
  if (backlog === undefined && message.type !== "load") {
    handle(message);
    return;
  }
  backlogLength++;
  backlog = (backlog ?? Promise.resolve())
    .then(() => (message.type === "load" ? load(message) : handle(message)))
    .finally(() => {
      if (--backlogLength === 0) backlog = undefined;
    });
});

async function load(message: LoadMessage): Promise<void> {
  try {
    const factory = adapterFactories[message.adapter];
    if (factory === undefined) throw new Error(`no pool adapter for the "${message.adapter}" ABI`);
    const adapter = await (await factory())(message.module, { ...context, memoryImports: message.memoryImports });
    guests.set(message.generation, { adapter, maxMemoryBytes: message.maxMemoryBytes });
    post({ type: "loaded", generation: message.generation });
  } catch (error) {
    post({ type: "loaded", generation: message.generation, error: serializeError(error) });
  }
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
      const guest = guests.get(message.generation);
      let result: unknown;
      try {
        if (guest === undefined) throw new Error(`guest generation ${message.generation} is not loaded in this worker`);
        result = run(guest.adapter, message);
      } catch (error) {
        const done: DoneMessage = { type: "done", id: message.id, error: serializeError(classify(error, guest, message.operation)) };
        post(done);
        return;
      }
      try {
        post({ type: "done", id: message.id, result }, transferListOf(result));
      } catch (error) {
        // A `call` result structured clone cannot carry (a function, a WebAssembly.Instance, …).
        post({ type: "done", id: message.id, error: serializeError(error) });
      }
      return;
    }
  }
}

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
