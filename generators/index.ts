/**
 * `widl-bindgen/generators`: a WIDL schema to source files.
 *
 * - `buildModel(loaded)`: the one normalized model every target reads;
 * - `targets`: the registry of targets (`typescript-host`, …);
 * - `loadCodegenConfig` / `parseCodegenConfig`: codegen.yaml, checked;
 * - `await generate(config)` → the files, and `writeGenerated(files)` to write them (respecting `ifNotExists`);
 * - `descriptorFromModel(model)`: the wire codec's descriptors for a schema at run time.
 */
import { targets, type Target } from "./targets.js";

export * from "./model.js";
export * from "./naming.js";
export type { TargetLanguage } from "./names/kinds.js";
export { CodegenConfigError, resolveTargetOptions, type OptionSpec, type OptionSpecs, type OptionType } from "./options.js";
export {
  loadCodegenConfig,
  parseCodegenConfig,
  resolveCodegenConfig,
  type CodegenConfig,
  type GenerateJob,
  type ResolveConfigOptions,
} from "./config.js";
export { targets, type Target, type TargetContext, type TargetFile, type TargetGenerator } from "./targets.js";
export { generate, generateTarget, loadModel, writeGenerated, type GeneratedFile, type WriteResult } from "./generate.js";
export { checkDefaults, defaultOf, UnsupportedDefaultError, type DefaultLiteral, type DefaultOwner } from "./defaults.js";
export { generateTypescriptHost, typescriptHostOptions, type TypescriptHostOptions } from "./typescript-host/index.js";
export { descriptorFromModel, type ModelDescriptors, type DescriptorOptions } from "./wire-descriptors.js";
export {
  generateAssemblyScriptGuest,
  assemblyScriptGuestOptions,
  wasmExports as assemblyScriptWasmExports,
  type AssemblyScriptGuestOptions,
} from "./assemblyscript-guest/index.js";
export { generateAssemblyScriptScaffold } from "./assemblyscript-scaffold/index.js";

/** A target by name, or undefined. */
export function findTarget(name: string): Target | undefined {
  return targets.get(name);
}

