/**
 * `widl-bindgen new` from the source tree, without npm installs: refusals (exit 2, nothing written), every
 * template rendered and regenerated to identical bytes, the derived names, the serve template's manifests
 * against what `serve` really exposes, and the create-widl-bindgen package's version. The packaged install,
 * with npm, is packaged-install.test.ts.
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { generate, writeGenerated } from "../../generators/index.js";
import {
  createProject,
  planProject,
  projectNameProblem,
  projectNames,
  projectTemplates,
  projectDependencies,
} from "../../generators/new-project/index.js";
import { cliCommandLine, repoRoot, runCli } from "../cli/run-cli.js";
import { startServe } from "../cli/serve-process.js";
import { ensureFreshDist } from "./fresh-dist.js";
import { dockerEntrypoint, splitPort, treeHashes } from "./project-tree.js";

const out = mkdtempSync(join(tmpdir(), "widl-new-"));
const rootPackage = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as Record<string, any>;

/** Renders a template into a fresh folder, no install. */
async function scaffold(template: string, name = `p-${template}`, extra: { guest?: string; parent?: string } = {}) {
  const dir = join(out, extra.parent ?? "", name);
  const plan = planProject({ template, dir, install: false, ...(extra.guest === undefined ? {} : { guest: extra.guest }) });
  const lines: string[] = [];
  const result = await createProject(plan, (l) => lines.push(l));
  return { dir, plan, result, lines };
}

describe("widl-bindgen new: refusals", () => {
  it.each([
    ["an unknown template", ["new", "tinygo", "x1", "--yes"], /unknown template "tinygo"; templates: assemblyscript, rust, host-typescript, serve/],
    ["an invalid --name", ["new", "assemblyscript", "x2", "--name", "Bad Name", "--yes"], /invalid project name "Bad Name": npm package names use lowercase/],
    ["a folder name that is not a package name", ["new", "rust", "Bad_Folder", "--yes"], /invalid project name "Bad_Folder".*--name/],
    ["a missing folder", ["new", "rust"], /usage: widl-bindgen new <template> <dir>/],
    ["an unknown option", ["new", "rust", "x3", "--colour"], /unknown option --colour/],
  ])("%s: exit 2, one clear line, nothing written", async (_what, args, message) => {
    const cwd = join(out, `refuse-${args[2] ?? "none"}`);
    mkdirSync(cwd, { recursive: true });
    const r = await runCli(args, { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(readdirSync(cwd)).toEqual([]);
  });

  it("a non-empty folder: exit 2, and the folder is left exactly as it was", async () => {
    const dir = join(out, "occupied");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "notes.txt"), "mine");
    const before = treeHashes(dir);
    const r = await runCli(["new", "assemblyscript", dir, "--yes"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/occupied is not empty \(1 entry\); choose another folder, or pass --force/);
    expect(treeHashes(dir)).toEqual(before);
  });

  it("--force writes into a non-empty folder and keeps the other files", async () => {
    const dir = join(out, "forced");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "notes.txt"), "mine");
    const r = await runCli(["new", "assemblyscript", dir, "--yes", "--force", "--no-install"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, "notes.txt"), "utf8")).toBe("mine");
    expect(existsSync(join(dir, "assembly/module.ts"))).toBe(true);
  });

  it("--guest only where a guest is used, and only an existing file", () => {
    expect(() => planProject({ template: "rust", dir: join(out, "g-rust"), guest: join(repoRoot, "package.json") })).toThrow(
      /--guest applies to the host-typescript and serve templates/,
    );
    expect(() => planProject({ template: "serve", dir: join(out, "g-serve"), guest: join(out, "missing.wasm") })).toThrow(/is not a file/);
  });
});

describe("widl-bindgen new: the command", () => {
  it("prints a line per step and the next commands", async () => {
    const r = await runCli(["new", "assemblyscript", "cli-made", "--yes", "--no-install", "--description", 'Says "hi"'], { cwd: out });
    expect(r.code).toBe(0);
    // Run from this checkout, widl-bindgen makes the project depend on the checkout, and says so first.
    const spec = `file:${relative(join(out, "cli-made"), repoRoot).split(sep).join("/")}`;
    expect(r.stdout.split("\n")[0]).toBe(
      `widl-bindgen ${rootPackage["version"]} runs from a git checkout, not a registry install: the project depends on this copy (${spec}, @widl-bindgen/host ${spec}/host-runtime)`,
    );
    expect(r.stdout.slice(r.stdout.indexOf("\n") + 1)).toMatch(
      /^\[1\/4\] render: assemblyscript template → cli-made\/ \(9 files\)\n\[2\/4\] generate: codegen.yaml → assembly\/module.ts, test\/greeting.ts\n\[3\/4\] install: skipped \(--no-install\)\n\[4\/4\] first build: skipped \(--no-install\)\n\nCreated cli-made. Next:\n  cd cli-made\n  npm install\n  npm test\n/,
    );
    const pkg = JSON.parse(readFileSync(join(out, "cli-made/package.json"), "utf8")) as Record<string, any>;
    expect(pkg["name"]).toBe("cli-made");
    expect(pkg["description"]).toBe('Says "hi"');
    expect(pkg["devDependencies"]["widl-bindgen"]).toBe(spec);
    expect(pkg["devDependencies"]["@widl-bindgen/host"]).toBe(`${spec}/host-runtime`);
    // The same assemblyscript and vitest ranges widl-bindgen is tested with.
    expect(pkg["devDependencies"]["assemblyscript"]).toBe(rootPackage["devDependencies"]["assemblyscript"]);
    expect(pkg["devDependencies"]["vitest"]).toBe(rootPackage["devDependencies"]["vitest"]);
  });

  it("--widl-bindgen and WIDL_BINDGEN_SPEC point the dependency at a tarball, relative to the project", async () => {
    const tarball = join(out, "widl-bindgen-9.9.9.tgz");
    writeFileSync(tarball, "");
    const viaEnv = await runCli(["new", "rust", "spec-env", "--yes", "--no-install"], { cwd: out, env: { WIDL_BINDGEN_SPEC: tarball } });
    expect(viaEnv.code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, "spec-env/package.json"), "utf8")).devDependencies["widl-bindgen"]).toBe(
      "file:../widl-bindgen-9.9.9.tgz",
    );
    // Asked for, a local copy needs no note; a range is written as given.
    expect(viaEnv.stdout).not.toMatch(/not a registry install/);
    // A tarball packed beside it: the runtime package's tarball goes with it.
    writeFileSync(join(out, "widl-bindgen-host-9.9.9.tgz"), "");
    expect(projectDependencies({ template: "rust", dir: "x", widlBindgen: tarball }, join(out, "p"))).toEqual({
      widlBindgen: "file:../widl-bindgen-9.9.9.tgz",
      host: "file:../widl-bindgen-host-9.9.9.tgz",
      note: undefined,
    });
    const version = `^${rootPackage["version"]}`;
    expect(projectDependencies({ template: "rust", dir: "x", widlBindgen: "^1.2.3" }, out)).toEqual({ widlBindgen: "^1.2.3", host: version, note: undefined });
    expect(projectDependencies({ template: "rust", dir: "x", widlBindgen: "latest" }, out).widlBindgen).toBe("latest");
    expect(() => projectDependencies({ template: "rust", dir: "x", widlBindgen: "./nowhere.tgz" }, out)).toThrow(/does not exist/);
  });
});

describe("widl-bindgen new on a terminal", () => {
  // util-linux `script` gives the command a pseudo-terminal, so stdin and stdout are TTYs as for a person.
  const hasScript = existsSync("/usr/bin/script");

  it.skipIf(!hasScript)("asks for the name and the description; Enter takes the default", async () => {
    const command = cliCommandLine(["new", "host-typescript", "Term_Dir", "--no-install"]);
    const child = spawn("/usr/bin/script", ["-qec", command, "/dev/null"], { cwd: out, stdio: ["pipe", "pipe", "pipe"] });
    let screen = "";
    const waitFor = (text: string) =>
      new Promise<void>((resolve) => {
        const check = () => screen.includes(text) && (child.stdout.off("data", check), resolve());
        child.stdout.on("data", check);
        check();
      });
    child.stdout.setEncoding("utf8").on("data", (d: string) => (screen += d));
    const closed = new Promise<number | null>((resolve) => child.on("close", resolve));
    await waitFor("Project name (Term_Dir): ");
    child.stdin.write("Not Valid\n"); // asked again, with the reason
    await waitFor("npm package names use lowercase");
    child.stdin.write("term-app\n");
    await waitFor("Description (A Node application");
    child.stdin.write("\n");
    expect(await closed).toBe(0);
    const pkg = JSON.parse(readFileSync(join(out, "Term_Dir/package.json"), "utf8")) as Record<string, string>;
    expect(pkg["name"]).toBe("term-app");
    expect(pkg["description"]).toBe("A Node application that loads a guest through generated typed stubs");
    expect(screen).toMatch(/Created term-app\. Next:/);
  });
});

describe("project names", () => {
  it("accepts npm package names and refuses the rest with the reason", () => {
    for (const ok of ["g1", "my-guest", "@acme/edge.fn", "a_b~c"]) expect(projectNameProblem(ok)).toBeUndefined();
    expect(projectNameProblem("MyGuest")).toMatch(/lowercase/);
    expect(projectNameProblem(".hidden")).toMatch(/do not start with/);
    expect(projectNameProblem("")).toBe("the name is empty");
    expect(projectNameProblem("fs")).toBe('"fs" is reserved');
    expect(projectNameProblem("x".repeat(215))).toMatch(/214/);
  });

  it("derives the crate and Kubernetes names", () => {
    expect(projectNames("@acme/edge.fn-2")).toEqual({ name: "@acme/edge.fn-2", crateName: "edge_fn_2", k8sName: "edge-fn-2" });
    expect(projectNames("1st")).toMatchObject({ crateName: "guest_1st", k8sName: "1st" });
    expect(projectNames("__x")).toMatchObject({ k8sName: "x" });
  });
});

describe("templates", () => {
  const generating = [...projectTemplates.values()].filter((t) => t.generates).map((t) => t.name);

  it.each(generating)("%s: its own codegen.yaml regenerates it to identical bytes, and renders are deterministic", async (template) => {
    const first = await scaffold(template, `regen-${template}`, { parent: "first" });
    const before = treeHashes(first.dir);
    const again = writeGenerated(await generate(join(first.dir, "codegen.yaml")));
    expect(again.written).toEqual([]);
    expect(treeHashes(first.dir)).toEqual(before);
    const second = await scaffold(template, `regen-${template}`, { parent: "second" });
    expect(treeHashes(second.dir)).toEqual(before);
    // Every file is checked in except dependencies and build outputs.
    expect([...before.keys()]).toContain(".gitignore");
  });

  it("every template file is .hbs and every template has a README naming its commands", () => {
    for (const name of projectTemplates.keys()) {
      const plan = planProject({ template: name, dir: join(out, `plan-${name}`) });
      const readme = plan.files.find((f) => f.path === "README.md");
      expect(readme?.content.startsWith(`# plan-${name}\n`)).toBe(true);
      expect(plan.files.every((f) => !f.path.endsWith(".hbs"))).toBe(true);
      expect(existsSync(join(out, `plan-${name}`))).toBe(false); // planning writes nothing
    }
  });

  it("rust: the README names the Debian packages, and the crate name follows the project name", async () => {
    const { dir } = await scaffold("rust", "rusty-guest");
    expect(readFileSync(join(dir, "README.md"), "utf8")).toContain("sudo apt-get install rustc libstd-rust-dev-wasm32");
    expect(readFileSync(join(dir, "Cargo.toml"), "utf8")).toMatch(/^name = "rusty_guest"$/m);
  });
});

describe("the serve template against `widl-bindgen serve`", () => {
  const guest = join(repoRoot, "node_modules/@wapc/host/test/fixtures/rust_echo_string.wasm");

  it("probes /healthz on the port serve listens on, with --cluster from the CPU limit", async () => {
    const { dir } = await scaffold("serve", "served", { guest });
    const deployment = parseYaml(readFileSync(join(dir, "k8s/deployment.yaml"), "utf8")) as any;
    const service = parseYaml(readFileSync(join(dir, "k8s/service.yaml"), "utf8")) as any;
    const dockerfile = readFileSync(join(dir, "Dockerfile"), "utf8");
    const container = deployment.spec.template.spec.containers[0];

    // serve's own default port, from its --help, is the one the image passes and the pod exposes.
    const help = (await runCli(["serve", "--help"])).stdout;
    const defaultPort = Number(/--port <port>.*\(default: (\d+)\)/.exec(help)![1]);
    const entry = dockerEntrypoint(dockerfile);
    expect(entry.slice(0, 3)).toEqual(["node_modules/.bin/widl-bindgen", "serve", "guest.wasm"]);
    const { port, rest } = splitPort(entry.slice(3));
    expect(Number(port)).toBe(defaultPort);
    expect(dockerfile).toMatch(new RegExp(`^EXPOSE ${defaultPort}$`, "m"));
    expect(container.ports).toEqual([{ name: "http", containerPort: defaultPort, protocol: "TCP" }]);
    expect(rest).toEqual(expect.arrayContaining(["--host", "0.0.0.0"])); // reachable from outside the container

    for (const probe of [container.readinessProbe, container.livenessProbe]) {
      expect(probe.httpGet).toEqual({ path: "/healthz", port: "http" });
    }
    expect(service.spec.ports).toEqual([{ name: "http", port: 80, targetPort: "http", protocol: "TCP" }]);
    expect(service.spec.selector).toEqual(deployment.spec.selector.matchLabels);

    // --cluster comes from the CPU limit, and is an option serve really has.
    expect(container.args).toEqual(["--cluster", "$(CPUS)"]);
    expect(help).toMatch(/^\s+--cluster <n>\s/m);
    const cpus = container.env.find((e: any) => e.name === "CPUS");
    expect(cpus.valueFrom.resourceFieldRef).toEqual({ containerName: container.name, resource: "limits.cpu", divisor: "1" });
    expect(container.resources.limits).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
    expect(container.resources.requests).toBeDefined();

    // Run serve with the image's and the pod's arguments (a free port instead of 8080, two processes for the CPU
    // limit) and ask it what the probes ask.
    const args = [...rest, ...container.args.map((a: string) => a.replace("$(CPUS)", "2"))];
    const serve = await startServe([join(dir, "guest.wasm"), ...args.map((a) => (a === "schema.widl" ? join(dir, a) : a))]);
    try {
      const url = serve.url.replace("0.0.0.0", "127.0.0.1");
      const health = await fetch(`${url}${container.readinessProbe.httpGet.path}`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: "ok" });
    } finally {
      expect(await serve.stop()).toBe(0);
    }
  });
});

describe("create-widl-bindgen", () => {
  const create = JSON.parse(readFileSync(join(repoRoot, "create/package.json"), "utf8")) as Record<string, any>;

  it("shares widl-bindgen's version and depends on exactly that version", () => {
    expect(create["version"]).toBe(rootPackage["version"]);
    expect(create["dependencies"]).toEqual({ "widl-bindgen": rootPackage["version"] });
    expect(create["engines"]).toEqual(rootPackage["engines"]);
    expect(create["license"]).toBe(rootPackage["license"]);
  });

  it("refuses a call without --template, with exit 2", () => {
    let code = 0;
    let stderr = "";
    try {
      execFileSync(process.execPath, [join(repoRoot, "create/index.js"), "x"], { stdio: "pipe" });
    } catch (e) {
      code = (e as { status: number }).status;
      stderr = String((e as { stderr: Buffer }).stderr);
    }
    expect(code).toBe(2);
    expect(stderr).toMatch(/missing --template/);
  });

  // The build ensureFreshDist may run takes more than the default minute on a busy machine.
  it("run from this checkout, runs the checkout's widl-bindgen, and the project depends on the checkout", { timeout: 300_000 }, () => {
    ensureFreshDist(); // it runs the bin, dist/cli/main.js
    const stdout = execFileSync(process.execPath, [join(repoRoot, "create/index.js"), "from-create", "--template", "serve", "--yes", "--no-install"], {
      cwd: out,
      encoding: "utf8",
    });
    const spec = `file:${relative(join(out, "from-create"), repoRoot).split(sep).join("/")}`;
    expect(stdout.split("\n")[0]).toMatch(/^widl-bindgen .* runs from a git checkout, not a registry install: the project depends on this copy/);
    expect(stdout.split("\n")[0]).toContain(`(${spec}, @widl-bindgen/host ${spec}/host-runtime)`);
    expect(JSON.parse(readFileSync(join(out, "from-create/package.json"), "utf8")).dependencies["widl-bindgen"]).toBe(spec);
  });
});
