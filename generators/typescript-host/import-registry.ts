/**
 * One import registry per generated file: code asks for a symbol and gets the local name to print;
 * the import declarations are written once, at the end, deduplicated, sorted and split into type and
 * value imports. No generator writes an import string by hand (compare protobuf-es
 * `generated-file.ts`, `processImports`).
 */
import type { SourceFile } from "ts-morph";

export class ImportRegistry {
  /** module → name → used as a value (not only as a type). */
  private readonly modules = new Map<string, Map<string, boolean>>();

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
    names.set(name, (names.get(name) ?? false) || isValue);
    return name;
  }

  /** Writes the import declarations at the top of the file. */
  apply(file: SourceFile): void {
    const modules = [...this.modules.keys()].sort();
    file.insertImportDeclarations(
      0,
      modules.map((module) => ({
        moduleSpecifier: module,
        namedImports: [...this.modules.get(module)!.entries()]
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([name, isValue]) => ({ name, isTypeOnly: !isValue })),
      })),
    );
  }
}
