/** Map keys must be scalars: numbers, bool, string, datetime, or an enum (directly or through an alias). */
import type * as ast from "../ast.js";
import { DiagnosticCodes } from "../diagnostics.js";
import { type ValidationContext, typeText } from "./context.js";
import { forEachNestedType, forEachTypeRef } from "./walk.js";

const scalarKeys: ReadonlySet<string> = new Set([
  "i8", "u8", "i16", "u16", "i32", "u32", "i64", "u64", "f32", "f64", "bool", "string", "datetime",
]);

/** Reports map keys that are not scalars. */
export function checkMapKeys(ctx: ValidationContext): void {
  forEachTypeRef(ctx.definitions, (ref) =>
    forEachNestedType(ref, (t) => {
      if (t.kind === "MapType" && !isScalar(ctx, t.keyType)) {
        ctx.error(t.keyType.loc, DiagnosticCodes.nonScalarMapKey, `map key type ${typeText(t.keyType)} is not a scalar (use a number, bool, string, datetime or enum type)`);
      }
    }),
  );
}

function isScalar(ctx: ValidationContext, ref: ast.TypeRef): boolean {
  const t = ctx.resolve(ref);
  if (t.kind === "BuiltinType") return scalarKeys.has(t.name);
  if (t.kind !== "NamedType") return false;
  const def = ctx.types.get(t.name.value);
  // An unknown name is reported by known-types; do not pile a second error on it.
  return def === undefined || def.kind === "EnumDefinition";
}
