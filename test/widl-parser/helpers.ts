/** Shared helpers for the parser tests. */
import { type Diagnostic, WidlError, parse } from "../../widl-parser/index.js";

/** Removes `loc` everywhere (and undefined optional keys), so shapes can be compared literally. */
export function shape(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(shape);
  if (node && typeof node === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) if (k !== "loc" && v !== undefined) out[k] = shape(v);
    return out;
  }
  return node;
}

/** The diagnostics `parse` throws for `source` (fails the test when it parses). */
export function syntaxErrors(source: string, file = "test.widl"): { diagnostics: readonly Diagnostic[]; text: string } {
  try {
    parse(source, { file });
  } catch (e) {
    if (!(e instanceof WidlError)) throw e;
    return { diagnostics: e.diagnostics, text: e.format() };
  }
  throw new Error(`expected a syntax error in: ${source}`);
}
