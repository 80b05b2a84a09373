/**
 * Generates every target for one fuzz schema: the TypeScript host stubs, the AssemblyScript glue and scaffold, and
 * the Rust glue and scaffold, with the target options varied by the schema's index so a batch covers each ABI and
 * stub variant.
 */
import { loadSchemaSource } from "../../widl-parser/index.js";
import { buildModel, type Model } from "../../generators/index.js";
import { generateTypescriptHost, type TypescriptHostOptions } from "../../generators/typescript-host/index.js";
import { generateAssemblyScriptGuest } from "../../generators/assemblyscript-guest/index.js";
import { generateAssemblyScriptScaffold } from "../../generators/assemblyscript-scaffold/index.js";
import { generateRustGuest } from "../../generators/rust-guest/index.js";
import { generateRustScaffold } from "../../generators/rust-scaffold/index.js";
import type { GuestAbi } from "../../generators/assemblyscript-guest/options.js";

/** Everything generated from one schema, as file contents. */
export interface GeneratedCase {
  readonly index: number;
  readonly source: string;
  readonly model: Model;
  readonly tsOptions: TypescriptHostOptions;
  /** The roles the host implements in this case (`caseHostRoles`), for every target. */
  readonly hostRoles: readonly string[];
  readonly ts: string;
  readonly guestAbi: GuestAbi;
  readonly asGlue: string;
  readonly asScaffold: string;
  /** The Rust glue module's files, by path relative to the schema's module folder (`widl/mod.rs`…). */
  readonly rust: ReadonlyMap<string, string>;
  /** The scaffold's lib.rs, used as the schema module's `mod.rs`. */
  readonly rustScaffold: string;
}

const ABIS: readonly GuestAbi[] = ["both", "wapc", "direct"];

/**
 * The target options of case `index`: every third case per ABI, with the pool, local-guest and async variants
 * interleaved so that every 8 cases hold each combination of them (and every 24, each with each ABI).
 */
export function caseOptions(index: number): { ts: TypescriptHostOptions; guestAbi: GuestAbi } {
  return {
    ts: {
      abi: ABIS[index % 3]!,
      pool: index % 2 === 0,
      localGuest: index % 4 < 2,
      loadAsync: index % 8 < 4,
      schemaFile: "schema.widl",
    },
    guestAbi: ABIS[(index + 1) % 3]!,
  };
}

/**
 * The roles the host implements in case `index`, the same for every target as a codegen.yaml `config` gives them.
 * Even cases keep the default (every role). Odd cases hand the guest every role none of whose operations shares a
 * wire name with an interface operation, so the Rust glue and scaffold implement role operations too (waPC
 * dispatch and `__widl_op_<name>` exports); a role that shares one stays the host's, as WIDL2024 requires
 * (test/generators/operation-sides.test.ts). The arbitrary gives no two roles one operation name.
 */
export function caseHostRoles(model: Model, index: number): string[] {
  if (index % 2 === 0) return model.roles.map((r) => r.name);
  const interfaceNames = new Set(model.interface.operations.map((o) => o.name));
  return model.roles.filter((r) => r.operations.some((o) => interfaceNames.has(o.name))).map((r) => r.name);
}

/**
 * Parses, validates and models `source`, and generates every target. Throws the parser's `WidlError` for a schema
 * `check` would refuse (a bug in the arbitrary) and any generator error as it is (a bug in a generator).
 * `rustModule` is the Rust path of the schema's module in the batch crate (`s3`). `file` is where the schema's
 * imports are read from (relative to its folder). `guestRoles: false` keeps every role the host's (`caseHostRoles`
 * otherwise).
 */
export function generateCase(
  index: number,
  source: string,
  rustModule: string,
  file = "schema.widl",
  { guestRoles = true }: { readonly guestRoles?: boolean } = {},
): GeneratedCase {
  const model = buildModel(loadSchemaSource(source, { file }));
  const { ts: options, guestAbi } = caseOptions(index);
  const hostRoles = guestRoles ? caseHostRoles(model, index) : model.roles.map((r) => r.name);
  const tsOptions = { ...options, hostRoles };
  const rustFiles = generateRustGuest(model, { out: "widl", abi: guestAbi, modulePath: `${rustModule}::widl`, source: "schema.widl", hostRoles });
  const scaffold = generateRustScaffold(model, { module: "widl", hostRoles }).find((f) => f.path.endsWith("lib.rs"))!;
  return {
    index,
    source,
    model,
    tsOptions,
    hostRoles,
    ts: generateTypescriptHost(model, tsOptions),
    guestAbi,
    asGlue: generateAssemblyScriptGuest(model, { abi: guestAbi, hostRoles }, "schema.widl"),
    asScaffold: generateAssemblyScriptScaffold(model, { abi: guestAbi, glueModule: "./module", hostRoles }, "index.ts", "schema.widl"),
    rust: new Map(rustFiles.map((f) => [f.path, f.content])),
    rustScaffold: scaffold.content,
  };
}
