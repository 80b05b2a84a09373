import { WidlHostError, type WidlHostErrorOptions } from "../errors.js";

/**
 * Errors only the pool raises. Like the core runtime's, they extend `WidlHostError`, carry the guest `operation`
 * when one was running, and cross the worker boundary with their class intact (see error-transport.ts).
 */

/**
 * A call ran longer than `timeoutMs`: in a pool its worker was terminated and replaced; on the interpreter engine
 * the guest was abandoned between two slices and its instance is re-created before the next call. The call was
 * stopped part-way, so some of its effects (host calls) may have happened; the pool never re-runs it.
 */
export class GuestTimeoutError extends WidlHostError {
  readonly timeoutMs: number;

  /** `stopped` says what became of the guest: a pool terminates its worker, the interpreter abandons the call. */
  constructor(operation: string, timeoutMs: number, options: WidlHostErrorOptions = {}, stopped = "its worker was terminated") {
    super(`guest operation "${operation}" timed out after ${timeoutMs} ms; ${stopped}`, {
      ...options,
      operation,
    });
    this.timeoutMs = timeoutMs;
  }
}

/**
 * A guest's initializers (`_start`, `_initialize`, `wapc_init`), with its instantiation, ran longer than
 * `initTimeoutMs` in a worker; the worker was terminated. `createPool` or `reload` rejects with it.
 */
export class GuestInitTimeoutError extends WidlHostError {
  readonly timeoutMs: number;

  constructor(initializers: readonly string[], timeoutMs: number) {
    const which = initializers.length === 0 ? "instantiation" : `initializer (${initializers.join(", ")})`;
    super(
      `the guest's ${which} did not finish within ${timeoutMs} ms (initTimeoutMs); its worker was terminated`,
      initializers.length === 0 ? {} : { operation: initializers[initializers.length - 1]! },
    );
    this.timeoutMs = timeoutMs;
  }
}

/** The pool's queue already holds `queueLimit` calls waiting for a worker. */
export class PoolOverloadedError extends WidlHostError {
  readonly queueLimit: number;

  constructor(operation: string, queueLimit: number) {
    super(
      `pool overloaded: ${queueLimit} calls are already waiting for a worker (queueLimit); "${operation}" was rejected`,
      { operation },
    );
    this.queueLimit = queueLimit;
  }
}

/**
 * The guest needed more linear memory than `maxMemoryBytes` allows: either its declared minimum is above the cap
 * (raised when loading), or a call failed with its memory at the cap (`memory.grow` returned -1 and the guest
 * trapped or reported an allocation failure). The guest's own error is the `cause`.
 */
export class MemoryLimitError extends WidlHostError {
  readonly maxMemoryBytes: number;
  /** The guest's memory size when the error was raised, if known. */
  readonly memoryBytes: number | undefined;

  constructor(
    message: string,
    maxMemoryBytes: number,
    memoryBytes: number | undefined,
    options: WidlHostErrorOptions = {},
  ) {
    super(message, options);
    this.maxMemoryBytes = maxMemoryBytes;
    this.memoryBytes = memoryBytes;
  }
}

/** The pool was closed: `invoke` after `close()`, or a reload that raced with it. */
export class PoolClosedError extends WidlHostError {
  constructor(operation?: string) {
    super(
      operation === undefined ? "the pool is closed" : `the pool is closed; "${operation}" was not run`,
      operation === undefined ? {} : { operation },
    );
  }
}

/**
 * A worker stopped without being asked to (an uncaught error or an exit inside the worker, e.g. V8 running out of
 * heap). A call it had begun rejects with this error, since it may or may not have run; calls it provably never
 * began are retried on a new worker.
 */
export class WorkerCrashError extends WidlHostError {
  readonly exitCode: number | undefined;

  constructor(detail: string, exitCode: number | undefined, options: WidlHostErrorOptions = {}) {
    const during = options.operation === undefined ? "" : ` during "${options.operation}"`;
    super(`pool worker stopped unexpectedly${during}: ${detail}`, options);
    this.exitCode = exitCode;
  }
}
