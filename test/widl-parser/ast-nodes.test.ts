/**
 * The parser makes nodes with one constructor per kind (widl-parser/ast-nodes.ts) rather than object literals, for
 * the collector's sake. The tree must still be plain data, as ast.ts documents: every property of a node is its own,
 * so a spread copy (the loader's `{ ...def }`) or `Object.entries` sees the whole node.
 */
import { describe, expect, it } from "vitest";
import { parse } from "../../widl-parser/index.js";

const schema = `namespace "every.kind"
import { A as B } from "other.widl"
directive @tag(name: string) on TYPE | FIELD require @other on SELF
"A type." type T implements U @tag(name: "t") { "the id" id: u64 = 1 list: [string] = ["a"] map: {string: f64}? obj: U = {a: true, b: null, c: 1.5, d: X} }
enum E { A = 0 as "a" B = 1 }
union V = T | E
alias W = [T]
interface { op(a: i32, b: stream string): stream T unary{input: T}: bool implied() @deprecated("old") }
role R { call(x: T): void }
`;

/** Every node of the tree (objects with a `kind`), depth first. */
function nodes(value: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(value)) for (const item of value) nodes(item, out);
  else if (value !== null && typeof value === "object" && "kind" in value) {
    out.push(value as Record<string, unknown>);
    for (const [key, child] of Object.entries(value)) if (key !== "loc") nodes(child, out);
  }
  return out;
}

describe("syntax tree nodes", () => {
  it("keep every property as their own, so a spread copy is the whole node", () => {
    const all = nodes(parse(schema, { file: "t.widl" }));
    expect(new Set(all.map((n) => n.kind)).size).toBeGreaterThanOrEqual(25);
    for (const node of all) {
      // Nothing on the prototype but the constructor: no getter or method stands in for a property.
      const proto = Object.getPrototypeOf(node) as object;
      if (proto !== Object.prototype) expect(Object.getOwnPropertyNames(proto), String(node.kind)).toEqual(["constructor"]);
      const copy = { ...node };
      expect(Object.keys(copy), String(node.kind)).toEqual(Object.keys(node));
      expect(copy, String(node.kind)).toEqual(node);
      expect(copy.loc, String(node.kind)).toBe(node.loc);
    }
  });
});
