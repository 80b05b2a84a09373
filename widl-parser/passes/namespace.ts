/** The namespace comes before every other definition of its file (imports aside), and there is at most one. */
import type { NamespaceDefinition } from "../ast.js";
import { DiagnosticCodes } from "../diagnostics.js";
import { type ValidationContext, where } from "./context.js";

/** Reports a namespace after other definitions, and a second namespace. */
export function checkNamespace(ctx: ValidationContext): void {
  let first: NamespaceDefinition | undefined;
  let sawOther = false;
  for (const def of ctx.definitions) {
    if (def.imported || def.kind === "ImportDefinition") continue;
    if (def.kind !== "NamespaceDefinition") {
      sawOther = true;
      continue;
    }
    if (first) {
      ctx.error(def.loc, DiagnosticCodes.duplicateNamespace, `a schema has at most one namespace; "${first.name.value}" is already declared`, [
        `the namespace is declared at ${where(first.loc)}`,
      ]);
      continue;
    }
    first = def;
    if (sawOther) {
      ctx.error(def.loc, DiagnosticCodes.namespaceNotFirst, `namespace "${def.name.value}" must come before every other definition`);
    }
  }
}
