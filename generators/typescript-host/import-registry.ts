/**
 * One import registry per generated file: code asks for a symbol and gets the local name to print;
 * the import declarations are written once, at the end, deduplicated, sorted and split into type and
 * value imports. No generator writes an import string by hand (compare protobuf-es
 * `generated-file.ts`, `processImports`).
 *
 * User names win. The generator reserves every name the file declares or binds from the schema (types,
 * the class and its companions, role interfaces, parameters) before it asks for a symbol; an import whose
 * name is taken is aliased, `Pool` becoming `Pool$1`. We choose `$` because it cannot occur in WIDL names,
 * and a suffix because a `$` prefix marks the file's own descriptors and codecs (`$Pool`, `$echo`).
 */
import type { ImportDeclarationStructure, OptionalKind, StatementStructures, WriterFunction } from "ts-morph";
import { StructureKind } from "./structures.js";

interface ImportedName {
  /** The name this file prints: the exported name, or an alias when that one is taken. */
  readonly local: string;
  /** Used as a value (not only as a type). */
  isValue: boolean;
}

export class ImportRegistry {
  /** module → exported name → how it is imported. */
  private readonly modules = new Map<string, Map<string, ImportedName>>();
  /** Every name bound in the file: reserved ones and imports' local names. */
  private readonly taken = new Set<string>();

  /**
   * Marks names the file declares (or binds as parameters, which would shadow an import), so imports with those
   * names are aliased. Call it before the first `value` or `type`: a name handed out earlier cannot change.
   */
  reserve(...names: readonly string[]): void {
    for (const name of names) this.taken.add(name);
  }

  /** A value symbol (also usable as a type); returns the name to print. */
  value(module: string, name: string): string {
    return this.add(module, name, true);
  }

  /** A symbol used only in type positions; imported with `type`. */
  type(module: string, name: string): string {
    return this.add(module, name, false);
  }

  private add(module: string, name: string, isValue: boolean): string {
    let names = this.modules.get(module);
    if (names === undefined) this.modules.set(module, (names = new Map()));
    let imported = names.get(name);
    if (imported === undefined) {
      imported = { local: this.unique(name), isValue };
      this.taken.add(imported.local);
      names.set(name, imported);
    }
    imported.isValue ||= isValue;
    return imported.local;
  }

  private unique(name: string): string {
    if (!this.taken.has(name)) return name;
    let n = 1;
    while (this.taken.has(`${name}$${n}`)) n++;
    return `${name}$${n}`;
  }

  /**
   * The import declarations of the file, one per module, sorted, with their names sorted. Fails if a top-level
   * declaration among `statements` uses an import's local name: the generator forgot to reserve it, and the output
   * would not compile.
   */
  declarations(statements: readonly (StatementStructures | WriterFunction)[]): OptionalKind<ImportDeclarationStructure>[] {
    const declared = new Set(statements.flatMap(declaredNames));
    for (const names of this.modules.values()) {
      for (const { local } of names.values()) {
        if (declared.has(local)) throw new Error(`generated declaration "${local}" clashes with an import; reserve the name first`);
      }
    }
    return [...this.modules.keys()].sort().map((module) => ({
      moduleSpecifier: module,
      namedImports: [...this.modules.get(module)!.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([name, { local, isValue }]) => ({ name, ...(local === name ? {} : { alias: local }), isTypeOnly: !isValue })),
    }));
  }
}

/** The names a top-level statement declares. */
function declaredNames(statement: StatementStructures | WriterFunction): string[] {
  if (typeof statement === "function") return [];
  switch (statement.kind) {
    case StructureKind.VariableStatement:
      return statement.declarations.map((d) => d.name);
    case StructureKind.Interface:
    case StructureKind.Class:
    case StructureKind.TypeAlias:
    case StructureKind.Function:
      return statement.name === undefined ? [] : [statement.name];
    default:
      return [];
  }
}
