/**
 * The options of the `typescript-host` target, as codegen.yaml spells them. Kept apart from the generator so that
 * the target registry (and the CLI's help and config checks) can read them without loading the generator and its printer.
 */
import type { OptionSpecs } from "../options.js";

/** The options of the pool client, the async client and local guests (async-variants.ts), merged into `typescriptHostOptions`. */
export const asyncVariantOptions = {
  pool: {
    type: "boolean",
    default: false,
    doc: "Also emit `<Class>.pool(source, options)`, an async client running the guest in a worker pool. Defaults to false.",
  },
  localGuest: {
    type: "boolean",
    default: false,
    doc: "Also emit `<Class>Guest` and `<Class>.local(impl)`, to run a guest written in TypeScript in-process. Defaults to false.",
  },
  loadAsync: {
    type: "boolean",
    default: false,
    doc: "Also emit `<Class>.loadAsync(source, options)`, an async client running the guest in-process on the interpreter engine, whose host roles may return Promises. Defaults to false.",
  },
} as const satisfies OptionSpecs;

/** The clients besides the synchronous class (async-variants.ts); each is emitted only when asked for. */
export interface AsyncVariantOptions {
  /** `<Class>.pool` and `<Class>Pool`. */
  pool?: boolean;
  /** `<Class>Guest` and `<Class>.local`. */
  localGuest?: boolean;
  /** `<Class>.loadAsync`, `<Class>Async` and `<Class>LoadAsyncOptions`. */
  loadAsync?: boolean;
}

/** The options of `typescript-host` in codegen.yaml. */
export const typescriptHostOptions = {
  className: {
    type: "string",
    default: undefined,
    doc: "The name of the generated class. Defaults to the namespace in PascalCase (`cuckoo` → `Cuckoo`).",
  },
  runtimeModule: {
    type: "string",
    default: "@widl-bindgen/host/codegen",
    doc: 'The module the generated code imports the runtime from. Defaults to "@widl-bindgen/host/codegen".',
  },
  hostRoles: {
    type: "string[]",
    default: undefined,
    doc: "The roles the guest calls on the host; each gets a handler interface. Defaults to every role in the schema.",
  },
  abi: {
    type: { oneOf: ["wapc", "direct", "both"] },
    default: "wapc",
    doc: 'The ABI the stubs speak: "wapc", or "direct" (one export per operation, docs/abi.md); "both" means a guest built with both, which the stubs call through the direct ABI. Defaults to "wapc".',
  },
  ...asyncVariantOptions,
} as const satisfies OptionSpecs;

/** The options of the generator's API (`generateTypescriptHost`); each is documented in `typescriptHostOptions`. */
export interface TypescriptHostOptions extends AsyncVariantOptions {
  className?: string;
  runtimeModule?: string;
  hostRoles?: readonly string[];
  abi?: "wapc" | "direct" | "both";
  /** The schema as the header comment names it. Defaults to the file name it was read from (`defaultSchemaName`). */
  schemaFile?: string;
}

/** The options with every default of `typescriptHostOptions` filled in, as the generator reads them. */
export type ResolvedTypescriptHostOptions = TypescriptHostOptions &
  Required<Pick<TypescriptHostOptions, "runtimeModule" | "abi" | "pool" | "localGuest" | "loadAsync">>;

/**
 * Fills the defaults `typescriptHostOptions` declares, for a caller of the API that passes some options or none
 * (codegen.yaml's options arrive filled already, by `resolveTargetOptions`), so each default is written once.
 */
export function withTypescriptHostDefaults(options: TypescriptHostOptions): ResolvedTypescriptHostOptions {
  const specs = typescriptHostOptions;
  return {
    ...options,
    runtimeModule: options.runtimeModule ?? specs.runtimeModule.default,
    abi: options.abi ?? specs.abi.default,
    pool: options.pool ?? specs.pool.default,
    localGuest: options.localGuest ?? specs.localGuest.default,
    loadAsync: options.loadAsync ?? specs.loadAsync.default,
  };
}
