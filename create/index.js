#!/usr/bin/env node
// `npm create widl-bindgen@latest <dir> -- --template <template> [options]` → `widl-bindgen new <template> <dir>
// [options]`. This package only translates the arguments; the templates and every check live in widl-bindgen,
// whose version this package shares (and depends on exactly), so `create-widl-bindgen@x` makes what
// `widl-bindgen@x new` makes.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const TEMPLATES = ["assemblyscript", "rust", "host-typescript", "serve"];
const usage = `usage: npm create widl-bindgen@latest <dir> -- --template <${TEMPLATES.join("|")}> [widl-bindgen new options]
       create-widl-bindgen <dir> --template <template> [--name] [--description] [--yes] [--no-install] [--force]`;

/** Splits `--template <t>` / `--template=<t>` / `-t <t>` out of the arguments; the rest go to `new` unchanged. */
function parse(argv) {
  let template;
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--template" || arg === "-t") template = argv[++i];
    else if (arg.startsWith("--template=")) template = arg.slice("--template=".length);
    else rest.push(arg);
  }
  return { template, rest };
}

const argv = process.argv.slice(2);
if (argv.includes("--help") || argv.includes("-h")) {
  console.log(usage);
  process.exit(0);
}
const { template, rest } = parse(argv);
const dir = rest.find((a) => !a.startsWith("-"));
if (template === undefined || dir === undefined) {
  console.error(`create-widl-bindgen: ${template === undefined ? "missing --template" : "missing the project folder"}\n${usage}`);
  process.exit(2);
}
rest.splice(rest.indexOf(dir), 1);

/**
 * widl-bindgen's package.json: the dependency, wherever npm put it; or, when this file runs from a widl-bindgen
 * checkout (create/ inside it, no dependency installed), the checkout's own, so that the project depends on that
 * checkout (`new` decides and says so).
 */
function widlBindgenManifest() {
  try {
    return fileURLToPath(import.meta.resolve("widl-bindgen/package.json"));
  } catch {
    const checkout = fileURLToPath(new URL("../package.json", import.meta.url));
    if (existsSync(checkout) && JSON.parse(readFileSync(checkout, "utf8")).name === "widl-bindgen") return checkout;
    console.error("create-widl-bindgen: cannot find its widl-bindgen dependency; reinstall create-widl-bindgen");
    process.exit(1);
  }
}

// widl-bindgen's own bin.
const manifest = widlBindgenManifest();
const bin = JSON.parse(readFileSync(manifest, "utf8")).bin["widl-bindgen"];
const run = spawnSync(process.execPath, [join(dirname(manifest), bin), "new", template, dir, ...rest], { stdio: "inherit" });
if (run.error) {
  console.error(`create-widl-bindgen: ${run.error.message}`);
  process.exit(1);
}
process.exit(run.status ?? 1);
