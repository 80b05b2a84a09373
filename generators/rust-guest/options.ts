/**
 * The options of the `rust-guest` target, as codegen.yaml spells them. Kept apart from the generator so that the
 * target registry (and the CLI's help and config checks) can read them without loading handlebars.
 */
import type { OptionSpecs } from "../options.js";

/** The options of the `rust-guest` target, as codegen.yaml spells them. */
export const rustGuestOptions = {
  abi: {
    type: { oneOf: ["wapc", "direct", "both"] },
    default: "both",
    doc: "Which ABIs the guest exports: the waPC `__guest_call`, one direct-ABI export per operation, or both. Defaults to both.",
  },
  hostRoles: {
    type: "string[]",
    default: undefined,
    doc: "Roles the host implements; each becomes a typed client in the guest. Defaults to every role in the schema.",
  },
  binding: {
    type: "string",
    default: "default",
    doc: 'The binding the guest\'s host calls use. Defaults to "default".',
  },
  modulePath: {
    type: "string",
    default: undefined,
    doc: "The glue module's path from the crate root, which `export_guest!` uses (e.g. `bindings::widl`). Defaults to the output folder's name.",
  },
} as const satisfies OptionSpecs;
