/**
 * Operations of different owners (the interface, each role) that share a wire name, as warnings. A waPC call and
 * a direct-ABI export (`__widl_op_<name>`) carry the operation name only, so the guest can implement only one
 * operation of each name, and the host answer only one. Which roles the host implements is a codegen choice
 * (`hostRoles`), so here the schema is only warned about; generating a guest that implements both is error
 * WIDL2024 (generators/operation-sides.ts).
 */
import type * as ast from "../ast.js";
import { DiagnosticCodes } from "../diagnostics.js";
import { type ValidationContext, where } from "./context.js";

interface Owned {
  readonly op: ast.OperationDefinition;
  /** `undefined` for the interface. */
  readonly role: string | undefined;
  readonly imported: boolean;
}

const ownerText = (role: string | undefined): string => (role === undefined ? "the interface" : `role ${role}`);

/** Warns at each operation whose name an earlier operation of another owner already has. */
export function checkWireNames(ctx: ValidationContext): void {
  const first = new Map<string, Owned>();
  for (const def of ctx.definitions) {
    if (def.kind !== "InterfaceDefinition" && def.kind !== "RoleDefinition") continue;
    const role = def.kind === "RoleDefinition" ? def.name.value : undefined;
    // A name repeated within one role is a duplicate (WIDL2005), warned about once here.
    const own = new Set<string>();
    for (const op of def.operations) {
      if (own.has(op.name.value)) continue;
      own.add(op.name.value);
      const owned: Owned = { op, role, imported: def.imported !== undefined };
      const earlier = first.get(op.name.value);
      if (earlier === undefined) first.set(op.name.value, owned);
      // Interface blocks merge, so another block's operation is the same owner. An imported operation is
      // warned about in the file that wrote it.
      else if (earlier.role !== role && !owned.imported) warn(ctx, earlier, owned);
    }
  }
}

function warn(ctx: ValidationContext, earlier: Owned, later: Owned): void {
  const name = later.op.name.value;
  // Interface operations are the guest's always; a role can be either side, so only one of two roles needs to move.
  const fix =
    earlier.role === undefined
      ? `keep role ${later.role} in hostRoles (the host implements it), or rename one`
      : `list exactly one of roles ${earlier.role} and ${later.role} in hostRoles, or rename one`;
  ctx.warning(
    later.op.name.loc,
    DiagnosticCodes.sharedWireName,
    `operation "${name}" of ${ownerText(later.role)} has the same wire name as "${name}" of ${ownerText(earlier.role)}`,
    [
      `${ownerText(earlier.role)} defines it at ${where(earlier.op.name.loc)}`,
      `calls carry the operation name only, so the guest can implement one of them and the host one; ${fix}`,
    ],
  );
}
