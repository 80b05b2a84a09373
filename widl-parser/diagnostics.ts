/**
 * Diagnostics: what the parser, the validator and the import loader report, the error that carries
 * them, and the formatter that prints them with a code frame.
 */
import type { SourceLocation } from "./ast.js";

export type Severity = "error" | "warning";

/** One problem, located in one file. Lines and columns are 1-based; `endColumn` is exclusive. */
export interface Diagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** 0-based UTF-16 offsets of the same range, for tools that slice the source. */
  readonly offset: number;
  readonly endOffset: number;
  readonly severity: Severity;
  readonly message: string;
  /** Stable identifier, `WIDL` + four digits; the table is `DiagnosticCodes`. */
  readonly code: DiagnosticCode;
  /** Extra lines printed under the frame, e.g. where the first definition of a duplicate is. */
  readonly notes?: readonly string[];
}

/**
 * Every code we emit. 1xxx: syntax; 2xxx: semantic errors; 3xxx: warnings (naming, shared wire names); 4xxx: imports.
 * Codes are never reused for a different meaning.
 */
export const DiagnosticCodes = {
  internal: "WIDL1000",
  syntax: "WIDL1001",
  unterminatedString: "WIDL1002",
  invalidEscape: "WIDL1003",
  unterminatedBlockString: "WIDL1004",
  nestingTooDeep: "WIDL1005",

  unknownType: "WIDL2001",
  duplicateDefinition: "WIDL2002",
  duplicateField: "WIDL2003",
  duplicateParameter: "WIDL2004",
  duplicateOperation: "WIDL2005",
  duplicateEnumValue: "WIDL2006",
  duplicateEnumIndex: "WIDL2007",
  namespaceNotFirst: "WIDL2008",
  duplicateNamespace: "WIDL2009",
  defaultTypeMismatch: "WIDL2010",
  aliasCycle: "WIDL2011",
  unknownDirectiveLocation: "WIDL2012",
  annotationLocation: "WIDL2013",
  annotationRequires: "WIDL2014",
  unknownRequiredDirective: "WIDL2015",
  nonScalarMapKey: "WIDL2016",
  implementsNonType: "WIDL2017",
  unionMemberNotNamed: "WIDL2018",
  misplacedVoid: "WIDL2019",
  builtinRedefined: "WIDL2020",
  duplicateDirective: "WIDL2021",
  duplicateAnnotationArgument: "WIDL2022",
  annotationArgument: "WIDL2023",
  operationWireClash: "WIDL2024",

  typeNameCase: "WIDL3001",
  directiveNameCase: "WIDL3002",
  sharedWireName: "WIDL3003",

  importNotFound: "WIDL4001",
  importCycle: "WIDL4002",
  importNameNotFound: "WIDL4003",
  importOutsideRoots: "WIDL4004",
} as const;

export type DiagnosticCode = (typeof DiagnosticCodes)[keyof typeof DiagnosticCodes];

/** Builds a diagnostic over a node's location. */
export function diagnosticAt(
  loc: SourceLocation,
  severity: Severity,
  code: DiagnosticCode,
  message: string,
  notes?: readonly string[],
): Diagnostic {
  return {
    file: loc.file,
    line: loc.start.line,
    column: loc.start.column,
    endLine: loc.end.line,
    endColumn: loc.end.column,
    offset: loc.start.offset,
    endOffset: loc.end.offset,
    severity,
    message,
    code,
    ...(notes && notes.length > 0 ? { notes } : {}),
  };
}

/** Thrown by `parse`, `validate` and the loader; carries every problem found, in source order. */
export class WidlError extends Error {
  override readonly name = "WidlError";
  readonly diagnostics: readonly Diagnostic[];
  /** The texts the diagnostics point into, by file name, so the error can format itself. */
  readonly sources: ReadonlyMap<string, string>;

  constructor(diagnostics: readonly Diagnostic[], sources: ReadonlyMap<string, string> = new Map()) {
    const first = diagnostics[0];
    const more = diagnostics.length > 1 ? ` (and ${diagnostics.length - 1} more)` : "";
    super(first ? `${first.file}:${first.line}:${first.column}: ${first.message}${more}` : "invalid WIDL");
    this.diagnostics = diagnostics;
    this.sources = sources;
  }

  /** The diagnostics printed with code frames; see `formatDiagnostics`. */
  format(options: FormatOptions = {}): string {
    return formatDiagnostics(this.diagnostics, { sources: this.sources, ...options });
  }
}

/** Options of `formatDiagnostics`. */
export interface FormatOptions {
  /** Source texts by file name, for the code frames. A file not found here gets no frame. Defaults to none. */
  readonly sources?: ReadonlyMap<string, string>;
  /** Emit ANSI colours. Defaults to false; the CLI passes true only when stdout is a TTY. */
  readonly color?: boolean;
}

const ansi = {
  red: (s: string) => `\x1b[31m${s}\x1b[39m`,
  yellow: (s: string) => `\x1b[33m${s}\x1b[39m`,
  bold: (s: string) => `\x1b[1m${s}\x1b[22m`,
  dim: (s: string) => `\x1b[2m${s}\x1b[22m`,
  cyan: (s: string) => `\x1b[36m${s}\x1b[39m`,
};
const plain = { red: id, yellow: id, bold: id, dim: id, cyan: id };
function id(s: string): string {
  return s;
}

/**
 * Prints diagnostics the way compilers do:
 *
 * ```
 * schema.widl:3:5: error: expected ':' after field name "x", found '}' [WIDL1001]
 *   3 |   x }
 *     |     ^
 * ```
 *
 * The frame shows the first line of the range, with carets under the part of the range on it
 * (at least one caret, so an empty range at the end of the input is still visible).
 */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], options: FormatOptions = {}): string {
  const paint = options.color ? ansi : plain;
  const out: string[] = [];
  // Each file is split into lines once: splitting it per diagnostic made printing 10,000
  // diagnostics of one file quadratic (bench/parse-scaling.ts, "wide").
  const linesOf = new Map<string, readonly string[]>();
  for (const d of diagnostics) {
    const sev = d.severity === "error" ? paint.red(paint.bold("error")) : paint.yellow(paint.bold("warning"));
    out.push(`${paint.bold(`${d.file}:${d.line}:${d.column}`)}: ${sev}: ${paint.bold(d.message)} ${paint.dim(`[${d.code}]`)}`);
    const text = options.sources?.get(d.file);
    if (text !== undefined) {
      let lines = linesOf.get(d.file);
      if (lines === undefined) linesOf.set(d.file, (lines = text.split("\n")));
      for (const line of codeFrame(lines, d, paint)) out.push(line);
    }
    for (const note of d.notes ?? []) out.push(`  ${paint.cyan("note")}: ${note}`);
  }
  return out.join("\n");
}

function codeFrame(lines: readonly string[], d: Diagnostic, paint: typeof plain): string[] {
  // Tabs become one space so the carets line up; a `\r` before the `\n` is not shown; other control
  // characters would garble the terminal, so each shows as one U+FFFD.
  const lineText = (lines[d.line - 1] ?? "")
    .replace(/\r$/, "")
    .replace(/[\t\r]/g, " ")
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, "\ufffd");
  const gutter = String(d.line).length;
  const lastColumn = d.endLine === d.line ? d.endColumn : lineText.length + 1;
  const width = Math.max(1, lastColumn - d.column);
  const caret = d.severity === "error" ? paint.red : paint.yellow;
  const blank = paint.dim(`${" ".repeat(gutter + 2)}|`);
  return [blank, `${paint.dim(` ${d.line} |`)} ${lineText}`, `${blank} ${" ".repeat(d.column - 1)}${caret("^".repeat(width))}`];
}

/** Converts an offset into a 1-based line and column. Only `\n` ends a line, as in peggy's locations. */
export function positionAt(text: string, offset: number): { offset: number; line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(0, offset), text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { offset: end, line, column: end - lineStart + 1 };
}

/** Sorts diagnostics by file, then position, keeping the order of equal positions. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) =>
    a.file === b.file ? a.offset - b.offset || a.endOffset - b.endOffset : a.file < b.file ? -1 : 1,
  );
}

/**
 * A chain of `count` names for a message (`A → B → A`), cut in the middle when it is long, so that
 * a cycle through thousands of files or aliases still makes a one-line message; `nameAt` is asked
 * only for the names shown.
 */
export function describeChain(count: number, nameAt: (index: number) => string): string {
  const shown = 10;
  const names = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => nameAt(from + i)).join(" → ");
  if (count <= shown) return names(0, count);
  return `${names(0, shown / 2)} → … (${count - shown} more) … → ${names(count - shown / 2, count)}`;
}
