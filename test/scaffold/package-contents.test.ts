/**
 * What `npm pack` puts in the three packages: only what users need (no tests, benches, fixtures or examples), and
 * every entry point the manifests name. Needs `npm run build` first (CI runs it before the tests).
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../cli/run-cli.js";

interface PackEntry {
  files: { path: string }[];
}

function packedFiles(dir: string): string[] {
  // --ignore-scripts: listing the files must not rebuild (prepare) while other tests read dist/.
  const json = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  return (JSON.parse(json) as PackEntry[])[0]!.files.map((f) => f.path).sort();
}

interface Manifest {
  bin: Record<string, string>;
  exports: Record<string, ExportTarget>;
  engines: { node: string };
  files: string[];
  dependencies: Record<string, string>;
}
type ExportTarget = string | { [condition: string]: ExportTarget };

const readManifest = (dir: string) => JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Manifest;
const manifest = readManifest(repoRoot);
const hostDir = join(repoRoot, "host-runtime");
const hostManifest = readManifest(hostDir);

/** Every file an `exports` entry names, through nested conditions. */
const exportTargets = (target: ExportTarget): string[] =>
  typeof target === "string" ? [target] : Object.values(target).flatMap(exportTargets);

describe("the widl-bindgen package", () => {
  const files = packedFiles(repoRoot);
  const has = (path: string) => files.includes(path.replace(/^\.\//, ""));

  it("holds dist/, templates/, guest-runtime/, docs/, the README, the LICENSE and package.json, and nothing else", () => {
    expect(files.filter((f) => !/^(dist|templates|guest-runtime|docs)\//.test(f) && !["README.md", "LICENSE", "package.json"].includes(f))).toEqual([]);
    // Project templates have tests of their own (for the projects they make); nothing else may.
    const ours = files.filter((f) => !f.startsWith("templates/new/"));
    expect(ours.filter((f) => /(^|\/)(test|tests|bench|fixtures|examples|__tests__)\/|\.(test|spec)\.[cm]?[jt]s/.test(f))).toEqual([]);
    // dist/ is the build of the three tool stages only (tsconfig.build.json); the runtime is its own package.
    expect(new Set(files.filter((f) => f.startsWith("dist/")).map((f) => f.split("/")[1]))).toEqual(
      new Set(["cli", "generators", "widl-parser"]),
    );
    for (const must of ["LICENSE", "README.md", "docs/codegen.md", "templates/new/assemblyscript/package.json.hbs", "guest-runtime/assemblyscript/index.ts", "guest-runtime/rust/msgpack.rs"]) {
      expect(files).toContain(must);
    }
  });

  it("has every file that bin, exports and types name", () => {
    expect(files.length, "dist/ is missing: run `npm run build` first").toBeGreaterThan(0);
    for (const path of Object.values(manifest.bin)) expect(has(path), path).toBe(true);
    for (const [subpath, target] of Object.entries(manifest.exports)) {
      for (const t of exportTargets(target)) expect(has(t), `${subpath} → ${t}`).toBe(true);
    }
    expect(readFileSync(join(repoRoot, manifest.bin["widl-bindgen"]!), "utf8")).toMatch(/^#!\/usr\/bin\/env node\n/);
  });

  it("accepts Node 20.19 and later", () => {
    expect(manifest.engines.node).toBe(">=20.19.0");
  });

  it("holds every doc the README links to, and names its repository, homepage and issue tracker", () => {
    const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
    const linked = [...readme.matchAll(/\]\((docs\/[^)#]+)/g)].map((m) => m[1]!);
    expect(linked.length).toBeGreaterThan(0);
    for (const doc of new Set(linked)) expect(files, doc).toContain(doc);
    const { repository, homepage, bugs } = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as Record<string, any>;
    expect(repository).toEqual({ type: "git", url: expect.stringMatching(/^git\+https:\/\/github\.com\/[\w-]+\/widl-bindgen\.git$/) });
    expect(homepage).toMatch(/^https:\/\/github\.com\/[\w-]+\/widl-bindgen#readme$/);
    expect(bugs.url).toMatch(/^https:\/\/github\.com\/[\w-]+\/widl-bindgen\/issues$/);
  });
});

describe("the @widl-bindgen/host package", () => {
  const files = packedFiles(hostDir);

  it("holds its build, README, LICENSE and package.json, without source maps", () => {
    expect(files.filter((f) => !f.startsWith("dist/") && !["README.md", "LICENSE", "package.json"].includes(f))).toEqual([]);
    expect(files.filter((f) => f.endsWith(".map") || /\.test\.|(^|\/)(test|fixtures)\//.test(f))).toEqual([]);
  });

  it("has every file its exports name, and the pool's worker script", () => {
    for (const [subpath, target] of Object.entries(hostManifest.exports)) {
      for (const t of exportTargets(target)) expect(files, `${subpath} → ${t}`).toContain(t.replace(/^\.\//, ""));
    }
    expect(files).toContain("dist/pool/worker.js");
  });

  it("depends on @msgpack/msgpack only, accepts Node 20.19 and later, and is what widl-bindgen depends on", () => {
    expect(Object.keys(hostManifest.dependencies)).toEqual(["@msgpack/msgpack"]);
    expect(hostManifest.engines.node).toBe(">=20.19.0");
    expect(manifest.dependencies["@widl-bindgen/host"]).toBe((hostManifest as unknown as { version: string }).version);
  });
});

describe("the create-widl-bindgen package", () => {
  it("holds its bin, README, LICENSE and package.json", () => {
    expect(packedFiles(join(repoRoot, "create"))).toEqual(["LICENSE", "README.md", "index.js", "package.json"]);
  });
});
