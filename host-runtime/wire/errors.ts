/**
 * Errors of the wire codec. Both carry the operation and the path to the bad value
 * (`handle_input: args.inp.x: expected string, got int`), built while the error unwinds out of
 * nested values, so the happy path pays nothing for path tracking.
 */

abstract class WirePathError extends Error {
  /** The operation whose payload was being encoded or decoded, when known. */
  operation: string | undefined;
  /** Where the bad value is: `args`, `result`, then field names, `[3]` list indexes, `{key}` map keys. */
  readonly path: string[] = [];
  /** The message without operation and path. */
  readonly reason: string;

  constructor(reason: string) {
    super(reason);
    this.name = new.target.name;
    this.reason = reason;
  }

  /** Adds an outer path segment and refreshes the message; returns `this` for `throw e.within(…)`. */
  within(segment: string): this {
    this.path.unshift(segment);
    this.refresh();
    return this;
  }

  /** Names the operation and refreshes the message. */
  during(operation: string): this {
    this.operation = operation;
    this.refresh();
    return this;
  }

  private refresh(): void {
    const path = this.path.join("").replace(/^\./, "");
    const where = [this.operation, path].filter((s) => s !== undefined && s !== "").join(": ");
    this.message = where === "" ? this.reason : `${where}: ${this.reason}`;
  }
}

/**
 * A payload that does not match the schema: a wrong wire type, a missing required field, a value
 * out of range, malformed or truncated msgpack, trailing bytes. Bytes from a guest are untrusted, so
 * this is an expected error, never a crash.
 */
export class DecodeError extends WirePathError {}

/** A JS value that cannot be sent as its declared type (wrong JS type, out of range, missing field). */
export class EncodeError extends WirePathError {}

/** Adds a path segment to a codec error passing through; other errors pass unchanged. */
export function withPath(e: unknown, segment: string): unknown {
  return e instanceof WirePathError ? e.within(segment) : e;
}

/** Names the operation on a codec error passing through. */
export function withOperation(e: unknown, operation: string): unknown {
  return e instanceof WirePathError && e.operation === undefined ? e.during(operation) : e;
}
