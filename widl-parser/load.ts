/**
 * The loader: a schema file and everything it imports, parsed, resolved and validated.
 *
 * Imports are resolved relative to the importing file through a `Resolver` (node:fs by default, an
 * in-memory map in tests), and only inside the import roots, as protoc's `--proto_path` works: the
 * root file's folder and the folders given as `importRoots`. Links are followed before the check,
 * only regular files are read, and nothing outside the roots is ever read, so nothing outside
 * them can show up in a diagnostic. Imported definitions are copied into the importing document
 * right after the `import`, renamed for `import { A as B }`, and marked with `imported`. A missing
 * file, a file outside the roots, a name the imported file does not define and an import cycle
 * are diagnostics at the import.
 *
 * The walk over the import graph keeps its own stack, so a chain of thousands of files is an
 * ordinary input rather than a reason to exhaust the call stack.
 */
import { dirname } from "node:path";
import type * as ast from "./ast.js";
import { type Diagnostic, DiagnosticCodes, WidlError, describeChain, diagnosticAt, sortDiagnostics } from "./diagnostics.js";
import { InvalidOptionError, resolveOptions } from "./options.js";
import { parse } from "./parse.js";
import { LoadedFile, expand, exportedAs, importedNames } from "./import-scope.js";
import { type Resolver, fsResolver } from "./resolvers.js";
import { hasErrors, validate } from "./validate.js";

export { type Resolver, NotRegularFileError, fsResolver, memoryResolver } from "./resolvers.js";

/** Options of `loadSchema` and `loadSchemaSource`. */
export type LoadOptions = Partial<Readonly<ResolvedLoadOptions>>;

interface ResolvedLoadOptions {
  /** How imports are found and read. Defaults to `fsResolver`. */
  resolver: Resolver;
  /** Run `validate` over every loaded file. Defaults to true. */
  validate: boolean;
  /**
   * Folders imports may be read from, besides the root file's own folder (relative ones are taken
   * from the current directory). Defaults to none.
   */
  importRoots: readonly string[];
}

const defaults: ResolvedLoadOptions = { resolver: fsResolver, validate: true, importRoots: [] };

/** A loaded schema: the root document with its imports expanded, and every file that took part. */
export interface LoadedSchema {
  /** The root file's document; imported definitions follow their `import`, marked `imported`. */
  readonly document: ast.Document;
  /**
   * Every parsed file's document by resolved file name: the root's is `document`, the others as
   * parsed (their imports are not expanded; a chain of `import *` would make that quadratic).
   */
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
  const resolved = resolveLoadOptions("loadSchema", options);
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
  const resolved = resolveLoadOptions("loadSchemaSource", rest);
  const { resolver } = resolved;
  const roots = [dirname(file), ...resolved.importRoots].map((root) => resolver.realpath(root));
  const loader = new Loader(resolver, roots);
  const root = loader.load(file, source);
  const diagnostics = loader.diagnostics;
  const document = root && expand(root);
  const documents = new Map<string, ast.Document>();
  for (const loaded of loader.files) documents.set(loaded.file, loaded === root ? document! : loaded.document);
  if (resolved.validate) {
    // The root with its imports expanded, as the generators will read it; every other file, its
    // own definitions against what its imports bring in (see import-scope.ts).
    if (document) for (const d of validate(document)) diagnostics.push(d);
    for (const loaded of loader.files) {
      if (loaded !== root) for (const d of validate(loaded.document, importedNames(loaded))) diagnostics.push(d);
    }
  }
  const all = sortDiagnostics(dedupe(diagnostics));
  if (hasErrors(all) || !document) throw new WidlError(all, loader.sources);
  return { document, documents, sources: loader.sources, diagnostics: all };
}

function resolveLoadOptions(fn: string, options: LoadOptions | undefined): ResolvedLoadOptions {
  const resolved = resolveOptions(fn, defaults, options);
  if (!Array.isArray(resolved.importRoots) || !resolved.importRoots.every((r) => typeof r === "string")) {
    throw new InvalidOptionError(`${fn}: invalid option "importRoots": expected an array of folder paths`);
  }
  return resolved;
}

/** A file being loaded, and how many of its definitions have been looked at for imports. */
interface Frame {
  readonly loaded: LoadedFile;
  /** Its real path, which identifies it (two names may lead to one file). */
  readonly real: string;
  next: number;
}

/** Reads the root file and, depth first, every file it imports, each once. */
class Loader {
  readonly sources = new Map<string, string>();
  readonly diagnostics: Diagnostic[] = [];
  /** The names defined anywhere in this load (see `LoadedFile.known`). */
  private readonly known = new Map<string, number>();
  /** Every file that parsed, in the order they were read. */
  readonly files: LoadedFile[] = [];
  /** Files read, by real path (undefined: it did not parse, and that is reported). */
  private readonly byPath = new Map<string, LoadedFile | undefined>();
  /** The files being read, the root first; each imports the next. */
  private readonly stack: Frame[] = [];
  /** Where each file being read sits in `stack`, by real path, for cycles. */
  private readonly onStack = new Map<string, number>();

  constructor(
    private readonly resolver: Resolver,
    private readonly roots: readonly string[],
  ) {}

  /** Reads the root file and everything it imports; the root's loaded file, unless it does not parse. */
  load(file: string, source: string): LoadedFile | undefined {
    const root = this.open(file, this.resolver.realpath(file), source);
    while (this.stack.length > 0) {
      const frame = this.stack[this.stack.length - 1]!;
      const defs = frame.loaded.document.definitions;
      if (frame.next >= defs.length) {
        this.stack.pop();
        this.onStack.delete(frame.real);
        continue;
      }
      const def = defs[frame.next++]!;
      if (def.kind !== "ImportDefinition") continue;
      const target = this.follow(def, frame.loaded.file);
      if (target !== undefined) frame.loaded.link(def, target);
    }
    for (const loaded of this.files) this.checkNamedImports(loaded);
    return root;
  }

  /** Parses a file and, when it parses, pushes it to have its imports read. */
  private open(file: string, real: string, source: string): LoadedFile | undefined {
    this.sources.set(file, source);
    let loaded: LoadedFile | undefined;
    try {
      loaded = new LoadedFile(file, parse(source, { file }), this.known);
    } catch (e) {
      if (!(e instanceof WidlError)) throw e;
      for (const d of e.diagnostics) this.diagnostics.push(d);
    }
    this.byPath.set(real, loaded);
    if (loaded !== undefined) {
      this.files.push(loaded);
      this.onStack.set(real, this.stack.length);
      this.stack.push({ loaded, real, next: 0 });
    }
    return loaded;
  }

  /** The file an import leads to (read now if it is new), or undefined, with a diagnostic when it cannot be followed. */
  private follow(imp: ast.ImportDefinition, importer: string): LoadedFile | undefined {
    const target = this.resolver.resolve(imp.from.value, importer);
    const real = this.resolver.realpath(target);
    if (!this.roots.some((root) => this.resolver.contains(root, real))) {
      this.report(imp, DiagnosticCodes.importOutsideRoots, `cannot import "${imp.from.value}" (${target}): it is outside the import roots, so it is not read; add its folder as an import root to allow it`);
      return undefined;
    }
    const cycleStart = this.onStack.get(real);
    if (cycleStart !== undefined) {
      const count = this.stack.length - cycleStart + 1;
      const cycle = describeChain(count, (i) => (i < count - 1 ? this.stack[cycleStart + i]!.loaded.file : target));
      this.report(imp, DiagnosticCodes.importCycle, `import cycle: ${cycle}`);
      return undefined;
    }
    if (this.byPath.has(real)) return this.byPath.get(real);
    let text: string | undefined;
    let failure = "file not found";
    try {
      text = this.resolver.read(real);
    } catch (e) {
      failure = readFailure(e);
    }
    if (text === undefined) {
      this.report(imp, DiagnosticCodes.importNotFound, `cannot import "${imp.from.value}" (${target}): ${failure}`);
      return undefined;
    }
    return this.open(target, real, text);
  }

  /** Reports the names `import { … }` asks a file for that it does not define. */
  private checkNamedImports(loaded: LoadedFile): void {
    for (const [imp, target] of loaded.targets) {
      for (const n of imp.names) {
        if (exportedAs(target, n.name.value) === undefined) {
          this.diagnostics.push(diagnosticAt(n.name.loc, "error", DiagnosticCodes.importNameNotFound, `"${imp.from.value}" does not define "${n.name.value}"`));
        }
      }
    }
  }

  private report(imp: ast.ImportDefinition, code: Diagnostic["code"], message: string): void {
    this.diagnostics.push(diagnosticAt(imp.from.loc, "error", code, message));
  }
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
