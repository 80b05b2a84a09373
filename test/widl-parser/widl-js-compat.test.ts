import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateSchema } from "../../bench/generate-schema.js";
import { parse } from "../../widl-parser/index.js";

// widl-js's cjs build needs the undeclared `tslib`; its UMD bundle is self-contained.
const require = createRequire(import.meta.url);
const widlJs = require(join(dirname(require.resolve("@wapc/widl")), "../standalone.js")) as { parse(s: string): unknown };

/** Schemas in widl-js's dialect, covering each of its constructs. */
const corpus: Record<string, string> = {
  "every construct": `
"""
The schema.
"""
namespace "example.v1" @version("1.0")
import * from "common.widl"
import { A, B as C } from "other.widl"
directive @auth(scopes: [string]) on OPERATION | INTERFACE require @service on INTERFACE
directive @service on INTERFACE
interface @service {
  "Says hello."
  hello(name: string = "world" @len(max: 10), times: i32 = 1): string @auth(scopes: ["read"])
  unary{input: Thing}: bool
  fire(): void
  nothing()
  listen{events: stream Event}: stream u64
}
role Store { get(key: string): bytes? set(key: string, value: bytes) }
type Thing implements A & B @entity(table: "things") {
  id: u64 @key
  tags: [string] = []
  attrs: {string: value}
  maybe: datetime?
  nested: [{string: [i32]}]
  obj: any = {a: 1, "b": [true, false, null], c: -1.5e10, d: ENUM_NAME}
}
enum Color { RED = 0 as "Red" GREEN = 1 BLUE = 2 as "Blue" @deprecated }
union Shape = Circle | Square
alias UUID = string @format("uuid")
alias Raw = raw
`,
  "the book's schema": `namespace "cuckoo"\ninterface {\n   check_word_exists(name: string): string\n}\ntype Input {\n    x: string,\n    y: string,\n}\ninterface {\nhandle_input(inp:Input):string\n}\n`,
  "benchmark schema": generateSchema(200),
};

describe("accepts what widl-js accepts", () => {
  it.each(Object.entries(corpus))("%s", (_, source) => {
    expect(() => widlJs.parse(source)).not.toThrow();
    expect(() => parse(source)).not.toThrow();
  });
});

describe("rejects what widl-js wrongly accepts", () => {
  // widl-js skips whatever token follows `[T` or `{K: V`, so an unclosed type swallows the next word.
  it.each([
    ["type T { f: [string x g: i32 }", `expected '?' or ']', found "x"`],
    ["type T { f: {string: i32 x g: i32 }", `expected '?' or '}', found "x"`],
  ])("%s", (source, message) => {
    expect(() => widlJs.parse(source)).not.toThrow();
    expect(() => parse(source)).toThrow(message);
  });
});
