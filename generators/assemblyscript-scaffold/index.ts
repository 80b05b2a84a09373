/**
 * The `assemblyscript-scaffold` target: the guest's entry file, with a stub per operation registered
 * through the generated `Handlers`, and the line that re-exports the glue's wasm exports. It is written
 * only if the file does not exist (`ifNotExists`), so regenerating never overwrites the user's code.
 */
import type { Model } from "../model.js";
import { NameScope } from "../names/scope.js";
import { defaultSchemaName, filePreamble } from "../preamble.js";
import { AsCodec } from "../assemblyscript-guest/as-codec.js";
import { docBlock, reexportLine, registerName, RUNTIME_ALIAS, wasmExports } from "../assemblyscript-guest/glue-view.js";
import { type AssemblyScriptGuestOptions, resolveAssemblyScriptGuestOptions } from "../assemblyscript-guest/options.js";
import { templateFolder } from "../handlebars-env.js";
import { tidy } from "../assemblyscript-guest/index.js";

export { assemblyScriptGuestOptions as assemblyScriptScaffoldOptions } from "../assemblyscript-guest/options.js";

/** The entry file's text. `entryPath` is where it goes, for the build hint in its header. */
export function generateAssemblyScriptScaffold(
  model: Model,
  config?: Partial<AssemblyScriptGuestOptions> | Readonly<Record<string, unknown>>,
  entryPath = "assembly/index.ts",
  schemaFile = defaultSchemaName(model),
): string {
  const options = resolveAssemblyScriptGuestOptions("assemblyscript-scaffold", config);
  const codec = new AsCodec(RUNTIME_ALIAS);
  // The stubs are top-level functions, so they share the module's scope with the types the entry imports, which
  // operation names (a method scope in the glue) were never checked against.
  const topLevel = new NameScope((id) => id, () => "");
  topLevel.reserve("Handlers", RUNTIME_ALIAS, ...model.types.map((t) => t.id.as));
  const stubs = model.interface.operations.map((op) => {
    return {
      wireName: op.name,
      name: topLevel.claim(op.id.as),
      register: registerName(op),
      params: op.params.map((p) => `${p.id.as}: ${codec.type(p.type)}`).join(", "),
      result: op.returnType.kind === "void" ? "void" : codec.type(op.returnType),
      returns: op.returnType.kind === "void" ? "" : codec.zero(op.returnType),
      doc: docBlock(op.description, ""),
    };
  });
  const view = {
    preamble: filePreamble({ target: "assemblyscript-scaffold", from: schemaFile, owner: "scaffold" }),
    entryName: entryPath,
    abortPath: `~lib/${options.runtimeImport}/wapc/wapcAbort`,
    // The types the stubs' signatures name, as the codec wrote them (an optional alias may name its target).
    imports: ["Handlers", ...[...codec.namedTypes].sort()].join(", "),
    runtime: codec.namesRuntime ? { alias: RUNTIME_ALIAS, module: options.runtimeImport } : undefined,
    glueModule: options.glueModule,
    stubs,
    reexport: reexportLine(wasmExports(model, options.abi), options.glueModule),
  };
  return tidy(templateFolder("assemblyscript")("scaffold")(view));
}
