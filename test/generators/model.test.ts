import { describe, expect, it } from "vitest";
import { buildModel, camelCase, pascalCase, snakeCase, typeToWidl } from "../../generators/index.js";
import { loadSchemaSource } from "../../widl-parser/index.js";

const model = (text: string) => buildModel(loadSchemaSource(text, { file: "t.widl" }));

describe("model", () => {
  it("merges interface blocks and decides the wire shape and args struct of each operation", () => {
    const m = model(`namespace "cuckoo"
      interface { check_word_exists(name: string): string }
      type Input { x: string, y: string, }
      interface { handle_input(inp: Input): string  ping()  log{message: string} }`);
    expect(m.namespace.name).toBe("cuckoo");
    expect(m.interface.operations.map((o) => [o.name, o.wire, o.argsStruct?.name])).toEqual([
      ["check_word_exists", "map", "CheckWordExistsArgs"],
      ["handle_input", "map", "HandleInputArgs"],
      ["ping", "empty", "PingArgs"],
      ["log", "bare", undefined],
    ]);
    expect(m.interface.operations[2]!.returnType).toEqual({ kind: "void" });
    const inp = m.interface.operations[1]!.params[0]!.type;
    expect(inp.kind === "struct" && inp.def).toBe(m.typesByName.get("Input"));
  });

  it("keeps alias names and resolves them, and lowers params for the direct ABI", () => {
    const m = model(`namespace "a"
      alias Id = u64
      alias UserId = Id
      enum Color { RED = 0 as "Red" }
      interface { f(id: UserId, c: Color, s: string, l: [i32]?, x: f32): bool }`);
    const [id, c, s, l, x] = m.interface.operations[0]!.params;
    expect(id!.type.kind).toBe("alias");
    expect(m.aliases.map((a) => [a.name, typeToWidl(a.resolved)])).toEqual([["Id", "u64"], ["UserId", "u64"]]);
    expect([id, c, s, l, x].map((p) => p!.direct)).toEqual([
      { abi: "i64", unsigned: true },
      { abi: "i32", unsigned: false, bool: false },
      { abi: "ptrlen", content: "string" },
      { abi: "ptrlen", content: "msgpack" },
      { abi: "f32" },
    ]);
    expect(l!.optional).toBe(true);
    expect(m.interface.operations[0]!.directResult).toEqual({ abi: "i32", unsigned: false, bool: true });
    expect(m.enums[0]!.values[0]).toMatchObject({ name: "RED", value: 0, display: "Red" });
  });

  it("an args struct does not shadow a schema type of the same name", () => {
    const m = model(`namespace "a" type FArgs { x: i32 } interface { f(a: FArgs): i32 }`);
    expect(m.interface.operations[0]!.argsStruct!.name).toBe("FArguments");
  });

  it("naming helpers", () => {
    expect(camelCase("check_word_exists")).toBe("checkWordExists");
    expect(pascalCase("cuckoo")).toBe("Cuckoo");
    expect(pascalCase("HTTPServer")).toBe("HttpServer");
    expect(snakeCase("checkWordExists")).toBe("check_word_exists");
    expect(pascalCase("wasmcloud:keyvalue")).toBe("WasmcloudKeyvalue");
    expect(pascalCase("kitchen.sink-v2/x")).toBe("KitchenSinkV2X");
    expect(snakeCase("2fa")).toBe("_2fa");
  });
});
