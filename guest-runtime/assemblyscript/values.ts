/**
 * Small value types the generated glue and user code share.
 */

/**
 * Holds a primitive so that it can be `null`: AssemblyScript has no nullable `i32`, so an optional `i32`
 * field is a `Box<i32> | null`. Reference types (strings, arrays, classes) are plain `T | null` instead.
 */
export class Box<T> {
  constructor(public value: T) {}

  /** Wraps a value; reads better than `new Box<T>(v)` at call sites. */
  static of<T>(value: T): Box<T> {
    return new Box<T>(value);
  }
}

/**
 * The outcome of a call to the host: a value, or the host's error message. AssemblyScript has no
 * exceptions to catch, so a failed host call is a value the guest inspects.
 */
export class Result<T> {
  private constructor(
    /** `true` when the call succeeded and `value` holds its result. */
    public readonly isOk: bool,
    private readonly _value: T,
    /** The error message when `isOk` is `false`; empty otherwise. */
    public readonly error: string,
  ) {}

  static ok<T>(value: T): Result<T> {
    return new Result<T>(true, value, "");
  }

  static err<T>(message: string): Result<T> {
    return new Result<T>(false, zeroOf<T>(), message);
  }

  /** The value; aborts (a trap the caller sees with this message) when the result is an error. */
  get value(): T {
    if (!this.isOk) abort("unwrapped an error result: " + this.error);
    return this._value;
  }
}

/** A placeholder value of any type, never read (an error result has no value). */
// @ts-ignore: decorator
@inline
export function zeroOf<T>(): T {
  if (isInteger<T>() || isFloat<T>()) return <T>0;
  return changetype<T>(0);
}
