/**
 * The operations a guest implements, and the rule that makes them callable: each needs a wire name of its own.
 * A waPC call carries the operation name only (`__guest_call` reads no interface or role), and the direct ABI
 * exports each operation as `__widl_op_<name>`, so two guest operations with one name cannot both be reached.
 * Host roles are the other direction (the guest calls them), so they never meet the guest's exports.
 */
import { type Diagnostic, diagnosticAt, DiagnosticCodes, WidlError } from "../widl-parser/diagnostics.js";
import { where } from "../widl-parser/passes/context.js";
import type { Model, OperationDef } from "./model.js";

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
  const diagnostics: Diagnostic[] = [];
  const first = new Map<string, OperationDef>();
  for (const op of ops) {
    const earlier = first.get(op.name);
    if (earlier === undefined) {
      first.set(op.name, op);
      continue;
    }
    // Interface operations come first, so a clash names a role here (duplicates in one owner are WIDL2005).
    diagnostics.push(
      diagnosticAt(
        op.loc,
        "error",
        DiagnosticCodes.guestOperationClash,
        `operation "${op.name}" of ${ownerText(op)} and of ${ownerText(earlier)} have the same wire name, and the guest implements both`,
        [
          `${ownerText(earlier)} defines it at ${where(earlier.loc)}`,
          `a waPC call and the direct-ABI export __widl_op_${op.name} carry the operation name only; rename one, or list role ${op.owner} in hostRoles if the host implements it`,
        ],
      ),
    );
  }
  if (diagnostics.length > 0) throw new WidlError(diagnostics);
  return ops;
}
