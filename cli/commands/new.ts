/**
 * `widl-bindgen new <template> <dir> [--name] [--description] [--yes] [--no-install] [--force]`: a project that
 * builds and tests right away. On a terminal it asks for the name and the description (Enter takes the default);
 * `--yes`, or no terminal, takes the defaults. Exit code 0 on success, 1 when install or the first build fails,
 * 2 on wrong usage — in which case nothing has been written. The work is done by generators/new-project/.
 */
import type { CAC } from "cac";
import { createInterface } from "node:readline/promises";
import { WIDL_BINDGEN_HOST_SPEC_ENV, WIDL_BINDGEN_SPEC_ENV } from "../../generators/new-project/install-source.js";
import { projectTemplates } from "../../generators/new-project/project-templates.js";
import { usageError } from "../usage.js";

interface NewOptions {
  name?: string;
  description?: string;
  yes?: boolean;
  install?: boolean;
  force?: boolean;
  guest?: string;
  widlBindgen?: string;
}


/** Registers the `new` command. */
export function register(cli: CAC): void {
  cli
    .command("new [template] [dir]", `Create a project from a template (${[...projectTemplates.keys()].join(", ")})`)
    .option("--name <name>", "npm package name (default: the folder's name)")
    .option("--description <text>", "One line for package.json and the README")
    .option("-y, --yes", "Take the defaults instead of asking")
    .option("--no-install", "Only write and generate the files: no npm install, no first build")
    .option("--force", "Write into a folder that is not empty")
    .option("--guest <file.wasm>", "host-typescript, serve: copy this guest to guest.wasm")
    .option("--widl-bindgen <spec>", `How the project depends on widl-bindgen: a version range, or a packed .tgz or folder (default: ^<this version> from a registry install, else this copy; env ${WIDL_BINDGEN_SPEC_ENV})`)
    .usage(
      `new <template> <dir> [options]\n\nTemplates:\n${[...projectTemplates.values()].map((t) => `  ${t.name.padEnd(16)} ${t.description}`).join("\n")}`,
    )
    .example("widl-bindgen new assemblyscript my-guest")
    .example("widl-bindgen new rust my-guest --yes")
    .example("widl-bindgen new host-typescript my-app --guest ../my-guest/build/guest.wasm")
    .action(async (template: string | undefined, dir: string | undefined, options: NewOptions) => {
      process.exitCode = await runNew(template, dir, options);
    });
}

async function runNew(template: string | undefined, dir: string | undefined, options: NewOptions): Promise<number> {
  // The scaffolding code (handlebars, the generators) is loaded only when `new` runs.
  const {
    checkProjectName,
    checkTargetDir,
    checkTemplate,
    createProject,
    defaultDescription,
    defaultProjectName,
    NewProjectError,
    NewProjectStepError,
    planProject,
    projectNameProblem,
  } = await import("../../generators/new-project/index.js");
  try {
    if (template === undefined || dir === undefined) {
      throw new NewProjectError(`usage: widl-bindgen new <template> <dir>; templates: ${[...projectTemplates.keys()].join(", ")}`);
    }
    for (const key of ["name", "description", "guest", "widlBindgen"] as const) {
      if (options[key] !== undefined && typeof options[key] !== "string") throw new NewProjectError(`--${key === "widlBindgen" ? "widl-bindgen" : key} needs a value`);
    }
    // Refuse early, before asking anything.
    checkTemplate(template);
    checkTargetDir(dir, options.force === true);
    if (options.name !== undefined) checkProjectName(options.name);

    let { name, description } = options;
    const interactive = options.yes !== true && process.stdin.isTTY === true && process.stdout.isTTY === true;
    if (interactive) ({ name, description } = await ask(template, dir, name, description, { defaultDescription, defaultProjectName, projectNameProblem }));
    const plan = planProject({
      template,
      dir,
      name,
      description,
      force: options.force === true,
      install: options.install !== false,
      guest: options.guest,
      widlBindgen: options.widlBindgen ?? (process.env[WIDL_BINDGEN_SPEC_ENV] || undefined),
      // The runtime package's tarball, for installs before it is published (the packaged-install test).
      host: process.env[WIDL_BINDGEN_HOST_SPEC_ENV] || undefined,
    });
    const result = await createProject(plan, (line) => process.stdout.write(`${line}\n`));
    process.stdout.write(`\nCreated ${plan.names.name}. Next:\n${result.next.map((c) => `  ${c}\n`).join("")}`);
    return 0;
  } catch (e) {
    if (e instanceof NewProjectError) {
      usageError("new", e.message);
      return 2;
    }
    if (e instanceof PromptCancelled) {
      process.stderr.write("\nwidl-bindgen new: cancelled; nothing was written\n");
      return 130;
    }
    if (e instanceof NewProjectStepError) {
      const hint = e.hint === undefined ? "" : `hint: ${e.hint}\n`;
      process.stderr.write(`${e.output.trimEnd()}\nwidl-bindgen new: ${e.step} failed: ${e.message}\n${hint}`);
      return 1;
    }
    throw e;
  }
}

type NewProjectModule = typeof import("../../generators/new-project/index.js");

/** The user left the prompts (Ctrl+C, Ctrl+D); nothing has been written. */
class PromptCancelled extends Error {}

/**
 * Asks for what was not given on the command line; Enter takes the default shown in brackets. Lines are read
 * through one async iterator rather than `rl.question`, so answers typed (or pasted) ahead are not lost.
 */
async function ask(
  template: string,
  dir: string,
  name: string | undefined,
  description: string | undefined,
  defaults: Pick<NewProjectModule, "defaultDescription" | "defaultProjectName" | "projectNameProblem">,
): Promise<{ name: string; description: string }> {
  const { defaultDescription, defaultProjectName, projectNameProblem } = defaults;
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  rl.on("SIGINT", () => rl.close());
  const lines = rl[Symbol.asyncIterator]();
  const question = async (prompt: string): Promise<string> => {
    rl.setPrompt(prompt);
    rl.prompt();
    const next = await lines.next();
    if (next.done === true) throw new PromptCancelled();
    return (next.value as string).trim();
  };
  try {
    while (name === undefined) {
      const fallback = defaultProjectName(dir);
      const answer = (await question(`Project name (${fallback}): `)) || fallback;
      const problem = projectNameProblem(answer);
      if (problem === undefined) name = answer;
      else process.stdout.write(`  ${problem}\n`);
    }
    if (description === undefined) {
      const fallback = defaultDescription(template);
      description = (await question(`Description (${fallback}): `)) || fallback;
    }
    return { name, description };
  } finally {
    rl.close();
  }
}
