/**
 * Inputs whose depth or width is far beyond any real schema: each either works or gets a located
 * WidlError, never a RangeError or a stack trace, and the passes over them do a linear amount of
 * work (counted, not timed). bench/parse-scaling.ts measures the times.
 */
import { describe, expect, it, vi } from "vitest";
import type * as ast from "../../widl-parser/ast.js";
import { type Diagnostic, WidlError, formatDiagnostics, loadSchema, loadSchemaSource, memoryResolver, parse, validate } from "../../widl-parser/index.js";
import { checkAliasCycles } from "../../widl-parser/passes/alias-cycles.js";
import { ValidationContext } from "../../widl-parser/passes/context.js";
import { checkMapKeys } from "../../widl-parser/passes/map-keys.js";
import { LoadedFile } from "../../widl-parser/import-scope.js";

/** `alias A0 = A1`, …, `alias A{n-1} = {last}`. */
const aliasChain = (n: number, last: string) =>
  Array.from({ length: n }, (_, i) => `alias A${i} = ${i + 1 < n ? `A${i + 1}` : last}`).join("\n");

/** `n` files in a row, each importing the next and defining one type. */
const fileChain = (n: number, lastImports?: string) => {
  const files: Record<string, string> = {};
  for (let i = 0; i < n; i++) {
    const next = i + 1 < n ? `f${i + 1}.widl` : lastImports;
    files[`/c/f${i}.widl`] = `${next ? `import * from "${next}"\n` : ""}type T${i} { x: string }\n`;
  }
  return files;
};

function failure(run: () => unknown): readonly Diagnostic[] {
  try {
    run();
  } catch (e) {
    if (e instanceof WidlError) return e.diagnostics;
    throw e;
  }
  throw new Error("expected a WidlError");
}

const brackets = (n: number, inner: string) => `${"[".repeat(n)}${inner}${"]".repeat(n)}`;

describe("depth", () => {
  it("checks an alias chain of 20,000 (it overflowed the stack at 5,000)", () => {
    const { document } = loadSchemaSource(aliasChain(20_000, "string"), { file: "/a.widl" });
    expect(document.definitions).toHaveLength(20_000);
  });

  it("reports a cycle through 5,000 aliases once, with a shortened chain", () => {
    const diagnostics = failure(() => loadSchemaSource(aliasChain(5_000, "A0"), { file: "/a.widl" }));
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`)).toEqual([
      '1:7 WIDL2011 alias "A0" refers to itself: A0 → A1 → A2 → A3 → A4 → … (4991 more) … → A4996 → A4997 → A4998 → A4999 → A0',
    ]);
  });

  it("reports each group of aliases that refer to one another once, at its first alias", () => {
    const diagnostics = failure(() => loadSchemaSource("alias A = B\nalias B = {string: A}\nalias C = C?\nalias D = A\n", { file: "/a.widl" }));
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      '1:7 alias "A" refers to itself: A → B → A',
      '3:7 alias "C" refers to itself: C → C',
    ]);
  });

  it("loads a chain of 2,000 files, each importing the next (it overflowed the stack)", () => {
    const { document, documents } = loadSchema("/c/f0.widl", { resolver: memoryResolver(fileChain(2_000)) });
    expect(documents.size).toBe(2_000);
    expect(document.definitions.filter((d) => d.kind === "TypeDefinition")).toHaveLength(2_000);
  });

  it("reports an import cycle through 2,000 files once, with a shortened chain", () => {
    const diagnostics = failure(() => loadSchema("/c/f0.widl", { resolver: memoryResolver(fileChain(2_000, "f0.widl")) }));
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`)).toEqual([
      "/c/f1999.widl:1:15 WIDL4002 import cycle: /c/f0.widl → /c/f1.widl → /c/f2.widl → /c/f3.widl → /c/f4.widl → … (1991 more) … → /c/f1996.widl → /c/f1997.widl → /c/f1998.widl → /c/f1999.widl → /c/f0.widl",
    ]);
  });

  it("accepts 64 levels of brackets in types and values, and reports the 65th where it opens", () => {
    expect(() => parse(`type T { x: ${brackets(64, "string")} = ${brackets(64, "")} }`)).not.toThrow();
    expect(() => parse(`type T { x: ${"{string: ".repeat(64)}i32${"}".repeat(64)} }`)).not.toThrow();
    for (const [source, column] of [
      [`type T { x: ${brackets(65, "string")} }`, 13 + 64],
      [`type T { x: ${brackets(20_000, "string")} }`, 13 + 64],
      [`type T { x: ${"{string: ".repeat(65)}i32${"}".repeat(65)} }`, 13 + 64 * 9],
      [`type T @a(v: ${brackets(70, "1")}) {}`, 14 + 64],
      [`type T @a(${"{a: ".repeat(65)}1${"}".repeat(65)}) {}`, 11 + 64 * 4],
      [`type T { x: [i32] = ${brackets(65, "")} }`, 21 + 64],
    ] as const) {
      const e = failure(() => parse(source, { file: "deep.widl" }));
      expect(e.map((d) => `${d.line}:${d.column}-${d.endColumn} ${d.code} ${d.message}`)).toEqual([
        `1:${column}-${column + 1} WIDL1005 nested too deeply: at most 64 levels of brackets and braces`,
      ]);
    }
  });
});

describe("width", () => {
  it("reports every repeat of a field repeated 20,000 times", () => {
    const diagnostics = failure(() => loadSchemaSource(`type T {\n${"  x: string\n".repeat(20_000)}}\n`, { file: "/w.widl" }));
    expect(diagnostics).toHaveLength(19_999);
  });

  it("prints the diagnostics of a file splitting its text once (it split it for each: quadratic)", () => {
    const source = `type T {\n${"  x: string\n".repeat(1_000)}}\n`;
    const diagnostics = failure(() => loadSchemaSource(source, { file: "/w.widl" }));
    const split = vi.spyOn(String.prototype, "split");
    try {
      formatDiagnostics(diagnostics, { sources: new Map([["/w.widl", source]]) });
      expect(split).toHaveBeenCalledTimes(1);
    } finally {
      split.mockRestore();
    }
  });

  it("validates an interface of 300,000 operations (a spread of that many arguments overflows the stack)", () => {
    const loc: ast.SourceLocation = { file: "/i.widl", start: { offset: 0, line: 1, column: 1 }, end: { offset: 0, line: 1, column: 1 } };
    const name = (value: string): ast.Name => ({ kind: "Name", value, loc });
    const operations = Array.from({ length: 300_000 }, (_, i): ast.OperationDefinition => ({
      kind: "OperationDefinition",
      name: name(`op${i}`),
      parameters: [],
      unary: false,
      returnType: { kind: "BuiltinType", name: "void", implicit: true, loc },
      returnStream: false,
      annotations: [],
      loc,
    }));
    const document: ast.Document = { kind: "Document", file: "/i.widl", definitions: [{ kind: "InterfaceDefinition", operations, annotations: [], loc }], loc };
    expect(validate(document)).toEqual([]);
  });
});

describe("work done by the passes (counted, so no timing in tests)", () => {
  /** The definitions of `source`, and a context whose type lookups are counted. */
  function counted(source: string) {
    const ctx = new ValidationContext(parse(source).definitions);
    let lookups = 0;
    const get = ctx.types.get.bind(ctx.types);
    ctx.types.get = (name: string) => {
      lookups++;
      return get(name);
    };
    return { ctx, lookups: () => lookups };
  }

  it("finds alias cycles with a number of lookups linear in the chain (it was quadratic)", () => {
    const { ctx, lookups } = counted(aliasChain(2_000, "string"));
    checkAliasCycles(ctx);
    expect(ctx.diagnostics).toEqual([]);
    expect(lookups()).toBeLessThanOrEqual(2 * 2_000);
  });

  it("resolves every alias of a chain with a number of lookups linear in the chain (it was quadratic)", () => {
    // A map keyed by each alias of the chain: each key is resolved through the rest of the chain.
    const fields = Array.from({ length: 2_000 }, (_, i) => `  m${i}: {A${i}: i32}`).join("\n");
    const { ctx, lookups } = counted(`${aliasChain(2_000, "string")}\ntype T {\n${fields}\n}`);
    checkMapKeys(ctx);
    expect(ctx.diagnostics).toEqual([]);
    expect(lookups()).toBeLessThanOrEqual(4 * 2_000);
  });

  it("looks names up through a chain of imports a number of times linear in the chain (it was quadratic)", () => {
    // Each file checks its own types' names against what its imports bring (a clash would be a
    // duplicate), and looks up the type the next file defines and the one the last file defines.
    const files = fileChain(1_000);
    for (let i = 0; i + 1 < 1_000; i++) files[`/c/f${i}.widl`] += `type U${i} { next: T${i + 1}, last: T999 }\n`;
    const steps = vi.spyOn(LoadedFile.prototype, "stepsFor");
    try {
      loadSchema("/c/f0.widl", { resolver: memoryResolver(files) });
      expect(steps.mock.calls.length).toBeLessThanOrEqual(4 * 1_000);
    } finally {
      steps.mockRestore();
    }
  });
});
