/**
 * `validate`: the semantic rules of WIDL, as small passes over the whole schema. Every pass runs,
 * and every problem is reported, each at its own location; nothing stops at the first.
 */
import type { Definition, Document } from "./ast.js";
import { type Diagnostic, sortDiagnostics } from "./diagnostics.js";
import { checkAliasCycles } from "./passes/alias-cycles.js";
import { type ImportedNames, ValidationContext } from "./passes/context.js";
import { checkDefaults } from "./passes/defaults.js";
import { checkDirectives } from "./passes/directives.js";
import { checkDuplicates } from "./passes/duplicates.js";
import { checkImplements } from "./passes/implements.js";
import { checkKnownTypes } from "./passes/known-types.js";
import { checkMapKeys } from "./passes/map-keys.js";
import { checkNamespace } from "./passes/namespace.js";
import { checkNaming } from "./passes/naming.js";
import { checkUnions } from "./passes/unions.js";
import { checkWireNames } from "./passes/wire-names.js";

/** The passes, in the order their diagnostics are gathered (the result is sorted by position anyway). */
export const validationPasses: ReadonlyArray<(ctx: ValidationContext) => void> = [
  checkNamespace,
  checkDuplicates,
  checkKnownTypes,
  checkMapKeys,
  checkImplements,
  checkUnions,
  checkAliasCycles,
  checkDefaults,
  checkDirectives,
  checkNaming,
  checkWireNames,
];

/**
 * Checks a parsed document (or the definitions of a loaded schema, imports included) and returns
 * every diagnostic, errors and warnings, sorted by file and position. It never throws on a
 * well-formed AST; `hasErrors` tells whether the schema is usable. `imported` is for the loader:
 * the names a file's imports bring in, when `document` holds that file's own definitions.
 */
export function validate(document: Pick<Document, "definitions">, imported?: ImportedNames): Diagnostic[] {
  const ctx = new ValidationContext(document.definitions as readonly Definition[], imported);
  for (const pass of validationPasses) pass(ctx);
  return sortDiagnostics(ctx.diagnostics);
}

/** True when any diagnostic is an error (warnings do not make a schema invalid). */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}
