/**
 * The `rust-guest` target: Rust glue for a wasm guest, with no crate dependencies.
 *
 * It writes one module directory into the user's crate (by default `src/widl/`):
 * - `mod.rs`: the generated types, each with `encode`/`decode`; the `Handlers` trait the user implements;
 *   the waPC dispatch and/or one direct-ABI export per operation; the `export_guest!` macro; typed clients
 *   for the host roles;
 * - `msgpack.rs`, `wapc.rs`, `direct.rs`: the runtime from `guest-runtime/rust/`, copied verbatim, each only
 *   when the guest needs it (`wapc.rs` for the waPC ABI or host calls, `direct.rs` for the direct ABI, whose
 *   allocator exports would otherwise make the host think the guest speaks it).
 */
import { basename, dirname, posix } from "node:path";
import type { Model } from "../model.js";
import { templateFolder } from "../handlebars-env.js";
import { packageFile } from "../own-package.js";
import { defaultSchemaName, filePreamble } from "../preamble.js";
import { rustGuestOptions } from "./options.js";
import { rustGuestView, type RustAbi } from "./view.js";

export { rustGuestOptions } from "./options.js";

export type { RustAbi } from "./view.js";

export interface RustGuestOptions {
  readonly abi?: RustAbi;
  readonly hostRoles?: readonly string[];
  readonly binding?: string;
  /** The glue module's path from the crate root. Defaults to the output folder's name. */
  readonly modulePath?: string;
  /**
   * Where the glue goes, relative to the project: a directory (`src/widl`), its `mod.rs`, or a module file
   * (`src/widl.rs`, whose submodules then live in `src/widl/`). The last name is the module's name, which
   * the `export_guest!` macro uses as its path from the crate root. Defaults to `src/widl`.
   */
  readonly out?: string;
  /** The schema as the glue file's preamble names it: its path relative to the glue file. Defaults to the model's file name. */
  readonly source?: string;
}

/** One file a target writes. */
export interface RustGeneratedFile {
  readonly path: string;
  readonly content: string;
}

/** The glue file, the runtime directory beside it, and the module name, for an `out` setting. */
export function rustModuleLayout(out = "src/widl"): { glue: string; dir: string; module: string } {
  const norm = out.replace(/\\/g, "/").replace(/\/+$/, "");
  if (basename(norm) === "mod.rs") return { glue: norm, dir: dirname(norm), module: basename(dirname(norm)) };
  if (norm.endsWith(".rs")) {
    const dir = norm.slice(0, -3);
    return { glue: norm, dir, module: basename(dir) };
  }
  return { glue: `${norm}/mod.rs`, dir: norm, module: basename(norm) };
}

/** The runtime files a guest needs, by name. */
function runtimeFiles(view: { wapcModule: boolean; direct: boolean }): string[] {
  return ["msgpack.rs", ...(view.wapcModule ? ["wapc.rs"] : []), ...(view.direct ? ["direct.rs"] : [])];
}

/** Generates the Rust glue module and its runtime for a schema. */
export function generateRustGuest(model: Model, options: RustGuestOptions = {}): RustGeneratedFile[] {
  const layout = rustModuleLayout(options.out);
  const view = rustGuestView(model, {
    abi: options.abi ?? rustGuestOptions.abi.default,
    hostRoles: options.hostRoles ?? model.roles.map((r) => r.name),
    binding: options.binding ?? rustGuestOptions.binding.default,
    modulePath: options.modulePath ?? layout.module,
    source: options.source ?? defaultSchemaName(model),
  });
  const glue = `${templateFolder("rust")("guest")(view).replace(/\n{3,}/g, "\n\n").trimEnd()}\n`;
  return [
    { path: layout.glue, content: glue },
    ...runtimeFiles(view).map((name) => ({
      path: posix.join(layout.dir, name),
      content: `${filePreamble({ target: "rust-guest", from: `its guest runtime (guest-runtime/rust/${name})` })}\n${packageFile("guest-runtime", "rust", name)}`,
    })),
  ];
}
