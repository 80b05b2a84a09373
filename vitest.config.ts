import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Tests that assert wall-clock deadlines (R3: a runaway guest is stopped within 250 ms). They run in a second,
 * serial pass (`WIDL_TEST_PASS=timing`, see `npm test`), so that no compiler started by another test file competes
 * with them for the machine's two cores.
 */
const timingTests = ["test/pool/timeout.test.ts", "test/pool/direct.test.ts"];
const timingPass = process.env.WIDL_TEST_PASS === "timing";

export default defineConfig({
  resolve: {
    // Generated code imports the packages by name, as a user's project would; in the tests those names point at
    // the sources, so no build is needed first. The host package's Node entries, as Node's `node` condition picks.
    alias: [
      { find: /^@widl-bindgen\/host$/, replacement: here("./host-runtime/node.ts") },
      { find: /^@widl-bindgen\/host\/codegen$/, replacement: here("./host-runtime/codegen-node.ts") },
      { find: /^@widl-bindgen\/host\/wapc$/, replacement: here("./host-runtime/wapc.ts") },
      { find: /^@widl-bindgen\/host\/http$/, replacement: here("./host-runtime/http/index.ts") },
      { find: /^@widl-bindgen\/host\/vocabulary$/, replacement: here("./host-runtime/vocabulary.ts") },
      { find: /^@widl-bindgen\/host\/interpreter$/, replacement: here("./host-runtime/interpreter-api.ts") },
      { find: /^widl-bindgen\/parser$/, replacement: here("./widl-parser/index.ts") },
      { find: /^widl-bindgen\/generators$/, replacement: here("./generators/index.ts") },
    ],
  },
  test: {
    include: timingPass ? timingTests : ["test/**/*.test.ts"],
    // Build outputs may link back to the repo root (AS package resolution); never collect tests there.
    exclude: ["test/.out/**", "**/node_modules/**", ...(timingPass ? [] : timingTests)],
    fileParallelism: !timingPass,
    testTimeout: 60_000,
    hookTimeout: 300_000,
    // Tests compile guests (asc, rustc, clang); two cores are all we have.
    maxWorkers: 2,
  },
});
