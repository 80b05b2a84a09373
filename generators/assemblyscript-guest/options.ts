/**
 * The options of the `assemblyscript-guest` target (the `config` of its codegen.yaml entry).
 */

/** The ABIs a guest can export (docs/abi.md). */
export type GuestAbi = "wapc" | "direct" | "both";

export interface AssemblyScriptGuestOptions {
  /** Which ABI the glue exports: `wapc` (`__guest_call`), `direct` (`__widl_op_*`) or `both`. Defaults to `"wapc"`. */
  abi: GuestAbi;
  /**
   * The module the glue imports the guest runtime from. asc resolves it in `node_modules` like a package.
   * Defaults to `"widl-bindgen/guest-runtime/assemblyscript"`.
   */
  runtimeImport: string;
  /** The waPC binding the generated `Host` clients call. Defaults to `"default"`. */
  binding: string;
  /** The roles the guest calls on the host, each becoming a typed client class. Defaults to every role. */
  hostRoles: string[] | undefined;
  /**
   * How the entry file imports the glue, for the re-export line printed in the glue's header (and written
   * by the scaffold). Defaults to `"./module"`.
   */
  glueModule: string;
}

export const DEFAULT_RUNTIME_IMPORT = "widl-bindgen/guest-runtime/assemblyscript";

const defaults: AssemblyScriptGuestOptions = {
  abi: "wapc",
  runtimeImport: DEFAULT_RUNTIME_IMPORT,
  binding: "default",
  hostRoles: undefined,
  glueModule: "./module",
};

/** An option of an AssemblyScript target that is unknown or has a wrong value. */
export class AssemblyScriptOptionError extends TypeError {
  override readonly name = "AssemblyScriptOptionError";
}

/** Resolves the target's options once, refusing unknown keys and wrong values with a named error. */
export function resolveAssemblyScriptGuestOptions(
  target: string,
  given: Partial<Readonly<AssemblyScriptGuestOptions>> | Record<string, unknown> | undefined,
): AssemblyScriptGuestOptions {
  const out: AssemblyScriptGuestOptions = { ...defaults };
  const fail = (key: string, reason: string): never => {
    throw new AssemblyScriptOptionError(`${target}: invalid option "${key}": ${reason}`);
  };
  for (const [key, value] of Object.entries(given ?? {})) {
    if (value === undefined) continue;
    switch (key) {
      case "abi":
        if (value !== "wapc" && value !== "direct" && value !== "both") fail(key, `expected wapc, direct or both, got ${String(value)}`);
        out.abi = value as GuestAbi;
        break;
      case "runtimeImport":
      case "binding":
      case "glueModule":
        if (typeof value !== "string" || value === "") fail(key, `expected a non-empty string, got ${typeof value}`);
        out[key] = value as string;
        break;
      case "hostRoles":
        if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) fail(key, "expected a list of role names");
        out.hostRoles = [...(value as string[])];
        break;
      default:
        fail(key, `unknown option (known: ${Object.keys(defaults).join(", ")})`);
    }
  }
  return out;
}
