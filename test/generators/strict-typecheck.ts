/**
 * Type-checks generated TypeScript the way a strict user project would (`strict`, `noUnusedLocals`,
 * `exactOptionalPropertyTypes`), with `@widl-bindgen/host` mapped to the runtime's sources (its Node entries). Shared by the golden
 * outputs' compile test and the pool stubs' test.
 */
import { join } from "node:path";
import ts from "typescript";
import { repoRoot } from "../cli/run-cli.js";

/**
 * The formatted diagnostics of `files`, limited to files below `dir` (the runtime's own sources are checked by
 * the project's tsconfig); "" when they compile. Usage files' `@ts-expect-error` lines count: an unmet one is
 * TS2578.
 */
export function strictTypeErrors(files: readonly string[], dir: string): string {
  const program = ts.createProgram(files, strictOptions());
  const diagnostics = ts.getPreEmitDiagnostics(program).filter((d) => d.file === undefined || d.file.fileName.startsWith(dir));
  return formatDiagnostics(diagnostics, dir);
}

/** The formatted text of diagnostics, paths relative to `dir`. */
export function formatDiagnostics(diagnostics: readonly ts.Diagnostic[], dir: string): string {
  return ts.formatDiagnostics(diagnostics, {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => dir,
    getNewLine: () => "\n",
  });
}

/** The compiler options of a strict user project, with the runtime module mapped to this repository's sources. */
export function strictOptions(): ts.CompilerOptions {
  return {
    strict: true,
    noEmit: true,
    noUnusedLocals: true,
    exactOptionalPropertyTypes: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
    types: ["node"],
    typeRoots: [join(repoRoot, "node_modules/@types")],
    skipLibCheck: true,
    baseUrl: repoRoot,
    paths: {
      "@widl-bindgen/host": ["host-runtime/node.ts"],
      "@widl-bindgen/host/codegen": ["host-runtime/codegen-node.ts"],
    },
  };
}
