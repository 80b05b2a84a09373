/**
 * Structural inputs for fuzzing the parser and the loader: shapes that small mutations never reach
 * (long alias chains and cycles, wide types and interfaces, deep nesting, many files, import
 * graphs with cycles and diamonds), sized by `scale` so that the test suite stays quick and
 * scripts/fuzz-parser.ts can go large. Every run also records the time per byte of each input, so
 * that one far slower than the rest (a superlinear pass) is reported.
 */
import fc from "fast-check";
import { positionAt } from "../../widl-parser/diagnostics.js";
import { WidlError, loadSchema, memoryResolver } from "../../widl-parser/index.js";

/** A schema spread over files: `files` by POSIX path, loaded from `root`. */
export interface FileSet {
  readonly root: string;
  readonly files: Readonly<Record<string, string>>;
}

/** The import root of every file set: the files live under it, the outside file does not. */
const importRoots = ["/s"];

const lines = (n: number, line: (i: number) => string) => Array.from({ length: n }, (_, i) => line(i)).join("\n");

/** One file of an extreme shape, up to `scale` definitions (or levels) big. */
export function structuralSchema(scale: number): fc.Arbitrary<FileSet> {
  const size = fc.integer({ min: 1, max: scale });
  const names = fc.constantFrom("x", "y", "z", "Id", "value");
  const single = (text: string): FileSet => ({ root: "/s/main.widl", files: { "/s/main.widl": text } });
  return fc.oneof(
    // alias A0 = A1 … = T, closed into a cycle or ending in a type, with maps keyed by the aliases.
    fc.tuple(size, fc.boolean(), fc.boolean()).map(([n, cycle, maps]) =>
      single(`${lines(n, (i) => `alias A${i} = ${i + 1 < n ? `A${i + 1}` : cycle ? "A0" : "string"}`)}\n${maps ? `type M {\n${lines(n, (i) => `  m${i}: {A${i}: i32}`)}\n}` : ""}`),
    ),
    // One type with many fields, names drawn from a few (so with duplicates), some with defaults.
    fc.array(fc.tuple(names, fc.boolean()), { minLength: 1, maxLength: scale }).map((fields) =>
      single(`type T {\n${fields.map(([n, d]) => `  ${n}: string${d ? ' = "v"' : ""}`).join("\n")}\n}`),
    ),
    // Many operations and enum values, some repeated.
    fc.tuple(size, names).map(([n, name]) => single(`interface {\n${lines(n, (i) => `  ${i % 7 === 0 ? name : `op${i}`}(a: i32, a: string): u8`)}\n}\nenum E {\n${lines(n, (i) => `  V${i % 50} = ${i}`)}\n}`)),
    // Nesting of types and of values around the limit (64).
    fc.tuple(fc.integer({ min: 0, max: 100 }), fc.constantFrom("list", "map", "value", "object")).map(([depth, kind]) => {
      switch (kind) {
        case "list":
          return single(`type T { x: ${"[".repeat(depth)}string${"]".repeat(depth)} }`);
        case "map":
          return single(`type T { x: ${"{string: ".repeat(depth)}i32${"}".repeat(depth)} }`);
        case "value":
          return single(`type T @a(v: ${"[".repeat(depth)}1${"]".repeat(depth)}) {}`);
        default:
          return single(`type T { x: any = ${"{a: ".repeat(depth)}null${"}".repeat(depth)} }`);
      }
    }),
    // Unknown types, each a different name (a "did you mean" search each).
    size.map((n) => single(lines(n, (i) => `type T${i} { x: Missing${i} }`))),
  );
}

/**
 * Up to `scale` files, each defining a type and importing others (before or after it in the list,
 * so with cycles), all of one (`*`) or by name (sometimes renamed, sometimes a name the file does
 * not define), with diamonds wherever two files import a third.
 */
export function importGraph(scale: number): fc.Arbitrary<FileSet> {
  const edge = fc.record({ to: fc.nat(), how: fc.constantFrom("all", "named", "renamed", "missing", "nowhere") });
  return fc.array(fc.array(edge, { maxLength: 4 }), { minLength: 1, maxLength: scale }).map((edges) => {
    const n = edges.length;
    const files: Record<string, string> = {};
    edges.forEach((out, i) => {
      const text: string[] = [];
      const used: string[] = [];
      for (const { to, how } of out) {
        const j = to % n;
        const from = j % 3 === 0 ? `sub/f${j}.widl` : `f${j}.widl`;
        const path = i % 3 === 0 ? `../${from}` : from;
        switch (how) {
          case "all":
            text.push(`import * from "${path}"`);
            used.push(`T${j}`);
            break;
          case "named":
            text.push(`import { T${j} } from "${path}"`);
            used.push(`T${j}`);
            break;
          case "renamed":
            text.push(`import { T${j} as R${j}x${i} } from "${path}"`);
            used.push(`R${j}x${i}`);
            break;
          case "missing":
            text.push(`import { Nope${j} } from "${path}"`);
            break;
          case "nowhere":
            text.push(`import * from "${i % 2 === 0 ? "../../outside.widl" : "none.widl"}"`);
            break;
        }
      }
      text.push(`type T${i} { ${used.map((t, k) => `f${k}: ${t}`).join(", ")} }`);
      files[i % 3 === 0 ? `/s/sub/f${i}.widl` : `/s/f${i}.widl`] = text.join("\n");
    });
    return { root: "/s/sub/f0.widl", files };
  });
}

/**
 * The property: loading either succeeds or throws a WidlError whose every diagnostic lies inside
 * the file it names, with line and column agreeing with the offset, and which formats; never
 * another error (a RangeError from a recursion too deep, above all).
 */
export function loadsOrFailsCleanly(input: FileSet): void {
  try {
    loadSchema(input.root, { resolver: memoryResolver(input.files), importRoots });
  } catch (e) {
    if (!(e instanceof WidlError)) throw new Error(`not a WidlError: ${String(e)}`, { cause: e });
    for (const d of e.diagnostics) {
      if (d.code === "WIDL1000") throw new Error(`internal error: ${d.message}`);
      const source = input.files[d.file];
      if (source === undefined) throw new Error(`diagnostic in a file that was not loaded: ${d.file}`);
      if (!(0 <= d.offset && d.offset <= d.endOffset && d.endOffset <= source.length)) throw new Error(`range outside ${d.file}: ${d.offset}-${d.endOffset}`);
      const p = positionAt(source, d.offset);
      if (p.line !== d.line || p.column !== d.column) throw new Error(`line/column ${d.line}:${d.column} disagree with offset ${d.offset} in ${d.file}`);
    }
    e.format();
  }
}

/** Total size of an input, in UTF-16 units. */
export function sizeOf(input: FileSet | string): number {
  return typeof input === "string" ? input.length : Object.values(input.files).reduce((sum, text) => sum + text.length, 0);
}

/**
 * Records each input's time per byte and reports the ones far above the median: a superlinear
 * pass shows up as large inputs taking much longer per byte than small ones. Inputs under
 * `minBytes` are not judged (their times are mostly fixed costs and timer noise).
 */
export class SlowInputs {
  private readonly samples: Array<{ perByte: number; bytes: number; ms: number; describe: () => string }> = [];

  constructor(
    private readonly factor = 10,
    private readonly minBytes = 2_000,
  ) {}

  /** Runs `check(input)`, timing it. */
  time<T extends FileSet | string>(input: T, check: (input: T) => void): void {
    const start = performance.now();
    check(input);
    const ms = performance.now() - start;
    const bytes = sizeOf(input);
    if (bytes >= this.minBytes) {
      this.samples.push({ perByte: ms / bytes, bytes, ms, describe: () => (typeof input === "string" ? input.slice(0, 200) : Object.keys(input.files).slice(0, 5).join(", ")) });
    }
  }

  /** The inputs whose time per byte is more than `factor` times the median, slowest first, as lines. */
  report(): string[] {
    if (this.samples.length < 5) return [];
    const sorted = this.samples.map((s) => s.perByte).sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    return this.samples
      .filter((s) => s.perByte > median * this.factor)
      .sort((a, b) => b.perByte - a.perByte)
      .map((s) => `${s.ms.toFixed(1)} ms for ${s.bytes} bytes (${(s.perByte / median).toFixed(0)}× the median per byte): ${JSON.stringify(s.describe())}`);
  }
}
