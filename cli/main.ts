#!/usr/bin/env node
/**
 * The `widl-bindgen` command line. Thin by design: it parses arguments with cac, calls the library,
 * and prints diagnostics. Each command lives in its own file under `cli/commands/` and exports a
 * `register(cli)` function that declares it; what a command needs to run (the parser, a generator, the host
 * runtime) is imported inside its action, so `--help` or `check` never load ts-morph or handlebars.
 *
 * Arguments are strict (cli/usage.ts): an unknown command, an unknown option, a missing or extra argument is a
 * one-line error with exit code 2, never a stack trace.
 */
import { cac, type Command } from "cac";
import { register as registerCheck } from "./commands/check.js";
import { register as registerGenerate } from "./commands/generate.js";
import { register as registerInspect } from "./commands/inspect.js";
import { register as registerInvoke } from "./commands/invoke.js";
import { register as registerNew } from "./commands/new.js";
import { register as registerServe } from "./commands/serve.js";
import { closest, usageError } from "./usage.js";
import { ownPackage } from "../generators/own-package.js";

const cli = cac("widl-bindgen");
// Commands register themselves here, one line each.
registerCheck(cli);
registerGenerate(cli);
registerInspect(cli);
registerInvoke(cli);
registerNew(cli);
registerServe(cli);

cli.help();
cli.version(ownPackage().version);

/** cac's own argument checks throw a `CACError` with a stack; this turns them into the one-line usage error. */
function cacErrorMessage(command: Command, message: string): string {
  const given = cli.args.length;
  const declared = command.args;
  if (message.startsWith("missing required args")) {
    const missing = declared.filter((a) => a.required).slice(given).map((a) => `<${a.value}>`);
    return `missing ${missing.join(" ")}; usage: widl-bindgen ${command.rawName}`;
  }
  if (message.startsWith("Unused args")) {
    const extra = cli.args.slice(declared.length).map((a) => JSON.stringify(String(a)));
    return `unexpected argument${extra.length === 1 ? "" : "s"} ${extra.join(" ")}; usage: widl-bindgen ${command.rawName}`;
  }
  // "Unknown option `--x`", "option `--schema <file>` value is missing": clear as they are, once unquoted.
  return (message.charAt(0).toLowerCase() + message.slice(1)).replaceAll("`", "");
}

async function main(): Promise<void> {
  cli.parse(process.argv, { run: false });
  if (cli.options.help === true || cli.options.version === true) return; // cac has printed them
  const command = cli.matchedCommand;
  if (command === undefined) {
    const typed = cli.args[0];
    const names = cli.commands.map((c) => c.name);
    if (typed === undefined) {
      cli.outputHelp();
      process.exitCode = 2;
      return;
    }
    const suggestion = closest(String(typed), names);
    usageError(
      undefined,
      `unknown command "${typed}"${suggestion === undefined ? "." : `; did you mean "${suggestion}"?`} Commands: ${names.join(", ")}`,
    );
    return;
  }
  try {
    await cli.runMatchedCommand();
  } catch (e) {
    if (!(e instanceof Error && e.name === "CACError")) throw e;
    usageError(command.name, cacErrorMessage(command, e.message));
  }
}

await main();
