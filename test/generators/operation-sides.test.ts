/**
 * On each side of the wire, operations need names of their own (WIDL2024): a waPC call and a direct-ABI export
 * carry the operation name only, a host call the namespace and the operation name. The sides never meet.
 */
import { describe, expect, it } from "vitest";
import { buildModel } from "../../generators/index.js";
import { guestOperations, hostRoleDefs } from "../../generators/operation-sides.js";
import { generateAssemblyScriptGuest } from "../../generators/assemblyscript-guest/index.js";
import { generateTypescriptHost } from "../../generators/typescript-host/index.js";
import { generateRustGuest } from "../../generators/rust-guest/index.js";
import { generateRustScaffold } from "../../generators/rust-scaffold/index.js";
import { DiagnosticCodes, formatDiagnostics, loadSchemaSource, WidlError } from "../../widl-parser/index.js";

const source = `namespace "kv"
interface { get(): string }
role Store { get(key: string): bytes? }
role Cache { get(key: string): bytes?, put(key: string, value: bytes) }
role Audit { put(entry: string) }
`;
const model = buildModel(loadSchemaSource(source, { file: "kv.widl" }));

/** The error `run` throws, which must be a WidlError. */
function widlError(run: () => unknown): WidlError {
  try {
    run();
  } catch (e) {
    if (e instanceof WidlError) return e;
    throw e;
  }
  throw new Error("expected a WidlError");
}

describe("operations on each side of the wire", () => {
  it("an interface operation and a guest role's, same name: WIDL2024 at the role's, with both places and the fixes", () => {
    const e = widlError(() => guestOperations(model, ["Cache", "Audit"]));
    expect(e.diagnostics).toHaveLength(1);
    expect(formatDiagnostics(e.diagnostics, { sources: new Map([["kv.widl", source]]) })).toBe(
      [
        'kv.widl:3:14: error: operation "get" of role Store and of the interface have the same wire name, and the guest implements both [WIDL2024]',
        "   |",
        " 3 | role Store { get(key: string): bytes? }",
        "   |              ^^^^^^^^^^^^^^^^^^^^^^^^",
        "  note: the interface defines it at kv.widl:2:13",
        "  note: a waPC call and the direct-ABI export __widl_op_get carry the operation name only; rename one, or list role Store in hostRoles if the host implements it",
      ].join("\n"),
    );
  });

  it("two guest roles with one operation name: one diagnostic per clash, all at once", () => {
    const e = widlError(() => guestOperations(model, ["Store"]));
    expect(e.diagnostics.map((d) => [d.code, d.line, d.column, d.message])).toEqual([
      [DiagnosticCodes.operationWireClash, 4, 14, 'operation "get" of role Cache and of the interface have the same wire name, and the guest implements both'],
      [DiagnosticCodes.operationWireClash, 5, 14, 'operation "put" of role Audit and of role Cache have the same wire name, and the guest implements both'],
    ]);
    expect(e.diagnostics[1]!.notes![1]).toContain("list role Audit in hostRoles");
  });

  it("host roles may share names with the guest's operations: the sides never meet", () => {
    // Store and Cache are called by the guest; Audit's `put` is the guest's own, as Cache's `put` is the host's.
    expect(guestOperations(model, ["Store", "Cache"]).map((o) => `${o.owner}.${o.name}`)).toEqual(["interface.get", "Audit.put"]);
  });

  it("the Rust glue and scaffold refuse a clash rather than emit an unreachable match arm and a duplicate export", () => {
    for (const run of [
      () => generateRustGuest(model, { hostRoles: ["Cache", "Audit"] }),
      () => generateRustScaffold(model, { hostRoles: ["Cache", "Audit"] }),
    ]) {
      expect(widlError(run).diagnostics.map((d) => d.code)).toEqual([DiagnosticCodes.operationWireClash]);
    }
    // Without Cache, Store can be the host's and Audit the guest's: `get` is exported once, `put` once.
    const valid = buildModel(loadSchemaSource(source.replace(/^role Cache.*\n/m, ""), { file: "kv.widl" }));
    const glue = generateRustGuest(valid, { hostRoles: ["Store"] }).find((f) => f.path.endsWith("mod.rs"))!.content;
    expect(glue.match(/#\[export_name = "__widl_op_[a-z]+"\]/g)).toEqual(['#[export_name = "__widl_op_get"]', '#[export_name = "__widl_op_put"]']);
  });

  it("two host roles with one operation name: WIDL2024 in every target, the fix being to hand one to the guest", () => {
    const e = widlError(() => hostRoleDefs(model, ["Store", "Cache"]));
    expect(e.diagnostics.map((d) => [d.code, d.line, d.column, d.message])).toEqual([
      [DiagnosticCodes.operationWireClash, 4, 14, 'operation "get" of role Cache and of role Store have the same wire name, and the host implements both'],
    ]);
    expect(e.diagnostics[0]!.notes).toEqual([
      "role Store defines it at kv.widl:3:14",
      "a host call carries the namespace and the operation name only; rename one, or leave role Cache out of hostRoles if the guest implements it",
    ]);
    for (const run of [
      () => generateTypescriptHost(model, { hostRoles: ["Store", "Cache"] }),
      () => generateAssemblyScriptGuest(model, { hostRoles: ["Store", "Cache"] }, "kv.widl"),
      () => generateRustGuest(model, { hostRoles: ["Store", "Cache"] }),
    ]) {
      expect(widlError(run).diagnostics.map((d) => d.code)).toEqual([DiagnosticCodes.operationWireClash]);
    }
    expect(hostRoleDefs(model, ["Audit", "Store"]).map((r) => r.name)).toEqual(["Store", "Audit"]);
  });
});
