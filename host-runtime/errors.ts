/**
 * Typed errors of the host runtime.
 *
 * `HostCallNotImplementedError`, `InvalidWasm` and `StreamingFailure` keep the names, constructor argument order and
 * messages of @wapc/host 0.0.3, including its `matcher()` test helper, so code written against @wapc/host catches
 * and matches them unchanged. Everything else is ours; all of them extend `WidlHostError`.
 */

/** Options every host error accepts besides its message. */
export interface WidlHostErrorOptions {
  /** The guest operation (or initializer such as `_start`) that was running. */
  readonly operation?: string;
  readonly cause?: unknown;
}

/** Base class of every error the host runtime throws. */
export class WidlHostError extends Error {
  /**
   * The guest operation that was running when the error happened, or the initializer name (`_start`,
   * `_initialize`, `wapc_init`) during instantiation. Undefined for errors outside any guest code, such as a bad
   * option or an invalid binary.
   */
  operation: string | undefined;

  constructor(message: string, options: WidlHostErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.operation = options.operation;
  }

  /** A RegExp matching this error's message; @wapc/host's tests use it with `rejectedWith`. */
  matcher(): RegExp {
    return new RegExp(this.message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  }
}

/**
 * The guest called the host with a (binding, namespace, operation) the host does not implement.
 *
 * Argument order and message are @wapc/host's. Because `operation` on every host error names the *guest* operation,
 * the third argument is kept as `hostOperation`.
 */
export class HostCallNotImplementedError extends WidlHostError {
  readonly binding: string;
  readonly namespace: string;
  readonly hostOperation: string;
  /** What the guest reported after the failed host call, once the error has reached the caller of `invoke`. */
  guestMessage: string | undefined;

  constructor(binding: string, namespace: string, operation: string) {
    super(
      `Host call not implemented. Guest called host with binding = '${binding}', namespace = '${namespace}', & operation = '${operation}'`,
    );
    this.binding = binding;
    this.namespace = namespace;
    this.hostOperation = operation;
  }
}

/**
 * A host function (a typed stub's host role included) returned a Promise during a call that cannot wait for it:
 * on V8, and in `invokeSync` or a synchronous typed stub on any engine, the guest runs to its end on the caller's
 * stack. The guest was answered with this error's message as a host error; when the guest then fails, the caller
 * gets this error itself, the root cause. Return the value itself, or call where the guest can wait: a pool
 * (`createPool`, `<Class>.pool`), or `invoke` / `<Class>.loadAsync` on the interpreter engine.
 */
export class AsyncHostCallError extends WidlHostError {
  readonly binding: string;
  readonly namespace: string;
  readonly hostOperation: string;
  /** What the guest reported after the failed host call, once the error has reached the caller. */
  guestMessage: string | undefined;

  constructor(binding: string, namespace: string, operation: string) {
    super(
      `host function ${binding}/${namespace}/${operation} returned a Promise, but this call cannot wait for it: ` +
        "the guest runs synchronously here. Return the value itself, or call the guest where it can wait: a pool " +
        '(createPool, <Class>.pool), or invoke() / <Class>.loadAsync on engine "interpreter"',
    );
    this.binding = binding;
    this.namespace = namespace;
    this.hostOperation = operation;
  }
}

/** The bytes are not a WebAssembly module, or it could not be linked against the host's imports. */
export class InvalidWasm extends WidlHostError {
  constructor(error: Error) {
    super(`Invalid wasm binary: ${error.message}`, { cause: error });
  }
}

/** `instantiateStreaming` could not read the response. */
export class StreamingFailure extends WidlHostError {
  constructor(error: Error) {
    super(`Could not instantiate from Response object: ${error.message}`, { cause: error });
  }
}

/** The guest's `__guest_call` returned 0. The message is exactly the text the guest passed to `__guest_error`. */
export class GuestError extends WidlHostError {
  /** The guest's own message, undefined if it returned 0 without calling `__guest_error`. */
  readonly guestMessage: string | undefined;

  constructor(operation: string, guestMessage: string | undefined, options: { cause?: unknown } = {}) {
    super(guestMessage ?? `guest operation "${operation}" failed without an error message`, {
      operation,
      cause: options.cause,
    });
    this.guestMessage = guestMessage;
  }
}

/** Where an AssemblyScript guest called `abort`, decoded from its `env.abort(msg, file, line, col)` import. */
export interface GuestAbort {
  readonly message: string | null;
  readonly file: string | null;
  readonly line: number;
  readonly column: number;
}

/**
 * The guest trapped (a WebAssembly `RuntimeError`, a stack overflow, or an AssemblyScript `abort`).
 *
 * The message carries the guest's last words: its abort message with file:line:col, or what it passed to
 * `__guest_error` before trapping. The original trap, if any, is the `cause`.
 */
export class GuestTrapError extends WidlHostError {
  /** The guest's message (abort text or `__guest_error`), if it left one. */
  readonly guestMessage: string | undefined;
  /** The decoded `env.abort` call, if the trap came from one. */
  readonly abort: GuestAbort | undefined;

  constructor(
    operation: string,
    guestMessage: string | undefined,
    options: { cause?: unknown; abort?: GuestAbort } = {},
  ) {
    const trap = options.cause instanceof Error ? options.cause.message : undefined;
    const detail = guestMessage ?? trap ?? "unknown trap";
    const suffix = guestMessage !== undefined && trap !== undefined ? ` (${trap})` : "";
    super(`guest trapped during "${operation}": ${detail}${suffix}`, { operation, cause: options.cause });
    this.guestMessage = guestMessage;
    this.abort = options.abort;
  }
}

/**
 * The guest ran out of its `fuel` budget (interpreter engine): the call was abandoned like a trap, and the next
 * call runs on a re-created instance with a full budget. The interpreter's own `FuelExhaustedError` is the `cause`.
 */
export class GuestFuelExhaustedError extends WidlHostError {
  /** The budget of one call, in the interpreter's fuel units (docs/interpreter.md, "Fuel"). */
  readonly fuel: number;

  constructor(operation: string, fuel: number, options: { cause?: unknown } = {}) {
    super(`guest operation "${operation}" ran out of fuel: it needed more than its budget of ${fuel} units`, {
      operation,
      cause: options.cause,
    });
    this.fuel = fuel;
  }
}

/** The guest handed the host a pointer/length that does not lie inside its linear memory. */
export class MemoryAccessError extends WidlHostError {
  readonly ptr: number;
  readonly length: number;
  readonly memorySize: number;

  constructor(
    where: string,
    ptr: number,
    length: number,
    memorySize: number,
    options: WidlHostErrorOptions = {},
  ) {
    const during = options.operation === undefined ? "" : ` during "${options.operation}"`;
    super(
      `guest passed an out-of-bounds range to ${where}${during}: ptr ${ptr}, length ${length}, memory is ${memorySize} bytes`,
      options,
    );
    this.ptr = ptr;
    this.length = length;
    this.memorySize = memorySize;
  }
}

/**
 * A call was made on a guest, or on a pool, from inside one of its own host functions while the calling guest
 * call is still running. Refused at once: the calling guest holds its instance (in a pool, its worker) until the
 * host function returns, so the inner call could only fail or wait for itself.
 */
export class ReentrantCallError extends WidlHostError {}

/** The guest broke the waPC protocol, e.g. it reported success without a response. */
export class GuestProtocolError extends WidlHostError {}

/** A WASI guest called `proc_exit` outside initialization, or with a non-zero code during it. */
export class WasiExitError extends WidlHostError {
  readonly code: number;

  constructor(code: number, options: WidlHostErrorOptions = {}) {
    const during = options.operation === undefined ? "" : ` during "${options.operation}"`;
    super(`guest called proc_exit(${code})${during}`, options);
    this.code = code;
  }
}

/** An option passed to `instantiate` is unknown or has the wrong type. */
export class HostOptionError extends WidlHostError {
  readonly option: string;

  constructor(option: string, reason: string) {
    super(`invalid option "${option}": ${reason}`);
    this.option = option;
  }
}
