/**
 * The options of the AssemblyScript targets (the `config` of their codegen.yaml entries), declared once
 * and checked by `resolveTargetOptions`, which refuses unknown keys by name.
 */
import { resolveTargetOptions, type OptionSpecs } from "../options.js";

/** The ABIs a guest can export (docs/abi.md). */
export type GuestAbi = "wapc" | "direct" | "both";

/** Where generated glue imports the runtime from: asc finds it in `node_modules/widl-bindgen`. */
export const DEFAULT_RUNTIME_IMPORT = "widl-bindgen/guest-runtime/assemblyscript";

export const assemblyScriptGuestOptions = {
  abi: {
    type: { oneOf: ["wapc", "direct", "both"] },
    default: "wapc",
    doc: "Which ABI the glue exports: `wapc` (`__guest_call`), `direct` (`__widl_op_<name>`) or `both`. Defaults to wapc.",
  },
  runtimeImport: {
    type: "string",
    default: DEFAULT_RUNTIME_IMPORT,
    doc: "The module the glue imports the guest runtime from. Defaults to widl-bindgen/guest-runtime/assemblyscript.",
  },
  binding: {
    type: "string",
    default: "default",
    doc: "The waPC binding the generated host-role clients call. Defaults to default.",
  },
  hostRoles: {
    type: "string[]",
    default: undefined,
    doc: "The roles the guest calls on the host; each becomes a typed client class. Defaults to every role.",
  },
  glueModule: {
    type: "string",
    default: "./module",
    doc: "How the entry file imports the glue, for the re-export line (glue header, scaffold). Defaults to ./module.",
  },
} as const satisfies OptionSpecs;

export interface AssemblyScriptGuestOptions {
  readonly abi: GuestAbi;
  readonly runtimeImport: string;
  readonly binding: string;
  readonly hostRoles: readonly string[] | undefined;
  readonly glueModule: string;
}

/** Checks options given in code, as codegen.yaml's are checked, and fills the defaults. */
export function resolveAssemblyScriptGuestOptions(
  target: string,
  given: Readonly<Record<string, unknown>> | undefined,
): AssemblyScriptGuestOptions {
  return resolveTargetOptions(target, assemblyScriptGuestOptions, given ?? {}, `the options of ${target}`) as never;
}
