/**
 * Parse speed: our peggy parser against widl-js (`@wapc/widl`), on generated schemas of 2,000
 * definitions and ten times that. Run with `npm run bench`. Goals: not slower than widl-js, and
 * the 10× input taking at most 12× the time (parsing stays linear).
 *
 * The schemas use only syntax both parsers accept (widl-js wants `as` before enum display strings
 * and no annotations after an omitted return type).
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { parse } from "../widl-parser/index.js";
import { generateSchema } from "./generate-schema.js";

// widl-js's cjs and esm builds require `tslib`, which it does not declare; its self-contained UMD
// bundle needs nothing.
// Its "exports" hide the bundle, so it is loaded by path.
const require = createRequire(import.meta.url);
const widlJs = require(join(dirname(require.resolve("@wapc/widl")), "../standalone.js")) as { parse(source: string): unknown };
const widlJsParse = (source: string) => widlJs.parse(source);

/**
 * Median CPU time (user + system, in ms) of `runs` calls, after `warmup` calls that let the JIT
 * settle. CPU time rather than wall time: on a shared two-core machine, wall time mostly measures
 * the neighbours.
 */
function time(fn: () => unknown, runs: number, warmup = 5): number {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.cpuUsage();
    fn();
    const used = process.cpuUsage(start);
    samples.push((used.user + used.system) / 1000);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

function run(): void {
  const small = generateSchema(2_000);
  const large = generateSchema(20_000);
  // Both parsers must agree that the inputs are valid before their times mean anything.
  parse(small, { file: "small.widl" });
  widlJsParse(small);
  const ours = { small: time(() => parse(small, { file: "small.widl" }), 15), large: time(() => parse(large, { file: "large.widl" }), 5, 2) };
  const theirs = { small: time(() => widlJsParse(small), 15), large: time(() => widlJsParse(large), 5, 2) };
  const fmt = (n: number) => n.toFixed(1).padStart(8);
  console.log(`parse (median CPU ms): 2,000 definitions (${(small.length / 1024).toFixed(0)} KiB) and 20,000 (${(large.length / 1024).toFixed(0)} KiB)`);
  console.log(`  ${"".padEnd(16)}${"2k ms".padStart(8)}${"20k ms".padStart(8)}  20k/2k`);
  console.log(`  ${"widl-bindgen".padEnd(16)}${fmt(ours.small)}${fmt(ours.large)}  ${(ours.large / ours.small).toFixed(1)}×`);
  console.log(`  ${"@wapc/widl".padEnd(16)}${fmt(theirs.small)}${fmt(theirs.large)}  ${(theirs.large / theirs.small).toFixed(1)}×`);
  console.log(`  ours / widl-js: ${(ours.small / theirs.small).toFixed(2)} (2k), ${(ours.large / theirs.large).toFixed(2)} (20k)`);
}

run();
