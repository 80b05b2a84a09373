/** The Rust glue's doc comments name what the code does: a direct-ABI export is named by its WIDL name, not the Rust method's. */
import { describe, expect, it } from "vitest";
import { loadSchemaSource } from "../../widl-parser/index.js";
import { buildModel } from "../../generators/index.js";
import { generateRustGuest } from "../../generators/rust-guest/index.js";

const model = buildModel(loadSchemaSource(`namespace "words"\ninterface { checkWordExists(word: string): bool }\n`, { file: "words.widl" }));

describe("rust-guest direct exports", () => {
  it("documents each export by the name it is exported as", () => {
    const glue = generateRustGuest(model, { abi: "direct" })[0]!.content;
    expect(glue).toContain('#[export_name = "__widl_op_checkWordExists"]');
    expect(glue).toContain("/// The direct-ABI export `__widl_op_checkWordExists`.");
    expect(glue).not.toContain("__widl_op_check_word_exists");
  });
});
