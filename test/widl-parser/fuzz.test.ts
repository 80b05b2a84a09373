import fc from "fast-check";
import { describe, it } from "vitest";
import { mutatedSchema, parsesOrFailsCleanly, randomText, truncatedSchema, validSchema } from "./fuzz-arbitraries.js";

// 4 × 2,500 = 10,000 cases. `npx tsx scripts/fuzz-parser.ts` runs 100,000.
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
