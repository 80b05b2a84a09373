import { describe, expect, it } from "vitest";
import { compileWith, createHandlebars, templateFolder } from "../../generators/handlebars-env.js";

const render = (source: string, view: object) => compileWith(createHandlebars(), source)(view);

describe("the handlebars setup every target shares", () => {
  it("prints code as written: no HTML escaping", () => {
    expect(render("{{code}}", { code: `a < b && c > "d"` })).toBe(`a < b && c > "d"`);
  });

  it("fails on a key the template prints but the view lacks, instead of printing nothing", () => {
    expect(() => render("fn {{nmae}}()", { name: "f" })).toThrow(/nmae/);
    // An optional section reads a missing key as false.
    expect(render("{{#if doc}}/// {{doc}}{{/if}}fn", {})).toBe("fn");
  });

  it("has the two layout helpers", () => {
    expect(render(`{{#if (eq kind "list")}}L{{else}}O{{/if}}`, { kind: "list" })).toBe("L");
    expect(render("description = {{json text}}", { text: 'say "hi"' })).toBe('description = "say \\"hi\\""');
  });

  it("keeps environments apart: a partial of one folder is not a partial of another render", () => {
    expect(templateFolder("rust")("struct")).toBeTypeOf("function");
    expect(() => render("{{> struct}}", {})).toThrow(/struct/);
  });

  it("names the folder when a template is missing", () => {
    expect(() => templateFolder("rust")("nope")).toThrow(/no template nope in .*templates.rust/);
  });
});
