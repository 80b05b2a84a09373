/**
 * Every named type refers to a type, enum, union or alias; `void` appears only as a whole return type.
 */
import type * as ast from "../ast.js";
import { BUILTIN_TYPE_NAMES } from "../ast.js";
import { DiagnosticCodes } from "../diagnostics.js";
import type { ValidationContext } from "./context.js";
import { forEachNestedType, forEachTypeRef } from "./walk.js";

/** Reports unknown type names and `void` outside a whole return type. */
export function checkKnownTypes(ctx: ValidationContext): void {
  const suggest = suggester([...ctx.types.keys(), ...BUILTIN_TYPE_NAMES]);
  const check = (ref: ast.TypeRef, isReturn: boolean, importedOwner: boolean) => {
    forEachNestedType(ref, (t) => {
      if (t.kind === "NamedType" && !ctx.types.has(t.name.value)) {
        const suggestion = suggest(t.name.value);
        const hint = importedOwner ? " (a definition imported by name must have the types it uses imported too)" : "";
        ctx.error(t.name.loc, DiagnosticCodes.unknownType, `unknown type "${t.name.value}"${hint}`, suggestion ? [`did you mean "${suggestion}"?`] : undefined);
      } else if (t.kind === "BuiltinType" && t.name === "void" && !(isReturn && t === ref)) {
        ctx.error(t.loc, DiagnosticCodes.misplacedVoid, `"void" can only be an operation's whole return type`);
      }
    });
  };
  forEachTypeRef(ctx.definitions, (ref, use, definition) => {
    check(ref, use.kind === "return", definition.imported !== undefined);
  });
  for (const def of ctx.definitions) {
    if (def.kind === "TypeDefinition") {
      for (const i of def.implements) check(i, false, def.imported !== undefined);
    }
  }
}

/**
 * Suggestions for unknown names, each name looked up once. Every lookup compares the name with
 * every candidate, so only the first `maxLookups` distinct unknown names get a suggestion, and
 * only names up to `maxLength` characters (the distance is quadratic in the length): a schema
 * full of unknown names would otherwise take time quadratic in its size to check
 * (bench/parse-scaling.ts, "unknown"), and past a few dozen the hints help nobody.
 */
function suggester(candidates: readonly string[]): (name: string) => string | undefined {
  const maxLookups = 100;
  const maxLength = 64;
  const answers = new Map<string, string | undefined>();
  return (name) => {
    if (answers.has(name)) return answers.get(name);
    if (answers.size >= maxLookups || name.length > maxLength) return undefined;
    const answer = closest(name, candidates);
    answers.set(name, answer);
    return answer;
  };
}

/** The candidate within edit distance 2 of `name` (case-insensitive), for "did you mean". */
function closest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  const lower = name.toLowerCase();
  for (const c of candidates) {
    if (Math.abs(c.length - name.length) > 2) continue;
    const d = distance(lower, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}
