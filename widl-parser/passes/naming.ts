/** Naming conventions, as warnings: PascalCase for type-like definitions, camelCase for directives. */
import { DiagnosticCodes } from "../diagnostics.js";
import type { ValidationContext } from "./context.js";

const pascal = /^[A-Z][A-Za-z0-9]*$/;
const camel = /^[a-z][A-Za-z0-9]*$/;

export function checkNaming(ctx: ValidationContext): void {
  for (const def of ctx.definitions) {
    if (def.imported) continue;
    switch (def.kind) {
      case "TypeDefinition":
      case "EnumDefinition":
      case "UnionDefinition":
      case "AliasDefinition":
      case "RoleDefinition": {
        const what = { TypeDefinition: "type", EnumDefinition: "enum", UnionDefinition: "union", AliasDefinition: "alias", RoleDefinition: "role" }[def.kind];
        if (!pascal.test(def.name.value)) ctx.warning(def.name.loc, DiagnosticCodes.typeNameCase, `${what} name "${def.name.value}" should be PascalCase`);
        break;
      }
      case "DirectiveDefinition":
        if (!camel.test(def.name.value)) ctx.warning(def.name.loc, DiagnosticCodes.directiveNameCase, `directive name "${def.name.value}" should be camelCase`);
        break;
    }
  }
}
