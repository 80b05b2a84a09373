/**
 * Where the running widl-bindgen came from, which decides how a new project depends on it. From a registry, a
 * project asks for `^<version>` like any package. From anywhere else (a git checkout, a `file:` folder install, a
 * packed tarball), the registry may not have this version at all (before the first publish, it has none), so the
 * project depends on the same copy by path, and `npm install` in it works offline from that copy.
 *
 * The runtime package `@widl-bindgen/host` travels with it: in a checkout or folder it is `host-runtime/`, and
 * packed it is the `widl-bindgen-host-<version>.tgz` that `npm pack` writes next to widl-bindgen's tarball.
 * Every template names both packages, so both get a local spec.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";

/** How widl-bindgen was installed. */
export type InstallSource =
  | { readonly kind: "registry" }
  /** A git checkout, or a folder installed with `file:` (npm links it, so the code runs from the folder itself). */
  | { readonly kind: "folder"; readonly path: string }
  /** A packed tarball (`npm install ./widl-bindgen-<v>.tgz`, `npx ./widl-bindgen-<v>.tgz`). */
  | { readonly kind: "tarball"; readonly path: string };

/** The env variable that says how new projects depend on widl-bindgen when `new --widl-bindgen` is absent. */
export const WIDL_BINDGEN_SPEC_ENV = "WIDL_BINDGEN_SPEC";
/** The same for `@widl-bindgen/host`, when it is not beside widl-bindgen (a tarball packed elsewhere). */
export const WIDL_BINDGEN_HOST_SPEC_ENV = "WIDL_BINDGEN_HOST_SPEC";

/** The runtime package's name; widl-bindgen depends on it, and host applications do too. */
export const HOST_PACKAGE = "@widl-bindgen/host";

const NODE_MODULES = `${sep}node_modules${sep}`;

/**
 * Where the package at `root` (its real path, as module URLs are) came from. A package outside any
 * `node_modules` is a checkout or a linked folder. Inside one, npm's hidden lockfile (`node_modules/.package-lock.json`,
 * or the project's `package-lock.json`) records what it was resolved from: `file:` means a tarball or folder,
 * anything else a registry.
 */
export function installSource(root: string): InstallSource {
  const at = root.lastIndexOf(NODE_MODULES);
  if (at < 0) return { kind: "folder", path: root };
  const prefix = root.slice(0, at);
  const key = relative(prefix, root).split(sep).join("/");
  for (const lockfile of [join(prefix, "node_modules", ".package-lock.json"), join(prefix, "package-lock.json")]) {
    const resolved = lockedResolution(lockfile, key);
    if (resolved === undefined) continue;
    if (!resolved.startsWith("file:")) return { kind: "registry" };
    const path = resolve(prefix, resolved.slice("file:".length));
    return /\.t(?:ar\.)?gz$/.test(path) ? { kind: "tarball", path } : { kind: "folder", path };
  }
  return { kind: "registry" };
}

function lockedResolution(lockfile: string, key: string): string | undefined {
  if (!existsSync(lockfile)) return undefined;
  try {
    const lock = JSON.parse(readFileSync(lockfile, "utf8")) as { packages?: Record<string, { resolved?: string }> };
    return lock.packages?.[key]?.resolved;
  } catch {
    return undefined; // an unreadable lockfile says nothing; the registry default stands
  }
}

/**
 * The runtime package that goes with a local widl-bindgen: `host-runtime/` of a folder that has one, or the
 * `widl-bindgen-host-*.tgz` beside a tarball (the one of the same version if there are several). Undefined when
 * there is none (before the runtime was split out, or when only widl-bindgen was packed).
 */
export function localHostPackage(widlBindgen: Exclude<InstallSource, { kind: "registry" }>): string | undefined {
  if (widlBindgen.kind === "folder") {
    const dir = join(widlBindgen.path, "host-runtime");
    return packageName(join(dir, "package.json")) === HOST_PACKAGE ? dir : undefined;
  }
  const folder = dirname(widlBindgen.path);
  const version = /^widl-bindgen-(.+)\.tgz$/.exec(basename(widlBindgen.path))?.[1];
  const tarballs = readdirSync(folder).filter((f) => /^widl-bindgen-host-.+\.tgz$/.test(f));
  const same = tarballs.find((f) => f === `widl-bindgen-host-${version}.tgz`);
  const pick = same ?? (tarballs.length === 1 ? tarballs[0] : undefined);
  return pick === undefined ? undefined : join(folder, pick);
}

function packageName(manifest: string): string | undefined {
  if (!existsSync(manifest)) return undefined;
  return (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name;
}

/** A `file:` spec for `path` as written in a package.json in `projectDir`: relative, so both can move together. */
export function fileSpec(path: string, projectDir: string): string {
  const rel = relative(projectDir, path).split(sep).join("/");
  return `file:${rel.startsWith(".") ? rel : `./${rel}`}`;
}
