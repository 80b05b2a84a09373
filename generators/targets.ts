/**
 * The target registry: one entry per target name, each with its declared options and its wapc CLI
 * equivalents. A new target is one entry in `targets` below.
 *
 * Each generator is imported by its entry's `load`, when a job of that target runs: the CLI's `--help`, `check`
 * and the other targets never load ts-morph or handlebars (test/cli/lazy-loading.test.ts holds that).
 */
import type { Model } from "./model.js";
import type { OptionSpecs } from "./options.js";
import { assemblyScriptGuestOptions } from "./assemblyscript-guest/options.js";
import { rustGuestOptions } from "./rust-guest/options.js";
import { rustScaffoldOptions } from "./rust-scaffold/options.js";
import { typescriptHostOptions, type TypescriptHostOptions } from "./typescript-host/options.js";

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
  /** The schema's path relative to the entry's output, for preambles. */
  readonly schemaFile: string;
  /** The schema's path relative to another file the target writes (a path relative to the codegen.yaml folder). */
  schemaFrom(path: string): string;
}

export interface Target {
  readonly name: string;
  readonly description: string;
  /** The options its `config` accepts; any other key is a `CodegenConfigError`. */
  readonly options: OptionSpecs;
  /** The wapc CLI's `module` + `visitorClass` pairs that mean this target. */
  readonly wapc?: readonly { readonly module: string; readonly visitorClass: string }[];
  /** Imports the generator (and what it needs: code-block-writer, handlebars) the first time a job of this target runs. */
  load(): Promise<TargetGenerator>;
}

/** A target's generator: the text of the output file, or several files (paths relative to the codegen.yaml folder). */
export type TargetGenerator = (
  model: Model,
  options: Readonly<Record<string, unknown>>,
  context: TargetContext,
) => string | readonly TargetFile[];

const target = (t: Target): [string, Target] => [t.name, t];

/** Every target, by name. */
export const targets: ReadonlyMap<string, Target> = new Map([
  target({
    name: "typescript-host",
    description: "typed TypeScript stubs that load a guest and call it synchronously",
    options: typescriptHostOptions,
    wapc: [{ module: "widl-bindgen", visitorClass: "TypeScriptHostVisitor" }],
    load: async () => {
      const { generateTypescriptHost } = await import("./typescript-host/index.js");
      return (model, options, ctx) => generateTypescriptHost(model, { ...(options as TypescriptHostOptions), schemaFile: ctx.schemaFile });
    },
  }),
  target({
    name: "assemblyscript-guest",
    description: "AssemblyScript guest glue: types, Handlers, host-role clients, waPC and/or direct-ABI exports",
    options: assemblyScriptGuestOptions,
    wapc: [{ module: "@wapc/widl-codegen/assemblyscript", visitorClass: "ModuleVisitor" }],
    load: async () => {
      const { generateAssemblyScriptGuest } = await import("./assemblyscript-guest/index.js");
      return (model, options, ctx) => generateAssemblyScriptGuest(model, options, ctx.schemaFile);
    },
  }),
  target({
    name: "assemblyscript-scaffold",
    description: "the AssemblyScript guest's entry file with handler stubs (only if it does not exist)",
    options: assemblyScriptGuestOptions,
    wapc: [{ module: "@wapc/widl-codegen/assemblyscript", visitorClass: "ScaffoldVisitor" }],
    load: async () => {
      const { generateAssemblyScriptScaffold } = await import("./assemblyscript-scaffold/index.js");
      return (model, options, ctx) => [
        { path: ctx.output, content: generateAssemblyScriptScaffold(model, options, ctx.output, ctx.schemaFile), ifNotExists: true },
      ];
    },
  }),
  target({
    name: "rust-guest",
    description: "Rust guest glue (types, Handlers trait, exports) and its runtime modules",
    options: rustGuestOptions,
    wapc: [{ module: "@wapc/widl-codegen/rust", visitorClass: "ModuleVisitor" }],
    load: async () => {
      const { generateRustGuest, rustModuleLayout } = await import("./rust-guest/index.js");
      return (model, options, ctx) =>
        generateRustGuest(model, { ...options, out: ctx.output, source: ctx.schemaFrom(rustModuleLayout(ctx.output).glue) });
    },
  }),
  target({
    name: "rust-scaffold",
    description: "a Rust guest crate to start from (only files that do not exist yet)",
    options: rustScaffoldOptions,
    wapc: [{ module: "@wapc/widl-codegen/rust", visitorClass: "ScaffoldVisitor" }],
    load: async () => {
      const { generateRustScaffold } = await import("./rust-scaffold/index.js");
      return (model, options, ctx) => generateRustScaffold(model, { ...options, out: ctx.output, source: ctx.schemaFrom(`${ctx.output}/Cargo.toml`) });
    },
  }),
]);
