/**
 * `widl-bindgen/parser`: WIDL text to a validated syntax tree, with diagnostics that say where and why.
 *
 * - `parse(source, {file})`: one file's syntax;
 * - `loadSchemaSource(source, {file, resolver})`: the same, from text in hand;
 * - `loadSchema(file, {resolver})`: a file and its imports, parsed and validated;
 * - `validate(document)`: the semantic rules, every problem at once;
 * - `WidlError` / `formatDiagnostics`: what is thrown and how to print it.
 */
export type * from "./ast.js";
export { BUILTIN_TYPE_NAMES, DIRECTIVE_LOCATIONS } from "./ast.js";
export { parse, type ParseOptions } from "./parse.js";
export {
  WidlError,
  formatDiagnostics,
  sortDiagnostics,
  DiagnosticCodes,
  type Diagnostic,
  type DiagnosticCode,
  type FormatOptions,
  type Severity,
} from "./diagnostics.js";
export { InvalidOptionError } from "./options.js";
export { validate, hasErrors, validationPasses } from "./validate.js";
export {
  loadSchema,
  loadSchemaSource,
  fsResolver,
  memoryResolver,
  NotRegularFileError,
  type LoadOptions,
  type LoadedSchema,
  type Resolver,
} from "./load.js";
export { interfaceOperations, mergedInterface } from "./merge.js";
