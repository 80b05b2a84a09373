import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../generators/index.js";
import {
  generateCase,
  goldenCases,
  goldenText,
  readExpected,
  runtimeCopiesFile,
  runtimeSourceOf,
  splitPreamble,
  updating,
  writeExpected,
} from "./golden.js";

describe("golden outputs", () => {
  const cases = goldenCases();
  it("finds the cases", () => {
    expect(cases.map((c) => c.name)).toEqual(expect.arrayContaining(["all-types", "cuckoo"]));
  });

  for (const c of cases) {
    it(`${c.name}: regenerated output equals expected/`, async () => {
      const outputs = await generateCase(c);
      expect(outputs.length).toBeGreaterThan(0);
      const copies: string[] = [];
      for (const { file, expected } of outputs) {
        const split = splitPreamble(file);
        if ("problem" in split) expect.fail(`${expected}: ${split.problem}`);
        const runtimeSource = runtimeSourceOf(split.body);
        if (runtimeSource !== undefined) {
          copies.push(`${relative(join(c.dir, "expected"), expected)} = ${runtimeSource}\n`);
          continue;
        }
        const text = goldenText(file, split.preamble, split.body);
        if (updating) writeExpected(expected, text);
        const want = readExpected(expected);
        expect(want, `${expected} is missing; run with UPDATE_GOLDEN=1 to create it`).toBeDefined();
        expect(text, `${expected} differs; run with UPDATE_GOLDEN=1 to accept`).toBe(want);
      }
      const copiesFile = runtimeCopiesFile(c);
      if (updating && copies.length > 0) writeExpected(copiesFile, copies.join(""));
      expect(copies.join(""), `${copiesFile} differs; run with UPDATE_GOLDEN=1 to accept`).toBe(readExpected(copiesFile) ?? "");
    });

    it(`${c.name}: generating twice gives byte-identical files`, async () => {
      const first = await generate(c.config);
      const second = await generate(c.config);
      expect(second.map((f) => [f.path, f.content])).toEqual(first.map((f) => [f.path, f.content]));
    });
  }
});
