import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The root folder of the installed widl-bindgen package. Works both from source (`cli/*.ts` run by
 * tsx or vitest) and from the build (`dist/cli/*.js`), which sit at different depths.
 */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "widl-bindgen") {
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error("widl-bindgen: cannot find its own package.json");
    dir = parent;
  }
}

/** The version in widl-bindgen's package.json. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as { version: string }).version;
}
