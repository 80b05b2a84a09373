/**
 * Hand-written scanners for the grammar's three hottest lexical rules: whitespace (with commas and
 * comments), names, and string bodies. Written as PEG rules, each character became an array
 * element and a regex test, and the parser spent a quarter of its time in the garbage collector;
 * as loops over char codes the whole parse runs about twice as fast. Run `npm run bench` (bench/parse.ts)
 * for the figures. The grammar calls them from semantic predicates that move `peg$currPos`.
 */

/** The offset after any whitespace, commas, BOMs and `#` comments starting at `pos`. */
export function skipTrivia(text: string, pos: number): number {
  const length = text.length;
  while (pos < length) {
    const c = text.charCodeAt(pos);
    if (c === 32 || c === 10 || c === 9 || c === 44 || c === 13 || c === 0xfeff) pos++;
    else if (c === 35) {
      pos++;
      while (pos < length) {
        const d = text.charCodeAt(pos);
        if (d === 10 || d === 13) break;
        pos++;
      }
    } else break;
  }
  return pos;
}

/** The offset after the name characters `[_0-9A-Za-z]*` starting at `pos`. */
export function skipNameRest(text: string, pos: number): number {
  const length = text.length;
  while (pos < length) {
    const c = text.charCodeAt(pos);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95) pos++;
    else break;
  }
  return pos;
}

/**
 * The offset after the body of a `"…"` string starting at `pos` (just after the quote): it stops at
 * the closing quote, at a line end, at the end of the input, or at a backslash that does not start
 * a valid escape (`\" \\ \/ \b \f \n \r \t \uXXXX`).
 */
export function skipStringBody(text: string, pos: number): number {
  const length = text.length;
  while (pos < length) {
    const c = text.charCodeAt(pos);
    if (c === 34 || c === 10 || c === 13) return pos;
    if (c === 92) {
      const e = text.charCodeAt(pos + 1);
      if (e === 34 || e === 92 || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116) pos += 2;
      else if (e === 117 && /^[0-9A-Fa-f]{4}$/.test(text.slice(pos + 2, pos + 6))) pos += 6;
      else return pos;
    } else pos++;
  }
  return pos;
}
