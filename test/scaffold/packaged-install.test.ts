/**
 * The packaged install, as a user meets it: the three packages packed with `npm pack`, installed from the
 * tarballs into an empty project (their own dependencies come from the npm registry), and every template made
 * through the installed bins, then built and tested with npm. Then what an application ships: installed with
 * `--omit=dev`, it holds the runtime and none of the toolchain.
 *
 * How the made projects find widl-bindgen and @widl-bindgen/host: `WIDL_BINDGEN_SPEC` and
 * `WIDL_BINDGEN_HOST_SPEC` name the tarballs, so their package.json says
 * `"widl-bindgen": "file:../../packs/widl-bindgen-<v>.tgz"` instead of `^<v>` (which the registry would serve
 * once published). A few minutes at most with a warm npm cache; `--prefer-offline` keeps it there.
 */
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { collectOutput, repoRoot, type CliResult } from "../cli/run-cli.js";
import { rustUnavailableReason } from "../rust/toolchain.js";
import { ensureFreshDist } from "./fresh-dist.js";
import { dockerEntrypoint, splitPort, treeHashes } from "./project-tree.js";

const work = mkdtempSync(join(tmpdir(), "widl-packaged-"));
const packs = join(work, "packs");
const project = join(work, "project");
const version = (JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string }).version;
const tarball = join(packs, `widl-bindgen-${version}.tgz`);
const hostTarball = join(packs, `widl-bindgen-host-${version}.tgz`);
/** What an application must never install: the toolchain's own dependencies. */
const toolchain = ["typescript", "ts-morph", "@ts-morph/common", "handlebars", "yaml", "cac", "peggy"];


/**
 * The environment for npm: ours, without what `npm test` told vitest about this repository (npm_package_*,
 * npm_lifecycle_*, prefixes), and with installs that use the cache first and stay quiet.
 */
const env: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) || /^npm_config_(registry|cache|userconfig)$/i.test(k))),
  npm_config_prefer_offline: "true",
  npm_config_audit: "false",
  npm_config_fund: "false",
  npm_config_update_notifier: "false",
  NO_COLOR: "1",
  WIDL_BINDGEN_SPEC: tarball,
  WIDL_BINDGEN_HOST_SPEC: hostTarball,
};

/** Runs a command to completion; never throws on a non-zero exit. */
function run(command: string, args: readonly string[], cwd: string): Promise<CliResult> {
  return collectOutput(spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] }));
}

/** Runs a command that must succeed; its output is in the failure message otherwise. */
async function ok(command: string, args: readonly string[], cwd: string): Promise<string> {
  const r = await run(command, args, cwd);
  if (r.code !== 0) throw new Error(`${command} ${args.join(" ")} (in ${cwd}) exited ${String(r.code)}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** The packages in a project's node_modules, scoped ones as `@scope/name`. */
function installedPackages(dir: string): string[] {
  const modules = join(dir, "node_modules");
  return readdirSync(modules)
    .filter((name) => !name.startsWith("."))
    .flatMap((name) => (name.startsWith("@") ? readdirSync(join(modules, name)).map((sub) => `${name}/${sub}`) : [name]));
}

/** The size of a folder on disk in bytes, as `du` counts it. */
async function diskUsage(dir: string): Promise<number> {
  return Number((await ok("du", ["-sb", dir], dir)).split("\t")[0]);
}

/** Starts the installed `widl-bindgen serve` and resolves with its URL once it listens. */
function startInstalledServe(cwd: string, args: readonly string[]): Promise<{ url: string; stop(): Promise<number | null> }> {
  const child = spawn(join(cwd, "node_modules/.bin/widl-bindgen"), ["serve", ...args], { cwd, env, stdio: ["ignore", "ignore", "pipe"] });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  let stderr = "";
  return new Promise((resolve, reject) => {
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
      const m = /serving .* on (http:\/\/\S+:\d+)\n/.exec(stderr);
      if (m) resolve({ url: m[1]!.replace("0.0.0.0", "127.0.0.1"), stop: () => (child.kill("SIGTERM"), exited) });
    });
    void exited.then((code) => reject(new Error(`serve exited ${String(code)}:\n${stderr}`)));
  });
}

describe("packaged install", { timeout: 600_000 }, () => {
  beforeAll(async () => {
    ensureFreshDist();
    mkdirSync(packs, { recursive: true });
    // --ignore-scripts: dist/ is fresh now; `prepare` would build it again.
    await ok("npm", ["pack", "--ignore-scripts", "--pack-destination", packs], repoRoot);
    await ok("npm", ["pack", "--ignore-scripts", "--pack-destination", packs], join(repoRoot, "host-runtime"));
    await ok("npm", ["pack", "--pack-destination", packs], join(repoRoot, "create"));
    mkdirSync(project);
    writeFileSync(join(project, "package.json"), `${JSON.stringify({ name: "packaged-install", private: true }, null, 2)}\n`);
    await ok("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", hostTarball, tarball, join(packs, `create-widl-bindgen-${version}.tgz`)], project);
  }, 600_000);

  it("installs both bins, create-widl-bindgen on the same widl-bindgen", () => {
    expect(existsSync(join(project, "node_modules/.bin/widl-bindgen"))).toBe(true);
    expect(existsSync(join(project, "node_modules/.bin/create-widl-bindgen"))).toBe(true);
    // npm dedupes create-widl-bindgen's exact dependency onto the installed tarball, and widl-bindgen's on the runtime.
    expect(existsSync(join(project, "node_modules/create-widl-bindgen/node_modules"))).toBe(false);
    expect(existsSync(join(project, "node_modules/widl-bindgen/node_modules/@widl-bindgen"))).toBe(false);
  });

  it("npx widl-bindgen new assemblyscript g1 --yes, then npm test in g1", async () => {
    const out = await ok("npx", ["widl-bindgen", "new", "assemblyscript", "g1", "--yes"], project);
    expect(out).toMatch(/^\[1\/4\] render: .*\n\[2\/4\] generate: .*\n\[3\/4\] install: .*\n.*done in .*\n\[4\/4\] first build: .*\n.*done in /);
    expect(out).toMatch(/Next:\n  cd g1\n  npm test\n/);
    const pkg = JSON.parse(readFileSync(join(project, "g1/package.json"), "utf8")) as { devDependencies: Record<string, string> };
    expect(pkg.devDependencies["widl-bindgen"]).toBe(`file:${relative(join(project, "g1"), tarball)}`);
    expect(existsSync(join(project, "g1/build/guest.wasm"))).toBe(true); // the first build ran
    expect(await ok("npm", ["test"], join(project, "g1"))).toMatch(/Tests\s+2 passed \(2\)/);
  });

  it("g1 regenerates from its own codegen.yaml to identical bytes", async () => {
    const before = treeHashes(join(project, "g1"));
    expect(await ok("npx", ["widl-bindgen", "generate"], join(project, "g1"))).toBe("up to date (2 files)\n");
    expect(treeHashes(join(project, "g1"))).toEqual(before);
  });

  it.skipIf(rustUnavailableReason() !== undefined)("npm exec create-widl-bindgen -- r1 --template rust --yes, then npm test in r1", async () => {
    const out = await ok("npm", ["exec", "--", "create-widl-bindgen", "r1", "--template", "rust", "--yes"], project);
    expect(out).toMatch(/\[4\/4\] first build: npm run build/);
    expect(await ok("npm", ["test"], join(project, "r1"))).toMatch(/Tests\s+2 passed \(2\)/);
    const before = treeHashes(join(project, "r1"));
    await ok("npx", ["widl-bindgen", "generate"], join(project, "r1"));
    expect(treeHashes(join(project, "r1"))).toEqual(before);
  });

  it("host-typescript calls the g1 guest through typed stubs", async () => {
    await ok("npx", ["widl-bindgen", "new", "host-typescript", "h1", "--yes", "--guest", "g1/build/guest.wasm"], project);
    const h1 = join(project, "h1");
    // Both tests ran (none skipped): the TypeScript guest and the compiled g1 guest.
    expect(await ok("npm", ["test"], h1)).toMatch(/Tests\s+2 passed \(2\)/);
    // The first build compiled the app with tsc: the stubs' types resolved through widl-bindgen's `exports`.
    expect(existsSync(join(h1, "dist/main.js"))).toBe(true);
    expect(await ok("node", ["dist/main.js", join(project, "g1/build/guest.wasm"), "packaged"], h1)).toBe("Hello, packaged!\n");
    const before = treeHashes(h1);
    await ok("npx", ["widl-bindgen", "generate"], h1);
    expect(treeHashes(h1)).toEqual(before);
    // The stubs import the runtime package only; the runtime is the app's dependency, the tool a devDependency.
    expect(readFileSync(join(h1, "src/greeting.ts"), "utf8")).toMatch(/from "@widl-bindgen\/host\/codegen";/);
    const pkg = JSON.parse(readFileSync(join(h1, "package.json"), "utf8")) as Record<string, Record<string, string>>;
    expect(Object.keys(pkg["dependencies"]!)).toEqual(["@widl-bindgen/host"]);
    expect(pkg["devDependencies"]!["widl-bindgen"]).toBeDefined();
  });

  it("the host-typescript app installed with --omit=dev runs without the toolchain", async () => {
    // Beside h1, so the `file:../../packs/…` specs its package.json got still point at the tarballs.
    const app = join(project, "h1-app");
    const h1 = join(project, "h1");
    mkdirSync(app);
    for (const file of ["package.json", "dist", "guest.wasm"]) if (existsSync(join(h1, file))) cpSync(join(h1, file), join(app, file), { recursive: true });
    await ok("npm", ["install", "--omit=dev", "--no-audit", "--no-fund", "--prefer-offline"], app);
    const installed = installedPackages(app);
    expect(installed.filter((name) => toolchain.includes(name) || name === "widl-bindgen")).toEqual([]);
    expect(installed.sort()).toEqual(["@msgpack/msgpack", "@widl-bindgen/host"]);
    expect(await ok("node", ["dist/main.js", join(project, "g1/build/guest.wasm"), "lean"], app)).toBe("Hello, lean!\n");
    // The same app depending on the whole toolchain, as the template did before the runtime was its own package.
    const fat = join(work, "fat-app");
    mkdirSync(fat);
    writeFileSync(join(fat, "package.json"), JSON.stringify({ name: "fat-app", private: true }));
    await ok("npm", ["install", "--omit=dev", "--no-audit", "--no-fund", "--prefer-offline", hostTarball, tarball], fat);
    // TypeScript comes inside @ts-morph/common, not as a package of its own.
    expect(installedPackages(fat)).toEqual(expect.arrayContaining(["ts-morph", "@ts-morph/common", "handlebars", "yaml", "cac"]));
    const [lean, full] = [await diskUsage(join(app, "node_modules")), await diskUsage(join(fat, "node_modules"))];
    console.log(`installed size with --omit=dev: runtime only ${lean} B, with the toolchain ${full} B`);
    // An order of magnitude: the runtime and msgpack against ts-morph (TypeScript inside), handlebars, yaml and cac.
    expect(lean * 10).toBeLessThan(full);
  });

  it("npm pack of @widl-bindgen/host installs with @msgpack/msgpack as its only dependency", async () => {
    const alone = join(work, "host-alone");
    mkdirSync(alone);
    writeFileSync(join(alone, "package.json"), JSON.stringify({ name: "host-alone", private: true, type: "module" }));
    await ok("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", hostTarball], alone);
    expect(installedPackages(alone).sort()).toEqual(["@msgpack/msgpack", "@widl-bindgen/host"]);
    // Each entry loads from the installed package, by name, as an application imports it.
    const script = [
      'const root = await import("@widl-bindgen/host");',
      'const codegen = await import("@widl-bindgen/host/codegen");',
      'const wapc = await import("@widl-bindgen/host/wapc");',
      'const http = await import("@widl-bindgen/host/http");',
      "console.log([typeof root.load, typeof root.createPool, typeof codegen.wire, typeof wapc.errors, typeof http.serveGuest].join(' '));",
    ].join("\n");
    expect(await ok("node", ["--input-type=module", "-e", script], alone)).toBe("function function object object function\n");
  });

  it("serve: the image's command line, with the pod's --cluster, serves g1 and answers the probe path", async () => {
    await ok("npx", ["widl-bindgen", "new", "serve", "s1", "--yes", "--guest", "g1/build/guest.wasm"], project);
    const s1 = join(project, "s1");
    const { parse } = await import("yaml");
    const container = (parse(readFileSync(join(s1, "k8s/deployment.yaml"), "utf8")) as any).spec.template.spec.containers[0];
    const entry = dockerEntrypoint(readFileSync(join(s1, "Dockerfile"), "utf8"));
    expect(entry[0]).toBe("node_modules/.bin/widl-bindgen");
    const { port, rest } = splitPort(entry.slice(2));
    expect(Number(port)).toBe(container.ports[0].containerPort);
    const serve = await startInstalledServe(s1, [...rest, "--port", "0", ...container.args.map((a: string) => a.replace("$(CPUS)", "2"))]);
    try {
      expect((await fetch(`${serve.url}${container.livenessProbe.httpGet.path}`)).status).toBe(200);
      const answer = await fetch(`${serve.url}/sayHello`, { method: "POST", body: JSON.stringify({ name: "k8s" }) });
      expect(await answer.json()).toBe("Hello, k8s!");
    } finally {
      expect(await serve.stop()).toBe(0);
    }
  });

  it("refuses bad input through the installed bins: exit 2, a clear message, nothing written", async () => {
    const before = treeHashes(project, ["node_modules", "build", "dist", "target", "g1", "h1", "h1-app", "r1", "s1"]);
    const cases: [string, string[], RegExp][] = [
      ["npx", ["widl-bindgen", "new", "assemblyscript", "g1", "--yes"], /g1 is not empty .* pass --force/],
      ["npx", ["widl-bindgen", "new", "go", "x1", "--yes"], /unknown template "go"/],
      ["npm", ["exec", "--", "create-widl-bindgen", "x2", "--template", "rust", "--name", "No Spaces", "--yes"], /invalid project name "No Spaces"/],
    ];
    for (const [command, args, message] of cases) {
      const r = await run(command, args, project);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    expect(treeHashes(project, ["node_modules", "build", "dist", "target", "g1", "h1", "h1-app", "r1", "s1"])).toEqual(before);
    expect(existsSync(join(project, "x1")) || existsSync(join(project, "x2"))).toBe(false);
  });
});
