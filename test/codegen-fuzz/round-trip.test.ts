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
 * A fixed schema (round-trip-fixed.ts) adds every built-in type as the whole argument, bare and optional, and the
 * regressions, with the values that once failed.
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
import { FIXED_EXAMPLES, FIXED_SCHEMA } from "./round-trip-fixed.js";

/** Chosen so that, with the fixed schema, they cover every entry of `FEATURES` (the last test checks it). */
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
  /** `schema seed 16`, or `fixed schema`: names the build folders and the suite. */
  readonly name: string;
  readonly schema: FuzzSchema;
  readonly source: string;
  readonly model: Model;
  readonly operations: readonly {
    readonly method: string;
    readonly label: string;
    readonly type: FuzzType;
    /** Undefined when the type has no finite value: the operation is only compiled. */
    readonly values: fc.Arbitrary<unknown> | undefined;
    /** Values always tried, before the random ones. */
    readonly examples: readonly unknown[];
  }[];
}

function echoCase(name: string, schema: FuzzSchema, examples: readonly (readonly unknown[])[] = []): EchoCase {
  const source = renderSchema(schema);
  const model = buildModel(loadSchemaSource(source, { file: "schema.widl" }));
  const values = new ValueArbitraries(schema, (struct, field) => {
    const def = model.typesByName.get(struct);
    if (def?.kind !== "struct") throw new Error(`${struct} is not a struct of the model`);
    return def.fields.find((f) => f.name === field)!.id.ts;
  });
  const operations = schema.operations.map((op, i) => {
    const type = op.params[0]!.type;
    const method = model.interface.operations[i]!.id.ts;
    return { method, label: `${op.name}: ${typeText(type)}`, type, values: values.of(type), examples: examples[i] ?? [] };
  });
  return { name, schema, source, model, operations };
}

const seeded = schemaSeeds.map((s) => echoCase(`schema seed ${s}`, fc.sample(schemaArbitrary(SHAPE), { seed: s, numRuns: 1 })[0]!));
const cases = [...seeded, echoCase("fixed schema", FIXED_SCHEMA, FIXED_EXAMPLES)];
const outDir = join(repoRoot, "test/.out/round-trip");
const folder = (c: EchoCase) => c.name.replace(/ /g, "-");
/** Each case's stubs module per ABI, and each guest's wasm, by `<case>/<language>/<abi>`. */
const stubs = new Map<string, Record<string, unknown>>();
const wasm = new Map<string, Uint8Array>();

beforeAll(async () => {
  const started = performance.now();
  // Every build at once: rustc runs in child processes (two at a time) while asc runs here.
  await Promise.all(
    cases.flatMap((c) =>
      GUESTS.map(async ({ language, abi }) => {
        wasm.set(`${c.name}/${language}/${abi}`, await buildEchoGuest(`round-trip-${folder(c)}-${language}`, c.model, language, abi));
      }),
    ),
  );
  for (const c of cases) {
    for (const abi of ["wapc", "direct"] as const) {
      const file = join(outDir, folder(c), `stubs-${abi}.ts`);
      mkdirSync(join(outDir, folder(c)), { recursive: true });
      writeFileSync(file, generateTypescriptHost(c.model, { abi, schemaFile: "schema.widl" }));
      stubs.set(`${c.name}/${abi}`, await import(pathToFileURL(file).href));
    }
  }
  console.log(`round trip: ${cases.length} schemas × ${GUESTS.length} guests built in ${((performance.now() - started) / 1000).toFixed(1)} s; values seed ${seed}`);
}, 600_000);

describe.each(cases)(`round trip, $name, values seed ${seed}`, (c) => {
  describe.each(GUESTS)("$language guest, $abi ABI", ({ language, abi }) => {
    /* eslint-disable @typescript-eslint/no-explicit-any -- the stubs are generated at test time. */
    let guest: any;
    beforeAll(async () => {
      const module = stubs.get(`${c.name}/${abi}`)!;
      guest = await (module[c.model.namespace.id.ts] as any).load(wasm.get(`${c.name}/${language}/${abi}`)!);
    });

    it.each(c.operations)("$label", ({ method, label, values, examples }) => {
      if (values === undefined) {
        console.log(`${c.name}, ${label}: the type has no finite value; only compiled`);
        return;
      }
      try {
        fc.assert(
          fc.property(values, (v) => {
            const difference = valueDifference(echoed(v), guest[method](v));
            if (difference !== undefined) throw new Error(difference);
          }),
          { seed, numRuns: runs, examples: examples.map((e) => [e]), includeErrorInReport: true },
        );
      } catch (e) {
        const schemas = customSchemas ? ` ROUNDTRIP_SCHEMAS=${schemaSeeds.join(",")}` : "";
        throw new Error(
          `${(e as Error).message}\n\nReplay: ROUNDTRIP_SEED=${seed}${schemas} npx vitest run test/codegen-fuzz/round-trip.test.ts\n--- schema (${c.name}) ---\n${c.source}`,
        );
      }
    });
  });
});

describe.skipIf(customSchemas)("the seeded and fixed schemas", () => {
  it("cover every feature the property promises", () => {
    const tested = cases.flatMap((c) => c.operations.filter((op) => op.values !== undefined).map((op) => ({ schema: c.schema, type: op.type })));
    const covered = coveredFeatures(tested);
    expect(FEATURES.filter((f) => !covered.has(f))).toEqual([]);
  });
});
