/**
 * The rust template's own build (`scripts/build.mjs`, what `npm run build` runs) makes a release guest without
 * debug sections: rustc's precompiled std brings its DWARF along unless the link strips it, which made the
 * documented build 480 KB instead of 55 KB. Built here with the compiler the script picks (Debian's rustc).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decode, encode } from "@msgpack/msgpack";
import { instantiate } from "../../host-runtime/index.js";
import { inspectModule } from "../../host-runtime/wasm-inspect.js";
import { createProject, planProject } from "../../generators/new-project/index.js";
import { skipRust } from "../rust/toolchain.js";

describe.skipIf(skipRust("rust template"))("the rust template's build", () => {
  it("writes build/guest.wasm with no custom sections (no DWARF, no name section), and it answers", { timeout: 300_000 }, async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "widl-rust-template-")), "sized");
    await createProject(planProject({ template: "rust", dir, install: false }));
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== "RUSTC"));
    execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: dir, env, stdio: "pipe" });

    const wasm = readFileSync(join(dir, "build/guest.wasm"));
    const report = inspectModule(wasm, "guest.wasm");
    expect(report.sections.filter((s) => s.name.startsWith("custom:")).map((s) => s.name)).toEqual([]);
    expect(report.abis).toContain("wapc");
    const guest = await instantiate(wasm);
    expect(decode(await guest.invoke("sayHello", encode({ name: "rust" })))).toBe("Hello, rust!");
  });
});
