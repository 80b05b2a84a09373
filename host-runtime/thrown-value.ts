/**
 * Text for whatever a host function threw, for the guest's `__host_error` and for errors crossing a worker
 * boundary. A host function may throw anything: `Object.create(null)` (no `toString`), an object whose `toString`
 * throws, a Symbol, a Proxy that throws on every trap. `String(value)` throws on several of those, and an error
 * path that throws turns one failed host call into a raw `TypeError` for the caller, or in a pool an unhandled
 * rejection that ends the process.
 */
export function describeThrown(value: unknown): string {
  try {
    // What @wapc/host sends (`'' + e`) for every value that converts; `String` also converts a Symbol.
    return String(value);
  } catch {
    // Falls through to a description that does not call the value's own methods.
  }
  try {
    return `${Object.prototype.toString.call(value)} (a thrown ${typeof value} that cannot be converted to a string)`;
  } catch {
    return `a thrown ${typeof value} that cannot be converted to a string`;
  }
}

/** `value instanceof type`, false instead of an exception when `value` is a Proxy whose traps throw. */
export function isInstance<T>(value: unknown, type: abstract new (...args: never[]) => T): value is T {
  try {
    return value instanceof type;
  } catch {
    return false;
  }
}
