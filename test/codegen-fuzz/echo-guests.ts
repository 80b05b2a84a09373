/**
 * The guests of the round-trip property (round-trip.test.ts): for an echo schema (every operation `echo_<i>(v: T):
 * T`), the test writes the handlers, each returning its argument, in AssemblyScript and in Rust, next to the glue
 * the generators write for one ABI, and builds the guest. Builds are reused while their sources are unchanged
 * (test/build-cache.ts), so a warm run compiles nothing; rustc runs at most two at a time (CI has two cores) while
 * asc, which runs in this process, builds the AssemblyScript guests.
 */
import type { Model } from "../../generators/model.js";
import { AsCodec } from "../../generators/assemblyscript-guest/as-codec.js";
import { generateAssemblyScriptGuest, reexportLine, wasmExports } from "../../generators/assemblyscript-guest/index.js";
import { registerName, RUNTIME_ALIAS } from "../../generators/assemblyscript-guest/glue-view.js";
import { DEFAULT_RUNTIME_IMPORT } from "../../generators/assemblyscript-guest/options.js";
import { generateRustGuest } from "../../generators/rust-guest/index.js";
import { rustType } from "../../generators/rust-guest/rust-types.js";
import { compileProject } from "../assemblyscript/build.js";
import { buildRustCrate } from "../rust/build-guest.js";

export type GuestLanguage = "assemblyscript" | "rust";
export type EchoAbi = "wapc" | "direct";

/** The AssemblyScript entry file: a handler per operation that returns its argument, and the ABI's exports. */
function assemblyScriptEchoEntry(model: Model, abi: EchoAbi): string {
  const codec = new AsCodec(RUNTIME_ALIAS);
  const handlers = model.interface.operations.map((op) => {
    // An echo operation's result type is its parameter's.
    const p = op.params[0]!;
    const type = codec.type(p.type);
    return `Handlers.${registerName(op)}((${p.id.as}: ${type}): ${type} => ${p.id.as});`;
  });
  return [
    ...(codec.namesRuntime ? [`import * as ${RUNTIME_ALIAS} from "${DEFAULT_RUNTIME_IMPORT}";`] : []),
    `import { ${["Handlers", ...[...codec.namedTypes].sort()].join(", ")} } from "./module";`,
    "",
    ...handlers,
    "",
    reexportLine(wasmExports(model, abi), "./module"),
    "",
  ].join("\n");
}

/** The Rust crate root: `Handlers` implemented by returning each argument, and the guest exported. */
function rustEchoLib(model: Model): string {
  const methods = model.interface.operations.map((op) => {
    const p = op.params[0]!;
    const type = rustType(p.type, false, "widl::");
    return `    fn ${op.id.rust}(${p.id.rust}: ${type}) -> Result<${type}, widl::HandlerError> {\n        Ok(${p.id.rust})\n    }`;
  });
  return ["#![deny(warnings)]", "", "pub mod widl;", "", "pub struct Guest;", "", "impl widl::Handlers for Guest {", methods.join("\n\n"), "}", "", "widl::export_guest!(Guest);", ""].join("\n");
}

/** At most this many rustc processes at once. */
const RUSTC_PARALLEL = 2;
let rustcRunning = 0;
const rustcWaiting: (() => void)[] = [];

async function withRustcSlot<T>(build: () => Promise<T>): Promise<T> {
  if (rustcRunning >= RUSTC_PARALLEL) await new Promise<void>((resolve) => rustcWaiting.push(resolve));
  rustcRunning++;
  try {
    return await build();
  } finally {
    rustcRunning--;
    rustcWaiting.shift()?.();
  }
}

/**
 * Builds (or reuses) the echo guest of `model` in `language` for `abi`, as a user would: AssemblyScript with
 * `-O3 --enable simd`, Rust with the scaffold's release profile. `name` names the build folder.
 */
export async function buildEchoGuest(name: string, model: Model, language: GuestLanguage, abi: EchoAbi): Promise<Uint8Array> {
  if (language === "assemblyscript") {
    const files = { "module.ts": generateAssemblyScriptGuest(model, { abi }, "schema.widl"), "index.ts": assemblyScriptEchoEntry(model, abi) };
    return (await compileProject(`${name}-${abi}`, files, "index.ts", ["-O3", "--enable", "simd"])).wasm;
  }
  const glue = generateRustGuest(model, { out: "src/widl", abi, source: "schema.widl" });
  return withRustcSlot(async () => (await buildRustCrate(`${name}-${abi}`, [...glue, { path: "src/lib.rs", content: rustEchoLib(model) }])).wasm);
}
