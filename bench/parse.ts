/**
 * Parse speed: our peggy parser against widl-js (`@wapc/widl`) and against the same grammar with
 * no-op actions (what the parse costs without building a tree: the floor for this grammar), on
 * generated schemas of 2,000 definitions and ten times that. Run with `npm run bench`. Goals: not
 * slower than widl-js, within 1.2× of the no-op actions, and the 10× input taking at most 12× the
 * time (parsing stays linear).
 *
 * The schemas use only syntax both parsers accept (widl-js wants `as` before enum display strings
 * and no annotations after an omitted return type).
 */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as peggyParse } from "../widl-parser/grammar.js";
import { parse } from "../widl-parser/index.js";
import { skipNameRest, skipStringBody, skipTrivia } from "../widl-parser/scanners.js";
import { generateSchema } from "./generate-schema.js";

// widl-js's cjs and esm builds require `tslib`, which it does not declare; its self-contained UMD
// bundle needs nothing.
// Its "exports" hide the bundle, so it is loaded by path.
const require = createRequire(import.meta.url);
const widlJs = require(join(dirname(require.resolve("@wapc/widl")), "../standalone.js")) as { parse(source: string): unknown };
const widlJsParse = (source: string) => widlJs.parse(source);

interface Timing {
  /** Median CPU time per parse, ms: user + system of the whole process, V8's GC helper threads included. */
  cpu: number;
  /** Median wall-clock time per parse, ms. */
  wall: number;
}

/**
 * Times `fn` (one parse): `warmup` calls to let the JIT settle, then `samples` samples of `batch`
 * calls in a row, each timed together and divided by `batch`, so that a sample includes the
 * garbage collection its calls cause: with one call per sample, the median of a small input is a
 * call that happened not to collect, while every large one collects, and the 20k/2k ratio then
 * measures the collector rather than the parser. The batches are sized so that a sample parses
 * about the same amount of text at either size.
 *
 * Both CPU time and wall time are kept: CPU time, because on a shared two-core machine wall time
 * partly measures the neighbours; wall time too, because CPU time also counts V8's parallel GC
 * helper threads, which wait for one another when the other core is busy, so CPU time inflates
 * allocation-heavy code more than the work it does.
 */
function time(fn: () => unknown, options: { samples: number; batch: number; warmup: number }): Timing {
  const { samples, batch, warmup } = options;
  for (let i = 0; i < warmup; i++) fn();
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = process.cpuUsage();
    const startWall = performance.now();
    for (let k = 0; k < batch; k++) fn();
    const elapsed = performance.now() - startWall;
    const used = process.cpuUsage(start);
    cpu.push((used.user + used.system) / 1000 / batch);
    wall.push(elapsed / batch);
  }
  return { cpu: median(cpu), wall: median(wall) };
}

const median = (samples: number[]) => samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;

/**
 * The grammar with every action a no-op: each builder returns one shared object (the grammar's
 * predicates read `.value` of names, and `describe` reads `.loc`), so nothing is built per node.
 * The grammar is called the way `parse` calls it on valid input: quietly.
 */
function noActionParse(source: string): unknown {
  const shared = { value: "", loc: { file: "", start: {}, end: {} } };
  const build = new Proxy({}, { get: () => () => shared });
  const context = { pos: -1, what: "", name: undefined };
  return peggyParse(source, { grammarSource: "bench.widl", build, scan: { skipTrivia, skipNameRest, skipStringBody }, context, quiet: true });
}

const contenders = ["ours", "widl-js", "no-actions"] as const;
type Contender = (typeof contenders)[number];
const parsers: Record<Contender, (source: string) => unknown> = {
  ours: (s) => parse(s, { file: "bench.widl" }),
  "widl-js": widlJsParse,
  "no-actions": noActionParse,
};

/** In a child process: one parser's timings on both inputs, as JSON on stdout. */
function measure(contender: Contender): void {
  const small = generateSchema(2_000);
  const large = generateSchema(20_000);
  const fn = parsers[contender];
  const result = { small: time(() => fn(small), { samples: 9, batch: 10, warmup: 10 }), large: time(() => fn(large), { samples: 9, batch: 1, warmup: 2 }) };
  process.stdout.write(JSON.stringify(result));
}

/**
 * Each parser runs alone in a fresh process, so neither pays for the other's garbage (a
 * 20,000-definition tree is tens of MB, and a shared heap made each parser's figures depend on
 * the other's); processes alternate (ours, widl-js, ours, …) so that load from other processes
 * falls on both; each figure is the median over the processes.
 */
function run(): void {
  const small = generateSchema(2_000);
  const large = generateSchema(20_000);
  // Both parsers must agree that the inputs are valid before their times mean anything.
  parse(small, { file: "small.widl" });
  widlJsParse(small);
  const processes = 3;
  const runs: Record<Contender, { small: Timing; large: Timing }[]> = { ours: [], "widl-js": [], "no-actions": [] };
  for (let i = 0; i < processes; i++) {
    for (const contender of contenders) {
      const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), childFlag, contender], { encoding: "utf8" });
      if (child.status !== 0) throw new Error(`bench/parse.ts child (${contender}) failed: ${child.stderr}`);
      runs[contender].push(JSON.parse(child.stdout) as { small: Timing; large: Timing });
    }
  }
  const summarize = (list: { small: Timing; large: Timing }[]) => ({
    small: { cpu: median(list.map((r) => r.small.cpu)), wall: median(list.map((r) => r.small.wall)) },
    large: { cpu: median(list.map((r) => r.large.cpu)), wall: median(list.map((r) => r.large.wall)) },
  });
  const ours = summarize(runs.ours);
  const theirs = summarize(runs["widl-js"]);
  const floor = summarize(runs["no-actions"]);
  const fmt = (n: number) => n.toFixed(1).padStart(8);
  console.log(`parse: 2,000 definitions (${(small.length / 1024).toFixed(0)} KiB) and 20,000 (${(large.length / 1024).toFixed(0)} KiB);`);
  console.log(`  ms per parse: median over ${processes} fresh processes per parser (alternating) of the median of 9 samples (10 parses each at 2k, 1 at 20k)`);
  console.log("  CPU = user + system of the process, V8's GC helper threads included; wall = elapsed time");
  console.log(`  ${"".padEnd(16)}${"2k CPU".padStart(8)}${"20k CPU".padStart(8)}  20k/2k${"2k wall".padStart(9)}${"20k wall".padStart(9)}  20k/2k`);
  for (const [label, t] of [["widl-bindgen", ours], ["@wapc/widl", theirs], ["no-op actions", floor]] as const) {
    console.log(
      `  ${label.padEnd(16)}${fmt(t.small.cpu)}${fmt(t.large.cpu)}  ${(t.large.cpu / t.small.cpu).toFixed(1).padStart(5)}×` +
        ` ${fmt(t.small.wall)} ${fmt(t.large.wall)}  ${(t.large.wall / t.small.wall).toFixed(1).padStart(5)}×`,
    );
  }
  for (const [label, other] of [["widl-js", theirs], ["no-op actions", floor]] as const) {
    console.log(
      `  ours / ${label}: CPU ${(ours.small.cpu / other.small.cpu).toFixed(2)} (2k), ${(ours.large.cpu / other.large.cpu).toFixed(2)} (20k);` +
        ` wall ${(ours.small.wall / other.small.wall).toFixed(2)} (2k), ${(ours.large.wall / other.large.wall).toFixed(2)} (20k)`,
    );
  }
}

const childFlag = "--parse-bench-child";
const childAt = process.argv.indexOf(childFlag);
if (childAt === -1) run();
else measure(process.argv[childAt + 1] as Contender);
