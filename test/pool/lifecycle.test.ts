import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { createPool, GuestProtocolError, GuestTrapError, HostOptionError, PoolClosedError, GuestTimeoutError } from "@widl-bindgen/host";
import { deserializeError, serializeError } from "../../host-runtime/pool/index.js";
import { poolGuest } from "./fixtures/guests.js";

const script = fileURLToPath(new URL("./fixtures/exit-script.mts", import.meta.url));
const loader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

function runScript(mode: string) {
  const started = Date.now();
  const result = spawnSync(process.execPath, ["--import", loader, script, mode], { encoding: "utf8", timeout: 20_000 });
  return { ...result, elapsed: Date.now() - started };
}

describe("lifecycle", () => {
  it("lets the process exit once its calls are done, even without close()", () => {
    const { status, stdout, stderr, signal } = runScript("no-close");
    expect(signal).toBeNull(); // not killed by the timeout: nothing kept the event loop alive
    expect(stderr).toBe("");
    expect(status).toBe(0);
    expect(stdout.trim()).toBe("[1,2,3]");
  });

  it("close() drains in-flight calls and the process exits", () => {
    const { status, stdout, stderr, signal } = runScript("close");
    expect(signal).toBeNull();
    expect(stderr).toBe("");
    expect(status).toBe(0);
    expect(stdout.trim()).toBe("[1,2,3,4]");
  });

  it("rejects calls and reloads after close() with PoolClosedError", async () => {
    const pool = await createPool(await poolGuest(), { size: 1 });
    const inFlight = Array.from({ length: 50 }, (_, i) => pool.invoke("echo", new Uint8Array([i])));
    const closed = pool.close();
    await expect(pool.invoke("echo")).rejects.toBeInstanceOf(PoolClosedError);
    await expect(pool.reload(await poolGuest("v2"))).rejects.toBeInstanceOf(PoolClosedError);
    expect((await Promise.all(inFlight)).map((a) => a[0])).toEqual(Array.from({ length: 50 }, (_, i) => i));
    await closed;
    expect(pool.stats().workers).toBe(0);
  });

  it("runs generic adapter calls, the form the direct ABI's stubs use, and types their errors", async () => {
    const pool = await createPool(await poolGuest(), { size: 1 });
    try {
      expect([...((await pool.call("invoke", ["echo", new Uint8Array([4, 2])])) as Uint8Array)]).toEqual([4, 2]);
      const error = await pool.call("nope", []).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GuestProtocolError);
      expect((error as Error).message).toBe('the waPC adapter has no function "nope"');
    } finally {
      await pool.close();
    }
  });

  it("rejects unknown and ill-typed options by name", async () => {
    const guest = await poolGuest();
    await expect(createPool(guest, { sise: 2 } as never)).rejects.toThrow(/invalid option "sise": unknown option/);
    await expect(createPool(guest, { timeoutMs: -1 })).rejects.toBeInstanceOf(HostOptionError);
    await expect(createPool(guest, { wasi: { cwd: "/" } } as never)).rejects.toThrow(/"wasi.cwd"/);
  });

  it("keeps error classes and fields across a serialization round trip", () => {
    const trap = new GuestTrapError("op", "guest words", { cause: new RangeError("deep") });
    const back = deserializeError(structuredClone(serializeError(trap)));
    expect(back).toBeInstanceOf(GuestTrapError);
    expect(back).toMatchObject({ name: "GuestTrapError", operation: "op", guestMessage: "guest words", message: trap.message });
    expect((back as Error).cause).toBeInstanceOf(RangeError);
    const timeout = deserializeError(structuredClone(serializeError(new GuestTimeoutError("spin", 100))));
    expect(timeout).toBeInstanceOf(GuestTimeoutError);
    expect((timeout as GuestTimeoutError).timeoutMs).toBe(100);
    const odd = deserializeError(structuredClone(serializeError({ not: "an error" })));
    expect(odd.message).toBe("[object Object]");
  });
});
