/**
 * `widl-bindgen new`, as a library: `planProject` checks the input and renders the template in memory without
 * touching the disk, so every refusal (unknown template, invalid name, non-empty folder) leaves nothing behind;
 * `createProject` then runs the steps — render, generate, install, first build — reporting one line per step.
 */
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { WidlError, formatDiagnostics } from "../../widl-parser/index.js";
import { generate, writeGenerated } from "../generate.js";
import { NewProjectError, NewProjectStepError } from "./errors.js";
import { ownPackage } from "../own-package.js";
import { checkProjectName, projectNames, type ProjectNames } from "./project-names.js";
import { projectTemplates, type ProjectTemplate } from "./project-templates.js";
import { renderTemplateFolder, type ProjectFile } from "./render.js";
import {
  fileSpec,
  HOST_PACKAGE,
  installSource,
  localHostPackage,
  WIDL_BINDGEN_SPEC_ENV,
  type InstallSource,
} from "./install-source.js";

/** The input of `widl-bindgen new`. */
export interface NewProjectOptions {
  /** One of `projectTemplates`. */
  readonly template: string;
  /** The project folder; created if absent. */
  readonly dir: string;
  /** The npm package name. Defaults to the folder's name. */
  readonly name?: string | undefined;
  /** One line for package.json and the README. Defaults to the template's description. */
  readonly description?: string | undefined;
  /** Write into a folder that is not empty (files of the template replace files of the same name). Defaults to false. */
  readonly force?: boolean | undefined;
  /** Run `npm install` and the first build. Defaults to true. */
  readonly install?: boolean | undefined;
  /** A guest `.wasm` copied to `guest.wasm` (templates `host-typescript` and `serve`). Defaults to none. */
  readonly guest?: string | undefined;
  /**
   * How the project's package.json names widl-bindgen: an npm version range, or the path of a packed tarball or
   * of a folder (written as a `file:` spec relative to the project). Defaults to `^<this version>` when this
   * widl-bindgen came from a registry, and to this copy (its folder or tarball) otherwise.
   */
  readonly widlBindgen?: string | undefined;
  /**
   * How the project's package.json names the runtime, @widl-bindgen/host: a range, a tarball or a folder, as
   * `widlBindgen`. Defaults to `^<this version>`.
   */
  readonly host?: string | undefined;
}

/** Everything `createProject` needs, checked. */
export interface ProjectPlan {
  readonly template: ProjectTemplate;
  /** Absolute. */
  readonly dir: string;
  readonly names: ProjectNames;
  readonly description: string;
  readonly files: readonly ProjectFile[];
  /** Absolute path of the guest to copy, if any. */
  readonly guest: string | undefined;
  readonly install: boolean;
  /** The dependency spec written for widl-bindgen. */
  readonly widlBindgenSpec: string;
  /** One line saying that the project depends on a local copy of widl-bindgen, and why; undefined otherwise. */
  readonly dependencyNote: string | undefined;
}

/** The name a project gets when none is given: its folder's name. */
export function defaultProjectName(dir: string): string {
  return basename(resolve(dir));
}

/** The description a project gets when none is given. */
export function defaultDescription(template: string): string {
  const t = projectTemplates.get(template);
  return t === undefined ? "" : t.description.charAt(0).toUpperCase() + t.description.slice(1);
}

/** Throws `NewProjectError` unless `template` names a project template. */
export function checkTemplate(template: string): ProjectTemplate {
  const t = projectTemplates.get(template);
  if (t === undefined) {
    throw new NewProjectError(`unknown template "${template}"; templates: ${[...projectTemplates.keys()].join(", ")}`);
  }
  return t;
}

/** Throws `NewProjectError` if `dir` exists and is not an empty folder (a non-empty one is allowed with `force`). */
export function checkTargetDir(dir: string, force: boolean): void {
  if (!existsSync(dir)) return;
  if (!statSync(dir).isDirectory()) throw new NewProjectError(`${dir} exists and is not a folder`);
  const entries = readdirSync(dir);
  if (entries.length > 0 && !force) {
    throw new NewProjectError(
      `${dir} is not empty (${entries.length} entr${entries.length === 1 ? "y" : "ies"}); choose another folder, or pass --force to write into it`,
    );
  }
}

const PATH_LIKE = /^(?:file:|\.{1,2}(?:\/|\\|$)|\/|[A-Za-z]:[\\/])|\.tgz$/;

/** The package.json spec of an explicitly given `widlBindgen` or `host` (see `NewProjectOptions`). */
function givenSpec(given: string, projectDir: string, packageName: string): string {
  if (!PATH_LIKE.test(given)) return given;
  const path = resolve(given.replace(/^file:/, ""));
  if (!existsSync(path)) throw new NewProjectError(`${packageName} package "${given}" does not exist (resolved to ${path})`);
  return fileSpec(path, projectDir);
}

/** How a project depends on widl-bindgen and on its runtime package. */
export interface ProjectDependencies {
  /** The spec written for widl-bindgen. */
  readonly widlBindgen: string;
  /** The spec written for `@widl-bindgen/host`, which is versioned with widl-bindgen. */
  readonly host: string;
  /** Set when a local copy was not asked for but detected: one line for the user. */
  readonly note: string | undefined;
}

/**
 * How a project in `projectDir` depends on widl-bindgen and `@widl-bindgen/host` (see `NewProjectOptions`): as
 * given; else this copy and the runtime package beside it when this widl-bindgen did not come from a registry
 * (install-source.ts); else `^<this version>`.
 */
export function projectDependencies(given: NewProjectOptions, projectDir: string): ProjectDependencies {
  const version = `^${ownPackage().version}`;
  const givenHost = given.host === undefined || given.host === "" ? undefined : givenSpec(given.host, projectDir, HOST_PACKAGE);
  let source: InstallSource;
  if (given.widlBindgen !== undefined && given.widlBindgen !== "") {
    const widlBindgen = givenSpec(given.widlBindgen, projectDir, "widl-bindgen");
    if (!widlBindgen.startsWith("file:")) return { widlBindgen, host: givenHost ?? version, note: undefined };
    const path = resolve(given.widlBindgen.replace(/^file:/, ""));
    source = statSync(path).isDirectory() ? { kind: "folder", path } : { kind: "tarball", path };
  } else {
    source = installSource(ownPackage().root);
    if (source.kind === "registry") return { widlBindgen: version, host: givenHost ?? version, note: undefined };
  }
  const widlBindgen = fileSpec(source.path, projectDir);
  const hostPath = localHostPackage(source);
  const host = givenHost ?? (hostPath === undefined ? version : fileSpec(hostPath, projectDir));
  if (given.widlBindgen !== undefined && given.widlBindgen !== "") return { widlBindgen, host, note: undefined };
  const from = source.kind === "tarball" ? "a packed tarball" : existsSync(join(source.path, ".git")) ? "a git checkout" : "a local folder";
  const note = `widl-bindgen ${ownPackage().version} runs from ${from}, not a registry install: the project depends on this copy (${widlBindgen}, ${HOST_PACKAGE} ${host})`;
  return { widlBindgen, host, note };
}

/** Checks the options and renders the template in memory. Writes nothing; throws `NewProjectError`. */
export function planProject(options: NewProjectOptions): ProjectPlan {
  const template = checkTemplate(options.template);
  const dir = resolve(options.dir);
  const name = options.name ?? defaultProjectName(dir);
  try {
    checkProjectName(name);
  } catch (e) {
    if (options.name !== undefined) throw e;
    throw new NewProjectError(`${(e as Error).message} (taken from the folder's name; give one with --name)`);
  }
  checkTargetDir(dir, options.force === true);
  let guest: string | undefined;
  if (options.guest !== undefined) {
    if (!template.takesGuest) throw new NewProjectError(`--guest applies to the host-typescript and serve templates, not ${template.name}`);
    guest = resolve(options.guest);
    if (!existsSync(guest) || !statSync(guest).isFile()) throw new NewProjectError(`guest ${options.guest} is not a file`);
  }
  const names = projectNames(name);
  const description = options.description ?? defaultDescription(template.name);
  const own = ownPackage();
  const dependencies = projectDependencies(options, dir);
  const spec = dependencies.widlBindgen;
  const view = {
    ...names,
    description,
    template: template.name,
    widlBindgen: { version: own.version, spec },
    host: { spec: dependencies.host },
    // The ranges widl-bindgen itself is tested with, so a new project starts from a known-good set.
    versions: {
      assemblyscript: own.ranges["assemblyscript"] ?? "^0.28.0",
      vitest: own.ranges["vitest"] ?? "^4.0.0",
      typescript: own.ranges["typescript"] ?? "^5.9.0",
      typesNode: own.ranges["@types/node"] ?? "^20.19.0",
    },
  };
  const files = renderTemplateFolder(join(own.root, "templates", "new", template.name), view);
  return {
    template,
    dir,
    names,
    description,
    files,
    guest,
    install: options.install !== false,
    widlBindgenSpec: spec,
    dependencyNote: dependencies.note,
  };
}

/** Receives one line per step. */
export type ProgressLog = (line: string) => void;

export interface CreateResult {
  /** Paths relative to the project, in the order written. */
  readonly written: readonly string[];
  /** The commands to run next, starting with `cd`. */
  readonly next: readonly string[];
}

/**
 * Writes the project and runs its steps. A failed install or build throws `NewProjectStepError` with the
 * command's output; the files written so far stay, so the user can fix the cause and rerun the command.
 */
export async function createProject(plan: ProjectPlan, log: ProgressLog = () => {}): Promise<CreateResult> {
  const steps = 4;
  const step = (n: number, text: string) => log(`[${n}/${steps}] ${text}`);
  const shown = relative(process.cwd(), plan.dir) || ".";

  if (plan.dependencyNote !== undefined) log(plan.dependencyNote);

  // 1. render
  const written: string[] = [];
  for (const file of plan.files) {
    const path = join(plan.dir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
    written.push(file.path);
  }
  if (plan.guest !== undefined) {
    copyFileSync(plan.guest, join(plan.dir, "guest.wasm"));
    written.push("guest.wasm");
  }
  step(1, `render: ${plan.template.name} template → ${shown}/ (${written.length} files)`);

  // 2. generate
  if (plan.template.generates) {
    let generated;
    try {
      generated = writeGenerated(await generate(join(plan.dir, "codegen.yaml")));
    } catch (e) {
      // A template whose schema or codegen.yaml does not generate is a bug of widl-bindgen, but say which step.
      const output = e instanceof WidlError ? formatDiagnostics(e.diagnostics, { sources: e.sources }) : "";
      throw new NewProjectStepError("generate", (e as Error).message, output);
    }
    const paths = generated.written.map((p) => relative(plan.dir, p).split("\\").join("/"));
    written.push(...paths);
    step(2, `generate: codegen.yaml → ${paths.join(", ")}`);
  } else {
    step(2, "generate: nothing to generate (no codegen.yaml)");
  }

  // 3. install, 4. first build
  if (plan.install) {
    let started = Date.now();
    step(3, `install: npm install (widl-bindgen@${plan.widlBindgenSpec}) …`);
    await runNpm("install", ["install", "--no-audit", "--no-fund"], plan.dir);
    log(`      done in ${seconds(started)}`);
    started = Date.now();
    step(4, `first build: npm run ${plan.template.buildScript} …`);
    await runNpm("first build", ["run", plan.template.buildScript], plan.dir);
    log(`      done in ${seconds(started)}`);
  } else {
    step(3, "install: skipped (--no-install)");
    step(4, "first build: skipped (--no-install)");
  }

  const next = [`cd ${shown}`, ...(plan.install ? [] : ["npm install"]), ...plan.template.next];
  return { written, next };
}

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)}s`;
}

/**
 * Runs npm in the project. Under `npx`/`npm exec`, `npm_execpath` names the npm that started us, which is the
 * one to reuse; otherwise `npm` from PATH. Variables describing the calling project (`npm_package_*`,
 * `npm_lifecycle_*`, `npm_config_local_prefix`) are dropped: they describe another project.
 */
function runNpm(stepName: string, args: readonly string[], cwd: string): Promise<void> {
  const execPath = process.env["npm_execpath"];
  const viaNode = execPath !== undefined && /npm-cli\.c?js$/.test(execPath);
  const command = viaNode ? process.execPath : process.platform === "win32" ? "npm.cmd" : "npm";
  const argv = viaNode ? [execPath, ...args] : [...args];
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^npm_(package_|lifecycle_|config_local_prefix$)/i.test(k)),
  );
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, argv, { cwd, env, stdio: ["ignore", "pipe", "pipe"], shell: process.platform === "win32" });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (output += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (output += d));
    child.on("error", (e) => reject(new NewProjectStepError(stepName, `npm ${args.join(" ")}: ${e.message}`, output)));
    child.on("close", (code) => {
      if (code === 0) resolvePromise();
      else reject(new NewProjectStepError(stepName, `npm ${args.join(" ")} failed with exit code ${String(code)}`, output, npmHint(output)));
    });
  });
}

/**
 * What to do after npm's E404 ("not in this registry"). For widl-bindgen's own packages it means the registry
 * does not have them (yet): the project can depend on a local copy instead.
 */
export function npmHint(output: string): string | undefined {
  if (!/\bE404\b/.test(output)) return undefined;
  // npm 10 says "'name@range' is not in this registry", npm 11 "… 'name@range' could not be found".
  const missing = /'((?:@[^/'\s]+\/)?[^@'\s]+)@[^']*' (?:is not in this registry|could not be found)/.exec(output)?.[1];
  if (missing === undefined || (missing !== "widl-bindgen" && missing !== HOST_PACKAGE)) {
    return `npm's registry does not have ${missing ?? "a dependency"} (E404): check the name and version in package.json, and the registry npm uses (npm config get registry)`;
  }
  return (
    `the registry does not have ${missing} (E404): it may not be published yet. Point the project at a local copy: ` +
    `run "widl-bindgen new" again with --widl-bindgen <a widl-bindgen checkout, or the .tgz that npm pack writes> ` +
    `(or set ${WIDL_BINDGEN_SPEC_ENV}), or run widl-bindgen itself from a checkout or a tarball, and new projects depend on that copy`
  );
}
