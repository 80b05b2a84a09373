/**
 * The one handlebars setup every handlebars-based target uses (the AssemblyScript and Rust glue, both scaffolds, the
 * `new` project templates), so they all render under the same rules:
 * - an isolated environment per template folder, so no partial or helper leaks between targets or into a user's
 *   own handlebars;
 * - no HTML escaping: the output is source code, where `&`, `<` and `"` mean themselves;
 * - strict mode: a key the template prints but the view lacks (a misspelling) is an error at generation time, not
 *   an empty string in the user's code; `{{#if key}}` still reads a missing key as false, which is how a view
 *   leaves an optional section out;
 * - two helpers only, since templates hold layout, not logic: `eq` picks a partial branch by a
 *   kind string the TypeScript decided, and `json` writes a value as a JSON (and TOML) string literal.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import Handlebars from "handlebars";
import { packagePath } from "./own-package.js";

/** A compiled template: a view in, text out. */
export type Render = (view: object) => string;

/** A fresh handlebars environment with widl-bindgen's helpers. Its `compile` should go through {@link compileWith}. */
export function createHandlebars(): typeof Handlebars {
  const env = Handlebars.create();
  env.registerHelper("eq", (a: unknown, b: unknown) => a === b);
  env.registerHelper("json", (value: unknown) => JSON.stringify(value));
  return env;
}

/** Compiles `source` in `env` with widl-bindgen's options (no escaping, strict). */
export function compileWith(env: typeof Handlebars, source: string): Render {
  const compiled = env.compile(source, { noEscape: true, strict: true });
  return (view) => compiled(view);
}

/** A template's name: its file name up to the first dot (`struct-decode.rs.hbs` → `struct-decode`). */
function templateName(file: string): string {
  return file.slice(0, file.indexOf("."));
}

const folders = new Map<string, ReadonlyMap<string, Render>>();

/**
 * The templates of a folder of the package's `templates/` (`templateFolder("rust")`), compiled once per process.
 * Every `.hbs` file in it is a template and, by the same name, a partial of the others.
 * Returns a lookup that throws on an unknown name.
 */
export function templateFolder(...segments: string[]): (name: string) => Render {
  const dir = packagePath("templates", ...segments);
  let compiled = folders.get(dir);
  if (!compiled) {
    const env = createHandlebars();
    const sources = new Map<string, string>();
    for (const file of readdirSync(dir).sort()) {
      if (file.endsWith(".hbs")) sources.set(templateName(file), readFileSync(join(dir, file), "utf8"));
    }
    for (const [name, source] of sources) env.registerPartial(name, source);
    const renders = new Map<string, Render>();
    for (const [name, source] of sources) renders.set(name, compileWith(env, source));
    folders.set(dir, (compiled = renders));
  }
  const found = compiled;
  return (name) => {
    const render = found.get(name);
    if (!render) throw new Error(`widl-bindgen: no template ${name} in ${dir}`);
    return render;
  };
}
