/**
 * The `assemblyscript-scaffold` target: the guest's entry file, with a stub per operation registered
 * through the generated `Handlers`, and the line that re-exports the glue's wasm exports. It is written
 * only if the file does not exist (`ifNotExists`), so regenerating never overwrites the user's code.
 */
import { basename } from "node:path";
import type { Model, TypeExpr } from "../model.js";
import { AsCodec } from "../assemblyscript-guest/as-codec.js";
import { docBlock, reexportLine, registerName, RUNTIME_ALIAS, wasmExports } from "../assemblyscript-guest/glue-view.js";
import { type AssemblyScriptGuestOptions, resolveAssemblyScriptGuestOptions } from "../assemblyscript-guest/options.js";
import { template } from "../assemblyscript-guest/templates.js";
import { tidy } from "../assemblyscript-guest/index.js";

export { assemblyScriptGuestOptions as assemblyScriptScaffoldOptions } from "../assemblyscript-guest/options.js";

/** The named types a type string mentions (not those nested inside them), for the import list. */
function mentionedTypes(t: TypeExpr, into: Set<string>): void {
  switch (t.kind) {
    case "list":
      return mentionedTypes(t.item, into);
    case "map":
      mentionedTypes(t.key, into);
      return mentionedTypes(t.value, into);
    case "optional":
      return mentionedTypes(t.inner, into);
    case "struct":
    case "enum":
    case "union":
    case "alias":
      into.add(t.def.id.as);
      return;
    default:
      return;
  }
}

/** The entry file's text. `entryPath` is where it goes, for the build hint in its header. */
export function generateAssemblyScriptScaffold(
  model: Model,
  config?: Partial<AssemblyScriptGuestOptions> | Readonly<Record<string, unknown>>,
  entryPath = "assembly/index.ts",
  schemaFile = basename(model.file),
): string {
  const options = resolveAssemblyScriptGuestOptions("assemblyscript-scaffold", config);
  const codec = new AsCodec(RUNTIME_ALIAS);
  const types = new Set<string>();
  const stubs = model.interface.operations.map((op) => {
    for (const p of op.params) mentionedTypes(p.type, types);
    if (op.returnType.kind !== "void") mentionedTypes(op.returnType, types);
    return {
      wireName: op.name,
      name: op.id.as,
      register: registerName(op),
      params: op.params.map((p) => `${p.id.as}: ${codec.type(p.type)}`).join(", "),
      result: op.returnType.kind === "void" ? "void" : codec.type(op.returnType),
      returns: op.returnType.kind === "void" ? "" : codec.zero(op.returnType),
      doc: docBlock(op.description, ""),
    };
  });
  const view = {
    target: "assemblyscript-scaffold",
    schemaFile,
    entryName: entryPath,
    abortPath: `~lib/${options.runtimeImport}/wapc/wapcAbort`,
    imports: ["Handlers", ...[...types].sort()].join(", "),
    runtime: codec.namesRuntime ? { alias: RUNTIME_ALIAS, module: options.runtimeImport } : undefined,
    glueModule: options.glueModule,
    stubs,
    reexport: reexportLine(wasmExports(model, options.abi), options.glueModule),
  };
  return tidy(template("scaffold")(view));
}
