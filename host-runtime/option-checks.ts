/**
 * The checks options are resolved with, shared by `resolveHostOptions` and `resolvePoolOptions`. Each throws
 * `HostOptionError` naming the option and what was wrong with it; the `optional*` ones return `undefined` for an
 * option not given, so the caller applies its default with `??`.
 */
import { HostOptionError } from "./errors.js";

/** An options object: not null, not an array. */
export function checkObject(name: string, value: unknown): void {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new HostOptionError(name, `expected an object, got ${describe(value)}`);
  }
}

/** Refuses keys not in `known`; `prefix` places the key (`"wasi."`). */
export function rejectUnknownKeys(prefix: string, given: Record<string, unknown>, known: Set<string>): void {
  for (const key of Object.keys(given)) {
    if (!known.has(key)) {
      throw new HostOptionError(`${prefix}${key}`, `unknown option; expected one of ${[...known].join(", ")}`);
    }
  }
}

/** A callback option. */
export function optionalFunction<T extends (...args: never[]) => unknown>(name: string, value: unknown): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "function") throw new HostOptionError(name, `expected a function, got ${describe(value)}`);
  return value as T;
}

/** A boolean option. */
export function optionalBoolean(name: string, value: unknown): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "boolean") throw new HostOptionError(name, `expected a boolean, got ${describe(value)}`);
  return value;
}

/** An option taking one of a few strings. */
export function oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) {
    throw new HostOptionError(name, `expected one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}, got ${describe(value)}`);
  }
  return value as T;
}

/** A list of strings, copied and frozen; empty when not given. */
export function stringArray(name: string, value: unknown): readonly string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
    throw new HostOptionError(name, `expected an array of strings, got ${describe(value)}`);
  }
  return Object.freeze([...value]);
}

/** A string → string record, copied (own keys only, onto a null prototype) and frozen; empty when not given. */
export function stringRecord(name: string, value: unknown): Readonly<Record<string, string>> {
  if (value === undefined) return {};
  checkObject(name, value);
  const copy: Record<string, string> = Object.create(null);
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (typeof item !== "string") throw new HostOptionError(`${name}.${key}`, `expected a string, got ${describe(item)}`);
    copy[key] = item;
  }
  return Object.freeze(copy);
}

/** A short description of a wrong value, for the error message. */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "string" ? `the string ${JSON.stringify(value)}` : typeof value;
}
