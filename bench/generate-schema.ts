/**
 * Generates large valid schemas for the parse benchmark and the parser's fuzz seeds. Only syntax
 * that widl-js also accepts is used (it wants `as` before enum display strings), so both parsers
 * can be timed on the same text.
 */
/** A schema with `count` definitions: types, enums, unions, aliases, and operations in interfaces. */
export function generateSchema(count: number): string {
  const out: string[] = ['namespace "bench.schema"'];
  for (let i = 0; i < count; i++) {
    switch (i % 5) {
      case 0:
        out.push(
          `"Type number ${i}, with a description."`,
          `type Type${i} @tag(name: "t${i}") {`,
          `  "the id"`,
          `  id: u64 @key`,
          `  name: string = "n${i}"`,
          `  tags: [string]`,
          `  scores: {string: f64}`,
          `  parent: Type${Math.max(0, i - 5)}?`,
          `}`,
        );
        break;
      case 1:
        out.push(`enum Enum${i} {`, `  ALPHA = 0 as "Alpha"`, `  BETA = 1 as "Beta"`, `  GAMMA = 2`, `}`);
        break;
      case 2:
        out.push(`union Union${i} = Type${i - 2} | Enum${i - 1}`);
        break;
      case 3:
        out.push(`alias Alias${i} = {string: [Type${i - 3}]}`);
        break;
      case 4:
        out.push(
          `interface {`,
          `  "Operation ${i}."`,
          `  op${i}(a: i32, b: [string], c: Alias${i - 1}? = null): Type${i - 4} @deprecated(reason: "old")`,
          `  unary${i}{input: Type${i - 4}}: bool`,
          `}`,
        );
        break;
    }
  }
  return out.join("\n") + "\n";
}
