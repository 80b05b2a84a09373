/**
 * Torture schemas (torture-schemas.ts): every reserved word and builtin of TypeScript, AssemblyScript and Rust,
 * and every name generated code declares, as every kind of WIDL name, plus namespaces with `:` `.` `-` `/` and
 * digits. Every target is generated and compiled.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { skipRust } from "../rust/toolchain.js";
import { checkRust, compileAssemblyScript, TypeScriptBatchChecker } from "./compile-batch.js";
import { generateCase, type GeneratedCase } from "./generate-targets.js";
import { tortureSchemas } from "./torture-schemas.js";

const schemas = tortureSchemas();
let cases: GeneratedCase[];

beforeAll(() => {
  // Every role stays the host's: each pool word must be tried as a host-client name, in every target.
  cases = schemas.map((s, i) => generateCase(i, s.source, `s${i}`, "schema.widl", { guestRoles: false }));
});

const messages = (list: readonly { index: number | undefined; message: string }[]) =>
  list.map((f) => `${f.index === undefined ? "?" : schemas[f.index]!.label}: ${f.message}`).join("\n");

describe("torture schemas", () => {
  it("keep wire names and make legal identifiers", () => {
    const c = cases.find((x) => x.model.namespace.name === "wasmcloud:keyvalue")!;
    expect(c.ts).toContain("export class WasmcloudKeyvalue {");
    expect(c.ts).toContain(`namespace === "wasmcloud:keyvalue"`);
    const operation = (name: string) =>
      cases.flatMap((x) => x.model.interface.operations.map((o) => ({ o, ts: x.ts }))).find(({ o }) => o.name === name)!;
    const type = operation("type");
    expect(type.o.id).toEqual({ ts: "type", as: "type_", rust: "r#type" });
    expect(operation("self").o.id.rust).toBe("self_");
    // The wire keeps the name as written.
    expect(type.ts).toContain(`"type"`);
  });

  it("TypeScript compiles under strict", { timeout: 300_000 }, () => {
    const failures = new TypeScriptBatchChecker().check(cases);
    expect(failures, messages(failures)).toEqual([]);
  });

  it("AssemblyScript compiles", { timeout: 300_000 }, async () => {
    const failures = await compileAssemblyScript(cases, "torture-as");
    expect(failures, messages(failures)).toEqual([]);
  });

  it.skipIf(skipRust("torture"))("Rust compiles for wasm32 with warnings denied", { timeout: 300_000 }, async () => {
    const failures = await checkRust(cases, "torture-rust");
    expect(failures, messages(failures)).toEqual([]);
  });
});
