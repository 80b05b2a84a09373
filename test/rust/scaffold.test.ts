// The `rust-scaffold` target with the `rust-guest` glue, as a user gets them from codegen.yaml: the crate
// builds with Cargo (offline, no dependencies) under `#![deny(warnings)]`, its stubs answer with errors,
// and a second `generate` leaves the user's files alone.
import { instantiate } from "@wapc/host";
import { encode } from "@msgpack/msgpack";
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { generate, writeGenerated } from "../../generators/index.js";
import { outRoot, repoRoot } from "./build-guest.js";
import { RUSTC, skipRust } from "./toolchain.js";

const run = promisify(execFile);
const CARGO = "/usr/bin/cargo";
const crate = join(outRoot, "scaffold");

describe.skipIf(skipRust("rust scaffold") || (!process.env.CI && !existsSync(CARGO)))("rust-scaffold", () => {
  beforeAll(async () => {
    rmSync(crate, { recursive: true, force: true });
    mkdirSync(crate, { recursive: true });
    cpSync(join(repoRoot, "test/golden/cuckoo/schema.widl"), join(crate, "schema.widl"));
    writeFileSync(
      join(crate, "codegen.yaml"),
      "schema: schema.widl\ngenerates:\n  src/widl:\n    target: rust-guest\n  .:\n    target: rust-scaffold\n",
    );
    writeGenerated(await generate(join(crate, "codegen.yaml")));
  });

  it("writes a dependency-free cdylib crate with a size-tuned release profile", () => {
    const cargo = readFileSync(join(crate, "Cargo.toml"), "utf8");
    expect(cargo).toContain('crate-type = ["cdylib"]');
    expect(cargo).toMatch(/\[dependencies\]\n\n/);
    expect(cargo).toContain('opt-level = "s"');
    expect(cargo).toContain('panic = "abort"');
  });

  it("builds with cargo --offline, and its stubs answer with errors", async () => {
    // Debian's cargo would otherwise pick the rustc on PATH, which may be rustup's without the wasm32 std.
    await run(CARGO, ["build", "--release", "--target", "wasm32-unknown-unknown", "--offline", "--quiet"], {
      cwd: crate,
      env: { ...process.env, RUSTC, CARGO_TARGET_DIR: join(crate, "target") },
    });
    const wasm = readFileSync(join(crate, "target/wasm32-unknown-unknown/release/cuckoo.wasm"));
    const host = await instantiate(wasm);
    await expect(host.invoke("check_word_exists", encode({ name: "foo" }))).rejects.toThrow(
      "check_word_exists is not implemented yet",
    );
    await expect(host.invoke("handle_input", encode({ inp: { x: 1 } }))).rejects.toThrow(
      "handle_input.inp: Input.x: expected str, found positive int",
    );
  });

  it("never overwrites the user's files", async () => {
    const lib = join(crate, "src/lib.rs");
    writeFileSync(lib, "// mine\n");
    const result = writeGenerated(await generate(join(crate, "codegen.yaml")));
    expect(result.skipped).toContain(lib);
    expect(readFileSync(lib, "utf8")).toBe("// mine\n");
  });
});
