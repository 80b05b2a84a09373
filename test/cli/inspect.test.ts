import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { repoRoot, runCli } from "./run-cli.js";

const fixtures = join(repoRoot, "node_modules/@wapc/host/test/fixtures");
// A fresh folder per run: the same file may run twice at once (watch mode, copies of the suite).
const out = mkdtempSync(join(tmpdir(), "widl-inspect-"));
const wasiGuest = join(out, "wasi-hello.wasm");
const directGuest = join(out, "direct-abi.wasm");

beforeAll(() => {
  mkdirSync(out, { recursive: true });
  execFileSync("clang", ["--target=wasm32-wasi", "-O2", "-o", wasiGuest, join(repoRoot, "test/fixtures/wasi-hello.c")]);
  execFileSync(join(repoRoot, "node_modules/.bin/wat2wasm"), [join(repoRoot, "test/fixtures/direct-abi.wat"), "-o", directGuest]);
});

describe("widl-bindgen inspect", () => {
  it("shows a waPC Rust guest from @wapc/host with sections, signatures, memory and the invoke hint", async () => {
    const guest = join(fixtures, "rust_echo_string.wasm");
    const r = await runCli(["inspect", guest]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("ABI: waPC\n");
    expect(r.stdout).toMatch(/^ {2}type +\d+ bytes/m);
    expect(r.stdout).toMatch(/^ {2}code +\d+ bytes/m);
    expect(r.stdout).toMatch(/wapc\.__guest_request +func +\(i32, i32\) -> nil/);
    expect(r.stdout).toMatch(/wapc\.__console_log +func +\(i32, i32\) -> nil/);
    expect(r.stdout).toMatch(/__guest_call +func +\(i32, i32\) -> i32/);
    expect(r.stdout).toContain("memory: min 17 pages (1.06 MiB), no maximum");
    expect(r.stdout).toContain(`widl-bindgen invoke ${guest} <operation>`);
  });

  it("gives the same facts as JSON for the host-call fixture", async () => {
    const r = await runCli(["inspect", join(fixtures, "rust_host_call.wasm"), "--json"]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.abis).toEqual(["wapc"]);
    expect(report.exports).toContainEqual({ name: "__guest_call", kind: "func", signature: "(i32, i32) -> i32" });
    expect(report.memories).toEqual([{ name: "memory", imported: false, minPages: 17, maxPages: null, shared: false }]);
    expect(report.sections.map((s: { name: string }) => s.name)).toEqual(expect.arrayContaining(["type", "import", "export", "code", "data"]));
    expect(report.imports).toContainEqual({
      module: "wapc",
      name: "__host_call",
      kind: "func",
      signature: "(i32, i32, i32, i32, i32, i32, i32, i32) -> i32",
    });
    expect(report.warnings).toEqual([]);
  });

  it("recognizes a WASI C guest compiled by clang", async () => {
    const r = await runCli(["inspect", wasiGuest]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("ABI: WASI (imports wasi_snapshot_preview1)");
    expect(r.stdout).toMatch(/wasi_snapshot_preview1\.fd_write +func +\(i32, i32, i32, i32\) -> i32/);
    expect(r.stdout).toMatch(/_start +func +\(\) -> nil/);
    expect(r.stdout).not.toContain("invoke");
  });

  it("recognizes a direct-ABI module and lists its operations", async () => {
    const r = await runCli(["inspect", directGuest, "--json"]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.abis).toEqual(["direct"]);
    expect(report.directOperations).toEqual(["add"]);
    expect(report.memories[0]).toMatchObject({ minPages: 1, maxPages: 16 });
  });

  it("exits 2 with a message on a file that is not wasm, or missing (input errors)", async () => {
    const r = await runCli(["inspect", join(repoRoot, "package.json")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not a WebAssembly module/);
    const missing = await runCli(["inspect", join(out, "nope.wasm")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*ENOENT/);
  });
});
