/**
 * Renders a project template folder (`templates/new/<template>/`) in memory. Every file in it is a handlebars
 * template named `<file>.hbs`; the suffix is dropped, and a path segment `_gitignore` or `_dockerignore` becomes
 * its dot-file, because npm leaves `.gitignore` files out of published packages.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { compileWith, createHandlebars } from "../handlebars-env.js";

/** One file of a rendered project. */
export interface ProjectFile {
  /** Relative to the project folder, `/`-separated. */
  readonly path: string;
  readonly content: string;
}

const DOT_FILES: Readonly<Record<string, string>> = { _gitignore: ".gitignore", _dockerignore: ".dockerignore" };

/** Every file under `dir`, relative and `/`-separated, sorted so renders are deterministic. */
function listFiles(dir: string, prefix = ""): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => {
      const rel = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
      return entry.isDirectory() ? listFiles(dir, rel) : [rel];
    });
}

/** Renders every file of `templateDir` with `view`. Throws if the folder holds a file that is not `.hbs`. */
export function renderTemplateFolder(templateDir: string, view: object): ProjectFile[] {
  // One environment per render: a project's files are not partials of each other.
  const env = createHandlebars();
  return listFiles(templateDir).map((rel) => {
    if (!rel.endsWith(".hbs")) throw new Error(`widl-bindgen: ${join(templateDir, rel)}: template files end in .hbs`);
    const path = rel
      .slice(0, -".hbs".length)
      .split("/")
      .map((segment) => DOT_FILES[segment] ?? segment)
      .join("/");
    return { path, content: compileWith(env, readFileSync(join(templateDir, rel), "utf8"))(view) };
  });
}
