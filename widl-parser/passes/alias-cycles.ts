/**
 * An alias must expand to a finite type: `alias A = B` with `alias B = [A]` never ends. A cycle is
 * reported once, at the alias that comes first in the source.
 */
import type * as ast from "../ast.js";
import { DiagnosticCodes } from "../diagnostics.js";
import type { ValidationContext } from "./context.js";
import { forEachNestedType } from "./walk.js";

/** Reports every alias that expands to itself. */
export function checkAliasCycles(ctx: ValidationContext): void {
  const reported = new Set<string>();
  for (const def of ctx.definitions) {
    if (def.kind !== "AliasDefinition" || reported.has(def.name.value) || ctx.types.get(def.name.value) !== def) continue;
    const path = findCycle(ctx, def, [def.name.value]);
    if (path) {
      for (const name of path) reported.add(name);
      ctx.error(def.name.loc, DiagnosticCodes.aliasCycle, `alias "${def.name.value}" refers to itself: ${path.join(" → ")}`);
    }
  }
}

/** Depth-first search through the aliases `alias` mentions; returns the path back to the start. */
function findCycle(ctx: ValidationContext, alias: ast.AliasDefinition, path: string[], visited = new Set<string>()): string[] | undefined {
  let found: string[] | undefined;
  forEachNestedType(alias.type, (t) => {
    if (found || t.kind !== "NamedType") return;
    const target = ctx.types.get(t.name.value);
    if (target?.kind !== "AliasDefinition") return;
    if (target.name.value === path[0]) found = [...path, target.name.value];
    else if (!visited.has(target.name.value)) {
      visited.add(target.name.value);
      found = findCycle(ctx, target, [...path, target.name.value], visited);
    }
  });
  return found;
}
