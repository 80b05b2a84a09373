/**
 * The loader: a schema file and everything it imports, parsed, resolved and validated.
 *
 * Imports are resolved relative to the importing file through a `Resolver` (node:fs by default, an
 * in-memory map in tests). Imported definitions are copied into the importing document right after
 * the `import`, renamed for `import { A as B }`, and marked with `imported`. A missing file, a name
 * the imported file does not define and an import cycle are diagnostics at the import.
 */
import { readFileSync } from "node:fs";
import { dirname, join, posix } from "node:path";
import type * as ast from "./ast.js";
import { type Diagnostic, DiagnosticCodes, WidlError, diagnosticAt, sortDiagnostics } from "./diagnostics.js";
import { resolveOptions } from "./options.js";
import { parse } from "./parse.js";
import { hasErrors, validate } from "./validate.js";

/** Finds and reads imported files. */
export interface Resolver {
  /** The file that `specifier` names when `importer` imports it. */
  resolve(specifier: string, importer: string): string;
  /** The text of `file`; throws (or returns undefined) when it cannot be read. */
  read(file: string): string | undefined;
}

/** Reads from disk; `import "x.widl"` in `dir/a.widl` means `dir/x.widl`. */
export const fsResolver: Resolver = {
  resolve: (specifier, importer) => join(dirname(importer), specifier),
  read: (file) => readFileSync(file, "utf8"),
};

/** Serves files from a map of POSIX paths to text; for tests and for tools that hold schemas in memory. */
export function memoryResolver(files: Readonly<Record<string, string>>): Resolver {
  return {
    resolve: (specifier, importer) => posix.join(posix.dirname(importer), specifier),
    read: (file) => files[file],
  };
}

/** Options of `loadSchema` and `loadSchemaSource`. */
export type LoadOptions = Partial<Readonly<ResolvedLoadOptions>>;

interface ResolvedLoadOptions {
  /** How imports are found and read. Defaults to `fsResolver`. */
  resolver: Resolver;
  /** Run `validate` over every loaded file. Defaults to true. */
  validate: boolean;
}

const defaults: ResolvedLoadOptions = { resolver: fsResolver, validate: true };

/** A loaded schema: the root document with its imports expanded, and every file that took part. */
export interface LoadedSchema {
  /** The root file's document; imported definitions follow their `import`, marked `imported`. */
  readonly document: ast.Document;
  /** Every parsed file's document (imports expanded), by resolved file name. */
  readonly documents: ReadonlyMap<string, ast.Document>;
  /** Every file's text, by the same names, for code frames. */
  readonly sources: ReadonlyMap<string, string>;
  /** Warnings (a schema with errors is thrown instead). */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Loads `file` through the resolver, follows its imports and validates everything. Throws a
 * `WidlError` carrying every error (and warning) found, in any file, when there is at least one error.
 */
export function loadSchema(file: string, options?: LoadOptions): LoadedSchema {
  const resolved = resolveOptions("loadSchema", defaults, options);
  let source: string | undefined;
  let failure = "file not found";
  try {
    source = resolved.resolver.read(file);
  } catch (e) {
    failure = readFailure(e);
  }
  if (source === undefined) {
    const at = { file, start: { offset: 0, line: 1, column: 1 }, end: { offset: 0, line: 1, column: 1 } };
    throw new WidlError([diagnosticAt(at, "error", DiagnosticCodes.importNotFound, `cannot read "${file}": ${failure}`)]);
  }
  return loadSchemaSource(source, { file, ...resolved });
}

/** Like `loadSchema`, for a root file whose text is already in hand. */
export function loadSchemaSource(source: string, options?: LoadOptions & { file?: string }): LoadedSchema {
  const { file = "<input>", ...rest } = options ?? {};
  const resolved = resolveOptions("loadSchemaSource", defaults, rest);
  const loader = new Loader(resolved.resolver);
  const document = loader.load(file, source, []);
  const diagnostics = [...loader.diagnostics];
  if (resolved.validate) for (const doc of loader.documents.values()) diagnostics.push(...validate(doc));
  const all = sortDiagnostics(dedupe(diagnostics));
  if (hasErrors(all) || !document) throw new WidlError(all, loader.sources);
  return { document, documents: loader.documents, sources: loader.sources, diagnostics: all };
}

/** Definitions an import can bring in: everything that names something, not namespaces, interfaces or imports. */
type Importable = ast.TypeLikeDefinition | ast.DirectiveDefinition | ast.RoleDefinition;

function isImportable(def: ast.Definition): def is Importable {
  return !["NamespaceDefinition", "InterfaceDefinition", "ImportDefinition"].includes(def.kind);
}

class Loader {
  readonly documents = new Map<string, ast.Document>();
  readonly sources = new Map<string, string>();
  readonly diagnostics: Diagnostic[] = [];

  constructor(private readonly resolver: Resolver) {}

  /** Parses `file` and expands its imports; `stack` is the chain of files importing it. */
  load(file: string, source: string, stack: readonly string[]): ast.Document | undefined {
    const cached = this.documents.get(file);
    if (cached) return cached;
    this.sources.set(file, source);
    let parsed: ast.Document;
    try {
      parsed = parse(source, { file });
    } catch (e) {
      if (!(e instanceof WidlError)) throw e;
      this.diagnostics.push(...e.diagnostics);
      return undefined;
    }
    const definitions: ast.Definition[] = [];
    const brought = new Map<string, Importable>(); // name → original node, so diamond imports do not duplicate
    for (const def of parsed.definitions) {
      definitions.push(def);
      if (def.kind !== "ImportDefinition") continue;
      for (const imported of this.expand(def, file, [...stack, file])) {
        const origin = imported.imported?.originalName ?? imported.name.value;
        const key = `${imported.name.value}\0${imported.imported?.file}\0${origin}`;
        if (brought.has(key)) continue;
        brought.set(key, imported);
        definitions.push(imported);
      }
    }
    const document: ast.Document = { ...parsed, definitions };
    this.documents.set(file, document);
    return document;
  }

  /** The definitions one import brings in, or none (with a diagnostic) when it cannot be followed. */
  private expand(imp: ast.ImportDefinition, importer: string, stack: readonly string[]): Importable[] {
    const target = this.resolver.resolve(imp.from.value, importer);
    if (stack.includes(target)) {
      const cycle = [...stack.slice(stack.indexOf(target)), target].join(" → ");
      this.diagnostics.push(diagnosticAt(imp.from.loc, "error", DiagnosticCodes.importCycle, `import cycle: ${cycle}`));
      return [];
    }
    let text: string | undefined;
    let failure = "file not found";
    try {
      text = this.sources.get(target) ?? this.resolver.read(target);
    } catch (e) {
      failure = readFailure(e);
    }
    if (text === undefined) {
      this.diagnostics.push(diagnosticAt(imp.from.loc, "error", DiagnosticCodes.importNotFound, `cannot import "${imp.from.value}" (${target}): ${failure}`));
      return [];
    }
    const doc = this.load(target, text, stack);
    if (!doc) return [];
    const available = doc.definitions.filter(isImportable);
    if (imp.all) return available.map((def) => mark(def, def.name, target, imp));
    const out: Importable[] = [];
    for (const n of imp.names) {
      const def = available.find((d) => d.name.value === n.name.value);
      if (!def) {
        this.diagnostics.push(diagnosticAt(n.name.loc, "error", DiagnosticCodes.importNameNotFound, `"${imp.from.value}" does not define "${n.name.value}"`));
        continue;
      }
      out.push(mark(def, n.alias ?? def.name, target, imp));
    }
    return out;
  }
}

/** A copy of `def` under `name`, remembering where it came from (the first origin, for re-exports). */
function mark(def: Importable, name: ast.Name, file: string, imp: ast.ImportDefinition): Importable {
  const imported: ast.ImportOrigin = def.imported ?? { file, originalName: def.name.value, importLoc: imp.loc };
  return { ...def, name, imported } as Importable;
}

function readFailure(e: unknown): string {
  if (e && typeof e === "object" && "code" in e && e.code === "ENOENT") return "file not found";
  return e instanceof Error ? e.message : String(e);
}

function dedupe(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.file}\0${d.offset}\0${d.endOffset}\0${d.code}\0${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
