// WIDL defaults in the generators (generators/defaults.ts): the kinds every target writes, and a named error,
// from every target alike, for a default no target can write. The golden case test/golden/defaults shows the
// output; test/assemblyscript/defaults.test.ts and test/rust/defaults.test.ts run it.
import { describe, expect, it } from "vitest";
import {
  buildModel,
  defaultOf,
  generateAssemblyScriptGuest,
  generateTypescriptHost,
  UnsupportedDefaultError,
  type Model,
} from "../../generators/index.js";
import { generateRustGuest } from "../../generators/rust-guest/index.js";
import { loadSchemaSource } from "../../widl-parser/index.js";

const model = (text: string): Model => buildModel(loadSchemaSource(`namespace "d"\n${text}`, { file: "d.widl" }));

const targets: Record<string, (m: Model) => unknown> = {
  "typescript-host": (m) => generateTypescriptHost(m),
  "assemblyscript-guest": (m) => generateAssemblyScriptGuest(m),
  "rust-guest": (m) => generateRustGuest(m),
};

describe("WIDL defaults in the generators", () => {
  it("resolves each supported kind against its type, through aliases", () => {
    const m = model(`
      enum Color { RED = 0 BLUE = 7 }
      alias Ratio = f64
      type T {
        a: Ratio = 2
        b: Color = 7
        c: [u8?] = [1, null]
        d: {string: i32} = {}
        e: u64? = 18446744073709551615
      }`);
    const [a, b, c, d, e] = m.structs[0]!.fields.map((f) => defaultOf(f, { kind: "field", type: "T" }));
    expect(a).toEqual({ kind: "float", type: "f64", value: 2 });
    expect(b).toMatchObject({ kind: "enum", member: { name: "BLUE", value: 7 } });
    expect(c).toMatchObject({ kind: "list", items: [{ kind: "some", inner: { kind: "int", type: "u8", value: 1n } }, { kind: "none" }] });
    expect(d).toMatchObject({ kind: "emptyMap" });
    expect(e).toMatchObject({ kind: "some", inner: { kind: "int", type: "u64", value: 2n ** 64n - 1n } });
  });

  const unsupported: [string, string, RegExp][] = [
    ["a type", `type P { x: i32 } type T { p: P = {x: 1} }`, /field T\.p \(P\) cannot be generated: defaults of types are not supported/],
    ["a non-empty map", `type T { m: {string: i32} = {a: 1} }`, /field T\.m .*only an empty map \{\} can be a default/],
    ["bytes", `type T { b: bytes = "AAEC" }`, /field T\.b \(bytes\).*defaults of bytes are not supported/],
    ["datetime", `type T { w: datetime = "2024-01-01T00:00:00Z" }`, /defaults of datetime are not supported/],
    ["any", `type T { v: any = 1 }`, /defaults of any are not supported/],
    ["a union", `type A { x: i32 } type B { y: i32 } union U = A | B type T { u: U = {x: 1} }`, /defaults of unions are not supported/],
    ["a type inside a list", `type P { x: i32 } type T { ps: [P] = [{x: 1}] }`, /field T\.ps \(\[P\]\).*defaults of types are not supported/],
    ["a parameter", `type P { x: i32 } interface { f(p: P = {x: 1}): i32 }`, /parameter p of f \(P\) cannot be generated/],
  ];
  for (const [what, schema, message] of unsupported) {
    it(`refuses a default of ${what} in every target, naming where it is`, () => {
      const m = model(schema);
      for (const [target, generate] of Object.entries(targets)) {
        let error: unknown;
        try {
          generate(m);
        } catch (e) {
          error = e;
        }
        expect(error, target).toBeInstanceOf(UnsupportedDefaultError);
        expect((error as Error).message, target).toMatch(message);
        expect((error as Error).message, target).toMatch(/^d\.widl:\d+:\d+: the default /);
      }
    });
  }

  it("accepts every supported kind in every target", () => {
    const m = model(`
      enum Color { RED = 0 BLUE = 7 }
      type T {
        i: i64 = -9223372036854775808
        f: f32 = -0.0
        s: string = "\\u0001 \\"q\\" ✓"
        b: bool = false
        c: Color = RED
        o: string? = null
        l: [[Color]] = [[BLUE], []]
      }
      interface { f(t: T, n: u8 = 255): T }`);
    for (const generate of Object.values(targets)) expect(() => generate(m)).not.toThrow();
  });
});
