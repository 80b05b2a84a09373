/**
 * The names a new project is known by. The user gives one npm package name; the names other tools need
 * (the Rust crate, the Kubernetes objects) are derived from it here, before rendering, so templates only
 * place them.
 */
import { isBuiltin } from "node:module";
import { NewProjectError } from "./errors.js";

// npm's rules for new package names (validate-npm-package-name): lowercase, URL-safe, no leading "." or "_",
// at most 214 characters, optionally scoped.
const NPM_NAME = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9~-][a-z0-9._~-]*$/;

/** Why `name` cannot be an npm package name, or undefined when it can. */
export function projectNameProblem(name: string): string | undefined {
  if (name.length === 0) return "the name is empty";
  if (name.length > 214) return "npm package names are at most 214 characters";
  if (!NPM_NAME.test(name)) {
    return 'npm package names use lowercase letters, digits, "-", "." and "_", may be scoped (@scope/name), and do not start with "." or "_"';
  }
  if (name === "node_modules" || name === "favicon.ico" || isBuiltin(name)) return `"${name}" is reserved`;
  return undefined;
}

/** Throws `NewProjectError` unless `name` is a valid npm package name. */
export function checkProjectName(name: string): void {
  const problem = projectNameProblem(name);
  if (problem !== undefined) throw new NewProjectError(`invalid project name "${name}": ${problem}`);
}

export interface ProjectNames {
  /** The npm package name. */
  readonly name: string;
  /** A Rust crate name: `[a-z_][a-z0-9_]*`. */
  readonly crateName: string;
  /** A Kubernetes object name (DNS-1123 label): lowercase letters, digits and "-", at most 63. */
  readonly k8sName: string;
}

/** Derives every name from a valid npm package name. */
export function projectNames(name: string): ProjectNames {
  const bare = name.replace(/^@[^/]+\//, "");
  const crate = bare.replace(/[^a-z0-9_]/g, "_");
  const k8s = bare
    .replace(/[^a-z0-9-]/g, "-")
    .slice(0, 63)
    .replace(/^-+|-+$/g, "");
  return {
    name,
    // A crate name cannot start with a digit.
    crateName: /^[0-9]/.test(crate) ? `guest_${crate}` : crate,
    k8sName: k8s === "" ? "guest" : k8s,
  };
}
