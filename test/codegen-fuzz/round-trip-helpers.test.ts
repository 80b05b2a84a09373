/**
 * The round-trip property's own parts, which it cannot check itself: the equality is as strict as it claims, the
 * value arbitraries keep their promises (f32 values are f32, recursion terminates, uninhabited types are reported),
 * and `echoed` says what UTF-8 does to a lone surrogate.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FuzzSchema } from "./schema-arbitrary.js";
import { echoed, ValueArbitraries } from "./value-arbitrary.js";
import { valueDifference } from "./value-difference.js";

describe("valueDifference", () => {
  it("holds NaN equal to NaN and -0 apart from +0, at any depth", () => {
    expect(valueDifference([Number.NaN], [Number.NaN])).toBeUndefined();
    expect(valueDifference({ a: [-0] }, { a: [0] })).toBe("at .a[0]: expected -0, got 0");
    expect(valueDifference(0, -0)).toBe("at the top: expected 0, got -0");
  });

  it("tells a number from a bigint, null from undefined, and a Date by its instant", () => {
    expect(valueDifference(1n, 1)).toBe("at the top: expected 1n, got 1");
    expect(valueDifference(null, undefined)).toBeDefined();
    expect(valueDifference(new Date(5), new Date(5))).toBeUndefined();
    expect(valueDifference(new Date(5), new Date(6))).toBeDefined();
  });

  it("compares bytes byte by byte and maps as sets of entries", () => {
    expect(valueDifference(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toMatch(/bytes differ at 1/);
    expect(valueDifference(new Uint8Array(0), [])).toBeDefined();
    expect(valueDifference(new Map([[2n, "b"], [1n, "a"]]), new Map([[1n, "a"], [2n, "b"]]))).toBeUndefined();
    expect(valueDifference(new Map([[1n, "a"]]), new Map([[1, "a"]]))).toMatch(/key 1n is missing/);
    expect(valueDifference(new Map([[Number.NaN, -0]]), new Map([[Number.NaN, 0]]))).toBe("at {NaN}: expected -0, got 0");
  });

  it("treats an absent property as undefined, and nothing else", () => {
    expect(valueDifference({ a: undefined, b: 1 }, { b: 1 })).toBeUndefined();
    expect(valueDifference({ b: 1 }, { a: null, b: 1 })).toBe("at .a: expected undefined, got null");
  });
});

describe("echoed", () => {
  it("replaces lone surrogates, and only those, with U+FFFD", () => {
    expect(echoed(["a\uD800b", "\uDC00", "🙂", "\uD83D\uDE42\uDE42"])).toEqual(["a\uFFFDb", "\uFFFD", "🙂", "🙂\uFFFD"]);
  });
});

describe("ValueArbitraries", () => {
  const schema: FuzzSchema = {
    namespace: "t",
    roles: [],
    operations: [],
    types: [
      // Recursive through an optional and a list: finite values exist, and must be drawn in finite time.
      { kind: "struct", name: "Tree", fields: [{ name: "kids", type: { k: "list", item: { k: "ref", name: "Tree" } }, default: undefined }] },
      // Holds itself: no finite value.
      { kind: "struct", name: "Loop", fields: [{ name: "self", type: { k: "ref", name: "Loop" }, default: undefined }] },
      { kind: "union", name: "Either", members: ["Loop", "Tree"] },
    ],
  };
  const values = new ValueArbitraries(schema, (_, field) => field);

  it("draws f32 values that are their own Math.fround", () => {
    fc.assert(fc.property(values.of({ k: "scalar", name: "f32" })!, (v) => Object.is(Math.fround(v as number), v)));
  });

  it("draws recursive types within a bounded depth, and reports a type with no finite value", () => {
    const depth = (t: unknown): number => 1 + Math.max(0, ...(t as { kids: unknown[] }).kids.map(depth));
    for (const tree of fc.sample(values.of({ k: "ref", name: "Tree" })!, 200)) expect(depth(tree)).toBeLessThanOrEqual(4);
    expect(values.of({ k: "ref", name: "Loop" })).toBeUndefined();
    // The union takes only its inhabited member.
    for (const v of fc.sample(values.of({ k: "ref", name: "Either" })!, 50)) expect(v).toMatchObject({ kind: "Tree" });
  });
});
