#!/usr/bin/env node
/**
 * The `widl-bindgen` command line. Thin by design: it parses arguments with cac, calls the library,
 * and prints diagnostics. Each command lives in its own file under `cli/commands/`.
 */
import { cac } from "cac";
import { readFileSync } from "node:fs";

const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url).pathname.replace("/dist/../", "/"), "utf8")) as {
  version: string;
};

const cli = cac("widl-bindgen");
// Commands register themselves here, one line each.

cli.help();
cli.version(version);
cli.parse();
