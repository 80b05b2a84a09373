/**
 * The cuckoo filter example end to end, as a user runs it: `npm run demo` (schema → generate → asc → rustc → the
 * typed host app), then the book's three ways in against the guests it built: wapc.js (`invoke`), the HTTP curl
 * (`serve`), and `inspect`.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { asGuestPath, exampleDir, rustGuestPath, rustUnavailable } from "../../examples/cuckoo-filter/build-guests.js";
import { generate, loadCodegenConfig } from "../../generators/index.js";
import { repoRoot, runCli } from "../cli/run-cli.js";
import { startServe } from "../cli/serve-process.js";
import { ENGINES } from "../engines.js";

const run = promisify(execFile);
// In CI the Rust toolchain is installed by .ci/run, so a missing one is a failure there, not a skip.
const rustMissing = process.env.CI ? undefined : rustUnavailable();
let demo = "";

beforeAll(async () => {
  const { stdout } = await run(process.execPath, ["--import", "tsx", "scripts/demo.ts"], { cwd: repoRoot, maxBuffer: 1 << 24 });
  demo = stdout;
}, 300_000);

/** The host app's section of the demo output for one guest. */
function hostAppOutput(guest: string): string {
  const start = demo.indexOf(`run the typed host app: host.ts ${relative(repoRoot, guest)}`);
  expect(start).toBeGreaterThan(-1);
  const end = demo.indexOf("▶", start + 1);
  return demo.slice(start, end === -1 ? undefined : end);
}

function expectBookAnswers(section: string): void {
  expect(section).toContain("check_word_exists foo → true");
  expect(section).toContain("check_word_exists test → false");
  expect(section).toContain('handle_input {"x":"shashank","y":"test"} → shashank');
  expect(section).toContain("added 10000 words: 0 rejected (filter full), 0 not found afterwards (false negatives)");
  const fp = /false positives: (\d+) of 10000 absent words/.exec(section);
  expect(fp).not.toBeNull();
  // 12-bit fingerprints at load ~0.61: about 0.12% expected; far more would mean a broken hash.
  expect(Number(fp![1])).toBeLessThan(50);
  expect(section).toContain("delete_word foo → true; check_word_exists foo → false");
}

describe("npm run demo", () => {
  it("prints each step, and the AssemblyScript guest gives the book's answers", () => {
    for (const s of ["1. schema", "2. generate", "3. compile the AssemblyScript guest", "4. compile the Rust guest"]) expect(demo).toContain(s);
    expectBookAnswers(hostAppOutput(asGuestPath));
    expect(demo).toMatch(/check_word_exists '\{"name":"foo"\}'\n {2}true\n/);
    expect(demo).toMatch(/handle_input '\{"inp":\{"x":"shashank","y":"test"\}\}'\n {2}shashank\n/);
  });

  it.skipIf(rustMissing !== undefined)("builds the Rust guest from the same schema, and it answers the same", () => {
    const rust = hostAppOutput(rustGuestPath);
    expectBookAnswers(rust);
    // Same algorithm, constants and kick sequence: the very same false positives.
    const line = (s: string) => /false positives: .*/.exec(s)![0];
    expect(line(rust)).toBe(line(hostAppOutput(asGuestPath)));
  });

  it("says how to get the Rust toolchain when it is missing", () => {
    if (rustMissing === undefined) expect(demo).not.toContain("skipped:");
    else expect(demo).toContain("sudo apt-get install rustc libstd-rust-dev-wasm32");
  });

  it("leaves the committed generated files as they are (generation is deterministic and committed)", async () => {
    // Compared with the committed content (git), not the working tree: the demo regenerates these files before this
    // runs, so a working-tree comparison would compare generation with itself and could never fail.
    const files = await generate(loadCodegenConfig(join(exampleDir, "codegen.yaml")));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const f of files) {
      const path = relative(repoRoot, f.path).split(sep).join("/");
      const { stdout: committed } = await run("git", ["show", `HEAD:${path}`], { cwd: repoRoot, maxBuffer: 1 << 24 });
      expect(committed, path).toBe(f.content);
      expect(readFileSync(f.path, "utf8"), `${path} (as the demo left it)`).toBe(committed);
    }
  });
});

describe("the book's commands against the built guests", () => {
  it.each(ENGINES)("invoke on %s: check_word_exists foo → true, handle_input → shashank", async (engine) => {
    const a = await runCli(["invoke", asGuestPath, "check_word_exists", '{"name":"foo"}', "--engine", engine]);
    expect(a).toMatchObject({ code: 0, stdout: "true\n" });
    const b = await runCli(["invoke", asGuestPath, "handle_input", '{"inp":{"x":"shashank","y":"test"}}', "--engine", engine]);
    expect(b).toMatchObject({ code: 0, stdout: "shashank\n" });
    const typed = await runCli(["invoke", asGuestPath, "handle_input", '{"inp":{"x":"shashank"}}', "--schema", join(exampleDir, "schema.widl")]);
    expect(typed.code).toBe(2);
    expect(typed.stderr).toMatch(/inp/);
    const stats = await runCli(["invoke", asGuestPath, "stats", "--schema", join(exampleDir, "schema.widl"), "--engine", engine]);
    expect(JSON.parse(stats.stdout)).toEqual({ items: 4, capacity: 16384, buckets: 4096, load_factor: 4 / 16384, fingerprint_bits: 12 });
  });

  it.each(ENGINES)("serve on %s: the book's curl answers result=true", async (engine) => {
    const serve = await startServe([asGuestPath, "check_word_exists", "--schema", join(exampleDir, "schema.widl"), "--engine", engine, "--workers", "1"]);
    try {
      const foo = await fetch(`${serve.url}/?key=${encodeURIComponent('{"name":"foo"}')}`);
      expect(await foo.text()).toBe("result=true");
      const test = await fetch(`${serve.url}/?key=${encodeURIComponent('{"name":"test"}')}`);
      expect(await test.text()).toBe("result=false");
      const post = await fetch(`${serve.url}/handle_input`, { method: "POST", body: '{"inp":{"x":"shashank","y":"test"}}' });
      expect(await post.json()).toBe("shashank");
    } finally {
      expect(await serve.stop()).toBe(0);
    }
  });

  it.each(ENGINES)("the typed stub on %s: Cuckoo.load(bytes, { engine }) gives the book's answers, from both guests", async (engine) => {
    const { Cuckoo } = await import("../../examples/cuckoo-filter/generated/cuckoo.js");
    for (const guest of rustMissing === undefined ? [asGuestPath, rustGuestPath] : [asGuestPath]) {
      const cuckoo = await Cuckoo.load(readFileSync(guest), { engine });
      expect(cuckoo.checkWordExists("foo")).toBe("true");
      expect(cuckoo.checkWordExists("test")).toBe("false");
      expect(cuckoo.handleInput({ x: "shashank", y: "test" })).toBe("shashank");
      expect(cuckoo.deleteWord("foo")).toBe(true);
      expect(cuckoo.checkWordExists("foo")).toBe("false");
    }
  });

  it("inspect: both guests speak waPC", async () => {
    const as = await runCli(["inspect", asGuestPath, "--json"]);
    const report = JSON.parse(as.stdout);
    expect(report.abis).toEqual(["wapc"]);
    expect(report.exports).toContainEqual({ name: "__guest_call", kind: "func", signature: "(i32, i32) -> i32" });
    expect(report.imports.map((i: { module: string; name: string }) => `${i.module}.${i.name}`)).toContain("wapc.__guest_request");
    if (rustMissing === undefined) {
      const rust = JSON.parse((await runCli(["inspect", rustGuestPath, "--json"])).stdout);
      expect(rust.abis).toEqual(["wapc"]);
      expect(rust.warnings).toEqual([]);
    }
  });
});
