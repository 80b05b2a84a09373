/**
 * Hand-built torture schemas: every word of name-pool.ts as every kind of name. The words go in chunks (the TS
 * target's cost grows faster than the file, issue 14); per chunk, five schemas rotate the kinds of top-level
 * definition (type, enum, union, alias, role) so each word is each of them once, and the first also uses the
 * chunk's words as every field, enum value, operation and parameter name. One small schema per odd namespace.
 */
import { MEMBER_NAMES, NAMESPACES, TYPE_NAMES, VALUE_KEYWORDS } from "./name-pool.js";


const KINDS = ["type", "enum", "union", "alias", "role"] as const;

const CHUNK = 30;

/** The schema where word `i` of a chunk is a definition of kind `KINDS[(i + rotation) % 5]`. */
function rotationSchema(TYPE_NAMES: readonly string[], MEMBER_NAMES: readonly string[], rotation: number): string {
  const kindOf = (i: number) => KINDS[(i + rotation) % KINDS.length]!;
  const byKind = (k: (typeof KINDS)[number]) => TYPE_NAMES.filter((_, i) => kindOf(i) === k);
  const structs = byKind("type");
  const enums = byKind("enum");
  const lines = [`namespace ${JSON.stringify(TYPE_NAMES[rotation]!)}`, ""];
  // Every word as a field, each field a different kind of type, so the fields reach every definition.
  const fieldType = (j: number): string => {
    const named = [...structs, ...enums];
    return j % 3 === 0 ? `${named[j % named.length]}?` : j % 3 === 1 ? `[${named[j % named.length]}]` : "string";
  };
  TYPE_NAMES.forEach((name, i) => {
    switch (kindOf(i)) {
      case "type":
        lines.push(`type ${name} {`, ...(i === TYPE_NAMES.findIndex((_, k) => kindOf(k) === "type") ? MEMBER_NAMES.map((f, j) => `  ${f}: ${fieldType(j)}`) : [`  value: i32`]), "}");
        break;
      case "enum":
        lines.push(`enum ${name} {`, ...MEMBER_NAMES.map((v, j) => `  ${v} = ${j}`), "}");
        break;
      case "union":
        lines.push(`union ${name} = ${structs[i % structs.length]} | ${enums[i % enums.length]}`);
        break;
      case "alias":
        lines.push(`alias ${name} = {string: ${structs[(i + 1) % structs.length]}}`);
        break;
      case "role":
        break;
    }
  });
  // Roles: every word as a role operation (spread over the roles, so no two roles share one) and parameter.
  const roles = byKind("role");
  roles.forEach((role, r) => {
    const ops = MEMBER_NAMES.filter((_, j) => j % roles.length === r);
    lines.push(`role ${role} {`, ...ops.map((op, j) => `  ${op}(${MEMBER_NAMES[(j + r) % MEMBER_NAMES.length]}: string): i32`), "}");
  });
  // The interface: every word as an operation, and as every parameter of one operation, with defaults naming
  // every enum value (by index where the value's name reads as a literal).
  const e = enums[0]!;
  const enumDefault = (v: string, j: number) => (VALUE_KEYWORDS.has(v) ? String(j) : v);
  lines.push(
    "interface {",
    ...MEMBER_NAMES.map((op, j) => `  ${op}(${MEMBER_NAMES[(j + 1) % MEMBER_NAMES.length]}: ${e} = ${enumDefault(MEMBER_NAMES[j]!, j)}): ${fieldType(j)}`),
    `  everyParameter(${MEMBER_NAMES.map((p, j) => `${p}: ${j % 2 === 0 ? "u64" : "string?"}`).join(", ")}): void`,
    "}",
  );
  return `${lines.join("\n")}\n`;
}

/** A small schema per namespace of NAMESPACES, with a host role (the namespace travels on host calls). */
function namespaceSchema(namespace: string): string {
  return [
    `namespace ${JSON.stringify(namespace)}`,
    "type Item { id: u64, tags: [string] }",
    "role Host { notify(item: Item): void }",
    "interface { get(id: u64): Item? put{item: Item}: bool }",
    "",
  ].join("\n");
}

/** Every torture schema, with a label for messages. */
export function tortureSchemas(): { label: string; source: string }[] {
  const chunks: { types: string[]; members: string[] }[] = [];
  for (let i = 0; i < Math.max(TYPE_NAMES.length, MEMBER_NAMES.length); i += CHUNK) {
    chunks.push({ types: TYPE_NAMES.slice(i, i + CHUNK), members: MEMBER_NAMES.slice(i, i + CHUNK) });
  }
  return [
    ...chunks.flatMap((c, k) =>
      KINDS.map((_, r) => ({
        label: `words ${k * CHUNK}–${k * CHUNK + CHUNK - 1}, rotation ${r}`,
        // Members (fields, values, operations, parameters) once per chunk; the rotations vary the definitions.
        source: rotationSchema(c.types.length >= KINDS.length ? c.types : [...c.types, ...TYPE_NAMES.slice(0, KINDS.length)], r === 0 ? c.members : ["value"], r),
      })),
    ),
    ...NAMESPACES.map((ns) => ({ label: `namespace ${ns}`, source: namespaceSchema(ns) })),
  ];
}
