/**
 * codegen.yaml, in the wapc CLI's format:
 *
 * ```yaml
 * schema: schema.widl
 * importRoots: [../shared]              # ours: more folders imports may come from (see docs/widl.md)
 * config: { hostRoles: [Host] }        # merged into every entry's config
 * generates:
 *   src/cuckoo.ts:
 *     target: typescript-host           # our short form, or module + visitorClass as wapc writes them
 *     config: { className: Cuckoo }
 *   assembly/index.ts:
 *     module: "@wapc/widl-codegen/assemblyscript"
 *     visitorClass: ScaffoldVisitor
 *     ifNotExists: true
 * ---
 * schema: other.widl                    # several documents, each its own schema
 * generates: …
 * ```
 *
 * Everything is checked in `resolveCodegenConfig`: unknown keys, unknown targets and wrong option
 * types are a `CodegenConfigError` naming the place, never silence.
 */
import { readFileSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { parseAllDocuments } from "yaml";
import { CodegenConfigError, resolveTargetOptions } from "./options.js";
import { targets as defaultTargets, type Target } from "./targets.js";

export { CodegenConfigError } from "./options.js";

/** One entry of `generates`, resolved. */
export interface GenerateJob {
  /** The schema file, absolute. */
  readonly schema: string;
  /** The output path as written (the `generates` key). */
  readonly output: string;
  /** The output path, absolute. */
  readonly outputPath: string;
  readonly target: Target;
  readonly ifNotExists: boolean;
  /** The target's options: defaults filled in, every key checked. */
  readonly options: Readonly<Record<string, unknown>>;
  /**
   * Folders the schema's imports may come from, absolute: the config's folder, the document's
   * `importRoots` and the caller's (the schema's own folder is always one too).
   */
  readonly importRoots: readonly string[];
}

export interface CodegenConfig {
  /** The codegen.yaml path, when read from a file. */
  readonly file: string | undefined;
  /** The folder relative paths are resolved against. */
  readonly baseDir: string;
  readonly jobs: readonly GenerateJob[];
}

export interface ResolveConfigOptions {
  /** Folder that relative paths are resolved against. Defaults to the process's working directory. */
  readonly baseDir?: string;
  /** The file name for messages. */
  readonly file?: string;
  /** The target registry. Defaults to every built-in target. */
  readonly targets?: ReadonlyMap<string, Target>;
  /** More import roots for every schema (`--import-root`), relative to the working directory. Defaults to none. */
  readonly importRoots?: readonly string[];
}

const DOCUMENT_KEYS = ["schema", "generates", "config", "importRoots"];
const ENTRY_KEYS = ["target", "module", "visitorClass", "ifNotExists", "config"];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Reads and resolves a codegen.yaml file. */
export function loadCodegenConfig(path: string, options: Omit<ResolveConfigOptions, "baseDir" | "file"> = {}): CodegenConfig {
  const file = resolve(path);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new CodegenConfigError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return parseCodegenConfig(text, { ...options, baseDir: dirname(file), file });
}

/** Parses codegen.yaml text (one or more YAML documents) and resolves it. */
export function parseCodegenConfig(text: string, options: ResolveConfigOptions = {}): CodegenConfig {
  const name = options.file === undefined ? "codegen.yaml" : basename(options.file);
  const docs = parseAllDocuments(text);
  const values: unknown[] = [];
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    if (doc.errors.length > 0) {
      const e = doc.errors[0]!;
      const at = e.linePos?.[0] ? `:${e.linePos[0].line}:${e.linePos[0].col}` : "";
      throw new CodegenConfigError(`${name}${at}: ${e.message.split("\n")[0]}`);
    }
    const value: unknown = doc.toJS();
    if (value !== null && value !== undefined) values.push(value);
  }
  return resolveCodegenConfig(values, options);
}

/**
 * Resolves parsed codegen.yaml documents: every key checked, targets looked up, options resolved.
 * This is the one place options are resolved.
 */
export function resolveCodegenConfig(documents: unknown | readonly unknown[], options: ResolveConfigOptions = {}): CodegenConfig {
  const baseDir = resolve(options.baseDir ?? ".");
  const registry = options.targets ?? defaultTargets;
  const list = Array.isArray(documents) ? documents : [documents];
  const jobs: GenerateJob[] = [];
  list.forEach((doc, index) => {
    const where = list.length > 1 ? `document ${index + 1}` : "codegen.yaml";
    if (!isObject(doc)) throw new CodegenConfigError(`${where} must be a mapping with schema and generates`);
    for (const key of Object.keys(doc)) {
      if (!DOCUMENT_KEYS.includes(key)) {
        throw new CodegenConfigError(`invalid key "${key}" in ${where}: expected one of ${DOCUMENT_KEYS.join(", ")}`);
      }
    }
    if (typeof doc.schema !== "string" || doc.schema === "") throw new CodegenConfigError(`${where}: "schema" must be a file path`);
    if (!isObject(doc.generates)) throw new CodegenConfigError(`${where}: "generates" must map output paths to entries`);
    const ownRoots = doc.importRoots ?? [];
    if (!Array.isArray(ownRoots) || !ownRoots.every((r) => typeof r === "string" && r !== "")) {
      throw new CodegenConfigError(`${where}: "importRoots" must be a list of folder paths`);
    }
    const importRoots = [baseDir, ...ownRoots.map((r: string) => resolve(baseDir, r)), ...(options.importRoots ?? []).map((r) => resolve(r))];
    const shared = doc.config ?? {};
    if (!isObject(shared)) throw new CodegenConfigError(`${where}: "config" must be a mapping`);
    const sharedUsed = new Set<string>();
    const docJobs: GenerateJob[] = [];

    for (const [output, rawEntry] of Object.entries(doc.generates)) {
      const at = `generates[${JSON.stringify(output)}]`;
      const entry = rawEntry ?? {};
      if (!isObject(entry)) throw new CodegenConfigError(`${at} must be a mapping`);
      for (const key of Object.keys(entry)) {
        if (!ENTRY_KEYS.includes(key)) {
          throw new CodegenConfigError(`invalid key "${key}" in ${at}: expected one of ${ENTRY_KEYS.join(", ")}`);
        }
      }
      const target = findTarget(registry, entry, at);
      if (entry.ifNotExists !== undefined && typeof entry.ifNotExists !== "boolean") {
        throw new CodegenConfigError(`invalid key "ifNotExists" in ${at}: expected a boolean`);
      }
      const own = entry.config ?? {};
      if (!isObject(own)) throw new CodegenConfigError(`${at}.config must be a mapping`);
      // Shared keys reach only the targets that have them; a key no target has is caught below.
      const merged: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(shared)) {
        if (Object.hasOwn(target.options, k)) {
          merged[k] = v;
          sharedUsed.add(k);
        }
      }
      Object.assign(merged, own);
      docJobs.push({
        schema: resolve(baseDir, doc.schema),
        output,
        outputPath: resolve(baseDir, output),
        target,
        ifNotExists: entry.ifNotExists === true,
        options: resolveTargetOptions(target.name, target.options, merged, at),
        importRoots,
      });
    }
    for (const k of Object.keys(shared)) {
      if (!sharedUsed.has(k)) {
        throw new CodegenConfigError(`invalid option "${k}" in ${where} config: no target in generates has it`);
      }
    }
    jobs.push(...docJobs);
  });
  return { file: options.file, baseDir, jobs };
}

function findTarget(registry: ReadonlyMap<string, Target>, entry: Record<string, unknown>, at: string): Target {
  const names = [...registry.keys()].join(", ");
  if (entry.target !== undefined) {
    if (entry.module !== undefined || entry.visitorClass !== undefined) {
      throw new CodegenConfigError(`${at}: give either target or module/visitorClass, not both`);
    }
    const t = typeof entry.target === "string" ? registry.get(entry.target) : undefined;
    if (t === undefined) throw new CodegenConfigError(`${at}: unknown target ${JSON.stringify(entry.target)}; targets: ${names}`);
    return t;
  }
  if (typeof entry.module !== "string") {
    throw new CodegenConfigError(`${at}: needs "target" (one of ${names}) or "module" and "visitorClass"`);
  }
  const visitor = typeof entry.visitorClass === "string" ? entry.visitorClass : undefined;
  const matches = [...registry.values()].filter((t) =>
    t.wapc?.some((w) => w.module === entry.module && (visitor === undefined || w.visitorClass === visitor)),
  );
  if (matches.length === 1) return matches[0]!;
  const pairs = [...registry.values()].flatMap((t) => (t.wapc ?? []).map((w) => `${w.module} ${w.visitorClass} (${t.name})`));
  throw new CodegenConfigError(
    `${at}: no widl-bindgen target for module ${JSON.stringify(entry.module)}` +
      (visitor === undefined ? " without visitorClass" : ` visitorClass ${JSON.stringify(visitor)}`) +
      `; known: ${pairs.join("; ")}`,
  );
}
