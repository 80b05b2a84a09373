/**
 * The rust-guest generator through its API: the defaults `rustGuestOptions` documents, and doc comments that name
 * what the code does (a direct-ABI export by its WIDL name, not the Rust method's).
 */
import { describe, expect, it } from "vitest";
import { loadSchemaSource } from "../../widl-parser/index.js";
import { buildModel } from "../../generators/index.js";
import { generateRustGuest, rustGuestOptions } from "../../generators/rust-guest/index.js";

const model = buildModel(loadSchemaSource(`namespace "words"\ninterface { checkWordExists(word: string): bool }\n`, { file: "words.widl" }));

describe("rust-guest direct exports", () => {
  it("documents each export by the name it is exported as", () => {
    const glue = generateRustGuest(model, { abi: "direct" })[0]!.content;
    expect(glue).toContain('#[export_name = "__widl_op_checkWordExists"]');
    expect(glue).toContain("/// The direct-ABI export `__widl_op_checkWordExists`.");
    expect(glue).not.toContain("__widl_op_check_word_exists");
  });
});

describe("rust-guest without options", () => {
  it("exports the documented default ABIs (both)", () => {
    expect(rustGuestOptions.abi.default).toBe("both");
    const files = generateRustGuest(model).map((f) => f.path);
    expect(files).toEqual(["src/widl/mod.rs", "src/widl/msgpack.rs", "src/widl/wapc.rs", "src/widl/direct.rs"]);
    expect(generateRustGuest(model)[0]!.content).toContain('#[export_name = "__widl_op_checkWordExists"]');
  });
});
