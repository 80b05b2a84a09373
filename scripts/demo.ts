/**
 * `npm run demo`: the cuckoo filter from "WebAssembly for Cloud" end to end, one printed step at a time:
 * schema → generate → compile the AssemblyScript guest (and the Rust guest when rustc can target wasm32) → the
 * typed host app → the book's wapc.js call through `widl-bindgen invoke`.
 */
import { execFile } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import {
  asGuestPath,
  compileAssemblyScriptGuest,
  compileRustGuest,
  exampleDir,
  generateBindings,
  repoRoot,
  RUST_INSTALL_HINT,
  RUSTC,
  rustUnavailable,
} from "../examples/cuckoo-filter/build-guests.js";
import { loadModel } from "../generators/index.js";

const run = promisify(execFile);
const rel = (p: string) => relative(repoRoot, p) || ".";
let stepNumber = 0;

async function step<T>(title: string, body: () => Promise<T> | T): Promise<T> {
  stepNumber++;
  console.log(`\n▶ ${stepNumber}. ${title}`);
  const started = performance.now();
  const result = await body();
  console.log(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

const indent = (text: string) => text.trimEnd().split("\n").map((l) => `  ${l}`).join("\n");

async function main(): Promise<void> {
  console.log("widl-bindgen demo: the cuckoo filter of \"WebAssembly for Cloud\", chapters 4-6");

  const schemaFile = join(exampleDir, "schema.widl");
  await step(`schema: ${rel(schemaFile)}`, () => {
    const model = loadModel(schemaFile);
    console.log(indent(readFileSync(schemaFile, "utf8").split("\n# Beyond the book")[0]!));
    console.log(`  namespace ${model.namespace.name}; operations: ${model.interface.operations.map((o) => o.name).join(", ")}`);
  });

  await step(`generate: ${rel(join(exampleDir, "codegen.yaml"))}`, async () => {
    const result = await generateBindings();
    for (const f of result.files) console.log(`  ${f}`);
    console.log(`  ${result.written.length} written, ${result.skipped.length} unchanged`);
  });

  const guests: string[] = [];
  await step("compile the AssemblyScript guest (asc)", async () => {
    const wasm = await compileAssemblyScriptGuest();
    console.log(`  ${rel(wasm)}: ${statSync(wasm).size} bytes`);
    guests.push(wasm);
  });

  await step(`compile the Rust guest (${RUSTC})`, async () => {
    const missing = rustUnavailable();
    if (missing !== undefined) {
      console.log(`  skipped: ${missing}. To build it, install: ${RUST_INSTALL_HINT}`);
      return;
    }
    const wasm = await compileRustGuest();
    console.log(`  ${rel(wasm)}: ${statSync(wasm).size} bytes`);
    guests.push(wasm);
  });

  for (const guest of guests) {
    await step(`run the typed host app: host.ts ${rel(guest)}`, async () => {
      // Run from the example folder, whose tsconfig maps `@widl-bindgen/host` to the sources (no build needed).
      const { stdout } = await run(process.execPath, ["--import", "tsx", "host.ts", guest], { cwd: exampleDir });
      console.log(indent(stdout));
    });
  }

  await step(`the book's wapc.js: widl-bindgen invoke ${rel(asGuestPath)} …`, async () => {
    const cli = join(repoRoot, "cli/main.ts");
    for (const [operation, json] of [
      ["check_word_exists", '{"name":"foo"}'],
      ["handle_input", '{"inp":{"x":"shashank","y":"test"}}'],
    ] as const) {
      const { stdout } = await run(process.execPath, ["--import", "tsx", cli, "invoke", asGuestPath, operation, json], { cwd: repoRoot });
      console.log(`  $ widl-bindgen invoke ${rel(asGuestPath)} ${operation} '${json}'`);
      console.log(indent(stdout));
    }
    console.log(`  serve it over HTTP: widl-bindgen serve ${rel(asGuestPath)} check_word_exists`);
    console.log(`    then: curl -G http://localhost:8080 --data-urlencode 'key={"name":"foo"}'   → result=true`);
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`\ndemo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
