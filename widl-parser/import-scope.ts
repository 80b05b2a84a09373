/**
 * What imports bring into a file, worked out over the graph of loaded files without copying every
 * imported definition into every file.
 *
 * `import * from "g"` brings in everything `g` defines and everything `g` imports, so along a chain
 * of n files the files see n²/2 definitions in all. Copying them into each file (and checking each
 * file with its copies) made a chain of 2,000 files take seconds; here a file's own definitions
 * are checked against names looked up through its imports on demand, each (file, name) answered
 * once, and only the root file's document is expanded, which is what the generators read
 * (bench/parse-scaling.ts, "files"). Every walk keeps its own stack, however long the chain.
 */
import type * as ast from "./ast.js";
import type { ImportedNames, NameSpace } from "./passes/context.js";

/** Definitions an import can bring in: everything that names something, not namespaces, interfaces or imports. */
export type Importable = ast.TypeLikeDefinition | ast.DirectiveDefinition | ast.RoleDefinition;

export function isImportable(def: ast.Definition): def is Importable {
  return def.kind !== "NamespaceDefinition" && def.kind !== "InterfaceDefinition" && def.kind !== "ImportDefinition";
}

const spaceOf = (def: Importable): NameSpace => (def.kind === "DirectiveDefinition" ? "directive" : "type");

/** One way a name can come in through an import, in the order the imports are written. */
interface Step {
  readonly order: number;
  readonly imp: ast.ImportDefinition;
  readonly target: LoadedFile;
  /** The name in the target file; `alias` is the name here, for `import { A as B }`. */
  readonly name?: string;
  readonly alias?: ast.Name;
}

/** A parsed file and where its imports lead. */
export class LoadedFile {
  /** The first own importable definition of each name, by `space\0name`. */
  private readonly own = new Map<string, Importable>();
  /** `import *` steps, in order. */
  private readonly all: Step[] = [];
  /** `import { … }` steps by the name they bring in here. */
  private readonly named = new Map<string, Step[]>();
  private order = 0;
  /** Where each followed import leads. */
  readonly targets = new Map<ast.ImportDefinition, LoadedFile>();
  /** Answers already worked out, by `space\0name` (null: nothing), with and without own definitions. */
  readonly exported = new Map<string, Importable | null>();
  readonly imported = new Map<string, Importable | null>();

  constructor(
    /** The name the loader reports the file by. */
    readonly file: string,
    readonly document: ast.Document,
    /**
     * How many files of this load define each `space\0name` or import it under an alias, shared
     * by all of them: a name that no other file has is answered at once instead of by searching
     * everything behind a file's imports (which, asked for each own name of each file along a
     * chain, was quadratic).
     */
    readonly known: Map<string, number>,
  ) {
    for (const def of document.definitions) {
      if (!isImportable(def)) continue;
      const key = `${spaceOf(def)}\0${def.name.value}`;
      if (this.own.has(key)) continue;
      this.own.set(key, def);
      known.set(key, (known.get(key) ?? 0) + 1);
    }
  }

  /** Records where an import of this file leads (imports that could not be followed are not recorded). */
  link(imp: ast.ImportDefinition, target: LoadedFile): void {
    this.targets.set(imp, target);
    const order = this.order++;
    if (imp.all) {
      this.all.push({ order, imp, target });
      return;
    }
    for (const n of imp.names) {
      const here = (n.alias ?? n.name).value;
      let steps = this.named.get(here);
      if (steps === undefined) this.named.set(here, (steps = []));
      steps.push({ order, imp, target, name: n.name.value, alias: n.alias });
      if (n.alias) for (const space of ["type", "directive"]) this.known.set(`${space}\0${here}`, Infinity);
    }
  }

  ownDefinition(space: NameSpace, name: string): Importable | undefined {
    return this.own.get(`${space}\0${name}`);
  }

  /** The imports through which `name` may come in, in the order they are written. */
  stepsFor(name: string): Step[] {
    const named = this.named.get(name);
    if (named === undefined) return this.all.map((s) => ({ ...s, name }));
    const steps = [...this.all.map((s) => ({ ...s, name })), ...named];
    return steps.sort((a, b) => a.order - b.order);
  }

  /** Every name imported here directly (not through the files imported), up to `limit`. */
  *directNames(limit: number): Iterable<string> {
    let count = 0;
    for (const name of this.named.keys()) {
      if (count++ >= limit) return;
      yield name;
    }
    for (const step of this.all) {
      for (const key of step.target.own.keys()) {
        if (!key.startsWith("type\0")) continue;
        if (count++ >= limit) return;
        yield key.slice(5);
      }
    }
  }
}

/** A work item of `lookup`: a file, the name wanted there, and how far through its steps it is. */
interface Frame {
  readonly file: LoadedFile;
  readonly key: string;
  readonly withOwn: boolean;
  readonly steps: Step[];
  next: number;
}

const pending = Symbol("pending");

/**
 * The definition `name` stands for in `file`: its own (when `withOwn`) or the first one its imports
 * bring in, marked with where it came from. Memoized per file, and worked out with an explicit
 * stack: the answer may sit at the end of a chain of thousands of files.
 */
export function lookup(start: LoadedFile, space: NameSpace, name: string, withOwn: boolean): Importable | undefined {
  const key = `${space}\0${name}`;
  // Imports never lead back to the file itself (that is an import cycle, not followed).
  const elsewhere = (start.known.get(key) ?? 0) - (start.ownDefinition(space, name) ? 1 : 0);
  if (elsewhere <= 0) return withOwn ? start.ownDefinition(space, name) : undefined;
  const frames: Frame[] = [];
  const begin = (file: LoadedFile, wanted: string, own: boolean): Importable | null | typeof pending => {
    if (own) {
      const def = file.ownDefinition(space, wanted);
      if (def !== undefined) return def;
    }
    const key = `${space}\0${wanted}`;
    const known = (own ? file.exported : file.imported).get(key);
    if (known !== undefined) return known;
    frames.push({ file, key, withOwn: own, steps: file.stepsFor(wanted), next: 0 });
    return pending;
  };
  let last = begin(start, name, withOwn);
  while (frames.length > 0) {
    const frame = frames[frames.length - 1]!;
    let answer: Importable | null | undefined;
    if (last !== pending && last !== null) {
      // The step just taken found it; it comes in under this step's name.
      const step = frame.steps[frame.next - 1]!;
      answer = bringIn(last, step.alias ?? last.name, step.target.file, step.imp);
    } else if (frame.next >= frame.steps.length) answer = null;
    if (answer !== undefined) {
      (frame.withOwn ? frame.file.exported : frame.file.imported).set(frame.key, answer);
      frames.pop();
      last = answer;
      continue;
    }
    const step = frame.steps[frame.next++]!;
    last = begin(step.target, step.name!, true);
  }
  return last === pending || last === null ? undefined : last;
}

/** What `import { name }` brings from `file`: a type-like definition or role, else a directive. */
export function exportedAs(file: LoadedFile, name: string): Importable | undefined {
  return lookup(file, "type", name, true) ?? lookup(file, "directive", name, true);
}

/** The definition as written in its own file, for each copy an import made. */
const originals = new WeakMap<ast.Definition, Importable>();

/**
 * `def` as an import brings it in under `name`, remembering where it came from (the first origin,
 * for re-exports). A re-export under the same name would be an identical copy: the node itself
 * serves (nodes are never changed).
 */
export function bringIn(def: Importable, name: ast.Name, file: string, imp: ast.ImportDefinition): Importable {
  if (def.imported !== undefined && name === def.name) return def;
  const imported: ast.ImportOrigin = def.imported ?? { file, originalName: def.name.value, importLoc: imp.loc };
  const copy = { ...def, name, imported } as Importable;
  originals.set(copy, originals.get(def) ?? def);
  return copy;
}

/** The names `file`'s imports bring in, for validating its own definitions. */
export function importedNames(file: LoadedFile): ImportedNames {
  return {
    lookup: (space, name) => lookup(file, space, name, false),
    // Only for "did you mean"; bounded so that a file with an unknown name costs no more than its
    // direct imports' names, however much lies behind them.
    typeNames: () => file.directNames(1_000),
  };
}

/**
 * The root file's document with every import expanded in place: the imported definitions follow
 * their `import`, each brought in once (a diamond brings it once), in the order a depth-first
 * reading of the imports meets them. Names that `import { … }` asks for in vain are left out (the
 * loader reports them).
 */
export function expand(root: LoadedFile): ast.Document {
  const definitions: ast.Definition[] = [];
  const brought = new Map<Importable, string[]>();
  const add = (def: Importable) => {
    const original = originals.get(def) ?? def;
    let names = brought.get(original);
    if (names === undefined) brought.set(original, (names = []));
    else if (names.includes(def.name.value)) return;
    names.push(def.name.value);
    definitions.push(def);
  };
  const expanded = new Set<LoadedFile>();
  const frames: Array<{ file: LoadedFile; next: number; via: ast.ImportDefinition | undefined }> = [{ file: root, next: 0, via: undefined }];
  while (frames.length > 0) {
    const frame = frames[frames.length - 1]!;
    const defs = frame.file.document.definitions;
    if (frame.next >= defs.length) {
      frames.pop();
      continue;
    }
    const def = defs[frame.next++]!;
    if (frame.via === undefined) definitions.push(def);
    else if (isImportable(def)) add(bringIn(def, def.name, frame.file.file, frame.via));
    if (def.kind !== "ImportDefinition") continue;
    const target = frame.file.targets.get(def);
    if (target === undefined) continue;
    if (def.all) {
      if (!expanded.has(target)) {
        expanded.add(target);
        frames.push({ file: target, next: 0, via: def });
      }
      continue;
    }
    for (const n of def.names) {
      const found = exportedAs(target, n.name.value);
      if (found !== undefined) add(bringIn(found, n.alias ?? found.name, target.file, def));
    }
  }
  return { ...root.document, definitions };
}
