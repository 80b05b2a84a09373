/** Naming conventions, as warnings: PascalCase for type-like definitions, camelCase for directives. */
import { BUILTIN_TYPE_NAMES } from "../ast.js";
import { DiagnosticCodes } from "../diagnostics.js";
import type { ValidationContext } from "./context.js";

const pascal = /^[A-Z][A-Za-z0-9]*$/;
const camel = /^[a-z][A-Za-z0-9]*$/;
// A redefined built-in is already an error; a style warning on top would be noise.
const builtins: ReadonlySet<string> = new Set(BUILTIN_TYPE_NAMES);

/** Warns about names that break the PascalCase / camelCase conventions. */
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
        if (!pascal.test(def.name.value) && !builtins.has(def.name.value)) ctx.warning(def.name.loc, DiagnosticCodes.typeNameCase, `${what} name "${def.name.value}" should be PascalCase`);
        break;
      }
      case "DirectiveDefinition":
        if (!camel.test(def.name.value)) ctx.warning(def.name.loc, DiagnosticCodes.directiveNameCase, `directive name "${def.name.value}" should be camelCase`);
        break;
    }
  }
}
