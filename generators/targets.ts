/**
 * The target registry: one entry per target name, each with its declared options and its wapc CLI
 * equivalents. A new target is one line in `targets` below.
 */
import type { Model } from "./model.js";
import type { OptionSpecs } from "./options.js";
import { assemblyScriptGuestOptions, generateAssemblyScriptGuest } from "./assemblyscript-guest/index.js";
import { assemblyScriptScaffoldOptions, generateAssemblyScriptScaffold } from "./assemblyscript-scaffold/index.js";
import { generateRustGuest, rustGuestOptions } from "./rust-guest/index.js";
import { generateRustScaffold, rustScaffoldOptions } from "./rust-scaffold/index.js";
import { generateTypescriptHost, typescriptHostOptions, type TypescriptHostOptions } from "./typescript-host/index.js";

/** One file a target writes, its path relative to the codegen.yaml folder. */
export interface TargetFile {
  readonly path: string;
  readonly content: string;
  /** Written only when the file does not exist yet (scaffolds). */
  readonly ifNotExists?: boolean;
}

/** What a target knows about the entry it generates for. */
export interface TargetContext {
  /** The entry's output path as written in codegen.yaml (relative to its folder). */
  readonly output: string;
  /** The schema's file name, for header comments. */
  readonly schemaFile: string;
}

export interface Target {
  readonly name: string;
  readonly description: string;
  /** The options its `config` accepts; any other key is a `CodegenConfigError`. */
  readonly options: OptionSpecs;
  /** The wapc CLI's `module` + `visitorClass` pairs that mean this target. */
  readonly wapc?: readonly { readonly module: string; readonly visitorClass: string }[];
  /** The text of the output file, or several files (paths relative to the codegen.yaml folder). */
  generate(model: Model, options: Readonly<Record<string, unknown>>, context: TargetContext): string | readonly TargetFile[];
}

const target = (t: Target): [string, Target] => [t.name, t];

/** Every target, by name. */
export const targets: ReadonlyMap<string, Target> = new Map([
  target({
    name: "typescript-host",
    description: "typed TypeScript stubs that load a guest and call it synchronously",
    options: typescriptHostOptions,
    wapc: [{ module: "widl-bindgen", visitorClass: "TypeScriptHostVisitor" }],
    generate: (model, options, ctx) =>
      generateTypescriptHost(model, { ...(options as TypescriptHostOptions), schemaFile: ctx.schemaFile }),
  }),
  target({
    name: "assemblyscript-guest",
    description: "AssemblyScript guest glue: types, Handlers, host-role clients, waPC and/or direct-ABI exports",
    options: assemblyScriptGuestOptions,
    wapc: [{ module: "@wapc/widl-codegen/assemblyscript", visitorClass: "ModuleVisitor" }],
    generate: (model, options, ctx) => generateAssemblyScriptGuest(model, options, ctx.schemaFile),
  }),
  target({
    name: "assemblyscript-scaffold",
    description: "the AssemblyScript guest's entry file with handler stubs (only if it does not exist)",
    options: assemblyScriptScaffoldOptions,
    wapc: [{ module: "@wapc/widl-codegen/assemblyscript", visitorClass: "ScaffoldVisitor" }],
    generate: (model, options, ctx) => [
      { path: ctx.output, content: generateAssemblyScriptScaffold(model, options, ctx.output, ctx.schemaFile), ifNotExists: true },
    ],
  }),
  target({
    name: "rust-guest",
    description: "Rust guest glue (types, Handlers trait, exports) and its runtime modules",
    options: rustGuestOptions,
    wapc: [{ module: "@wapc/widl-codegen/rust", visitorClass: "ModuleVisitor" }],
    generate: (model, options, ctx) => generateRustGuest(model, { ...options, out: ctx.output, source: ctx.schemaFile }),
  }),
  target({
    name: "rust-scaffold",
    description: "a Rust guest crate to start from (only files that do not exist yet)",
    options: rustScaffoldOptions,
    wapc: [{ module: "@wapc/widl-codegen/rust", visitorClass: "ScaffoldVisitor" }],
    generate: (model, options, ctx) => generateRustScaffold(model, { ...options, out: ctx.output }),
  }),
]);
