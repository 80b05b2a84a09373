/**
 * The codegen property (issue 13): any schema `check` accepts generates, in every target, code that compiles.
 * Random schemas (schema-arbitrary.ts) are compiled in batches: 200 as strict TypeScript in one program, 80 with
 * asc, 16 with rustc for wasm32 (`-D warnings`). The seed is random unless FUZZ_SEED is set; a failure prints it
 * with the schema and the command that replays and minimizes it. scripts/fuzz-codegen.ts runs thousands.
 */
import { describe, expect, it } from "vitest";
import { skipRust } from "../rust/toolchain.js";
import { describeFailure, runBatch } from "./run-batch.js";

const seed = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);

describe("generated code compiles for random schemas", () => {
  it(`200 TS, 80 AS, 16 Rust (seed ${seed})`, { timeout: 600_000 }, async () => {
    const result = await runBatch(seed, { typescript: 200, assemblyscript: 80, rust: skipRust("codegen-fuzz") ? 0 : 16 }, undefined, "ci");
    const s = result.seconds;
    console.log(
      `codegen fuzz, seed ${seed}: generate ${s.generate.toFixed(1)} s, TS ${s.typescript.toFixed(1)} s, AS ${s.assemblyscript.toFixed(1)} s, Rust ${s.rust.toFixed(1)} s`,
    );
    const report = result.failures.map((f) => describeFailure(seed, f)).join("\n\n");
    expect(result.failures, report).toEqual([]);
  });
});
