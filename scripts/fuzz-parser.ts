/**
 * Fuzzes the WIDL parser with 100,000 inputs (valid, mutated, truncated and random; see
 * test/widl-parser/fuzz-arbitraries.ts) and reports how many ran. Run: `npx tsx scripts/fuzz-parser.ts`.
 */
import fc from "fast-check";
import { mutatedSchema, parsesOrFailsCleanly, randomText, truncatedSchema, validSchema } from "../test/widl-parser/fuzz-arbitraries.js";

const total = 100_000;
let count = 0;
const arbitraries = { valid: validSchema, mutated: mutatedSchema, truncated: truncatedSchema, random: randomText };
const started = performance.now();
for (const [name, arbitrary] of Object.entries(arbitraries)) {
  const numRuns = total / 4;
  fc.assert(
    fc.property(arbitrary, (source) => {
      count++;
      parsesOrFailsCleanly(source);
    }),
    { numRuns },
  );
  console.log(`${name}: ${numRuns} cases passed`);
}
console.log(`fuzz-parser: ${count} cases, no failure (${((performance.now() - started) / 1000).toFixed(1)} s)`);
