/**
 * `parse`: WIDL text to a `Document`, or a `WidlError` whose diagnostics say, in plain words, what
 * was expected where. Syntax only; `validate` checks meaning and the loader follows imports.
 */
import type { Document } from "./ast.js";
import { createBuilders } from "./ast-builders.js";
import { type Diagnostic, DiagnosticCodes, WidlError, positionAt } from "./diagnostics.js";
import { parse as peggyParse, SyntaxError as PeggySyntaxError, type Expectation } from "./grammar.js";
import { resolveOptions } from "./options.js";
import { skipNameRest, skipStringBody, skipTrivia } from "./scanners.js";

// A plain object: a module namespace's accessors showed up in the profile of bench/parse.ts.
const scanners = { skipTrivia, skipNameRest, skipStringBody };

/** Options of `parse`. */
export type ParseOptions = Partial<Readonly<ResolvedParseOptions>>;

interface ResolvedParseOptions {
  /** The file name recorded in every location and diagnostic. Defaults to `"<input>"`. */
  file: string;
}

const defaults: ResolvedParseOptions = { file: "<input>" };

/** Where the grammar's `after(…)` predicates record the construct read last (see widl.peggy). */
interface ParseContext {
  pos: number;
  /** What was read, e.g. `field name` or `'type'`. */
  what: string;
  /** Its name, when it is a name. */
  name: string | undefined;
}

/**
 * Parses one WIDL file. Throws `WidlError` (and nothing else) when the text is not WIDL; the error's
 * `sources` holds the text, so `error.format()` prints code frames.
 */
export function parse(source: string, options?: ParseOptions): Document {
  const { file } = resolveOptions("parse", defaults, options);
  if (typeof source !== "string") throw new TypeError(`parse: source must be a string, got ${typeof source}`);
  const context: ParseContext = { pos: -1, what: "", name: undefined };
  // First quietly: the parser then records no expectations, which on valid input is a quarter of
  // what it allocates (see widl.peggy). Only a failed parse runs again, loudly, to say what was
  // expected where; the input, and so the outcome, is the same.
  try {
    return peggyParse(source, { grammarSource: file, build: createBuilders(source, file), scan: scanners, context, quiet: true }) as Document;
  } catch {
    // Parsed again below, loudly.
  }
  try {
    return peggyParse(source, { grammarSource: file, build: createBuilders(source, file), scan: scanners, context, quiet: false }) as Document;
  } catch (e) {
    throw new WidlError([toDiagnostic(e, source, file, context)], new Map([[file, source]]));
  }
}

function toDiagnostic(e: unknown, source: string, file: string, context: ParseContext): Diagnostic {
  if (e instanceof PeggySyntaxError) {
    const start = e.location.start.offset;
    // Peggy's own `error(message)` calls (unterminated strings, bad escapes) carry no expectations.
    if (!e.expected) return located(file, source, start, e.location.end.offset, codeOf(e.message), e.message);
    const found = tokenAt(source, start);
    const read = context.name === undefined ? context.what : `${context.what} "${context.name}"`;
    const label = context.pos >= 0 && skipTrivia(source, context.pos) === start ? ` after ${read}` : "";
    const message = `expected ${describeExpected(e.expected)}${label}, found ${found.description}`;
    return located(file, source, start, start + found.length, DiagnosticCodes.syntax, message);
  }
  // The grammar bounds nesting, so this is reached only when `parse` itself is called with the
  // call stack nearly full; the caller still gets a WidlError.
  if (e instanceof RangeError && /call stack/i.test(e.message)) {
    return located(file, source, 0, 0, DiagnosticCodes.nestingTooDeep, "the schema is nested too deeply to parse");
  }
  // Not reachable by design (the fuzz suite checks); kept so callers still only ever see WidlError.
  const reason = e instanceof Error ? e.message : String(e);
  return located(file, source, 0, 0, DiagnosticCodes.internal, `internal parser error: ${reason}`);
}

function codeOf(message: string): Diagnostic["code"] {
  if (message.startsWith("unterminated block string")) return DiagnosticCodes.unterminatedBlockString;
  if (message.startsWith("unterminated string")) return DiagnosticCodes.unterminatedString;
  if (message.startsWith("invalid escape")) return DiagnosticCodes.invalidEscape;
  if (message.startsWith("nested too deeply")) return DiagnosticCodes.nestingTooDeep;
  return DiagnosticCodes.syntax;
}

function located(file: string, source: string, from: number, to: number, code: Diagnostic["code"], message: string): Diagnostic {
  const start = positionAt(source, from);
  const end = positionAt(source, Math.max(from, to));
  return {
    file,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    offset: start.offset,
    endOffset: end.offset,
    severity: "error",
    message,
    code,
  };
}

/** Definition keywords; when all are expected, the message names "a definition" instead of listing nine. */
const definitionKeywords = ["'namespace'", "'import'", "'interface'", "'role'", "'type'", "'enum'", "'union'", "'alias'", "'directive'"];

/** Turns peggy's expectation list into `':' or '('`-style wording. */
function describeExpected(expected: readonly Expectation[]): string {
  const seen = new Set<string>();
  for (const e of expected) {
    const text = describeExpectation(e);
    if (text !== undefined) seen.add(text);
  }
  if (definitionKeywords.every((k) => seen.has(k))) {
    for (const k of definitionKeywords) seen.delete(k);
    seen.add("a definition (namespace, import, interface, role, type, enum, union, alias or directive)");
  }
  const items = [...seen].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  if (items.length === 0) return "nothing more";
  if (items.length === 1) return items[0]!;
  return `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

/** Punctuation first, then keywords, then kinds of token, then "end of input". */
function rank(item: string): number {
  if (item === "end of input") return 4;
  if (item.startsWith("'")) return /^'[A-Za-z]/.test(item) ? 1 : 0;
  return item.startsWith("a definition") ? 2 : 3;
}

function describeExpectation(e: Expectation): string | undefined {
  switch (e.type) {
    case "literal":
      return `'${e.text}'`;
    case "other":
      return e.description === "whitespace" ? undefined : e.description;
    case "end":
      return "end of input";
    case "any":
      return "any character";
    case "class":
      return undefined; // Every class sits inside a named token rule; none should surface.
  }
}

/** What sits at `offset`, for "found …": a whole word or number, one character, or the end. */
function tokenAt(source: string, offset: number): { description: string; length: number } {
  if (offset >= source.length) return { description: "end of input", length: 0 };
  const word = /^(?:[_A-Za-z][_0-9A-Za-z]*|-?[0-9][0-9A-Za-z_.]*)/.exec(source.slice(offset, offset + 200));
  if (word) return { description: `"${word[0]}"`, length: word[0].length };
  const cp = source.codePointAt(offset)!;
  const ch = String.fromCodePoint(cp);
  const printable = cp >= 0x20 && cp !== 0x7f && !(cp >= 0x80 && cp <= 0x9f);
  const description = printable ? `'${ch}'` : `character U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
  return { description, length: ch.length };
}
