import type { EngineName } from "../engine.js";
import type { WasiOptions } from "../options.js";
import type { SerializedError } from "./error-transport.js";
import type { CappedMemoryImport } from "./memory-cap.js";

/**
 * Messages between the pool (main thread) and its workers.
 *
 * Calls and their byte results travel through shared rings (call-ring.ts); these messages carry the rest, in the
 * order the rings' `VIA_PORT` records give them.
 *
 * A worker holds one guest instance per loaded *generation* (a version of the module: the first load and each
 * reload). Every call names its generation, so calls made before a reload finish on the old module while later
 * ones use the new one. Calls are answered in the order they were sent: a worker runs one call at a time.
 *
 * A call is either a waPC `invoke` (operation + payload bytes), or a generic `call` of a named function on the
 * worker's guest adapter (see guest-adapter.ts) with structured-clonable arguments; the direct ABI's stubs run
 * over the second form.
 */

/** WASI grants that can cross a thread boundary: output callbacks stay on the main thread. */
export type WorkerWasiGrants = Pick<WasiOptions, "args" | "env" | "preopens"> & {
  /** Whether the main thread wants fd 1 / fd 2 (else the worker drops it). */
  readonly forwardStdout: boolean;
  readonly forwardStderr: boolean;
};

/** Per-worker settings, fixed when the worker starts (`workerData`). */
export interface WorkerInit {
  /** Shared counter the main thread bumps after answering a host call (see host-call-bridge.ts). */
  readonly hostCallSignal: SharedArrayBuffer;
  readonly hostCallPort: import("node:worker_threads").MessagePort;
  readonly hasHostCall: boolean;
  /** The call and answer rings (call-ring.ts). */
  readonly callChannel: SharedArrayBuffer;
  /** Which jobs (loads and calls) the worker has started and answered (call-progress.ts). */
  readonly progress: SharedArrayBuffer;
  /** Messages to the worker (`ToWorker`), each standing where a `VIA_PORT` record is in the calls ring. */
  readonly controlPort: import("node:worker_threads").MessagePort;
  readonly forwardLogs: boolean;
  readonly wasi: WorkerWasiGrants;
}

export interface LoadMessage {
  readonly type: "load";
  readonly generation: number;
  /** The compiled module, or the binary for the worker to compile with the interpreter. */
  readonly module: WebAssembly.Module | Uint8Array;
  /** The engine that runs the module, by name. */
  readonly engine: EngineName;
  /** Name of the adapter that runs the module (`wapc`, `direct`). */
  readonly adapter: string;
  /** Capped memory to supply for the module's memory imports. */
  readonly memoryImports: readonly CappedMemoryImport[];
  /** The cap in bytes, or 0 for none. */
  readonly maxMemoryBytes: number;
  /** Whether the module may have a start section, whose guest code runs inside instantiation (`PreparedModule`). */
  readonly startSection: boolean;
}

export interface UnloadMessage {
  readonly type: "unload";
  readonly generation: number;
}

export interface InvokeMessage {
  readonly type: "invoke";
  readonly id: number;
  readonly generation: number;
  readonly operation: string;
  readonly payload: Uint8Array;
}

export interface CallMessage {
  readonly type: "call";
  readonly id: number;
  readonly generation: number;
  /** The adapter function; also what errors name as the operation. */
  readonly operation: string;
  readonly args: readonly unknown[];
}

export type ToWorker = LoadMessage | UnloadMessage | InvokeMessage | CallMessage;

export interface LoadedMessage {
  readonly type: "loaded";
  readonly generation: number;
  readonly error?: SerializedError;
}

export interface DoneMessage {
  readonly type: "done";
  readonly id: number;
  /** The result: bytes for `invoke`, any clonable value for `call`. Absent on error. */
  readonly result?: unknown;
  readonly error?: SerializedError;
}

/** Guest output forwarded to the main thread's writers. */
export interface OutputMessage {
  readonly type: "output";
  readonly stream: "log" | "stdout" | "stderr";
  readonly data: string | Uint8Array;
}

/** Sent once, when the worker's script has loaded: from here on its time is the calls'. */
export interface ReadyMessage {
  readonly type: "ready";
}

/**
 * The guest's own code is about to run in a load: its start section (instantiation, for a module that has one) or
 * else its initializers. From here `initTimeoutMs` runs. What comes before is the host's time, not the guest's:
 * loading the adapter's code and, without a start section, the engine instantiating the module in this thread,
 * which on a loaded machine can take longer than a tight call timeout. A load that runs no guest code at all sends
 * no such message and is not timed.
 */
export interface InitializingMessage {
  readonly type: "initializing";
  readonly generation: number;
}

export type FromWorker = ReadyMessage | InitializingMessage | LoadedMessage | DoneMessage | OutputMessage;

/** A guest→host call as the worker sends it on the host-call port. */
export interface HostCallRequest {
  readonly binding: string;
  readonly namespace: string;
  readonly operation: string;
  readonly payload: Uint8Array;
}

/** The main thread's answer to a `HostCallRequest`. */
export type HostCallAnswer =
  | { readonly ok: true; readonly payload: Uint8Array }
  | { readonly ok: false; readonly error: SerializedError };
