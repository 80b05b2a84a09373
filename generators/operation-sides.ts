/**
 * Which side implements each operation, and the rule that makes every one callable: on each side of the wire,
 * operations need wire names of their own. A waPC guest call carries the operation name only (`__guest_call` reads
 * no interface or role), the direct ABI exports each guest operation as `__widl_op_<name>`, and a host call carries
 * the schema's namespace and the operation name. The guest implements the interface and every role not in
 * `hostRoles`; the host implements the roles in `hostRoles`. The two sides never meet, so a host role may share a
 * name with the interface.
 */
import { type Diagnostic, diagnosticAt, DiagnosticCodes, WidlError } from "../widl-parser/diagnostics.js";
import { where } from "../widl-parser/passes/context.js";
import type { Model, OperationDef, RoleDef } from "./model.js";

/** Who declares an operation, as messages name it. */
const ownerText = (op: OperationDef): string => (op.owner === "interface" ? "the interface" : `role ${op.owner}`);

/**
 * The operations the guest implements: the interface's, then those of every role not in `hostRoles`. Throws a
 * `WidlError` (WIDL2024, one diagnostic per clash, at the later operation) when two of them share a wire name.
 */
export function guestOperations(model: Model, hostRoles: readonly string[]): OperationDef[] {
  const ops = [
    ...model.interface.operations,
    ...model.roles.filter((r) => !hostRoles.includes(r.name)).flatMap((r) => r.operations),
  ];
  // Interface operations come first, so a clash names a role (duplicates within one owner are WIDL2005).
  checkDistinct(ops, "guest", (op) => [
    `a waPC call and the direct-ABI export __widl_op_${op.name} carry the operation name only; rename one, or list role ${op.owner} in hostRoles if the host implements it`,
  ]);
  return ops;
}

/**
 * The roles in `hostRoles`, in schema order. Throws a `WidlError` (WIDL2024) when two of them share an operation
 * name: the host could not tell which role the guest calls. Unknown names are the targets' option errors.
 */
export function hostRoleDefs(model: Model, hostRoles: readonly string[]): RoleDef[] {
  const roles = model.roles.filter((r) => hostRoles.includes(r.name));
  checkDistinct(roles.flatMap((r) => r.operations), "host", (op) => [
    `a host call carries the namespace and the operation name only; rename one, or leave role ${op.owner} out of hostRoles if the guest implements it`,
  ]);
  return roles;
}

/** Throws one WIDL2024 diagnostic per operation whose name an earlier one of `ops` already has. */
function checkDistinct(ops: readonly OperationDef[], side: "guest" | "host", fix: (op: OperationDef) => string[]): void {
  const diagnostics: Diagnostic[] = [];
  const first = new Map<string, OperationDef>();
  for (const op of ops) {
    const earlier = first.get(op.name);
    if (earlier === undefined) {
      first.set(op.name, op);
      continue;
    }
    diagnostics.push(
      diagnosticAt(
        op.loc,
        "error",
        DiagnosticCodes.operationWireClash,
        `operation "${op.name}" of ${ownerText(op)} and of ${ownerText(earlier)} have the same wire name, and the ${side} implements both`,
        [`${ownerText(earlier)} defines it at ${where(earlier.loc)}`, ...fix(op)],
      ),
    );
  }
  if (diagnostics.length > 0) throw new WidlError(diagnostics);
}
