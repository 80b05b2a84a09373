import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** What `new` reads from widl-bindgen's own package.json. */
export interface OwnPackage {
  readonly root: string;
  readonly version: string;
  /** Dependency ranges widl-bindgen itself is built and tested with; generated projects use the same. */
  readonly ranges: Readonly<Record<string, string>>;
}

let cached: OwnPackage | undefined;

/** widl-bindgen's package folder, found from source (`generators/new-project/`) and from `dist/` alike. */
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
