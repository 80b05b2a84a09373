/**
 * Loads and compiles the handlebars templates in `templates/assemblyscript/`, once per process, in an
 * isolated handlebars environment (no global partials or helpers leak in or out).
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";

/** The package's `templates/assemblyscript`, found from source and from `dist/` alike. */
function templatesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, "templates", "assemblyscript");
    if (existsSync(join(dir, "package.json")) && existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error("widl-bindgen: cannot find templates/assemblyscript");
    dir = parent;
  }
}

type Render = (view: object) => string;
let cache: Map<string, Render> | undefined;

/** The compiled template `name` (a file `<name>.hbs`); every other file is available as a partial. */
export function template(name: string): Render {
  if (!cache) {
    const env = Handlebars.create();
    // Layout only: the one helper picks a partial branch by a kind string decided in TypeScript.
    env.registerHelper("eq", (a: unknown, b: unknown) => a === b);
    const dir = templatesDir();
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
