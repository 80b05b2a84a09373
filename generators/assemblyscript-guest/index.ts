/**
 * The `assemblyscript-guest` target: AssemblyScript glue for a guest, from the model. It holds the
 * schema's types as classes with msgpack `decode`/`encode`, `Handlers.register<Op>(fn)` per operation,
 * typed clients for the host roles, and the wasm exports of the chosen ABI (`__guest_call` for waPC,
 * `__widl_op_<name>` and the allocator for the direct ABI). All wire rules live in the guest runtime
 * (guest-runtime/assemblyscript); the glue only sequences its calls.
 */
import { defaultSchemaName } from "../preamble.js";
import type { Model } from "../model.js";
import { buildGlueView } from "./glue-view.js";
import { type AssemblyScriptGuestOptions, resolveAssemblyScriptGuestOptions } from "./options.js";
import { templateFolder } from "../handlebars-env.js";

export { wasmExports, reexportLine, directExportName } from "./glue-view.js";
export {
  type AssemblyScriptGuestOptions,
  type GuestAbi,
  assemblyScriptGuestOptions,
  DEFAULT_RUNTIME_IMPORT,
  resolveAssemblyScriptGuestOptions,
} from "./options.js";

/** Generates the glue module's source text. Identical inputs give identical text. */
export function generateAssemblyScriptGuest(
  model: Model,
  config?: Partial<AssemblyScriptGuestOptions> | Readonly<Record<string, unknown>>,
  schemaFile = defaultSchemaName(model),
): string {
  const options = resolveAssemblyScriptGuestOptions("assemblyscript-guest", config);
  return tidy(templateFolder("assemblyscript")("glue")(buildGlueView(model, options, schemaFile)));
}

/** Collapses runs of blank lines the template's optional sections leave, and ends with one newline. */
export function tidy(text: string): string {
  return `${text.replace(/[ \t]+$/gm, "").replace(/\n{3,}/g, "\n\n").trimEnd()}\n`;
}
