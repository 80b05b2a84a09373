/** The naming rules of docs/codegen.md ("Names"), one expectation each; the fuzz and torture tests cover the rest. */
import { describe, expect, it } from "vitest";
import { loadSchemaSource } from "../../widl-parser/index.js";
import { buildModel } from "../../generators/index.js";
import { generateTypescriptHost } from "../../generators/typescript-host/index.js";
import { CodegenConfigError } from "../../generators/options.js";

const model = (source: string) => buildModel(loadSchemaSource(source, { file: "names.widl" }));

describe("names", () => {
  it("namespaces with colons, dots, dashes, slashes and digits make a class name; the wire keeps them", () => {
    expect(model(`namespace "wasmcloud:keyvalue"`).namespace.id.ts).toBe("WasmcloudKeyvalue");
    expect(model(`namespace "kitchen.sink"`).namespace.id.ts).toBe("KitchenSink");
    expect(model(`namespace "my-org/svc2"`).namespace.id.ts).toBe("MyOrgSvc2");
    expect(model(`namespace "1password"`).namespace.id.ts).toBe("_1password");
    expect(model(`interface { f(): void }`).namespace.id.ts).toBe("Guest");
    const ts = generateTypescriptHost(model(`namespace "wasmcloud:keyvalue" role Host { log(m: string): void } interface { f(): void }`));
    expect(ts).toContain(`namespace === "wasmcloud:keyvalue"`);
  });

  it("a class name taken by a type or its derived names gets Client", () => {
    expect(model(`namespace "point" type Point { x: i32 }`).namespace.id.ts).toBe("PointClient");
    expect(model(`namespace "a" type ALoadOptions { x: i32 }`).namespace.id.ts).toBe("AClient");
    expect(model(`namespace "promise"`).namespace.id.ts).toBe("PromiseClient");
  });

  it("a className option that clashes is a config error naming both", () => {
    const m = model(`namespace "a" type ThingPool { y: i32 }`);
    expect(() => generateTypescriptHost(m, { className: "Thing" })).toThrow(CodegenConfigError);
    expect(() => generateTypescriptHost(m, { className: "Thing" })).toThrow(/ThingPool would clash with the schema's ThingPool/);
    expect(() => generateTypescriptHost(m, { className: "class" })).toThrow(/not a usable TypeScript class name/);
  });

  it("names clashing after case conversion: the one already in case keeps it, the other gets a counter", () => {
    const m = model(`namespace "n" type T { foo_bar: i32, fooBar: i32 } type get { x: i32 } type Get { y: i32 }`);
    const t = m.structs[0]!;
    expect(t.fields.map((f) => f.id.ts)).toEqual(["fooBar2", "fooBar"]);
    expect(t.fields.map((f) => f.id.rust)).toEqual(["foo_bar", "foo_bar_2"]);
    expect(m.types.slice(1).map((d) => d.id.ts)).toEqual(["Get2", "Get"]);
    expect(t.fields.map((f) => f.name)).toEqual(["foo_bar", "fooBar"]);
  });

  it("enum values are PascalCase", () => {
    const m = model(`namespace "n" enum Status { PENDING = 0, in_progress = 1 }`);
    expect(m.enums[0]!.values.map((v) => v.id.ts)).toEqual(["Pending", "InProgress"]);
  });

  it("reserved words per language: TS `_`, Rust raw identifiers or `_`", () => {
    const m = model(`namespace "n" type Option { self: i32, type: i32 } interface { then(payload: string, eval: i32): void }`);
    const [self, type] = m.structs[0]!.fields;
    expect(m.structs[0]!.id).toEqual({ ts: "Option", as: "Option", rust: "Option_" });
    expect(self!.id.rust).toBe("self_");
    expect(type!.id).toEqual({ ts: "type", as: "type_", rust: "r#type" });
    const op = m.interface.operations[0]!;
    expect(op.id.ts).toBe("then_");
    expect(op.params.map((p) => p.id.ts)).toEqual(["payload", "eval_"]);
    expect(op.params.map((p) => p.id.rust)).toEqual(["payload_", "eval"]);
  });

  it("Rust operations of the interface and the roles share one scope; a role's args struct carries the role", () => {
    const m = model(`namespace "n" role Store { put(k: string): void } interface { put(k: string): void }`);
    expect(m.interface.operations[0]!.id.rust).toBe("put");
    expect(m.roles[0]!.operations[0]!.id.rust).toBe("put_2");
    expect(m.roles[0]!.operations[0]!.id.ts).toBe("put");
    expect(m.roles[0]!.operations[0]!.argsStruct!.id.ts).toBe("StorePutArgs");
  });
});
