import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    // Generated code imports the package by name, as a user's project would; in the tests that name
    // points at the sources, so no build is needed first.
    alias: {
      "widl-bindgen/host": here("./host-runtime/index.ts"),
      "widl-bindgen/parser": here("./widl-parser/index.ts"),
      "widl-bindgen/generators": here("./generators/index.ts"),
    },
  },
  test: {
    include: ["test/**/*.test.ts"],
    // Build outputs may link back to the repo root (AS package resolution); never collect tests there.
    exclude: ["test/.out/**", "**/node_modules/**"],
    testTimeout: 60_000,
    hookTimeout: 300_000,
    // Tests compile guests (asc, rustc, clang); two cores are all we have.
    maxWorkers: 2,
  },
});
