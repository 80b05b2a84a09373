/**
 * One round of the codegen property: sample schemas from a seed, generate every target from each, compile the
 * first `counts.typescript` as TypeScript, the first `counts.assemblyscript` with asc and the first `counts.rust`
 * with rustc, and report each failure with the seed, the case and the schema text. Shared by the CI test and
 * scripts/fuzz-codegen.ts.
 */
import fc from "fast-check";
import { checkRust, compileAssemblyScript, type CompileFailure, TypeScriptBatchChecker } from "./compile-batch.js";
import { generateCase, type GeneratedCase } from "./generate-targets.js";
import { renderSchema, schemaArbitrary } from "./schema-arbitrary.js";

export interface BatchCounts {
  readonly typescript: number;
  readonly assemblyscript: number;
  readonly rust: number;
}

/** A schema whose generation or compilation failed. */
export interface CaseFailure {
  readonly index: number;
  readonly source: string;
  readonly messages: readonly string[];
}

export interface BatchResult {
  readonly seed: number;
  readonly failures: readonly CaseFailure[];
  /** Seconds per stage, for the report. */
  readonly seconds: Readonly<Record<"generate" | "typescript" | "assemblyscript" | "rust", number>>;
}

/** The schema sources of a seed, in sample order: case `i` of a seed is always the same schema. */
export function sampleSources(seed: number, count: number): string[] {
  return fc.sample(schemaArbitrary(), { seed, numRuns: count }).map(renderSchema);
}

/** Runs one batch. `checker` may be reused across batches (it keeps parsed libraries). */
export async function runBatch(
  seed: number,
  counts: BatchCounts,
  checker = new TypeScriptBatchChecker(),
  name = "batch",
): Promise<BatchResult> {
  const total = Math.max(counts.typescript, counts.assemblyscript, counts.rust);
  const sources = sampleSources(seed, total);
  const failures = new Map<number, string[]>();
  const fail = (index: number, message: string) => failures.set(index, [...(failures.get(index) ?? []), message]);
  const time = () => {
    const start = performance.now();
    return () => (performance.now() - start) / 1000;
  };

  let elapsed = time();
  const cases: GeneratedCase[] = [];
  sources.forEach((source, index) => {
    try {
      cases.push(generateCase(index, source, `s${index}`));
    } catch (e) {
      fail(index, `generation failed: ${(e as Error).message}`);
    }
  });
  const generate = elapsed();

  const record = (list: readonly CompileFailure[]) => {
    for (const f of list) fail(f.index ?? -1, `${f.target}: ${f.message}`);
  };
  elapsed = time();
  record(checker.check(cases.filter((c) => c.index < counts.typescript)));
  const typescript = elapsed();
  elapsed = time();
  record(await compileAssemblyScript(cases.filter((c) => c.index < counts.assemblyscript), `${name}-as`));
  const assemblyscript = elapsed();
  elapsed = time();
  record(counts.rust > 0 ? await checkRust(cases.filter((c) => c.index < counts.rust), `${name}-rust`) : []);
  const rust = elapsed();

  return {
    seed,
    failures: [...failures].map(([index, messages]) => ({ index, source: sources[index] ?? "", messages })),
    seconds: { generate, typescript, assemblyscript, rust },
  };
}

/** A failure as a person reads it: how to replay it, the schema, and the first messages. */
export function describeFailure(seed: number, f: CaseFailure): string {
  return [
    `seed ${seed}, case ${f.index} (replay and minimize: npx tsx scripts/fuzz-codegen.ts --seed ${seed} --case ${f.index})`,
    "--- schema ---",
    f.source,
    "--- errors ---",
    ...f.messages.slice(0, 5),
  ].join("\n");
}
