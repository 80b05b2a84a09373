/**
 * Local TypeScript guests behind the direct-ABI class: the values a wasm guest would see and send, through the
 * class's own DirectGuest lowering and lifting (host-runtime/local/local-direct-guest.ts).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { generateTypescriptHost, loadModel } from "../../generators/index.js";
import { EncodeError, GuestError } from "@widl-bindgen/host";

const root = fileURLToPath(new URL("../../", import.meta.url));
const outDir = join(root, "test/.out/host-runtime/local-direct");
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- generated at test time
let stubs: any;

beforeAll(async () => {
  mkdirSync(outDir, { recursive: true });
  const path = join(outDir, "direct-guest.ts");
  const schema = join(root, "test/pool/fixtures/direct-guest.widl");
  writeFileSync(path, generateTypescriptHost(loadModel(schema), { abi: "direct", localGuest: true, className: "Stub" }));
  stubs = await import(pathToFileURL(path).href);
});

function local(trap: (value: number) => number) {
  return stubs.Stub.local({
    echo: (value: string) => value,
    trap,
    loop: () => "never",
    fail: () => {
      throw new Error("local boom");
    },
  });
}

describe("a local guest behind the direct-ABI class", () => {
  it("sees strings after the UTF-8 round trip a wasm guest sees (a lone surrogate becomes U+FFFD)", () => {
    expect(local((v) => v).echo("héllo 🎉 \ud800!")).toBe("héllo 🎉 \ufffd!");
    expect(local((v) => v).echo("x".repeat(200_000))).toHaveLength(200_000);
  });

  it("checks arguments on the host side and results as untrusted guest data", () => {
    const guest = local((v) => (v === 7 ? 300 : v));
    expect(guest.trap(255)).toBe(255);
    expect(() => guest.trap(256)).toThrow(EncodeError);
    const error = (() => {
      try {
        return guest.trap(7);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(GuestError);
    expect((error as GuestError).operation).toBe("trap");
    expect((error as GuestError).message).toMatch(/300.*u8/);
  });

  it("reports what the implementation throws as GuestError with its message, and keeps serving", () => {
    const guest = local((v) => v);
    expect(() => guest.fail()).toThrow(new GuestError("fail", "local boom"));
    expect(guest.echo("after")).toBe("after");
  });
});
