/**
 * The error a handler reports instead of a result. AssemblyScript has no exceptions, so a handler calls
 * `fail(message)` and returns any value; the glue sees the error after the handler returns and reports it
 * to the host (`__guest_error` for waPC, status 1 for the direct ABI) instead of the result.
 */

let pending: string | null = null;

/** Makes the current operation fail with `message` once the handler returns. The first call wins. */
export function fail(message: string): void {
  if (pending === null) pending = message;
}

/** Whether a handler of the current call has called `fail`. */
// @ts-ignore: decorator
@inline
export function hasFailed(): bool {
  return pending !== null;
}

/** Returns the pending error message and clears it, so that the next call starts clean. */
export function takeFailure(): string {
  const message = pending;
  pending = null;
  return message === null ? "" : message;
}
