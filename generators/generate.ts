/**
 * Running codegen jobs: a codegen.yaml (or one ad hoc target) to files, and writing them. Each target's generator is
 * loaded when one of its jobs runs (see targets.ts), which is why `generate` is async. The CLI's `generate` imports
 * this module rather than the package index, which re-exports every generator.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, relative, resolve } from "node:path";
import { WidlError } from "../widl-parser/diagnostics.js";
import { loadSchema } from "../widl-parser/load.js";
import { loadCodegenConfig, resolveCodegenConfig, type CodegenConfig, type GenerateJob } from "./config.js";
import { buildModel, type Model } from "./model.js";
import type { TargetGenerator } from "./targets.js";

/** One generated file. */
export interface GeneratedFile {
  /** Absolute path. */
  readonly path: string;
  readonly content: string;
  readonly target: string;
  /** Written only if the file does not exist yet. */
  readonly ifNotExists: boolean;
}

/**
 * Loads, validates and models a schema file (throws the parser's `WidlError` on a bad schema).
 * Imports are read from the schema's folder and `importRoots` only.
 */
export function loadModel(schemaPath: string, importRoots: readonly string[] = []): Model {
  return loadModelWithSources(schemaPath, importRoots).model;
}

/** `loadModel`, keeping the schema's texts for the frames of a target's located errors. */
function loadModelWithSources(schemaPath: string, importRoots: readonly string[]): { model: Model; sources: ReadonlyMap<string, string> } {
  const loaded = loadSchema(schemaPath, { importRoots });
  return { model: buildModel(loaded), sources: loaded.sources };
}

/**
 * Runs every entry of a codegen.yaml (a path, or a resolved config) and returns the files, without
 * writing them. Each schema is loaded once. Identical inputs give byte-identical outputs.
 */
export async function generate(config: string | CodegenConfig): Promise<GeneratedFile[]> {
  const resolved = typeof config === "string" ? loadCodegenConfig(config) : config;
  const models = new Map<string, ReturnType<typeof loadModelWithSources>>();
  const files: GeneratedFile[] = [];
  for (const job of resolved.jobs) {
    const key = [job.schema, ...job.importRoots].join("\0");
    let loaded = models.get(key);
    if (loaded === undefined) models.set(key, (loaded = loadModelWithSources(job.schema, job.importRoots)));
    const generator = await job.target.load();
    try {
      files.push(...runJob(generator, loaded.model, job, resolved.baseDir));
    } catch (e) {
      // A target's located error (WIDL2024) knows its locations but not the texts they point into.
      if (e instanceof WidlError && e.sources.size === 0) throw new WidlError(e.diagnostics, loaded.sources);
      throw e;
    }
  }
  return files;
}

function runJob(generator: TargetGenerator, model: Model, job: GenerateJob, baseDir: string): GeneratedFile[] {
  const context = {
    output: job.output,
    schemaFile: relativeSchema(job.schema, job.outputPath),
    schemaFrom: (path: string) => relativeSchema(job.schema, resolve(baseDir, path)),
  };
  const out = generator(model, job.options, context);
  if (typeof out === "string") {
    return [{ path: job.outputPath, content: out, target: job.target.name, ifNotExists: job.ifNotExists }];
  }
  return out.map((f) => ({
    path: resolve(baseDir, f.path),
    content: f.content,
    target: job.target.name,
    ifNotExists: job.ifNotExists || f.ifNotExists === true,
  }));
}

/** The schema as the generated file's header names it: relative to the output, `/`-separated. */
function relativeSchema(schema: string, output: string): string {
  const rel = relative(dirname(output), schema).split("\\").join("/");
  return rel === "" ? basename(schema) : rel;
}

/**
 * One target run ad hoc (`generate --schema s --target t --out f`): options checked as in
 * codegen.yaml. Imports come from the schema's folder, the working directory and `importRoots`.
 */
export function generateTarget(
  schemaPath: string,
  targetName: string,
  output: string,
  options: Readonly<Record<string, unknown>> = {},
  importRoots: readonly string[] = [],
): Promise<GeneratedFile[]> {
  const config = resolveCodegenConfig(
    { schema: resolve(schemaPath), generates: { [resolve(output)]: { target: targetName, config: options } } },
    { baseDir: process.cwd(), importRoots },
  );
  return generate(config);
}

export interface WriteResult {
  readonly written: string[];
  /** Unchanged files, and `ifNotExists` files that already exist. */
  readonly skipped: string[];
}

/**
 * Writes generated files, creating folders. A file whose content is unchanged is not rewritten (so
 * watchers and build tools see no change), and an `ifNotExists` file that exists is left alone.
 */
export function writeGenerated(files: readonly GeneratedFile[]): WriteResult {
  const written: string[] = [];
  const skipped: string[] = [];
  for (const f of files) {
    const exists = existsSync(f.path);
    if ((exists && f.ifNotExists) || (exists && readFileSync(f.path, "utf8") === f.content)) {
      skipped.push(f.path);
      continue;
    }
    mkdirSync(dirname(f.path), { recursive: true });
    writeFileSync(f.path, f.content);
    written.push(f.path);
  }
  return { written, skipped };
}
