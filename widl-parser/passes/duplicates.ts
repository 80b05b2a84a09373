/**
 * Names that must be unique: definitions (types, enums, unions, aliases, roles share one space;
 * directives have their own), fields, parameters, operations (across all `interface` blocks, which
 * merge), enum value names and indexes. Built-in type names cannot be redefined.
 */
import type * as ast from "../ast.js";
import { BUILTIN_TYPE_NAMES } from "../ast.js";
import { type DiagnosticCode, DiagnosticCodes } from "../diagnostics.js";
import { type NameSpace, type ValidationContext, where } from "./context.js";

const builtins: ReadonlySet<string> = new Set(BUILTIN_TYPE_NAMES);

/** Reports every name after the first that repeats; `what` words the message ("field", …). */
function unique(
  ctx: ValidationContext,
  names: Iterable<{ name: string; loc: ast.SourceLocation }>,
  code: DiagnosticCode,
  what: (name: string) => string,
): void {
  const seen = new Map<string, ast.SourceLocation>();
  for (const { name, loc } of names) {
    const first = seen.get(name);
    if (first) ctx.error(loc, code, `duplicate ${what(name)}`, [`first defined at ${where(first)}`]);
    else seen.set(name, loc);
  }
}

const named = (n: ast.Name) => ({ name: n.value, loc: n.loc });

/** Reports every name defined twice in its space, and redefined built-ins. */
export function checkDuplicates(ctx: ValidationContext): void {
  const typeSpace: ast.Name[] = [];
  const directives: ast.Name[] = [];
  const interfaceOps: ast.Name[] = [];
  for (const def of ctx.definitions) {
    switch (def.kind) {
      case "TypeDefinition":
      case "EnumDefinition":
      case "UnionDefinition":
      case "AliasDefinition":
      case "RoleDefinition":
        if (builtins.has(def.name.value)) {
          ctx.error(def.name.loc, DiagnosticCodes.builtinRedefined, `"${def.name.value}" is a built-in type and cannot be redefined`);
        } else typeSpace.push(def.name);
        break;
      case "DirectiveDefinition":
        directives.push(def.name);
        unique(ctx, def.parameters.map((p) => named(p.name)), DiagnosticCodes.duplicateParameter, (n) => `parameter "${n}" in directive "${def.name.value}"`);
        break;
    }
    switch (def.kind) {
      case "TypeDefinition":
        unique(ctx, def.fields.map((f) => named(f.name)), DiagnosticCodes.duplicateField, (n) => `field "${n}" in type "${def.name.value}"`);
        break;
      case "EnumDefinition":
        unique(ctx, def.values.map((v) => named(v.name)), DiagnosticCodes.duplicateEnumValue, (n) => `value "${n}" in enum "${def.name.value}"`);
        unique(ctx, def.values.map((v) => ({ name: String(v.index.value), loc: v.index.loc })), DiagnosticCodes.duplicateEnumIndex, (n) => `index ${n} in enum "${def.name.value}"`);
        break;
      case "InterfaceDefinition":
        // A loop, not `push(...spread)`: a spread passes every element as an argument, and an
        // interface of a few hundred thousand operations then overflows the stack.
        if (!def.imported) for (const o of def.operations) interfaceOps.push(o.name);
        checkParameters(ctx, def.operations);
        break;
      case "RoleDefinition":
        unique(ctx, def.operations.map((o) => named(o.name)), DiagnosticCodes.duplicateOperation, (n) => `operation "${n}" in role "${def.name.value}"`);
        checkParameters(ctx, def.operations);
        break;
    }
  }
  unique(ctx, typeSpace.map(named), DiagnosticCodes.duplicateDefinition, (n) => `definition "${n}"`);
  unique(ctx, directives.map(named), DiagnosticCodes.duplicateDirective, (n) => `directive "@${n}"`);
  if (ctx.imported) {
    clashes(ctx, typeSpace, "type", DiagnosticCodes.duplicateDefinition, (n) => `definition "${n}"`);
    clashes(ctx, directives, "directive", DiagnosticCodes.duplicateDirective, (n) => `directive "@${n}"`);
  }
  unique(ctx, interfaceOps.map(named), DiagnosticCodes.duplicateOperation, (n) => `operation "${n}" in the interface`);
}

/** Reports a file's own names that an import brings in too. */
function clashes(ctx: ValidationContext, names: readonly ast.Name[], space: NameSpace, code: DiagnosticCode, what: (name: string) => string): void {
  for (const n of names) {
    const other = ctx.imported!.lookup(space, n.value);
    if (other !== undefined && "name" in other) ctx.error(n.loc, code, `duplicate ${what(n.value)}`, [`also imported, defined at ${where(other.name.loc)}`]);
  }
}

function checkParameters(ctx: ValidationContext, operations: readonly ast.OperationDefinition[]): void {
  for (const op of operations) {
    unique(ctx, op.parameters.map((p) => named(p.name)), DiagnosticCodes.duplicateParameter, (n) => `parameter "${n}" in operation "${op.name.value}"`);
  }
}
