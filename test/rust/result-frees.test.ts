// The host frees every result block a Rust direct-ABI guest hands it, whatever the result's kind
// (test/direct-result-blocks.ts counts them at the boundary).
import { join } from "node:path";
import { describe } from "vitest";
import { resultFreeTests, resultKindsSchema } from "../direct-result-blocks.js";
import { buildRustGuest, outRoot } from "./build-guest.js";
import { skipRust } from "./toolchain.js";

describe.skipIf(skipRust("rust result frees"))("a Rust direct-ABI guest's result blocks", () => {
  resultFreeTests(async () => {
    const { wasm } = await buildRustGuest("result-kinds", resultKindsSchema, "test/rust/fixtures/result-kinds/lib.rs", {
      abi: "direct",
    });
    return { wasm, outDir: join(outRoot, "result-kinds") };
  });
});
