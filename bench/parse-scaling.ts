/**
 * Parser scaling: schemas whose shape is extreme in one direction, at growing sizes, through what
 * `widl-bindgen check` does (load, validate, and print the diagnostics with their frames). Prints
 * the time per definition at each size: it stays flat when every pass is linear, and the last
 * column (time per definition at the largest size over that at the smallest) says how far it is
 * from flat. Run with `npx tsx bench/parse-scaling.ts [sizes…]` (also part of `npm run bench`). A size
 * that crashes (a RangeError from a recursion too deep) is printed as such.
 *
 * - alias: `alias A0 = A1 … = string`, plus a map keyed by each alias (every key resolved through
 *   the rest of the chain);
 * - alias cycle: the same chain closed into one cycle;
 * - wide: one type with the same field repeated (a duplicate error each, printed with its frame);
 * - unknown: types that each use a different unknown type (a "did you mean" search each);
 * - files: a chain of files, each importing the next with `import *` and using the next's type;
 * - fan-in: many files, each importing one shared file and a neighbour (diamonds).
 */
import { type LoadedSchema, WidlError, loadSchema, loadSchemaSource, memoryResolver } from "../widl-parser/index.js";

/** What `check` does with a schema: load it, and print what it reports. */
function check(load: () => LoadedSchema): number {
  try {
    return load().diagnostics.length;
  } catch (e) {
    if (!(e instanceof WidlError)) throw e;
    return e.format().length;
  }
}

const lines = (n: number, line: (i: number) => string) => Array.from({ length: n }, (_, i) => line(i)).join("\n");

/** Text prepared outside the timed part: `source(n)` is built once per size. */
function single(source: (n: number) => string): (n: number) => () => unknown {
  return (n) => {
    const text = source(n);
    return () => check(() => loadSchemaSource(text, { file: "/bench.widl" }));
  };
}

function files(make: (n: number) => Record<string, string>): (n: number) => () => unknown {
  return (n) => {
    const resolver = memoryResolver(make(n));
    return () => check(() => loadSchema("/s/f0.widl", { resolver }));
  };
}

const given = process.argv.slice(2).map(Number).filter((n) => n > 0);
const sizes = given.length > 0 ? given : [1_000, 2_000, 4_000, 8_000];
const cases: Array<{ name: string; prepare: (n: number) => () => unknown }> = [
  {
    name: "alias",
    prepare: single((n) => `${lines(n, (i) => `alias A${i} = ${i + 1 < n ? `A${i + 1}` : "string"}`)}\ntype M {\n${lines(n, (i) => `  m${i}: {A${i}: i32}`)}\n}`),
  },
  { name: "alias cycle", prepare: single((n) => lines(n, (i) => `alias A${i} = A${(i + 1) % n}`)) },
  { name: "wide", prepare: single((n) => `type T {\n${lines(n, () => "  x: string")}\n}`) },
  { name: "unknown", prepare: single((n) => lines(n, (i) => `type T${i} { x: Missing${i} }`)) },
  {
    name: "files",
    prepare: files((n) =>
      Object.fromEntries(
        Array.from({ length: n }, (_, i) => [`/s/f${i}.widl`, i + 1 < n ? `import * from "f${i + 1}.widl"\ntype T${i} { next: T${i + 1} }\n` : `type T${i} { x: string }\n`]),
      ),
    ),
  },
  {
    name: "fan-in",
    prepare: files((n) =>
      Object.fromEntries([
        ["/s/shared.widl", "type Shared { x: string }\n"],
        ...Array.from({ length: n }, (_, i) => [
          `/s/f${i}.widl`,
          `import * from "shared.widl"\n${i + 1 < n ? `import * from "f${i + 1}.widl"\n` : ""}type T${i} { s: Shared }\n`,
        ]),
      ]),
    ),
  },
];

/** Median CPU milliseconds of `runs` calls of `fn`, after one warm-up call. */
function time(fn: () => unknown, runs: number): number {
  fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.cpuUsage();
    fn();
    const used = process.cpuUsage(start);
    samples.push((used.user + used.system) / 1000);
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
}

console.log("parse scaling: CPU time of load + validate + format, µs per definition (median of 5)");
console.log(`  ${"case".padEnd(12)}${sizes.map((n) => `n=${n.toLocaleString("en")}`.padStart(11)).join("")}   ms at n=${sizes.at(-1)!.toLocaleString("en")}   per-def ratio`);
for (const c of cases) {
  const perDefinition: number[] = [];
  let last = 0;
  for (const n of sizes) {
    try {
      last = time(c.prepare(n), 5);
      perDefinition.push((last * 1000) / n);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      last = Number.NaN;
      perDefinition.push(Number.NaN);
    }
  }
  const ratio = perDefinition.at(-1)! / perDefinition[0]!;
  const cell = (us: number) => (Number.isNaN(us) ? "crash" : us.toFixed(1)).padStart(11);
  console.log(`  ${c.name.padEnd(12)}${perDefinition.map(cell).join("")}   ${(Number.isNaN(last) ? "crash" : last.toFixed(0)).padStart(10)}   ${(Number.isNaN(ratio) ? "-" : `${ratio.toFixed(2)}×`).padStart(13)}`);
}
