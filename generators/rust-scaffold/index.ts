/**
 * The `rust-scaffold` target: a guest crate to start from, written only where the files do not exist yet
 * (`ifNotExists`), so regenerating never overwrites the user's code.
 *
 * - `Cargo.toml`: no dependencies, `crate-type = ["cdylib"]`, and a release profile tuned for size;
 * - `src/lib.rs`: `mod widl;`, a `Guest` type implementing every operation as a stub that returns an error,
 *   and `widl::export_guest!(Guest);`. It compiles as is, under `#![deny(warnings)]`.
 */
import { posix } from "node:path";
import type { Model } from "../model.js";
import { unraw } from "../names/rust.js";
import { defaultSchemaName, filePreamble, type LineComment } from "../preamble.js";
import { templateFolder } from "../handlebars-env.js";
import { rustType } from "../rust-guest/rust-types.js";
import { guestOperations } from "../operation-sides.js";
import { doc } from "../rust-guest/view.js";
import { rustScaffoldOptions } from "./options.js";

export { rustScaffoldOptions } from "./options.js";

export interface RustScaffoldOptions {
  readonly crateName?: string;
  readonly module?: string;
  readonly hostRoles?: readonly string[];
  /** The crate's folder, relative to the project. Defaults to `.`. */
  readonly out?: string;
  /** The schema as the preambles name it: its path relative to the crate's folder. Defaults to the model's file name. */
  readonly source?: string;
}

/** A file the scaffold writes only when it does not exist. */
export interface RustScaffoldFile {
  readonly path: string;
  readonly content: string;
  readonly ifNotExists: true;
}

/** A Cargo package name from a namespace: `my.guest` → `my-guest`. */
export function crateNameFor(namespace: string): string {
  const name = namespace.replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "");
  return name === "" ? "guest" : /^[0-9]/.test(name) ? `guest-${name}` : name;
}

/** Generates the crate scaffold for a schema. */
export function generateRustScaffold(model: Model, options: RustScaffoldOptions = {}): RustScaffoldFile[] {
  const crateName = options.crateName ?? crateNameFor(model.namespace.name);
  const module = options.module ?? rustScaffoldOptions.module.default;
  const ops = guestOperations(model, options.hostRoles ?? model.roles.map((r) => r.name));
  const source = options.source ?? defaultSchemaName(model);
  const preamble = (comment: LineComment, from: string) =>
    filePreamble({ target: "rust-scaffold", from, owner: "scaffold", comment });
  const view = {
    crateName,
    wasmName: crateName.replace(/-/g, "_"),
    namespace: JSON.stringify(model.namespace.name),
    module,
    operations: ops.map((op) => ({
      doc: doc(op.description),
      method: op.id.rust,
      wireName: op.name,
      // Stubs do not use their parameters; a leading `_` keeps `deny(warnings)` quiet (and is never a keyword).
      params: op.params.map((p) => `_${unraw(p.id.rust)}: ${rustType(p.type, false, `${module}::`)}`).join(", "),
      returnType: op.returnType.kind === "void" ? "()" : rustType(op.returnType, false, `${module}::`),
    })),
  };
  const template = templateFolder("rust");
  const out = options.out ?? ".";
  return [
    { path: posix.join(out, "Cargo.toml"), content: template("Cargo")({ ...view, preamble: preamble("#", source) }), ifNotExists: true },
    {
      path: posix.join(out, "src", "lib.rs"),
      content: template("lib")({ ...view, preamble: preamble("//", posix.join("..", source)) }),
      ifNotExists: true,
    },
  ];
}
