import { describe, expect, it } from "vitest";
import { WidlError, formatDiagnostics, parse } from "../../widl-parser/index.js";
import { syntaxErrors } from "./helpers.js";

/** [source, "line:col-endLine:endCol code message", the frame lines under the header]. */
const cases: Array<[string, string, string]> = [
  [
    "type Input { x }",
    `1:16-1:17 WIDL1001 expected ':' after field name "x", found '}'`,
    " 1 | type Input { x }\n   |                ^",
  ],
  [
    "interface { check_word_exists }",
    `1:31-1:32 WIDL1001 expected '(' or '{' after operation name "check_word_exists", found '}'`,
    " 1 | interface { check_word_exists }\n   |                               ^",
  ],
  [
    "tpye Input {}",
    `1:1-1:5 WIDL1001 expected a definition (namespace, import, interface, role, type, enum, union, alias or directive), string or end of input, found "tpye"`,
    " 1 | tpye Input {}\n   | ^^^^",
  ],
  ["namespace", "1:10-1:10 WIDL1001 expected identifier or string after 'namespace', found end of input", " 1 | namespace\n   |          ^"],
  [
    'namespace "cuckoo',
    `1:11-1:18 WIDL1002 unterminated string: expected '"' before the end of the line`,
    ' 1 | namespace "cuckoo\n   |           ^^^^^^^',
  ],
  [
    '"""never closed\ntype A {}',
    `1:1-2:10 WIDL1004 unterminated block string: expected '"""' before the end of the input`,
    ' 1 | """never closed\n   | ^^^^^^^^^^^^^^^',
  ],
  [
    'type A { s: string = "bad \\q escape" }',
    "1:22-1:28 WIDL1003 invalid escape sequence in string",
    ' 1 | type A { s: string = "bad \\q escape" }\n   |                      ^^^^^^',
  ],
  ["type A { f: [string }", "1:21-1:22 WIDL1001 expected '?' or ']', found '}'", " 1 | type A { f: [string }\n   |                     ^"],
  ["type A { f: {string i32} }", `1:21-1:24 WIDL1001 expected ':' or '?', found "i32"`, " 1 | type A { f: {string i32} }\n   |                     ^^^"],
  ["enum E { A = one }", `1:14-1:17 WIDL1001 expected integer, found "one"`, " 1 | enum E { A = one }\n   |              ^^^"],
  ["enum E { A = 1.5 }", `1:14-1:17 WIDL1001 expected integer, found "1.5"`, " 1 | enum E { A = 1.5 }\n   |              ^^^"],
  ["union U = A |", "1:14-1:14 WIDL1001 expected '[', '{' or type, found end of input", " 1 | union U = A |\n   |              ^"],
  ["directive @d(a: i32) TYPE", `1:22-1:26 WIDL1001 expected 'on', found "TYPE"`, " 1 | directive @d(a: i32) TYPE\n   |                      ^^^^"],
  [
    "type A { f: i32 = }",
    "1:19-1:20 WIDL1001 expected '[', '{', 'false', 'null', 'true', enum value, number or string, found '}'",
    " 1 | type A { f: i32 = }\n   |                   ^",
  ],
  [
    "type A { f: i32 = 12abc }",
    `1:19-1:24 WIDL1001 expected '[', '{', 'false', 'null', 'true', enum value, number or string, found "12abc"`,
    " 1 | type A { f: i32 = 12abc }\n   |                   ^^^^^",
  ],
  [
    "interface { f(a: i32 b: i32): }",
    "1:31-1:32 WIDL1001 expected '[', '{', 'stream' or type, found '}'",
    " 1 | interface { f(a: i32 b: i32): }\n   |                               ^",
  ],
  [
    "type A\u0001 {}",
    `1:7-1:8 WIDL1001 expected '@', '{' or 'implements' after type name "A", found character U+0001`,
    " 1 | type A\ufffd {}\n   |       ^",
  ],
  ["type 1A {}", `1:6-1:8 WIDL1001 expected identifier after 'type', found "1A"`, " 1 | type 1A {}\n   |      ^^"],
  [
    "type A { f: i32 }\n}",
    "2:1-2:2 WIDL1001 expected a definition (namespace, import, interface, role, type, enum, union, alias or directive), string or end of input, found '}'",
    " 2 | }\n   | ^",
  ],
  [
    "enum E {\n  A = 0 as\n}",
    // `as` without a string is read as the next value's name.
    `3:1-3:2 WIDL1001 expected '=' or string after enum value "as", found '}'`,
    " 3 | }\n   | ^",
  ],
];

describe("syntax errors", () => {
  it.each(cases)("%j", (source, summary, frame) => {
    const { diagnostics, text } = syntaxErrors(source);
    expect(diagnostics).toHaveLength(1);
    const d = diagnostics[0]!;
    expect(`${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.code} ${d.message}`).toBe(summary);
    expect(d.severity).toBe("error");
    expect(d.file).toBe("test.widl");
    const gutter = " ".repeat(String(d.line).length + 2) + "|";
    expect(text).toBe(`test.widl:${d.line}:${d.column}: error: ${d.message} [${d.code}]\n${gutter}\n${frame}`);
  });

  it("WidlError is an Error whose message names the first problem", () => {
    try {
      parse("type", { file: "a.widl" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(WidlError);
      expect(e).toBeInstanceOf(Error);
      expect((e as WidlError).message).toBe("a.widl:1:5: expected identifier after 'type', found end of input");
      expect((e as WidlError).sources.get("a.widl")).toBe("type");
    }
  });

  it("colours the output only when asked", () => {
    const { diagnostics } = syntaxErrors("type");
    const sources = new Map([["test.widl", "type"]]);
    expect(formatDiagnostics(diagnostics, { sources })).not.toContain("\x1b[");
    expect(formatDiagnostics(diagnostics, { sources, color: true })).toContain("\x1b[31m");
  });

  it("prints no frame when the source text is not at hand", () => {
    const { diagnostics } = syntaxErrors("type");
    expect(formatDiagnostics(diagnostics)).toBe("test.widl:1:5: error: expected identifier after 'type', found end of input [WIDL1001]");
  });

  it("rejects unknown options with a named error", () => {
    expect(() => parse("", { fiel: "x" } as never)).toThrow(/parse: invalid option "fiel": unknown option/);
  });
});
