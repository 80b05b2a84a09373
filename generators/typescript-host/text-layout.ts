/**
 * Indentation for the multi-line code text the generator writes inside structures (an initializer such as
 * `wire.struct("T", () => [\n…\n])`, a statement such as the `switch` of `hostCallFor`). The generator writes such
 * text without indentation; this lays it out the way the TypeScript formatter did when the whole file went through
 * `formatText`: a line is indented one level deeper than the line that opened the innermost bracket still open at
 * its start, and a line that starts by closing a bracket sits at the level of the line that opened it. Brackets
 * inside strings, template literals and comments do not count; a line that starts inside a template literal or a
 * block comment is kept as written.
 *
 * So text written this way gets the formatter's layout: nesting by `{ } ( ) [ ]` (several opened on one line
 * indent once), and `case …: {` clauses with braces. test/generators/typescript-printer.test.ts compares the
 * output with ts-morph's own printing and `formatText` on every golden, torture and fuzz schema.
 */

/** One line of the text: how many levels deeper than the text's first line it goes, and its text. */
export interface LaidOutLine {
  /** Levels of indentation relative to the first line; ignored when `verbatim`. */
  readonly indent: number;
  /** The line without its leading whitespace, or as written when `verbatim`. */
  readonly text: string;
  /** The line starts inside a template literal or a block comment: its whitespace is content, kept as it is. */
  readonly verbatim: boolean;
}

const OPENERS = "([{";
const CLOSERS = ")]}";

/** Where the scanner is: in code, or inside a literal or comment that brackets do not count in. */
type Mode = "code" | "template" | "block-comment";

/** Splits `text` into lines and gives each the indentation described above. */
export function layoutLines(text: string): LaidOutLine[] {
  /** Per open bracket, the indentation of the line that opened it. A `${` of a template literal is `-1`. */
  const open: number[] = [];
  /** Template literals nest through `${ … }`: each level's mode, innermost last. */
  const modes: Mode[] = ["code"];
  const lines: LaidOutLine[] = [];
  for (const raw of text.split("\n")) {
    const mode = modes[modes.length - 1]!;
    if (lines.length > 0 && mode !== "code") {
      lines.push({ indent: 0, text: raw, verbatim: true });
      scanLine(raw, open, modes, 0);
      continue;
    }
    const start = raw.length - raw.trimStart().length;
    const line = raw.slice(start);
    const innermost = open.length === 0 ? undefined : open[open.length - 1]!;
    const closesFirst = line.length > 0 && CLOSERS.includes(line[0]!) && innermost !== undefined && innermost >= 0;
    const indent = lines.length === 0 ? 0 : innermost === undefined || innermost < 0 ? 0 : closesFirst ? innermost : innermost + 1;
    lines.push({ indent, text: line, verbatim: false });
    scanLine(line, open, modes, indent);
  }
  return lines;
}

/** Follows one line's brackets, strings and comments, updating the open brackets and the modes. */
function scanLine(line: string, open: number[], modes: Mode[], indent: number): void {
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    const mode = modes[modes.length - 1]!;
    if (mode === "block-comment") {
      if (c === "*" && line[i + 1] === "/") {
        modes.pop();
        i++;
      }
      continue;
    }
    if (mode === "template") {
      if (c === "\\") i++;
      else if (c === "`") modes.pop();
      else if (c === "$" && line[i + 1] === "{") {
        modes.push("code");
        open.push(-1);
        i++;
      }
      continue;
    }
    if (c === '"' || c === "'") {
      i = skipString(line, i);
    } else if (c === "`") {
      modes.push("template");
    } else if (c === "/" && line[i + 1] === "/") {
      return;
    } else if (c === "/" && line[i + 1] === "*") {
      modes.push("block-comment");
      i++;
    } else if (OPENERS.includes(c)) {
      open.push(indent);
    } else if (CLOSERS.includes(c)) {
      // The `}` closing a template literal's `${` goes back into the literal.
      if (open.pop() === -1 && modes.length > 1) modes.pop();
    }
  }
}

/** The index of the quote closing the string that opens at `at` (strings in code end on their line). */
function skipString(line: string, at: number): number {
  const quote = line[at];
  for (let i = at + 1; i < line.length; i++) {
    if (line[i] === "\\") i++;
    else if (line[i] === quote) return i;
  }
  return line.length;
}
