/**
 * `new` before any registry has widl-bindgen: run from a checkout, a `file:` folder or a tarball, widl-bindgen makes
 * projects depend on that same copy (and its runtime package beside it), says so in one line, and npm installs offline from
 * it; an E404 from npm comes with a hint. Also the serve template's own `npm test`, run in a project installed this
 * way against a real guest.
 */
import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { npmHint } from "../../generators/new-project/create-project.js";
import { installSource, localHostPackage } from "../../generators/new-project/install-source.js";
import { collectOutput, repoRoot, runCli, type CliResult } from "../cli/run-cli.js";
import { ensureFreshDist } from "./fresh-dist.js";

const out = mkdtempSync(join(tmpdir(), "widl-local-"));
const version = (JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string }).version;
const json = (path: string) => JSON.parse(readFileSync(path, "utf8")) as Record<string, any>;
const write = (path: string, value: unknown) => {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, typeof value === "string" ? value : JSON.stringify(value));
};

/** npm without what `npm test` told vitest about this repository, quiet, and never waiting on a network. */
const npmEnv: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) || /^npm_config_(cache|userconfig)$/i.test(k))),
  npm_config_audit: "false",
  npm_config_fund: "false",
  npm_config_update_notifier: "false",
  NO_COLOR: "1",
};

function npm(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return collectOutput(spawn("npm", args, { cwd, env: { ...npmEnv, ...env }, stdio: ["ignore", "pipe", "pipe"] }));
}

describe("where the running widl-bindgen came from", () => {
  it("outside node_modules it is a folder (a checkout, or a file: folder install, which npm links)", () => {
    expect(installSource(repoRoot.replace(/[\\/]$/, ""))).toEqual({ kind: "folder", path: repoRoot.replace(/[\\/]$/, "") });
  });

  it("inside node_modules, npm's hidden lockfile says: a tarball, a folder, or a registry", () => {
    const project = join(out, "installed");
    const root = join(project, "node_modules", "widl-bindgen");
    const lock = (resolved: string | undefined) =>
      write(join(project, "node_modules", ".package-lock.json"), { packages: { "node_modules/widl-bindgen": resolved === undefined ? {} : { resolved } } });
    lock("file:../packs/widl-bindgen-0.1.0.tgz");
    expect(installSource(root)).toEqual({ kind: "tarball", path: join(out, "packs", "widl-bindgen-0.1.0.tgz") });
    lock("file:/somewhere/widl-bindgen");
    expect(installSource(root)).toEqual({ kind: "folder", path: "/somewhere/widl-bindgen" });
    lock("https://registry.example/widl-bindgen/-/widl-bindgen-0.1.0.tgz");
    expect(installSource(root)).toEqual({ kind: "registry" });
    lock(undefined);
    expect(installSource(root)).toEqual({ kind: "registry" });
  });

  it("finds the runtime package beside it: host-runtime/ of a folder, the host tarball beside a tarball", () => {
    const folder = join(out, "checkout");
    expect(localHostPackage({ kind: "folder", path: folder })).toBeUndefined();
    write(join(folder, "host-runtime", "package.json"), { name: "@widl-bindgen/host" });
    expect(localHostPackage({ kind: "folder", path: folder })).toBe(join(folder, "host-runtime"));

    const packs = join(out, "packs2");
    write(join(packs, "widl-bindgen-0.2.0.tgz"), "");
    expect(localHostPackage({ kind: "tarball", path: join(packs, "widl-bindgen-0.2.0.tgz") })).toBeUndefined();
    write(join(packs, "widl-bindgen-host-0.1.0.tgz"), "");
    write(join(packs, "widl-bindgen-host-0.2.0.tgz"), "");
    expect(localHostPackage({ kind: "tarball", path: join(packs, "widl-bindgen-0.2.0.tgz") })).toBe(join(packs, "widl-bindgen-host-0.2.0.tgz"));
  });

  it("hints at a local copy after an E404 for widl-bindgen's packages, and at the registry for others", () => {
    const e404 = (pkg: string) => `npm error code E404\nnpm error 404 Not Found - GET http://r/${pkg}\nnpm error 404  '${pkg}@^0.1.0' is not in this registry.`;
    expect(npmHint(e404("widl-bindgen"))).toMatch(/^the registry does not have widl-bindgen \(E404\).*--widl-bindgen <a widl-bindgen checkout, or the \.tgz/);
    const npm11 = "npm error 404  The requested resource 'widl-bindgen@^0.1.0' could not be found or you do not have permission to access it.";
    expect(npmHint(`npm error code E404\n${npm11}`)).toMatch(/^the registry does not have widl-bindgen \(E404\)/);
    expect(npmHint(e404("@widl-bindgen/host"))).toMatch(/^the registry does not have @widl-bindgen\/host \(E404\)/);
    expect(npmHint(e404("left-pad"))).toMatch(/registry does not have left-pad \(E404\): check the name/);
    expect(npmHint("npm error code ETARGET")).toBeUndefined();
  });
});

// npm runs the linked checkout's `prepare` (the build) on install: most of a minute on a busy machine.
describe("new, run from this checkout, with npm", { timeout: 600_000 }, () => {
  const greeting = join(out, "greeting.wasm");
  beforeAll(() => {
    ensureFreshDist();
    execFileSync(join(repoRoot, "node_modules/.bin/wat2wasm"), [join(repoRoot, "test/fixtures/greeting-guest.wat"), "-o", greeting]);
  }, 300_000);

  it("serve: depends on the checkout, installs offline from it, and its npm test starts the server and calls it", async () => {
    const r = await runCli(["new", "serve", "served", "--yes", "--guest", greeting], { cwd: out, env: npmEnv });
    expect(r.code, r.stderr).toBe(0);
    const dir = join(out, "served");
    const spec = `file:${relative(dir, repoRoot).split(sep).join("/")}`;
    expect(r.stdout).toContain(`runs from a git checkout, not a registry install: the project depends on this copy (${spec}`);
    const dependencies = json(join(dir, "package.json"))["dependencies"];
    expect(dependencies["widl-bindgen"]).toBe(spec);
    expect(dependencies["@widl-bindgen/host"]).toBe(`${spec}/host-runtime`);
    expect(r.stdout).toMatch(/\[3\/4\] install: npm install .*\n.*done in/);

    const test = await npm(["test"], dir);
    expect(test.code, test.stdout + test.stderr).toBe(0);
    expect(test.stdout).toMatch(/# pass 1\n/);
    expect(test.stdout).toMatch(/# skipped 0\n/);

    // A guest without sayHello (@wapc/host's Rust echo fixture) fails that test: it really calls the server.
    copyFileSync(join(repoRoot, "node_modules/@wapc/host/test/fixtures/rust_echo_string.wasm"), join(dir, "guest.wasm"));
    const failing = await npm(["test"], dir);
    expect(failing.code).not.toBe(0);
    expect(failing.stdout).toMatch(/# fail 1\n/);
  });

  describe("an E404 from npm", () => {
    // A registry that has nothing: npm's answer to widl-bindgen@^<version> is E404, as before the first publish.
    const registry = createServer((_req, res) => res.writeHead(404, { "content-type": "application/json" }).end('{"error":"Not found"}'));
    let url = "";
    beforeAll(async () => {
      await new Promise<void>((resolve) => registry.listen(0, "127.0.0.1", resolve));
      url = `http://127.0.0.1:${(registry.address() as AddressInfo).port}/`;
    });
    afterAll(() => new Promise<void>((resolve) => registry.close(() => resolve())));

    it("exits 1 with npm's output and a hint that says what to do", async () => {
      const r = await runCli(["new", "serve", "e404", "--yes", "--widl-bindgen", `^${version}`], {
        cwd: out,
        env: { ...npmEnv, npm_config_registry: url, npm_config_fetch_retries: "0" },
      });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/E404/);
      expect(r.stderr).toMatch(/widl-bindgen new: install failed: npm install --no-audit --no-fund failed with exit code 1\n/);
      // npm asks for both packages; whichever it misses first is named.
      expect(r.stderr).toMatch(/\nhint: the registry does not have (?:widl-bindgen|@widl-bindgen\/host) \(E404\): it may not be published yet\. .*--widl-bindgen/);
      expect(r.stderr).not.toMatch(/^\s+at /m);
    });
  });
});
