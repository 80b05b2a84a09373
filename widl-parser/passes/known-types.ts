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
  const check = (ref: ast.TypeRef, isReturn: boolean, importedOwner: boolean) => {
    forEachNestedType(ref, (t) => {
      if (t.kind === "NamedType" && !ctx.types.has(t.name.value)) {
        const suggestion = closest(t.name.value, [...ctx.types.keys(), ...BUILTIN_TYPE_NAMES]);
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

/** The candidate within edit distance 2 of `name` (case-insensitive), for "did you mean". */
function closest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const c of candidates) {
    const d = distance(name.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
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
