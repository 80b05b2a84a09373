/**
 * Builds the cuckoo page into web/dist/: the AssemblyScript guest (build-guests.ts), main.ts bundled for the
 * browser with esbuild, and the static files.
 *
 * In a user's project esbuild finds `@widl-bindgen/host/codegen` in node_modules and picks its browser entry by
 * itself; in this repository it is pointed at the sources (`alias`), so the page builds without building the
 * package first.
 */
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { compileAssemblyScriptGuest, exampleDir, repoRoot } from "../build-guests.js";

/** Where the page is built. */
export const webDist = join(exampleDir, "web", "dist");

/** Builds the page; resolves to the folder to serve. */
export async function buildWebPage(): Promise<string> {
  const source = join(exampleDir, "web");
  mkdirSync(webDist, { recursive: true });
  const wasm = await compileAssemblyScriptGuest();
  await build({
    entryPoints: [join(source, "main.ts")],
    outfile: join(webDist, "main.js"),
    bundle: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    sourcemap: true,
    logLevel: "warning",
    alias: { "@widl-bindgen/host/codegen": join(repoRoot, "host-runtime/codegen.ts") },
  });
  copyFileSync(wasm, join(webDist, "cuckoo.wasm"));
  for (const file of ["index.html", "style.css"]) copyFileSync(join(source, file), join(webDist, file));
  return webDist;
}
