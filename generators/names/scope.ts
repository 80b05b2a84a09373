/**
 * One scope of identifiers in generated code (the module's types, one struct's fields, one operation's
 * parameters…): every name claimed in it is distinct, legal and not one the language or the generated code
 * reserves there.
 */

/** What a language says about one candidate identifier in one kind of scope. */
export type Legalize = (candidate: string) => string;

/**
 * Hands out distinct identifiers. A clash is settled by appending a counter (`get`, `get2`; `foo_bar`,
 * `foo_bar_2` in snake case), and the counter starts after the name's own trailing digits are kept, so the
 * result is deterministic: it depends only on the names and the order they are claimed in.
 */
export class NameScope {
  private readonly taken = new Set<string>();

  /**
   * @param legalize turns a candidate into a legal identifier (escaping a reserved word), or returns it as is.
   * @param separator what goes between a name and its counter: `""` for camel and Pascal case, `"_"` for snake.
   */
  constructor(
    private readonly legalize: Legalize,
    private readonly separator: (base: string) => string,
  ) {}

  /** Marks identifiers as used without claiming them for a WIDL name (the generated code's own names). */
  reserve(...ids: string[]): void {
    for (const id of ids) this.taken.add(id);
  }

  has(id: string): boolean {
    return this.taken.has(id);
  }

  /** The identifier for `base` (already in the scope's case): `base` made legal, or the first free numbered form. */
  claim(base: string): string {
    for (let n = 1; ; n++) {
      const id = this.legalize(n === 1 ? base : `${base}${this.separator(base)}${n}`);
      if (!this.taken.has(id)) {
        this.taken.add(id);
        return id;
      }
    }
  }
}

/**
 * Claims an identifier for each name in `names`, in two passes: names already in the scope's case first, then
 * the rest. So `fooBar` keeps `fooBar` in TypeScript even when a `foo_bar` before it converts to the same text;
 * the converted one gets the counter.
 */
export function claimAll<T>(scope: NameScope, items: readonly T[], convert: (item: T) => string, written: (item: T) => string): string[] {
  const out = new Array<string>(items.length);
  const bases = items.map(convert);
  bases.forEach((base, i) => {
    if (base === written(items[i]!)) out[i] = scope.claim(base);
  });
  bases.forEach((base, i) => {
    if (out[i] === undefined) out[i] = scope.claim(base);
  });
  return out;
}
