/**
 * What every validation pass receives: the definitions (imported ones included), name indexes built
 * once, and `report`, which collects diagnostics instead of throwing so all problems surface at once.
 */
import type * as ast from "../ast.js";
import { type Diagnostic, type DiagnosticCode, type Severity, diagnosticAt } from "../diagnostics.js";

/** The state one validation run shares between its passes. */
export class ValidationContext {
  readonly diagnostics: Diagnostic[] = [];
  /** Type-like definitions by name; the first definition wins, later ones are duplicates. */
  readonly types = new Map<string, ast.TypeLikeDefinition>();
  readonly directives = new Map<string, ast.DirectiveDefinition>();

  constructor(readonly definitions: readonly ast.Definition[]) {
    for (const def of definitions) {
      switch (def.kind) {
        case "TypeDefinition":
        case "EnumDefinition":
        case "UnionDefinition":
        case "AliasDefinition":
          if (!this.types.has(def.name.value)) this.types.set(def.name.value, def);
          break;
        case "DirectiveDefinition":
          if (!this.directives.has(def.name.value)) this.directives.set(def.name.value, def);
          break;
      }
    }
  }

  error(loc: ast.SourceLocation, code: DiagnosticCode, message: string, notes?: readonly string[]): void {
    this.report(loc, "error", code, message, notes);
  }

  warning(loc: ast.SourceLocation, code: DiagnosticCode, message: string, notes?: readonly string[]): void {
    this.report(loc, "warning", code, message, notes);
  }

  private report(loc: ast.SourceLocation, severity: Severity, code: DiagnosticCode, message: string, notes?: readonly string[]) {
    this.diagnostics.push(diagnosticAt(loc, severity, code, message, notes));
  }

  /** What each alias stands for, filled in by `resolve`. */
  private readonly resolvedAliases = new Map<ast.AliasDefinition, ast.TypeRef>();

  /**
   * Follows aliases to the type they stand for; stops (returning the last ref) on unknown names or
   * cycles. Every alias passed on the way remembers its answer, so resolving every reference of a
   * schema is linear in its size, however long its alias chains (bench/parse-scaling.ts, "alias").
   */
  resolve(ref: ast.TypeRef): ast.TypeRef {
    const passed: ast.AliasDefinition[] = [];
    const seen = new Set<ast.AliasDefinition>();
    let current = ref;
    while (current.kind === "NamedType") {
      const def = this.types.get(current.name.value);
      if (def?.kind !== "AliasDefinition" || seen.has(def)) break;
      const known = this.resolvedAliases.get(def);
      if (known !== undefined) {
        current = known;
        break;
      }
      seen.add(def);
      passed.push(def);
      current = def.type;
    }
    for (const def of passed) this.resolvedAliases.set(def, current);
    return current;
  }
}

/** `file:line:col` of a location, for notes that point elsewhere. */
export function where(loc: ast.SourceLocation): string {
  return `${loc.file}:${loc.start.line}:${loc.start.column}`;
}

/** Writes a type back as WIDL, for messages. */
export function typeText(t: ast.TypeRef): string {
  switch (t.kind) {
    case "BuiltinType":
      return t.name;
    case "NamedType":
      return t.name.value;
    case "ListType":
      return `[${typeText(t.type)}]`;
    case "MapType":
      return `{${typeText(t.keyType)}: ${typeText(t.valueType)}}`;
    case "OptionalType":
      return `${typeText(t.type)}?`;
  }
}
