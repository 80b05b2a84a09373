import fc from "fast-check";
import { afterAll, describe, it } from "vitest";
import { mutatedSchema, parsesOrFailsCleanly, randomText, truncatedSchema, validSchema } from "./fuzz-arbitraries.js";
import { SlowInputs, importGraph, loadsOrFailsCleanly, structuralSchema } from "./fuzz-structures.js";

// 4 × 2,500 = 10,000 cases. `npx tsx scripts/fuzz-parser.ts` runs 100,000, and larger structures.
const numRuns = 2_500;

describe("fuzz: no input makes the parser throw anything but a WidlError inside the input", () => {
  it("valid schemas parse and validate", () => {
    fc.assert(fc.property(validSchema, parsesOrFailsCleanly), { numRuns });
  });
  it("mutated schemas (characters deleted, inserted, swapped)", () => {
    fc.assert(fc.property(mutatedSchema, parsesOrFailsCleanly), { numRuns });
  });
  it("truncated schemas", () => {
    fc.assert(fc.property(truncatedSchema, parsesOrFailsCleanly), { numRuns });
  });
  it("random strings", () => {
    fc.assert(fc.property(randomText, parsesOrFailsCleanly), { numRuns });
  });
});

describe("fuzz: structures mutations never reach load cleanly", () => {
  // Times are reported, never asserted: the machine may be busy. A superlinear pass shows up here
  // as a large input far slower per byte than the rest.
  const slow = new SlowInputs();
  afterAll(() => {
    const lines = slow.report();
    if (lines.length > 0) console.warn(`fuzz: inputs far slower per byte than the median:\n${lines.join("\n")}`);
  });

  it("long alias chains and cycles, wide types and interfaces, deep nesting, unknown names (up to 300)", () => {
    fc.assert(fc.property(structuralSchema(300), (input) => slow.time(input, loadsOrFailsCleanly)), { numRuns: 150 });
  });
  it("import graphs of up to 40 files, with cycles, diamonds, renames, missing names and files outside the roots", () => {
    fc.assert(fc.property(importGraph(40), (input) => slow.time(input, loadsOrFailsCleanly)), { numRuns: 500 });
  });
});
