/**
 * The core of @widl-bindgen/host imports no Node builtin: each browser entry bundles with esbuild for
 * `platform: "browser"`, which cannot resolve a `node:` module, and its import graph holds no Node-only file.
 * The Node entries are checked the other way round, so the test would notice if the bundler stopped refusing.
 */
import { join } from "node:path";
import { build } from "esbuild";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { repoRoot } from "../cli/run-cli.js";
import { countUtf8 } from "../../host-runtime/direct/utf8.js";
import { HostOptionError } from "@widl-bindgen/host";
import { buildWasiGuest } from "./guests.js";

const hostDir = join(repoRoot, "host-runtime");

/** Bundles an entry for the browser; resolves with the files it pulled in, rejects with esbuild's errors. */
async function bundleForBrowser(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [join(hostDir, entry)],
    bundle: true,
    platform: "browser",
    format: "esm",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  return Object.keys(result.metafile.inputs);
}

describe("the browser entries import no Node builtin", () => {
  it.each(["index.ts", "codegen.ts", "wapc.ts"])("%s bundles for platform=browser", async (entry) => {
    const inputs = await bundleForBrowser(entry);
    expect(inputs.filter((file) => file.startsWith("node:") || /host-runtime\/(node|pool\/(?!errors|memory-cap)|http)\//.test(file))).toEqual([]);
    expect(inputs.some((file) => file.endsWith("host-runtime/wasi.ts"))).toBe(true);
  });

  it.each(["node.ts", "codegen-node.ts", "http/index.ts"])("%s, a Node entry, does not", async (entry) => {
    await expect(bundleForBrowser(entry)).rejects.toThrow(/node:/);
  });
});

describe("what the core does where Node is not", () => {
  it("measures UTF-8 in plain JS exactly as Buffer.byteLength does", () => {
    fc.assert(fc.property(fc.string({ unit: "binary" }), (s) => countUtf8(s) === Buffer.byteLength(s, "utf8")));
    expect(countUtf8("a\u00e9\u20ac\u{1f600}\ud800")).toBe(1 + 2 + 3 + 4 + 3);
  });

  it("refuses a WASI preopen without a host filesystem, naming the preopen", async () => {
    vi.resetModules();
    // The browser entry alone, fresh: no Node entry has installed the filesystem in this module graph.
    const core = (await import("../../host-runtime/index.js")) as typeof import("../../host-runtime/index.js");
    const error = await core.load(buildWasiGuest(), { wasi: { preopens: { "/data": "." } } }).catch((e: unknown) => e);
    expect((error as Error).constructor.name).toBe(HostOptionError.name);
    expect((error as HostOptionError).option).toBe('wasi.preopens["/data"]');
    expect((error as Error).message).toMatch(/only the Node entry of @widl-bindgen\/host has/);
  });
});
