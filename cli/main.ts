#!/usr/bin/env node
/**
 * The `widl-bindgen` command line. Thin by design: it parses arguments with cac, calls the library,
 * and prints diagnostics. Each command lives in its own file under `cli/commands/` and exports a
 * `register(cli)` function; this file only wires them together.
 */
import { cac } from "cac";
import { register as registerCheck } from "./commands/check.js";
import { register as registerGenerate } from "./commands/generate.js";
import { register as registerInspect } from "./commands/inspect.js";
import { register as registerInvoke } from "./commands/invoke.js";
import { register as registerNew } from "./commands/new.js";
import { register as registerServe } from "./commands/serve.js";
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
cli.parse();
