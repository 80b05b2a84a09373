import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "../../widl-parser/index.js";

// Executable docs: every ```widl block of the language reference parses.
const reference = readFileSync(new URL("../../docs/widl.md", import.meta.url), "utf8");
const blocks = [...reference.matchAll(/```widl\n([\s\S]*?)```/g)].map((m) => m[1]!);

describe("docs/widl.md", () => {
  it("has an example per construct", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(15);
  });
  it.each(blocks.map((b, i) => [i + 1, b] as const))("example %i parses", (_, block) => {
    expect(() => parse(block, { file: "docs/widl.md" })).not.toThrow();
  });
});
