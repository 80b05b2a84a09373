/**
 * Indentation for the multi-line code text the generator writes inside structures (an initializer such as
 * `wire.struct("T", () => [\n…\n])`, a statement such as the `switch` of `hostCallFor`). The generator writes such
 * text without indentation; this lays it out the way the TypeScript formatter did when the whole file went through
 * `formatText`: a line is indented one level deeper than the line that opened the innermost bracket still open at
 * its start, and a line that starts by closing a bracket sits at the level of the line that opened it. Brackets
 * inside strings, template literals and comments do not count; a line that starts inside a template literal or a
 * block comment keeps its own whitespace.
 *
 * So text written this way gets the formatter's layout: nesting by `{ } ( ) [ ]` (several opened on one line
 * indent once), and `case …: {` clauses with braces. test/generators/typescript-printer.test.ts compares the
 * output with ts-morph's own printing and `formatText` on every golden, torture and fuzz schema.
 */

/** One line of the text: its indentation relative to the text's first line, and its text. */
export interface LaidOutLine {
  /**
   * Levels of indentation relative to the first line, or `undefined` for a line inside a template literal, which
   * is content and printed with no indentation added.
   */
  readonly indent: number | undefined;
  /** The line without its leading whitespace; inside a block comment or template literal, as written. */
  readonly text: string;
}

const OPENERS = "([{";
const CLOSERS = ")]}";

/** Where the scanner is: in code, or inside a literal or comment that brackets do not count in. */
type Mode = "code" | "template" | "block-comment";

/** What the scan of the lines so far leaves open. */
interface ScanState {
  /** Per open bracket, the indentation of the line that opened it; a template literal's `${` is `-1`. */
  readonly open: number[];
  /** Template literals nest through `${ … }`: each level's mode, innermost last. */
  readonly modes: Mode[];
  /** The indentation of the line a block comment began on. */
  commentIndent: number;
}

/**
 * Splits `text` into lines and gives each the indentation described above. A line that continues a block comment
 * keeps its own whitespace after the indentation of the line the comment began on, as the formatter moved such a
 * comment as a whole.
 */
export function layoutLines(text: string): LaidOutLine[] {
  const state: ScanState = { open: [], modes: ["code"], commentIndent: 0 };
  const lines: LaidOutLine[] = [];
  for (const raw of text.split("\n")) {
    const mode = state.modes[state.modes.length - 1]!;
    if (lines.length > 0 && mode !== "code") {
      const indent = mode === "template" ? undefined : state.commentIndent;
      lines.push({ indent, text: raw });
      scanLine(raw, state, indent ?? 0);
      continue;
    }
    const line = raw.trimStart();
    const innermost = state.open.length === 0 ? -1 : state.open[state.open.length - 1]!;
    let indent = 0;
    if (lines.length > 0 && innermost >= 0) indent = CLOSERS.includes(line[0] ?? "") ? innermost : innermost + 1;
    lines.push({ indent, text: line });
    scanLine(line, state, indent);
  }
  return lines;
}

/** Follows one line's brackets, strings and comments, updating what is open. */
function scanLine(line: string, state: ScanState, indent: number): void {
  const { open, modes } = state;
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
      state.commentIndent = indent;
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
