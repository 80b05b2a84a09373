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
  const document = loader.load(file, source);
  const diagnostics = loader.diagnostics;
  if (resolved.validate) for (const doc of loader.documents.values()) for (const d of validate(doc)) diagnostics.push(d);
  const all = sortDiagnostics(dedupe(diagnostics));
  if (hasErrors(all) || !document) throw new WidlError(all, loader.sources);
  return { document, documents: loader.documents, sources: loader.sources, diagnostics: all };
}

function resolveLoadOptions(fn: string, options: LoadOptions | undefined): ResolvedLoadOptions {
  const resolved = resolveOptions(fn, defaults, options);
  if (!Array.isArray(resolved.importRoots) || !resolved.importRoots.every((r) => typeof r === "string")) {
    throw new InvalidOptionError(`${fn}: invalid option "importRoots": expected an array of folder paths`);
  }
  return resolved;
}

/** Definitions an import can bring in: everything that names something, not namespaces, interfaces or imports. */
type Importable = ast.TypeLikeDefinition | ast.DirectiveDefinition | ast.RoleDefinition;

function isImportable(def: ast.Definition): def is Importable {
  return def.kind !== "NamespaceDefinition" && def.kind !== "InterfaceDefinition" && def.kind !== "ImportDefinition";
}

/** A file being loaded: its definitions are copied out one by one, imports expanded on the way. */
interface Frame {
  /** The file's name as the loader reports it (resolved from the importer, links not followed). */
  readonly file: string;
  /** Its real path, which identifies it (two names may lead to one file). */
  readonly real: string;
  readonly parsed: ast.Document;
  /** The next of `parsed.definitions` to copy. */
  next: number;
  readonly definitions: ast.Definition[];
  /** name, origin file and original name of what imports brought in, so a diamond brings it once. */
  readonly brought: Set<string>;
  /** The import waiting for the file on top of this frame to finish loading. */
  waiting: ast.ImportDefinition | undefined;
}

/** A loaded file: its document, or undefined when it did not parse (already reported). */
interface Loaded {
  readonly file: string;
  readonly document: ast.Document | undefined;
}

class Loader {
  readonly documents = new Map<string, ast.Document>();
  readonly sources = new Map<string, string>();
  readonly diagnostics: Diagnostic[] = [];
  /** Finished files, by real path. */
  private readonly loaded = new Map<string, Loaded>();
  /** The files being loaded, the root first; each imports the next. */
  private readonly stack: Frame[] = [];
  /** Where each file being loaded sits in `stack`, by real path, for cycles. */
  private readonly onStack = new Map<string, number>();
  /** The importable definitions of each finished document by name (the first of each name), for `import { A }`. */
  private readonly byName = new WeakMap<ast.Document, Map<string, Importable>>();

  constructor(
    private readonly resolver: Resolver,
    private readonly roots: readonly string[],
  ) {}

  /** Loads the root file and, depth first, everything it imports. */
  load(file: string, source: string): ast.Document | undefined {
    if (!this.open(file, this.resolver.realpath(file), source)) return undefined;
    let result: ast.Document | undefined;
    while (this.stack.length > 0) {
      const frame = this.stack[this.stack.length - 1]!;
      if (frame.waiting !== undefined) {
        // The file this import named has just finished (it was popped off the stack).
        const imp = frame.waiting;
        frame.waiting = undefined;
        this.bring(frame, imp, this.lastFinished!);
      }
      if (this.advance(frame)) continue; // a new file was pushed; it runs first
      result = this.finish(frame);
    }
    return result;
  }

  /** The file `finish` completed last, for the frame below it. */
  private lastFinished: Loaded | undefined;

  /** Parses a file and pushes it; false (with the parse errors recorded) when it does not parse. */
  private open(file: string, real: string, source: string): boolean {
    this.sources.set(file, source);
    let parsed: ast.Document;
    try {
      parsed = parse(source, { file });
    } catch (e) {
      if (!(e instanceof WidlError)) throw e;
      for (const d of e.diagnostics) this.diagnostics.push(d);
      this.loaded.set(real, { file, document: undefined });
      return false;
    }
    this.onStack.set(real, this.stack.length);
    this.stack.push({ file, real, parsed, next: 0, definitions: [], brought: new Set(), waiting: undefined });
    return true;
  }

  /**
   * Copies the frame's definitions until an import needs a file not loaded yet; true when that
   * file was pushed (the frame resumes after it), false when the frame is done.
   */
  private advance(frame: Frame): boolean {
    const defs = frame.parsed.definitions;
    while (frame.next < defs.length) {
      const def = defs[frame.next++]!;
      frame.definitions.push(def);
      if (def.kind !== "ImportDefinition") continue;
      const target = this.follow(def, frame);
      if (target === undefined) continue;
      if ("document" in target) this.bring(frame, def, target);
      else {
        frame.waiting = def;
        return true;
      }
    }
    return false;
  }

  /**
   * Where an import leads: a finished file, a file just pushed (`{pushed}`), or undefined (with a
   * diagnostic) when it cannot be followed.
   */
  private follow(imp: ast.ImportDefinition, importer: Frame): Loaded | { pushed: true } | undefined {
    const target = this.resolver.resolve(imp.from.value, importer.file);
    const real = this.resolver.realpath(target);
    if (!this.roots.some((root) => this.resolver.contains(root, real))) {
      this.report(imp, DiagnosticCodes.importOutsideRoots, `cannot import "${imp.from.value}" (${target}): it is outside the import roots, so it is not read; add its folder as an import root to allow it`);
      return undefined;
    }
    const cycleStart = this.onStack.get(real);
    if (cycleStart !== undefined) {
      const count = this.stack.length - cycleStart + 1;
      const cycle = describeChain(count, (i) => (i < count - 1 ? this.stack[cycleStart + i]!.file : target));
      this.report(imp, DiagnosticCodes.importCycle, `import cycle: ${cycle}`);
      return undefined;
    }
    const done = this.loaded.get(real);
    if (done) return done;
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
    return this.open(target, real, text) ? { pushed: true } : this.loaded.get(real);
  }

  /** Pops a frame whose definitions are all copied, and records its document. */
  private finish(frame: Frame): ast.Document {
    this.stack.pop();
    this.onStack.delete(frame.real);
    const document: ast.Document = { ...frame.parsed, definitions: frame.definitions };
    this.documents.set(frame.file, document);
    this.lastFinished = { file: frame.file, document };
    this.loaded.set(frame.real, this.lastFinished);
    return document;
  }

  /** Copies what `imp` brings from the loaded file into the frame's definitions. */
  private bring(frame: Frame, imp: ast.ImportDefinition, from: Loaded): void {
    const doc = from.document;
    if (!doc) return;
    const add = (def: Importable, name: ast.Name) => {
      const imported = mark(def, name, from.file, imp);
      const key = `${imported.name.value}\0${imported.imported!.file}\0${imported.imported!.originalName}`;
      if (frame.brought.has(key)) return;
      frame.brought.add(key);
      frame.definitions.push(imported);
    };
    if (imp.all) {
      for (const def of doc.definitions) if (isImportable(def)) add(def, def.name);
      return;
    }
    const available = this.importable(doc);
    for (const n of imp.names) {
      const def = available.get(n.name.value);
      if (def) add(def, n.alias ?? def.name);
      else this.diagnostics.push(diagnosticAt(n.name.loc, "error", DiagnosticCodes.importNameNotFound, `"${imp.from.value}" does not define "${n.name.value}"`));
    }
  }

  private importable(doc: ast.Document): Map<string, Importable> {
    let index = this.byName.get(doc);
    if (index === undefined) {
      index = new Map();
      for (const def of doc.definitions) if (isImportable(def) && !index.has(def.name.value)) index.set(def.name.value, def);
      this.byName.set(doc, index);
    }
    return index;
  }

  private report(imp: ast.ImportDefinition, code: Diagnostic["code"], message: string): void {
    this.diagnostics.push(diagnosticAt(imp.from.loc, "error", code, message));
  }
}

/** A copy of `def` under `name`, remembering where it came from (the first origin, for re-exports). */
function mark(def: Importable, name: ast.Name, file: string, imp: ast.ImportDefinition): Importable {
  // A re-export under the same name would be an identical copy: the node itself serves (nodes are
  // never changed), which saves a copy per file along a chain of `import *`.
  if (def.imported !== undefined && name === def.name) return def;
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
