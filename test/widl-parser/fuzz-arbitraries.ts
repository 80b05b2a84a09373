/**
 * Inputs for fuzzing the parser: valid schemas, the same mutated (characters deleted, inserted,
 * swapped) and truncated, and random strings. Shared by fuzz.test.ts (10,000+ cases) and
 * scripts/fuzz-parser.ts (100,000).
 */
import fc from "fast-check";
import { positionAt } from "../../widl-parser/diagnostics.js";
import { WidlError, parse, validate } from "../../widl-parser/index.js";

/** One fragment per construct; valid schemas are made of several. */
const fragments = [
  'namespace "fuzz" @version("1")',
  'import * from "common.widl"',
  'import { A, B as C } from "other.widl"',
  '"""\n  A block\n    description\n"""\ntype Point implements Base & Other @entity(table: "p") {\n  "x" x: f64 = 1.5e3\n  y: [i32?] = [1, -2]\n  m: {string: value} = {a: null, "b": true}\n}',
  'enum Color { RED = 0 as "Red" @default, GREEN = 1 "Green"\n BLUE = 2 }',
  "union Shape = Circle | Square",
  "alias UUID = string @format(uuid)",
  "directive @auth(scopes: [string] = []) on OPERATION | INTERFACE require @service on SELF | ROLE",
  "interface @service {\n  check_word_exists(name: string): string\n  handle{inp: Input}: stream bytes\n  fire(data: stream raw)\n}",
  "role Store { get(key: string = \"k\" @len(max: 3)): bytes? }",
  "type Input {\n    x: string,\n    y: string,\n}",
  "# a comment, with commas,,,\n",
] as const;

export const validSchema = fc.array(fc.constantFrom(...fragments), { minLength: 1, maxLength: 8 }).map((parts) => parts.join("\n"));

/** Characters that tend to matter to the grammar, plus a few that never do. */
const interesting = fc.constantFrom(..."{}[]()<>:;=@&|?*#\"\\,.-_ \n\t\r\u0000\u00e9\ud83d\ude00aZ09".split(""), '"""', "\u2028");

type Edit = { kind: "delete" | "insert" | "swap"; at: number; text: string };

const edit: fc.Arbitrary<Edit> = fc.record({
  kind: fc.constantFrom("delete" as const, "insert" as const, "swap" as const),
  at: fc.nat(),
  text: fc.oneof(interesting, fc.string({ maxLength: 3 })),
});

function applyEdit(s: string, e: Edit): string {
  if (s.length === 0) return e.text;
  const i = e.at % s.length;
  switch (e.kind) {
    case "delete":
      return s.slice(0, i) + s.slice(i + 1);
    case "insert":
      return s.slice(0, i) + e.text + s.slice(i);
    case "swap":
      return i + 1 < s.length ? s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2) : s;
  }
}

export const mutatedSchema = fc.tuple(validSchema, fc.array(edit, { minLength: 1, maxLength: 5 })).map(([s, edits]) => edits.reduce(applyEdit, s));

export const truncatedSchema = fc.tuple(validSchema, fc.double({ min: 0, max: 1, noNaN: true })).map(([s, f]) => s.slice(0, Math.floor(s.length * f)));

export const randomText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.string({ unit: interesting, maxLength: 100 }),
  fc.array(fc.constantFrom("type", "enum", "interface", "{", "}", "(", ")", ":", "A", "x", "@a", "=", "0", '"s"', "[", "]", "|", "?", "stream", "\n"), { maxLength: 40 }).map((t) => t.join(" ")),
);

/**
 * The property: parsing (and validating what parses) either succeeds or throws a WidlError whose
 * every diagnostic lies inside the input, with line and column agreeing with the offset.
 */
export function parsesOrFailsCleanly(source: string): void {
  let doc;
  try {
    doc = parse(source, { file: "fuzz.widl" });
  } catch (e) {
    if (!(e instanceof WidlError)) throw new Error(`not a WidlError: ${String(e)}`, { cause: e });
    if (e.diagnostics.length === 0) throw new Error("WidlError without diagnostics");
    for (const d of e.diagnostics) {
      if (d.code === "WIDL1000") throw new Error(`internal error: ${d.message}`);
      if (!(0 <= d.offset && d.offset <= d.endOffset && d.endOffset <= source.length)) throw new Error(`range outside the input: ${d.offset}-${d.endOffset} of ${source.length}`);
      const p = positionAt(source, d.offset);
      if (p.line !== d.line || p.column !== d.column) throw new Error(`line/column ${d.line}:${d.column} disagree with offset ${d.offset} (${p.line}:${p.column})`);
    }
    e.format(); // formatting must not throw either
    return;
  }
  for (const d of validate(doc)) {
    if (!(d.offset <= d.endOffset && d.endOffset <= source.length)) throw new Error(`validation range outside the input: ${d.message}`);
  }
}
