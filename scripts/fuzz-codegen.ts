/**
 * Runs the codegen property over thousands of random schemas, locally (issue 13; the CI test runs a few hundred).
 *
 *   npx tsx scripts/fuzz-codegen.ts [--schemas 3000] [--batch 300] [--seed N] [--rust-every 10]
 *   npx tsx scripts/fuzz-codegen.ts --seed N --case I     # replay one failing case and minimize it
 *
 * Each batch of `--batch` schemas is compiled as TypeScript and AssemblyScript; every `--rust-every`-th schema is
 * also checked with rustc (`--rust-every 0`: none). On a failure it prints the seed and the case, then lets fast-check shrink the schema
 * (replaying the same run with `path`) and prints the smallest schema that still fails, with its errors.
 */
import fc from "fast-check";
import { parseArgs } from "node:util";
import { checkRust, compileAssemblyScript, TypeScriptBatchChecker } from "../test/codegen-fuzz/compile-batch.js";
import { generateCase } from "../test/codegen-fuzz/generate-targets.js";
import { describeFailure, runBatch } from "../test/codegen-fuzz/run-batch.js";
import { renderSchema, schemaArbitrary, type FuzzSchema } from "../test/codegen-fuzz/schema-arbitrary.js";

const { values } = parseArgs({
  options: {
    schemas: { type: "string", default: "3000" },
    batch: { type: "string", default: "300" },
    seed: { type: "string" },
    case: { type: "string" },
    "rust-every": { type: "string", default: "10" },
  },
});

const checker = new TypeScriptBatchChecker();

/**
 * The errors of one schema in every target, or [] when it compiles everywhere. `index` picks the case's target
 * options (ABI, stub variants, which roles the guest implements), so a replay keeps those of the failing case.
 */
async function errorsOf(schema: FuzzSchema, withRust: boolean, index: number): Promise<string[]> {
  let c;
  try {
    c = generateCase(index, renderSchema(schema), `s${index}`);
  } catch (e) {
    return [`generation failed: ${(e as Error).message}`];
  }
  const failures = [
    ...checker.check([c]),
    ...(await compileAssemblyScript([c], "minimize-as")),
    ...(withRust ? await checkRust([c], "minimize-rust") : []),
  ];
  return failures.map((f) => `${f.target}: ${f.message}`);
}

/** Replays case `index` of `seed` (fast-check's run `index` is the same sample) and shrinks it. */
async function minimize(seed: number, index: number): Promise<void> {
  const result = await fc.check(
    fc.asyncProperty(schemaArbitrary(), async (schema) => (await errorsOf(schema, true, index)).length === 0),
    { seed, path: String(index), numRuns: 1 },
  );
  if (!result.failed || result.counterexample === null) {
    console.log(`seed ${seed}, case ${index}: compiles now.`);
    return;
  }
  const [smallest] = result.counterexample;
  console.log(`Minimized after ${result.numShrinks} shrinks:\n${renderSchema(smallest)}`);
  console.log((await errorsOf(smallest, true, index)).slice(0, 10).join("\n"));
  process.exitCode = 1;
}

async function main(): Promise<void> {
  if (values.case !== undefined) {
    if (values.seed === undefined) throw new Error("--case needs the --seed it came from");
    return minimize(Number(values.seed), Number(values.case));
  }
  const total = Number(values.schemas);
  const batch = Number(values.batch);
  const rustEvery = Number(values["rust-every"]);
  let seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 2 ** 31);
  for (let done = 0; done < total; done += batch, seed++) {
    // --rust-every 0 means no Rust at all (a division by zero would ask for endless cases).
    const rust = rustEvery > 0 ? Math.floor(batch / rustEvery) : 0;
    const result = await runBatch(seed, { typescript: batch, assemblyscript: batch, rust }, checker, "fuzz");
    const s = result.seconds;
    console.log(
      `seed ${seed}: ${batch} schemas, ${result.failures.length} failing (generate ${s.generate.toFixed(1)} s, TS ${s.typescript.toFixed(1)} s, AS ${s.assemblyscript.toFixed(1)} s, Rust ${s.rust.toFixed(1)} s)`,
    );
    if (result.failures.length > 0) {
      const first = result.failures[0]!;
      console.log(describeFailure(seed, first));
      if (first.index >= 0) await minimize(seed, first.index);
      process.exitCode = 1;
      return;
    }
  }
}

await main();
