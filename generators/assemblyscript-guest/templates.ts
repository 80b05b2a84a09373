/**
 * Loads and compiles the handlebars templates in `templates/assemblyscript/`, once per process, in an
 * isolated handlebars environment (no global partials or helpers leak in or out).
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import Handlebars from "handlebars";
import { packagePath } from "../own-package.js";

type Render = (view: object) => string;
let cache: Map<string, Render> | undefined;

/** The compiled template `name` (a file `<name>.hbs`); every other file is available as a partial. */
export function template(name: string): Render {
  if (!cache) {
    const env = Handlebars.create();
    // Layout only: the one helper picks a partial branch by a kind string decided in TypeScript.
    env.registerHelper("eq", (a: unknown, b: unknown) => a === b);
    const dir = packagePath("templates", "assemblyscript");
    const sources = new Map<string, string>();
    for (const file of readdirSync(dir).sort()) {
      if (file.endsWith(".hbs")) sources.set(file.slice(0, -4), readFileSync(join(dir, file), "utf8"));
    }
    for (const [partial, source] of sources) env.registerPartial(partial, source);
    cache = new Map();
    for (const [key, source] of sources) {
      const compiled = env.compile(source, { noEscape: true, strict: false, preventIndent: false });
      cache.set(key, (view) => compiled(view));
    }
  }
  const render = cache.get(name);
  if (!render) throw new Error(`widl-bindgen: no template ${name}.hbs in templates/assemblyscript`);
  return render;
}
