/**
 * What every validation pass receives: the definitions to check, name indexes built once (over
 * those definitions and, for a file's own definitions, what its imports bring in), and `report`,
 * which collects diagnostics instead of throwing so all problems surface at once.
 */
import type * as ast from "../ast.js";
import { type Diagnostic, type DiagnosticCode, type Severity, diagnosticAt } from "../diagnostics.js";

/** The name spaces of WIDL: types, enums, unions, aliases and roles share one; directives have their own. */
export type NameSpace = "type" | "directive";

/**
 * What a file's imports bring into its scope, looked up by name (the loader answers without
 * copying every imported definition into every file; see load.ts).
 */
export interface ImportedNames {
  /** The definition imported under `name` in `space`, if any. */
  lookup(space: NameSpace, name: string): ast.Definition | undefined;
  /** Every name imported into the type space, for "did you mean" (asked only when a name is unknown). */
  typeNames(): Iterable<string>;
}

/** Definitions by name: the checked definitions' own (the first of each name wins), then imported ones. */
export class Names<T extends ast.Definition> {
  private readonly own = new Map<string, T>();

  constructor(
    private readonly imported: (name: string) => T | undefined,
    private readonly importedNames: () => Iterable<string>,
  ) {}

  /** Records `def` unless its name is taken already. */
  add(def: T & { readonly name: ast.Name }): void {
    if (!this.own.has(def.name.value)) this.own.set(def.name.value, def);
  }

  get(name: string): T | undefined {
    return this.own.get(name) ?? this.imported(name);
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  *keys(): Iterable<string> {
    yield* this.own.keys();
    yield* this.importedNames();
  }
}

const isTypeLike = (def: ast.Definition | undefined): def is ast.TypeLikeDefinition =>
  def?.kind === "TypeDefinition" || def?.kind === "EnumDefinition" || def?.kind === "UnionDefinition" || def?.kind === "AliasDefinition";

/** The state one validation run shares between its passes. */
export class ValidationContext {
  readonly diagnostics: Diagnostic[] = [];
  /** Type-like definitions by name; the first definition wins, later ones are duplicates. */
  readonly types: Names<ast.TypeLikeDefinition>;
  readonly directives: Names<ast.DirectiveDefinition>;

  /**
   * `definitions` are checked; `imported` answers for the names a file's imports bring in, when
   * `definitions` are one file's own (a whole schema's definitions include their imports).
   */
  constructor(
    readonly definitions: readonly ast.Definition[],
    readonly imported?: ImportedNames,
  ) {
    const lookup = (space: NameSpace, name: string) => imported?.lookup(space, name);
    this.types = new Names(
      (name) => {
        const def = lookup("type", name);
        return isTypeLike(def) ? def : undefined;
      },
      () => imported?.typeNames() ?? [],
    );
    this.directives = new Names(
      (name) => {
        const def = lookup("directive", name);
        return def?.kind === "DirectiveDefinition" ? def : undefined;
      },
      () => [],
    );
    for (const def of definitions) {
      if (isTypeLike(def)) this.types.add(def);
      else if (def.kind === "DirectiveDefinition") this.directives.add(def);
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
