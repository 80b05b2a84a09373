/**
 * widl-bindgen's own package folder and manifest, which hold what generators read at run time (`templates/`,
 * `guest-runtime/`) and what `new` and the CLI report (the version, dependency ranges). Found by walking up from
 * this file, since the sources (`generators/*.ts`) and the build (`dist/generators/*.js`) sit at different depths.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** What widl-bindgen's package.json says about itself. */
export interface OwnPackage {
  /** The package folder. */
  readonly root: string;
  readonly version: string;
  /** Dependency ranges widl-bindgen itself is built and tested with; generated projects use the same. */
  readonly ranges: Readonly<Record<string, string>>;
}

let cached: OwnPackage | undefined;

/** widl-bindgen's package folder and manifest, found once per process. */
export function ownPackage(): OwnPackage {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, "utf8")) as {
        name?: string;
        version: string;
        dependencies?: Record<string, string>;
        devDependencies?: Record<string, string>;
      };
      if (pkg.name === "widl-bindgen") {
        return (cached = { root: dir, version: pkg.version, ranges: { ...pkg.devDependencies, ...pkg.dependencies } });
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error("widl-bindgen: cannot find its own package.json");
    dir = parent;
  }
}

/** A path inside the package: `packagePath("templates", "assemblyscript")`. */
export function packagePath(...segments: string[]): string {
  return join(ownPackage().root, ...segments);
}

/** A file of the package, read as UTF-8: `packageFile("templates", "rust", "guest.rs.hbs")`. */
export function packageFile(...segments: string[]): string {
  return readFileSync(packagePath(...segments), "utf8");
}
