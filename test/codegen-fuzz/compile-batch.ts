/**
 * Compiles many generated cases at once, so that hundreds of random schemas fit in a CI run on two cores:
 * - TypeScript: one in-process program over every case's stubs (strict, `noUnusedLocals`), reusing the previous
 *   program's parsed libraries and runtime sources;
 * - AssemblyScript: one asc program whose entry re-exports every case's wasm exports under a per-case prefix and
 *   touches every type and host client, so nothing goes unchecked as unreachable (`--noEmit`);
 * - Rust: one crate with a module per case (the scaffold's lib.rs as its `mod.rs`, the glue inside), checked
 *   for wasm32 with `-D warnings` (`--emit=metadata`: type and borrow checking without code generation).
 * Each failure names the case it came from.
 */
import { execFile } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import ts from "typescript";
import { compile as ascCompile, ascModulesPath } from "../assemblyscript/build.js";
import { AsCodec } from "../../generators/assemblyscript-guest/as-codec.js";
import { wasmExports } from "../../generators/assemblyscript-guest/glue-view.js";
import { repoRoot } from "../cli/run-cli.js";
import { RUSTC } from "../rust/toolchain.js";
import { formatDiagnostics, strictOptions } from "../generators/strict-typecheck.js";
import type { GeneratedCase } from "./generate-targets.js";

const run = promisify(execFile);

/** A compile error, attributed to a case where the compiler's message says which. */
export interface CompileFailure {
  readonly target: "typescript" | "assemblyscript" | "rust";
  /** The case whose generated code failed; undefined when the message names none. */
  readonly index: number | undefined;
  readonly message: string;
}

/** The folder a batch writes its sources to (test/.out/codegen-fuzz/<name>). */
export function batchDir(name: string): string {
  return join(repoRoot, "test/.out/codegen-fuzz", name);
}

const caseOf = (text: string): number | undefined => {
  const m = /[/\\]s([0-9]+)[/\\]/.exec(text) ?? /\bs([0-9]+)::/.exec(text);
  return m ? Number(m[1]) : undefined;
};

// ---------------------------------------------------------------------------------------------
// TypeScript

/** Type-checks generated stubs in memory; keeps its last program so the next check reuses unchanged files. */
export class TypeScriptBatchChecker {
  private program: ts.Program | undefined;
  private readonly options = strictOptions();
  private readonly root = batchDir("ts");

  check(cases: readonly GeneratedCase[]): CompileFailure[] {
    const files = new Map(cases.map((c) => [join(this.root, `s${c.index}`, "stubs.ts"), c.ts]));
    const host = ts.createCompilerHost(this.options);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (name, version, onError, create) => {
      const text = files.get(name);
      return text === undefined ? getSourceFile(name, version, onError, create) : ts.createSourceFile(name, text, version);
    };
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (name) => files.has(name) || fileExists(name);
    const readFile = host.readFile.bind(host);
    host.readFile = (name) => files.get(name) ?? readFile(name);
    this.program = ts.createProgram([...files.keys()], this.options, host, this.program);
    const diagnostics = ts.getPreEmitDiagnostics(this.program).filter((d) => d.file === undefined || files.has(d.file.fileName));
    return diagnostics.map((d) => ({
      target: "typescript",
      index: d.file === undefined ? undefined : caseOf(d.file.fileName),
      message: formatDiagnostics([d], this.root),
    }));
  }
}

// ---------------------------------------------------------------------------------------------
// AssemblyScript

/** What the batch entry adds for one case: its exports renamed, and a function touching its types and clients. */
function asTouch(c: GeneratedCase): string {
  const codec = new AsCodec("rt");
  const m = c.model;
  const lines: string[] = ["  const d = rt.Decoder.of(new ArrayBuffer(0));", "  const s = rt.sizer();"];
  for (const t of m.types) {
    if (t.kind === "struct" || t.kind === "union") lines.push(`  ${t.id.as}.decode(d).encode(s);`);
  }
  const hostRoles = m.roles.filter((r) => c.hostRoles.includes(r.name));
  hostRoles.forEach((role, i) => {
    lines.push(`  const client${i} = new ${role.id.as}();`);
    for (const op of role.operations) lines.push(`  client${i}.${op.id.as}(${op.params.map((p) => codec.zero(p.type)).join(", ")});`);
  });
  // Every type: a host client's zero values name enum members.
  const imports = [...m.types, ...hostRoles].map((t) => t.id.as);
  return [
    `import * as rt from "widl-bindgen/guest-runtime/assemblyscript";`,
    ...(imports.length > 0 ? [`import { ${imports.join(", ")} } from "./module";`] : []),
    "export function touch(): void {",
    ...lines,
    "}",
    "",
  ].join("\n");
}

/** Compiles every case's AssemblyScript glue and scaffold in one asc program. */
export async function compileAssemblyScript(cases: readonly GeneratedCase[], name = "as"): Promise<CompileFailure[]> {
  const dir = batchDir(name);
  rmSync(dir, { recursive: true, force: true });
  const entry: string[] = [];
  for (const c of cases) {
    const caseDir = join(dir, `s${c.index}`);
    mkdirSync(caseDir, { recursive: true });
    writeFileSync(join(caseDir, "module.ts"), c.asGlue);
    writeFileSync(join(caseDir, "index.ts"), c.asScaffold);
    writeFileSync(join(caseDir, "touch.ts"), asTouch(c));
    const exports = wasmExports(c.model, c.guestAbi).map((e) => `${e} as s${c.index}_${e}`);
    entry.push(`export { ${exports.join(", ")} } from "./s${c.index}/index";`);
    entry.push(`export { touch as s${c.index}_touch } from "./s${c.index}/touch";`);
  }
  writeFileSync(join(dir, "index.ts"), `${entry.join("\n")}\n`);
  try {
    await ascCompile([join(dir, "index.ts"), "--noEmit", "--path", ascModulesPath()]);
    return [];
  } catch (e) {
    const text = (e as Error).message;
    // asc prints each diagnostic as a block ending with the file position, e.g. `in s3/module.ts(12,5)`.
    const blocks = text.split(/\n(?=(?:ERROR|WARNING))/).filter((b) => /ERROR|WARNING/.test(b));
    if (blocks.length === 0) return [{ target: "assemblyscript", index: undefined, message: text }];
    return blocks.map((b) => ({ target: "assemblyscript", index: caseOf(b), message: b }));
  }
}

// ---------------------------------------------------------------------------------------------
// Rust

/** Checks every case's Rust glue and scaffold as one wasm32 crate, warnings denied. */
export async function checkRust(cases: readonly GeneratedCase[], name = "rust"): Promise<CompileFailure[]> {
  const dir = batchDir(name);
  rmSync(dir, { recursive: true, force: true });
  const write = (path: string, content: string): void => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  };
  for (const c of cases) {
    write(`s${c.index}/mod.rs`, c.rustScaffold);
    for (const [path, content] of c.rust) write(`s${c.index}/${path}`, content);
  }
  write("lib.rs", cases.map((c) => `pub mod s${c.index};\n`).join(""));
  try {
    await run(
      RUSTC,
      ["--edition", "2021", "--target", "wasm32-unknown-unknown", "--crate-type", "lib", "--emit=metadata", "-D", "warnings", "--error-format=short", "-o", join(dir, "out.rmeta"), join(dir, "lib.rs")],
      { maxBuffer: 64 << 20 },
    );
    return [];
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    const text = err.stderr ?? err.message;
    const lines = text.split("\n").filter((l) => /: (error|warning)/.test(l));
    if (lines.length === 0) return [{ target: "rust", index: undefined, message: text }];
    return lines.map((l) => ({ target: "rust", index: caseOf(l), message: l }));
  }
}
