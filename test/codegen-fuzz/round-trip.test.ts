/**
 * The round-trip property (issue 13): a value sent through the generated TypeScript stubs to a guest that returns
 * it comes back equal, in every guest language and over both ABIs.
 *
 * Each seeded schema (schema-arbitrary.ts, `operations: "echo"`) has operations `echo_<i>(v: T): T`, one per type
 * it defines and then random types, nested. For it the test writes echo handlers in AssemblyScript and Rust
 * (echo-guests.ts) and builds four guests: each language, for the waPC ABI (msgpack through `__guest_call`) and the
 * direct ABI (one export per operation, malloc/ptr/len). Then, for every operation on every guest, fast-check draws
 * values of T (value-arbitrary.ts: the same type description the schema was printed from) and calls the stubs,
 * and the result must equal what was sent (value-difference.ts: NaN-aware, -0 is not +0, number is not bigint).
 *
 * Schemas are fixed by `SCHEMA_SEEDS` (so guests are built once and reused while the generators are unchanged);
 * the values' seed is random per run and printed. Replay a failure with
 *   ROUNDTRIP_SEED=<seed> npx vitest run test/codegen-fuzz/round-trip.test.ts
 * Other schemas: ROUNDTRIP_SCHEMAS=7,8,9. Values per operation and guest: ROUNDTRIP_RUNS (default 200).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { loadSchemaSource } from "../../widl-parser/index.js";
import { buildModel, type Model } from "../../generators/index.js";
import { generateTypescriptHost } from "../../generators/typescript-host/index.js";
import { repoRoot } from "../cli/run-cli.js";
import { skipRust } from "../rust/toolchain.js";
import { buildEchoGuest, type EchoAbi, type GuestLanguage } from "./echo-guests.js";
import { renderSchema, schemaArbitrary, typeText, type FuzzSchema, type FuzzType } from "./schema-arbitrary.js";
import { echoed, ValueArbitraries } from "./value-arbitrary.js";
import { valueDifference } from "./value-difference.js";
import { coveredFeatures, FEATURES } from "./type-features.js";

/** Chosen so that together they cover every entry of `FEATURES` (the last test checks it). */
const SCHEMA_SEEDS = [16, 33, 72];
const customSchemas = process.env.ROUNDTRIP_SCHEMAS !== undefined;
const schemaSeeds = customSchemas ? process.env.ROUNDTRIP_SCHEMAS!.split(",").map(Number) : SCHEMA_SEEDS;
const seed = process.env.ROUNDTRIP_SEED !== undefined ? Number(process.env.ROUNDTRIP_SEED) : Math.floor(Math.random() * 2 ** 31);
const runs = Number(process.env.ROUNDTRIP_RUNS ?? 200);

const SHAPE = { maxDefinitions: 6, maxOperations: 10, operations: "echo" } as const;
const GUESTS = ([
  { language: "assemblyscript", abi: "wapc" },
  { language: "assemblyscript", abi: "direct" },
  { language: "rust", abi: "wapc" },
  { language: "rust", abi: "direct" },
] satisfies { language: GuestLanguage; abi: EchoAbi }[]).filter((g) => g.language !== "rust" || !skipRust("round-trip"));

interface EchoCase {
  readonly schemaSeed: number;
  readonly schema: FuzzSchema;
  readonly source: string;
  readonly model: Model;
  readonly operations: readonly { readonly method: string; readonly label: string; readonly type: FuzzType; readonly values: fc.Arbitrary<unknown> | undefined }[];
}

function echoCase(schemaSeed: number): EchoCase {
  const schema = fc.sample(schemaArbitrary(SHAPE), { seed: schemaSeed, numRuns: 1 })[0]!;
  const source = renderSchema(schema);
  const model = buildModel(loadSchemaSource(source, { file: "schema.widl" }));
  const values = new ValueArbitraries(schema, (struct, field) => {
    const def = model.typesByName.get(struct);
    if (def?.kind !== "struct") throw new Error(`${struct} is not a struct of the model`);
    return def.fields.find((f) => f.name === field)!.id.ts;
  });
  const operations = schema.operations.map((op, i) => {
    const type = op.params[0]!.type;
    return { method: model.interface.operations[i]!.id.ts, label: `${op.name}: ${typeText(type)}`, type, values: values.of(type) };
  });
  return { schemaSeed, schema, source, model, operations };
}

const cases = schemaSeeds.map(echoCase);
const outDir = join(repoRoot, "test/.out/round-trip");
/** Each case's stubs module per ABI, and each guest's wasm, by `<schema seed>/<language>/<abi>`. */
const stubs = new Map<string, Record<string, unknown>>();
const wasm = new Map<string, Uint8Array>();
const key = (schemaSeed: number, language: string, abi: string) => `${schemaSeed}/${language}/${abi}`;

beforeAll(async () => {
  const started = performance.now();
  // Every build at once: rustc runs in child processes (two at a time) while asc runs here.
  await Promise.all(
    cases.flatMap((c) =>
      GUESTS.map(async ({ language, abi }) => {
        wasm.set(key(c.schemaSeed, language, abi), await buildEchoGuest(`round-trip-${c.schemaSeed}-${language}`, c.model, language, abi));
      }),
    ),
  );
  for (const c of cases) {
    for (const abi of ["wapc", "direct"] as const) {
      const file = join(outDir, String(c.schemaSeed), `stubs-${abi}.ts`);
      mkdirSync(join(outDir, String(c.schemaSeed)), { recursive: true });
      writeFileSync(file, generateTypescriptHost(c.model, { abi, schemaFile: "schema.widl" }));
      stubs.set(`${c.schemaSeed}/${abi}`, await import(pathToFileURL(file).href));
    }
  }
  console.log(`round trip: ${cases.length} schemas × ${GUESTS.length} guests built in ${((performance.now() - started) / 1000).toFixed(1)} s; values seed ${seed}`);
}, 600_000);

describe.each(cases)(`round trip, schema seed $schemaSeed, values seed ${seed}`, (c) => {
  describe.each(GUESTS)("$language guest, $abi ABI", ({ language, abi }) => {
    /* eslint-disable @typescript-eslint/no-explicit-any -- the stubs are generated at test time. */
    let guest: any;
    beforeAll(async () => {
      const module = stubs.get(`${c.schemaSeed}/${abi}`)!;
      guest = await (module[c.model.namespace.id.ts] as any).load(wasm.get(key(c.schemaSeed, language, abi))!);
    });

    it.each(c.operations)("$label", ({ method, label, values }) => {
      if (values === undefined) {
        console.log(`schema seed ${c.schemaSeed}, ${label}: the type has no finite value; only compiled`);
        return;
      }
      try {
        fc.assert(
          fc.property(values, (v) => {
            const difference = valueDifference(echoed(v), guest[method](v));
            if (difference !== undefined) throw new Error(difference);
          }),
          { seed, numRuns: runs, includeErrorInReport: true },
        );
      } catch (e) {
        throw new Error(
          `${(e as Error).message}\n\nReplay: ROUNDTRIP_SEED=${seed}${customSchemas ? ` ROUNDTRIP_SCHEMAS=${c.schemaSeed}` : ""} npx vitest run test/codegen-fuzz/round-trip.test.ts\n--- schema (seed ${c.schemaSeed}) ---\n${c.source}`,
        );
      }
    });
  });
});

describe.skipIf(customSchemas)("the seeded schemas", () => {
  it("cover every feature the property promises", () => {
    const tested = cases.flatMap((c) => c.operations.filter((op) => op.values !== undefined).map((op) => ({ schema: c.schema, type: op.type })));
    const covered = coveredFeatures(tested);
    expect(FEATURES.filter((f) => !covered.has(f))).toEqual([]);
  });
});
