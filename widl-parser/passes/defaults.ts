/** A field's or parameter's default must fit its type. */
import type * as ast from "../ast.js";
import { DiagnosticCodes } from "../diagnostics.js";
import type { ValidationContext } from "./context.js";
import { valueMismatch, valueText } from "./value-check.js";
import { forEachTypeRef } from "./walk.js";

/** Reports every default that does not fit its field's or parameter's type. */
export function checkDefaults(ctx: ValidationContext): void {
  forEachTypeRef(ctx.definitions, (type, use) => {
    if (use.kind !== "field" && use.kind !== "parameter") return;
    const value: ast.Value | undefined = use.member.default;
    if (!value) return;
    const reason = valueMismatch(ctx, value, type);
    if (reason) ctx.error(value.loc, DiagnosticCodes.defaultTypeMismatch, `default value ${valueText(value)} of ${use.kind} "${use.member.name.value}" ${reason}`);
  });
}
