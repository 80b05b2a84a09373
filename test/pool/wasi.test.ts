import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPool, type Pool } from "@widl-bindgen/host";
import { buildWasiGuest } from "../host-runtime/guests.js";

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const utf8 = (s: string) => new TextEncoder().encode(s);

let guest: Uint8Array;
let dir: string;
const pools: Pool[] = [];
beforeAll(() => {
  guest = buildWasiGuest();
  dir = mkdtempSync(join(tmpdir(), "widl-pool-wasi-"));
  writeFileSync(join(dir, "secret.txt"), "the secret");
  process.env.WIDL_POOL_SECRET = "leaked";
});
afterAll(async () => {
  delete process.env.WIDL_POOL_SECRET;
  await Promise.all(pools.map((p) => p.close()));
});

describe("R7: a WASI guest (C, wasi-libc) in the pool", () => {
  it("without grants, cannot open a file or read the environment", async () => {
    const pool = await createPool(guest, { size: 1 });
    pools.push(pool);
    expect(text(await pool.invoke("open", utf8(join(dir, "secret.txt"))))).toMatch(/^failed: /);
    expect(text(await pool.invoke("open", utf8("/data/secret.txt")))).toMatch(/^failed: /);
    expect(text(await pool.invoke("open", utf8("/etc/passwd")))).toMatch(/^failed: /);
    expect(text(await pool.invoke("getenv", utf8("WIDL_POOL_SECRET")))).toBe("(unset)");
    expect(text(await pool.invoke("getenv", utf8("PATH")))).toBe("(unset)");
  });

  it("with grants, sees exactly the granted directory and variables", async () => {
    const pool = await createPool(guest, { size: 1, wasi: { preopens: { "/data": dir }, env: { WIDL_POOL_SECRET: "granted" } } });
    pools.push(pool);
    expect(text(await pool.invoke("open", utf8("/data/secret.txt")))).toBe("the secret");
    expect(text(await pool.invoke("open", utf8("/etc/passwd")))).toMatch(/^failed: /);
    expect(text(await pool.invoke("getenv", utf8("WIDL_POOL_SECRET")))).toBe("granted");
    expect(text(await pool.invoke("getenv", utf8("PATH")))).toBe("(unset)");
  });
});
