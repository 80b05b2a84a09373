/**
 * Whether a value is a Promise or another thenable: how the runtime tells a host function (or a host role's
 * implementation) that answers later from one that answers now.
 */
export function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === "function";
}
