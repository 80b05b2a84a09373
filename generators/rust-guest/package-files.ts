import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let root: string | undefined;

/**
 * The widl-bindgen package folder, which holds `templates/` and `guest-runtime/`. Found by walking up, since
 * sources (`generators/rust-guest/*.ts`) and the build (`dist/generators/rust-guest/*.js`) sit at different
 * depths below it.
 */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "widl-bindgen") {
      return (root = dir);
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error("widl-bindgen: cannot find its own package.json");
    dir = parent;
  }
}

/** A file of the package, read as UTF-8: `packageFile("templates", "rust", "guest.rs.hbs")`. */
export function packageFile(...segments: string[]): string {
  return readFileSync(join(packageRoot(), ...segments), "utf8");
}
