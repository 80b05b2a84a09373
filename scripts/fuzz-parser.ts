/**
 * Fuzzes the WIDL parser for long local runs: 100,000 small inputs (valid, mutated, truncated and
 * random; see test/widl-parser/fuzz-arbitraries.ts), then structures the mutations never reach
 * (long alias chains and cycles, wide and deep definitions, many files, import graphs with cycles
 * and diamonds; see test/widl-parser/fuzz-structures.ts) at sizes far beyond the test suite's.
 * Every failure must be a WidlError inside the input; inputs whose time per byte is far above the
 * median are reported at the end. Run: `npx tsx scripts/fuzz-parser.ts [small-count]`.
 */
import fc from "fast-check";
import { mutatedSchema, parsesOrFailsCleanly, randomText, truncatedSchema, validSchema } from "../test/widl-parser/fuzz-arbitraries.js";
import { SlowInputs, importGraph, loadsOrFailsCleanly, structuralSchema } from "../test/widl-parser/fuzz-structures.js";

const total = Number(process.argv[2] ?? 100_000);
const slow = new SlowInputs();
let count = 0;
const started = performance.now();

const small = { valid: validSchema, mutated: mutatedSchema, truncated: truncatedSchema, random: randomText };
for (const [name, arbitrary] of Object.entries(small)) {
  const numRuns = Math.ceil(total / 4);
  fc.assert(
    fc.property(arbitrary, (source) => {
      count++;
      slow.time(source, parsesOrFailsCleanly);
    }),
    { numRuns },
  );
  console.log(`${name}: ${numRuns} cases passed`);
}

const structures = {
  "structures (up to 5,000 definitions or levels)": { arbitrary: structuralSchema(5_000), numRuns: 300 },
  "import graphs (up to 300 files)": { arbitrary: importGraph(300), numRuns: 300 },
  "import graphs (up to 3,000 files)": { arbitrary: importGraph(3_000), numRuns: 20 },
};
for (const [name, { arbitrary, numRuns }] of Object.entries(structures)) {
  fc.assert(
    fc.property(arbitrary, (input) => {
      count++;
      slow.time(input, loadsOrFailsCleanly);
    }),
    { numRuns },
  );
  console.log(`${name}: ${numRuns} cases passed`);
}

const outliers = slow.report();
console.log(`fuzz-parser: ${count} cases, no failure (${((performance.now() - started) / 1000).toFixed(1)} s)`);
console.log(outliers.length === 0 ? "no input far slower per byte than the median" : `inputs far slower per byte than the median:\n${outliers.join("\n")}`);
