import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { repoRoot, runCli } from "./run-cli.js";
import { buildTestGuest, testGuestDefaultsSchema, testGuestSchema } from "./test-guests.js";

const fixtures = join(repoRoot, "node_modules/@wapc/host/test/fixtures");
// A fresh folder per run: the same file may run twice at once (watch mode, copies of the suite).
const out = mkdtempSync(join(tmpdir(), "widl-invoke-"));
let guest: string;

beforeAll(() => {
  guest = buildTestGuest(out);
});

describe("widl-bindgen invoke, without a schema", () => {
  it("sends JSON as msgpack and prints the decoded result (the @wapc/host Rust echo fixture)", async () => {
    const r = await runCli(["invoke", join(fixtures, "rust_echo_string.wasm"), "echo", '{"msg":"hello world"}']);
    expect(r.code).toBe(0);
    // The fixture answers raw bytes, not msgpack: they print as text.
    expect(r.stdout).toBe("hello world\n");
    // Its console log goes to stderr, keeping stdout for the result.
    expect(r.stderr).toContain("WAPC init");
  });

  it("prints a structured result as JSON", async () => {
    const r = await runCli(["invoke", guest, "echo", '{"msg":"hi","n":5,"tags":["a","b"]}']);
    expect(r).toMatchObject({ code: 0, stdout: '{"msg":"hi","n":5,"tags":["a","b"]}\n' });
  });

  it("prints a string result bare, or quoted with --json", async () => {
    expect((await runCli(["invoke", guest, "version"])).stdout).toBe("version-1\n");
    expect((await runCli(["invoke", guest, "version", "--json"])).stdout).toBe('"version-1"\n');
  });

  it("prints a guest error's message and exits 1", async () => {
    const r = await runCli(["invoke", guest, "fail"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("error: the guest refused: fail was called\n");
    const rust = await runCli(["invoke", join(fixtures, "rust_echo_string.wasm"), "nope", "{}"]);
    expect(rust.code).toBe(1);
    expect(rust.stderr).toContain('No handler registered for function "nope"');
  });

  it("rejects bad JSON before loading the guest, exit 2", async () => {
    const r = await runCli(["invoke", guest, "echo", '{"msg":']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: invalid JSON: /);
  });

  it("--engine interpreter runs the guest on the interpreter with the same answers; an unknown engine is exit 2", async () => {
    for (const args of [["echo", '{"msg":"hi","n":5,"tags":["a","b"]}'], ["version"], ["fail"]]) {
      const v8 = await runCli(["invoke", guest, ...args]);
      expect(await runCli(["invoke", guest, ...args, "--engine", "interpreter"])).toMatchObject({
        code: v8.code,
        stdout: v8.stdout,
        stderr: v8.stderr,
      });
    }
    const bad = await runCli(["invoke", guest, "version", "--engine", "wasm3"]);
    expect(bad).toMatchObject({ code: 2, stderr: "error: --engine must be one of v8, interpreter, got wasm3\n" });
  });

  it("reports an unreadable guest", async () => {
    const r = await runCli(["invoke", join(out, "missing.wasm"), "echo", "{}"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read .*missing\.wasm: ENOENT/);
  });
});

describe("widl-bindgen invoke --schema", () => {
  it("checks arguments and names the wrong field", async () => {
    const r = await runCli(["invoke", guest, "echo", '{"msg":42,"n":1}', "--schema", testGuestSchema]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/msg/);
    expect(r.stderr).toMatch(/expected string/);
  });

  it("names a wrong field inside a list", async () => {
    const r = await runCli(["invoke", guest, "echo", '{"msg":"a","n":1,"tags":["x",7]}', "--schema", testGuestSchema]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/tags\[1\]/);
  });

  it("reports a missing parameter and an unknown operation", async () => {
    const missing = await runCli(["invoke", guest, "echo", '{"msg":"a"}', "--schema", testGuestSchema]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/"n"/);
    const unknown = await runCli(["invoke", guest, "nope", "{}", "--schema", testGuestSchema]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown operation "nope"/);
  });

  it("takes i64 from a string, exactly, and decodes the result by its type", async () => {
    const r = await runCli(["invoke", guest, "echo", '{"msg":"a","n":"9007199254740993"}', "--schema", testGuestSchema]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ msg: "a", n: "9007199254740993", tags: null });
  });

  it("fails on a schema that is not valid WIDL, with the diagnostics", async () => {
    const r = await runCli(["invoke", guest, "echo", "{}", "--schema", join(repoRoot, "test/fixtures/wasi-hello.c")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is not valid WIDL/);
  });

  it("fails on valid WIDL whose default the codec cannot apply, naming it, exit 2", async () => {
    const schema = join(out, "object-default.widl");
    writeFileSync(schema, 'namespace "t"\ntype P { x: i32 }\ninterface { echo(p: P = {x: 1}): i32 }\n');
    const r = await runCli(["invoke", guest, "echo", "{}", "--schema", schema]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/object-default\.widl:3:\d+: the default \{x: 1\} of parameter p of echo \(P\) cannot be generated/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("widl-bindgen invoke --schema with WIDL defaults", () => {
  it("an omitted defaulted argument takes its default; a sent one wins", async () => {
    const all = await runCli(["invoke", guest, "echo", "{}", "--schema", testGuestDefaultsSchema]);
    expect(all.stderr).toBe("");
    expect(JSON.parse(all.stdout)).toEqual({ msg: "hello", n: 7, tags: ["x"] });
    const some = await runCli(["invoke", guest, "echo", '{"n":"9007199254740993","tags":[]}', "--schema", testGuestDefaultsSchema]);
    expect(JSON.parse(some.stdout)).toEqual({ msg: "hello", n: "9007199254740993", tags: [] });
    // No JSON at all: every argument left out.
    expect(JSON.parse((await runCli(["invoke", guest, "echo", "--schema", testGuestDefaultsSchema])).stdout)).toEqual({
      msg: "hello",
      n: 7,
      tags: ["x"],
    });
  });

  it("a result missing defaulted fields is filled by the result decoder", async () => {
    // The guest echoes {msg: "a"}: the answer has no n and no tags.
    const r = await runCli(["invoke", guest, "echo_short", '{"msg":"a"}', "--schema", testGuestDefaultsSchema]);
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual({ msg: "a", n: 7, tags: ["x"] });
  });

  it("JSON nested past the limit is an argument error naming the limit, not a crash", async () => {
    const deep = `${'{"children":['.repeat(8_000)}${"]}".repeat(8_000)}`; // under the 128 KiB a single argument may take
    const r = await runCli(["invoke", guest, "echo_tree", deep, "--schema", testGuestDefaultsSchema]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nesting deeper than 256\n$/);
    const ok = `${'{"children":['.repeat(100)}${"]}".repeat(100)}`;
    const echoed = await runCli(["invoke", guest, "echo_tree", ok, "--schema", testGuestDefaultsSchema]);
    expect(echoed.stdout).toBe(`${ok}\n`);
  });
});
