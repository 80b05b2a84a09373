/**
 * Schemas in the styles real users write (test/fixtures/wild/, written here): wasmCloud-style colon namespaces with
 * PascalCase operations, `@operation(name: …)` annotations under declared directives, host roles next to the
 * guest's interface, a big interface file with a dotted namespace, and a schema split across files. For each:
 * - every target is generated and compiled: the TypeScript stubs (both ABIs, with the pool and local-guest
 *   variants) under strict tsc; the AssemblyScript glue and scaffold with asc; the Rust glue and scaffold for
 *   wasm32 with warnings denied (the batch compilers of test/codegen-fuzz/);
 * - hand-written AssemblyScript and Rust guests (as/index.ts, rust/lib.rs), built with both ABIs, are called end to
 *   end through the generated stubs, over each ABI and each engine, host-role calls included (suite.ts).
 * Guest builds are cached as every guest build in the tests is (test/build-cache.ts).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { loadModel, type Model } from "../../generators/index.js";
import { generateTypescriptHost } from "../../generators/typescript-host/index.js";
import { buildGuest, fixture } from "../assemblyscript/build.js";
import { checkRust, compileAssemblyScript } from "../codegen-fuzz/compile-batch.js";
import { generateCase, type GeneratedCase } from "../codegen-fuzz/generate-targets.js";
import { ENGINES } from "../engines.js";
import { blobs } from "../fixtures/wild/blobs/suite.js";
import { catalog } from "../fixtures/wild/catalog/suite.js";
import { kvcounter } from "../fixtures/wild/kvcounter/suite.js";
import { ping } from "../fixtures/wild/ping/suite.js";
import type { Stub, WildFixture } from "../fixtures/wild/wild-fixture.js";
import { buildRustGuest, repoRoot } from "../rust/build-guest.js";
import { skipRust } from "../rust/toolchain.js";
import { strictTypeErrors } from "./strict-typecheck.js";

const FIXTURES: readonly WildFixture[] = [kvcounter, ping, catalog, blobs];
const STUB_ABIS = ["wapc", "direct"] as const;
const rustSkipped = skipRust("schemas in the wild");
const GUESTS = rustSkipped ? (["assemblyscript"] as const) : (["assemblyscript", "rust"] as const);
type GuestLanguage = (typeof GUESTS)[number];

const stubDir = join(repoRoot, "test/.out/wild");
const schemaPath = (f: WildFixture) => fixture(`wild/${f.name}/schema.widl`);

interface Built {
  readonly model: Model;
  readonly stubs: Record<(typeof STUB_ABIS)[number], Stub>;
  readonly wasm: Partial<Record<GuestLanguage, Uint8Array>>;
}
const built = new Map<string, Built>();
let cases: GeneratedCase[];

beforeAll(async () => {
  cases = FIXTURES.map((f, i) => generateCase(i, readFileSync(schemaPath(f), "utf8"), `s${i}`, schemaPath(f)));
  // Rust builds are rustc processes: start them all, then build the AssemblyScript guests in-process meanwhile.
  const rust = FIXTURES.map((f) =>
    rustSkipped ? undefined : buildRustGuest(`wild-${f.name}`, `test/fixtures/wild/${f.name}/schema.widl`, `test/fixtures/wild/${f.name}/rust/lib.rs`, { abi: "both" }),
  );
  for (const [i, f] of FIXTURES.entries()) {
    const as = await buildGuest({
      name: `wild-${f.name}`,
      schemaFile: schemaPath(f),
      entrySource: readFileSync(fixture(`wild/${f.name}/as/index.ts`), "utf8"),
      abi: "both",
    });
    const stubs = {} as Built["stubs"];
    for (const abi of STUB_ABIS) {
      const file = join(stubDir, f.name, `stubs-${abi}.ts`);
      mkdirSync(join(stubDir, f.name), { recursive: true });
      writeFileSync(file, generateTypescriptHost(as.model, { abi, pool: true, localGuest: true, schemaFile: "schema.widl" }));
      writeFileSync(join(stubDir, f.name, `usage-${abi}.ts`), f.usage.replace('"./stubs.js"', `"./stubs-${abi}.js"`));
      stubs[abi] = await import(pathToFileURL(file).href);
    }
    built.set(f.name, { model: as.model, stubs, wasm: { assemblyscript: as.wasm, rust: (await rust[i])?.wasm } });
  }
});

const messages = (list: readonly { index: number | undefined; message: string }[]) =>
  list.map((f) => `${f.index === undefined ? "?" : FIXTURES[f.index]!.name}: ${f.message}`).join("\n");

describe("schemas in the wild: every target compiles", () => {
  it("the TypeScript stubs, both ABIs with the pool and local variants, under strict tsc, with a user's code", { timeout: 120_000 }, () => {
    const files = FIXTURES.flatMap((f) => STUB_ABIS.map((abi) => join(stubDir, f.name, `usage-${abi}.ts`)));
    expect(strictTypeErrors(files, stubDir)).toBe("");
  });

  it("the AssemblyScript glue and scaffolds, every type and host client touched", { timeout: 120_000 }, async () => {
    const failures = await compileAssemblyScript(cases, "wild-as");
    expect(failures, messages(failures)).toEqual([]);
  });

  it.skipIf(rustSkipped)("the Rust glue and scaffolds, for wasm32 with warnings denied", { timeout: 120_000 }, async () => {
    const failures = await checkRust(cases, "wild-rust");
    expect(failures, messages(failures)).toEqual([]);
  });

  it("names follow each language's rules, and wire names stay as written", () => {
    const kv = built.get("kvcounter")!;
    expect(kv.model.namespace.name).toBe("examples:kvcounter");
    expect(kv.model.interface.operations.map((o) => [o.name, o.id.ts, o.id.rust])).toEqual([["HandleRequest", "handleRequest", "handle_request"]]);
    const exportsOf = (name: string, language: GuestLanguage) =>
      WebAssembly.Module.exports(new WebAssembly.Module(new Uint8Array(built.get(name)!.wasm[language]!))).map((e) => e.name);
    for (const language of GUESTS) {
      // `@operation(name: "Ping")` is metadata: the wire (and the direct ABI's export) keeps the name as written.
      expect(exportsOf("ping", language)).toEqual(expect.arrayContaining(["__guest_call", "__widl_op_ping", "__widl_op_handle_message"]));
      expect(exportsOf("ping", language)).not.toContain("__widl_op_Ping");
      expect(exportsOf("kvcounter", language)).toContain("__widl_op_HandleRequest");
    }
    const pingOperation = built.get("ping")!.model.interface.operations.find((o) => o.name === "ping")!;
    expect(pingOperation.annotations).toEqual([expect.objectContaining({ name: "operation" })]);
  });
});

describe.each(FIXTURES)("schemas in the wild: $name", (f) => {
  describe.each(GUESTS)("%s guest", (language) => {
    describe.each(ENGINES)("on %s", (engine) => {
      describe.each(STUB_ABIS)("through the %s stubs", (abi) => {
        f.calls(async (roles) => {
          const b = built.get(f.name)!;
          return b.stubs[abi][f.className].load(b.wasm[language]!, { engine, roles });
        });
      });
    });
  });
});
