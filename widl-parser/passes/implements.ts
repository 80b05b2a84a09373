/** `implements` names types only: not enums, unions, aliases or built-ins. */
import { DiagnosticCodes } from "../diagnostics.js";
import type { ValidationContext } from "./context.js";

/** Reports `implements` of anything but a type. */
export function checkImplements(ctx: ValidationContext): void {
  for (const def of ctx.definitions) {
    if (def.kind !== "TypeDefinition") continue;
    for (const i of def.implements) {
      const target = ctx.types.get(i.name.value);
      if (target && target.kind !== "TypeDefinition") {
        const what = { EnumDefinition: "an enum", UnionDefinition: "a union", AliasDefinition: "an alias" }[target.kind];
        ctx.error(i.loc, DiagnosticCodes.implementsNonType, `type "${def.name.value}" can only implement types, but "${i.name.value}" is ${what}`);
      } else if (target === def) {
        ctx.error(i.loc, DiagnosticCodes.implementsNonType, `type "${def.name.value}" cannot implement itself`);
      }
    }
  }
}
