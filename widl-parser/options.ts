/**
 * Option resolution shared by the parser's entry points: every options object is resolved once,
 * against its defaults, and an unknown key is a named error rather than a silently ignored typo.
 */

/** A misspelt or ill-typed option passed to a parser entry point (a programming error, not bad WIDL). */
export class InvalidOptionError extends TypeError {
  override readonly name = "InvalidOptionError";
}

/**
 * Merges `given` over `defaults`, refusing keys that `defaults` does not have and values whose
 * `typeof` differs from the default's (an `undefined` default accepts anything).
 */
export function resolveOptions<T extends object>(fn: string, defaults: T, given: Partial<T> | undefined): T {
  if (given === undefined || given === null) return { ...defaults };
  if (typeof given !== "object") throw new InvalidOptionError(`${fn}: options must be an object, got ${typeof given}`);
  const resolved: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  for (const [key, value] of Object.entries(given)) {
    if (!Object.prototype.hasOwnProperty.call(defaults, key)) {
      const known = Object.keys(defaults).join(", ");
      throw new InvalidOptionError(`${fn}: invalid option "${key}": unknown option (known: ${known})`);
    }
    if (value === undefined) continue;
    const expected = (defaults as Record<string, unknown>)[key];
    if (expected !== undefined && typeof value !== typeof expected) {
      throw new InvalidOptionError(`${fn}: invalid option "${key}": expected a ${typeof expected}, got ${typeof value}`);
    }
    resolved[key] = value;
  }
  return resolved as T;
}
