/**
 * The options of the `rust-scaffold` target, as codegen.yaml spells them. Kept apart from the generator so that the
 * target registry (and the CLI's help and config checks) can read them without loading handlebars.
 */
import type { OptionSpecs } from "../options.js";

/** The options of the `rust-scaffold` target. */
export const rustScaffoldOptions = {
  crateName: {
    type: "string",
    default: undefined,
    doc: "The Cargo package name. Defaults to the schema's namespace, with characters Cargo refuses replaced by `-`.",
  },
  module: {
    type: "string",
    default: "widl",
    doc: "The name of the module the `rust-guest` target writes (its `out` folder's name). Defaults to widl.",
  },
  hostRoles: {
    type: "string[]",
    default: undefined,
    doc: "Roles the host implements (as for rust-guest); the others get stubs. Defaults to every role.",
  },
} as const satisfies OptionSpecs;
