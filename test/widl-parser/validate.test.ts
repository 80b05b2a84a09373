import { describe, expect, it } from "vitest";
import { DiagnosticCodes, formatDiagnostics, hasErrors, parse, validate } from "../../widl-parser/index.js";

/**
 * One schema per rule: [the code's name in DiagnosticCodes, the schema, every diagnostic printed].
 * The printed text pins the message, the line:col and the frame at once.
 */
const cases: Array<[keyof typeof DiagnosticCodes, string, string]> = [
  [
    "unknownType",
    "type A { b: Bee }\ntype Bea {}",
    "v.widl:1:13: error: unknown type \"Bee\" [WIDL2001]\n" +
      "   |\n" +
      " 1 | type A { b: Bee }\n" +
      "   |             ^^^\n" +
      "  note: did you mean \"Bea\"?",
  ],
  [
    "duplicateDefinition",
    "type A {}\nenum A { X = 0 }",
    "v.widl:2:6: error: duplicate definition \"A\" [WIDL2002]\n" +
      "   |\n" +
      " 2 | enum A { X = 0 }\n" +
      "   |      ^\n" +
      "  note: first defined at v.widl:1:6",
  ],
  [
    "builtinRedefined",
    "type string {}",
    "v.widl:1:6: error: \"string\" is a built-in type and cannot be redefined [WIDL2020]\n" +
      "   |\n" +
      " 1 | type string {}\n" +
      "   |      ^^^^^^",
  ],
  [
    "duplicateField",
    "type A { x: i32, x: string }",
    "v.widl:1:18: error: duplicate field \"x\" in type \"A\" [WIDL2003]\n" +
      "   |\n" +
      " 1 | type A { x: i32, x: string }\n" +
      "   |                  ^\n" +
      "  note: first defined at v.widl:1:10",
  ],
  [
    "duplicateParameter",
    "interface { f(a: i32, a: i32) }",
    "v.widl:1:23: error: duplicate parameter \"a\" in operation \"f\" [WIDL2004]\n" +
      "   |\n" +
      " 1 | interface { f(a: i32, a: i32) }\n" +
      "   |                       ^\n" +
      "  note: first defined at v.widl:1:15",
  ],
  [
    "duplicateOperation",
    "interface { f() }\ninterface { f(): i32 }",
    "v.widl:2:13: error: duplicate operation \"f\" in the interface [WIDL2005]\n" +
      "   |\n" +
      " 2 | interface { f(): i32 }\n" +
      "   |             ^\n" +
      "  note: first defined at v.widl:1:13",
  ],
  [
    "duplicateEnumValue",
    "enum E { A = 0, A = 1 }",
    "v.widl:1:17: error: duplicate value \"A\" in enum \"E\" [WIDL2006]\n" +
      "   |\n" +
      " 1 | enum E { A = 0, A = 1 }\n" +
      "   |                 ^\n" +
      "  note: first defined at v.widl:1:10",
  ],
  [
    "duplicateEnumIndex",
    "enum E { A = 0, B = 0 }",
    "v.widl:1:21: error: duplicate index 0 in enum \"E\" [WIDL2007]\n" +
      "   |\n" +
      " 1 | enum E { A = 0, B = 0 }\n" +
      "   |                     ^\n" +
      "  note: first defined at v.widl:1:14",
  ],
  [
    "duplicateDirective",
    "directive @d on TYPE\ndirective @d on FIELD",
    "v.widl:2:12: error: duplicate directive \"@d\" [WIDL2021]\n" +
      "   |\n" +
      " 2 | directive @d on FIELD\n" +
      "   |            ^\n" +
      "  note: first defined at v.widl:1:12",
  ],
  [
    "namespaceNotFirst",
    "type A {}\nnamespace \"n\"",
    "v.widl:2:1: error: namespace \"n\" must come before every other definition [WIDL2008]\n" +
      "   |\n" +
      " 2 | namespace \"n\"\n" +
      "   | ^^^^^^^^^^^^^",
  ],
  [
    "duplicateNamespace",
    "namespace \"a\"\nnamespace \"b\"",
    "v.widl:2:1: error: a schema has at most one namespace; \"a\" is already declared [WIDL2009]\n" +
      "   |\n" +
      " 2 | namespace \"b\"\n" +
      "   | ^^^^^^^^^^^^^\n" +
      "  note: the namespace is declared at v.widl:1:1",
  ],
  [
    "defaultTypeMismatch",
    "type A { n: i32 = \"one\", u: u8 = 256, c: Color = PURPLE, l: [string] = [1], o: string? = null }\nenum Color { RED = 0 }",
    "v.widl:1:19: error: default value \"one\" of field \"n\" does not match type i32 [WIDL2010]\n" +
      "   |\n" +
      " 1 | type A { n: i32 = \"one\", u: u8 = 256, c: Color = PURPLE, l: [string] = [1], o: string? = null }\n" +
      "   |                   ^^^^^\n" +
      "v.widl:1:34: error: default value 256 of field \"u\" is out of range for u8 (0 to 255) [WIDL2010]\n" +
      "   |\n" +
      " 1 | type A { n: i32 = \"one\", u: u8 = 256, c: Color = PURPLE, l: [string] = [1], o: string? = null }\n" +
      "   |                                  ^^^\n" +
      "v.widl:1:50: error: default value PURPLE of field \"c\" is not a value of enum \"Color\" [WIDL2010]\n" +
      "   |\n" +
      " 1 | type A { n: i32 = \"one\", u: u8 = 256, c: Color = PURPLE, l: [string] = [1], o: string? = null }\n" +
      "   |                                                  ^^^^^^\n" +
      "v.widl:1:72: error: default value [1] of field \"l\" does not match type [string]: item 1 does not match type string [WIDL2010]\n" +
      "   |\n" +
      " 1 | type A { n: i32 = \"one\", u: u8 = 256, c: Color = PURPLE, l: [string] = [1], o: string? = null }\n" +
      "   |                                                                        ^^^",
  ],
  [
    "aliasCycle",
    "alias A = B\nalias B = [A]",
    "v.widl:1:7: error: alias \"A\" refers to itself: A → B → A [WIDL2011]\n" +
      "   |\n" +
      " 1 | alias A = B\n" +
      "   |       ^",
  ],
  [
    "unknownDirectiveLocation",
    "directive @d on TYPE | FILED",
    "v.widl:1:24: error: unknown directive location \"FILED\" (valid: NAMESPACE, INTERFACE, ROLE, OPERATION, PARAMETER, TYPE, FIELD, ENUM, ENUM_VALUE, UNION, ALIAS) [WIDL2012]\n" +
      "   |\n" +
      " 1 | directive @d on TYPE | FILED\n" +
      "   |                        ^^^^^",
  ],
  [
    "unknownRequiredDirective",
    "directive @d on TYPE require @missing on SELF",
    "v.widl:1:31: error: directive \"@d\" requires unknown directive \"@missing\" [WIDL2015]\n" +
      "   |\n" +
      " 1 | directive @d on TYPE require @missing on SELF\n" +
      "   |                               ^^^^^^^",
  ],
  [
    "annotationLocation",
    "directive @d on TYPE\ntype A { f: i32 @d }",
    "v.widl:2:17: error: annotation \"@d\" is not allowed on a field; directive \"@d\" allows: type [WIDL2013]\n" +
      "   |\n" +
      " 2 | type A { f: i32 @d }\n" +
      "   |                 ^^",
  ],
  [
    "annotationRequires",
    "directive @d on FIELD require @e on TYPE\ndirective @e on TYPE\ntype A { f: i32 @d }",
    "v.widl:3:17: error: annotation \"@d\" requires \"@e\" on the enclosing type [WIDL2014]\n" +
      "   |\n" +
      " 3 | type A { f: i32 @d }\n" +
      "   |                 ^^",
  ],
  [
    "annotationArgument",
    "directive @d(n: i32) on TYPE\ntype A @d(m: 1) {}\ntype B @d(n: \"x\") {}",
    "v.widl:2:8: error: annotation \"@d\" is missing argument \"n\" [WIDL2023]\n" +
      "   |\n" +
      " 2 | type A @d(m: 1) {}\n" +
      "   |        ^^^^^^^^\n" +
      "v.widl:2:11: error: annotation \"@d\" has no parameter \"m\" (parameters: n) [WIDL2023]\n" +
      "   |\n" +
      " 2 | type A @d(m: 1) {}\n" +
      "   |           ^^^^\n" +
      "v.widl:3:14: error: argument \"x\" of \"@d\" does not match type i32 [WIDL2023]\n" +
      "   |\n" +
      " 3 | type B @d(n: \"x\") {}\n" +
      "   |              ^^^",
  ],
  [
    "duplicateAnnotationArgument",
    "type A @x(a: 1, a: 2) {}",
    "v.widl:1:17: error: duplicate argument \"a\" in annotation \"@x\" [WIDL2022]\n" +
      "   |\n" +
      " 1 | type A @x(a: 1, a: 2) {}\n" +
      "   |                 ^\n" +
      "  note: first given at v.widl:1:11",
  ],
  [
    "nonScalarMapKey",
    "type A { m: {[string]: i32}, n: {bytes: i32} }",
    "v.widl:1:14: error: map key type [string] is not a scalar (use a number, bool, string, datetime or enum type) [WIDL2016]\n" +
      "   |\n" +
      " 1 | type A { m: {[string]: i32}, n: {bytes: i32} }\n" +
      "   |              ^^^^^^^^\n" +
      "v.widl:1:34: error: map key type bytes is not a scalar (use a number, bool, string, datetime or enum type) [WIDL2016]\n" +
      "   |\n" +
      " 1 | type A { m: {[string]: i32}, n: {bytes: i32} }\n" +
      "   |                                  ^^^^^",
  ],
  [
    "implementsNonType",
    "enum E { A = 0 }\ntype T implements E {}",
    "v.widl:2:19: error: type \"T\" can only implement types, but \"E\" is an enum [WIDL2017]\n" +
      "   |\n" +
      " 2 | type T implements E {}\n" +
      "   |                   ^",
  ],
  [
    "unionMemberNotNamed",
    "union U = A | [string]\ntype A {}",
    "v.widl:1:15: error: union \"U\" member [string] is not a named type; define a type or alias for it [WIDL2018]\n" +
      "   |\n" +
      " 1 | union U = A | [string]\n" +
      "   |               ^^^^^^^^",
  ],
  [
    "misplacedVoid",
    "type A { f: void }",
    "v.widl:1:13: error: \"void\" can only be an operation's whole return type [WIDL2019]\n" +
      "   |\n" +
      " 1 | type A { f: void }\n" +
      "   |             ^^^^",
  ],
  [
    "typeNameCase",
    "type my_type {}",
    "v.widl:1:6: warning: type name \"my_type\" should be PascalCase [WIDL3001]\n" +
      "   |\n" +
      " 1 | type my_type {}\n" +
      "   |      ^^^^^^^",
  ],
  [
    "directiveNameCase",
    "directive @My on TYPE",
    "v.widl:1:12: warning: directive name \"My\" should be camelCase [WIDL3002]\n" +
      "   |\n" +
      " 1 | directive @My on TYPE\n" +
      "   |            ^^",
  ],
  [
    "sharedWireName",
    "interface { get(): string }\nrole Store { get(key: string): bytes? }",
    "v.widl:2:14: warning: operation \"get\" of role Store has the same wire name as \"get\" of the interface [WIDL3003]\n" +
      "   |\n" +
      " 2 | role Store { get(key: string): bytes? }\n" +
      "   |              ^^^\n" +
      "  note: the interface defines it at v.widl:1:13\n" +
      "  note: calls carry the operation name only, so the guest can implement one of them and the host one; keep role Store in hostRoles (the host implements it), or rename one",
  ],
];

const check = (source: string) => validate(parse(source, { file: "v.widl" }));

describe("validate: one rule at a time", () => {
  it.each(cases)("%s", (code, source, printed) => {
    const diagnostics = check(source);
    expect(diagnostics.map((d) => d.code)).toContain(DiagnosticCodes[code]);
    expect(formatDiagnostics(diagnostics, { sources: new Map([["v.widl", source]]) })).toBe(printed);
  });

  it("covers every semantic code", () => {
    const covered = new Set(cases.map(([code]) => code));
    // WIDL2024 needs the codegen's hostRoles, so the generators report it (test/generators/operation-sides.test.ts).
    const generatorsOnly = new Set<string>(["operationWireClash"]);
    const semantic = (Object.keys(DiagnosticCodes) as Array<keyof typeof DiagnosticCodes>).filter(
      (k) => /^WIDL[23]/.test(DiagnosticCodes[k]) && !generatorsOnly.has(k),
    );
    expect(semantic.filter((k) => !covered.has(k))).toEqual([]);
  });
});

describe("validate: the whole schema at once", () => {
  it("reports every problem, sorted by position, and never stops at the first", () => {
    const diagnostics = check(`type a { x: Missing, x: i32 }
alias L = L
union U = [i32]
interface { f(p: {[i32]: i32}): void, f() }
namespace "late"`);
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual([
      "1:6 WIDL3001",
      "1:13 WIDL2001",
      "1:22 WIDL2003",
      "2:7 WIDL2011",
      "3:11 WIDL2018",
      "4:19 WIDL2016",
      "4:39 WIDL2005",
      "5:1 WIDL2008",
    ]);
    expect(hasErrors(diagnostics)).toBe(true);
  });

  it("accepts a schema that uses every construct correctly", () => {
    const diagnostics = check(`namespace "ok" @version("1")
directive @service on INTERFACE | ROLE
directive @auth(scopes: [string] = [], level: Level = LOW) on OPERATION require @service on INTERFACE | ROLE
enum Level { LOW = 0 as "Low", HIGH = 1 "High" }
type Base { id: u64 = 0 }
type Item implements Base { id: u64, tags: {string: [Level]} = {}, when: datetime? = null, ratio: f32 = 1 }
union Any = Item | Level
alias Items = [Item]
interface @service {
  list(level: Level = HIGH): Items @auth(scopes: ["read"])
  put{item: Item}
  watch(): stream Any
}
role Store @service { get(id: u64): Item? @auth }`);
    expect(diagnostics).toEqual([]);
  });

  it("checks a role's operations apart from the interface's: a shared name is a warning, not a duplicate", () => {
    expect(check("interface { f() }\nrole R { f() }").map((d) => `${d.line}:${d.column} ${d.severity} ${d.code}`)).toEqual(["2:10 warning WIDL3003"]);
  });

  it("warns about roles sharing an operation name, and not about one role's own duplicate twice", () => {
    const diagnostics = check("role A { f() g() }\nrole B { f() g() g() }\ninterface { h() }\nrole C { h(): string }");
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual([
      "2:10 WIDL3003",
      "2:14 WIDL3003",
      "2:18 WIDL2005",
      "4:10 WIDL3003",
    ]);
    expect(diagnostics[0]!.notes).toEqual([
      "role A defines it at v.widl:1:10",
      "calls carry the operation name only, so the guest can implement one of them and the host one; list exactly one of roles A and B in hostRoles, or rename one",
    ]);
  });
});
