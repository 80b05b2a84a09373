/** Union members are named types (types, enums, unions, aliases); lists, maps, optionals and built-ins are not. */
import { DiagnosticCodes } from "../diagnostics.js";
import { type ValidationContext, typeText } from "./context.js";

/** Reports union members that are not named types, and a union containing itself. */
export function checkUnions(ctx: ValidationContext): void {
  for (const def of ctx.definitions) {
    if (def.kind !== "UnionDefinition") continue;
    for (const m of def.members) {
      if (m.kind !== "NamedType") {
        ctx.error(m.loc, DiagnosticCodes.unionMemberNotNamed, `union "${def.name.value}" member ${typeText(m)} is not a named type; define a type or alias for it`);
      } else if (m.name.value === def.name.value) {
        ctx.error(m.loc, DiagnosticCodes.unionMemberNotNamed, `union "${def.name.value}" cannot contain itself`);
      }
    }
  }
}
