// The host frees every result block an AssemblyScript direct-ABI guest hands it, whatever the result's kind
// (test/direct-result-blocks.ts counts them at the boundary).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe } from "vitest";
import { resultFreeTests, resultKindsSchema } from "../direct-result-blocks.js";
import { buildGuest, fixture, outRoot, repoRoot } from "./build.js";

describe("an AssemblyScript direct-ABI guest's result blocks", () => {
  resultFreeTests(async () => {
    const { wasm } = await buildGuest({
      name: "result-kinds",
      schemaFile: join(repoRoot, resultKindsSchema),
      entrySource: readFileSync(fixture("result-kinds/as/index.ts"), "utf8"),
      abi: "direct",
    });
    return { wasm, outDir: join(outRoot, "result-kinds") };
  });
});
