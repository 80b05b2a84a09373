// Options resolution, the compile cache, loading from paths and URLs, and instantiateStreaming.
import { createServer } from "node:http";
import { once } from "node:events";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { clearModuleCache, HostOptionError, instantiate, instantiateStreaming, WapcHost } from "@widl-bindgen/host";
import { errors } from "@widl-bindgen/host/wapc";
import { moduleHash } from "../../host-runtime/module-cache.js";
import { loadModuleSource } from "../../host-runtime/node/module-source.js";
import { compileWat, fixtures } from "./guests.js";

const bytes = (value: string) => new TextEncoder().encode(value);
const text = (value: Uint8Array) => new TextDecoder().decode(value);

let echo: Uint8Array;
beforeAll(async () => {
  echo = await compileWat("stale-state");
});

describe("options", () => {
  it.each([
    [{ recreate: true }, "recreate", "unknown option; expected one of logger, recreateOnTrap, wasi, cache, abi, engine, fuel, timeoutMs"],
    [{ recreateOnTrap: "yes" }, "recreateOnTrap", 'expected a boolean, got the string "yes"'],
    [{ logger: 1 }, "logger", "expected a function, got number"],
    [{ wasi: { args: "a b" } }, "wasi.args", 'expected an array of strings, got the string "a b"'],
    [{ wasi: { env: { A: 1 } } }, "wasi.env.A", "expected a string, got number"],
    [{ wasi: [] }, "wasi", "expected an object, got an array"],
  ])("rejects %j with HostOptionError", async (options, option, reason) => {
    const error = await instantiate(echo, undefined, undefined, options as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostOptionError);
    expect((error as HostOptionError).option).toBe(option);
    expect((error as Error).message).toBe(`invalid option "${option}": ${reason}`);
  });
});

describe("compile cache", () => {
  it("compiles each distinct binary once", async () => {
    clearModuleCache();
    const compile = vi.spyOn(WebAssembly, "compile");
    try {
      const first = await instantiate(echo);
      const second = await instantiate(new Uint8Array(echo));
      expect(compile).toHaveBeenCalledTimes(1);
      expect(second.module).toBe(first.module);
      expect(second.instance).not.toBe(first.instance);
      await instantiate(echo, undefined, undefined, { cache: false });
      expect(compile).toHaveBeenCalledTimes(2);
    } finally {
      compile.mockRestore();
    }
  });

  it("keys by content", async () => {
    expect(await moduleHash(echo)).toBe(await moduleHash(echo.slice()));
    expect(await moduleHash(echo)).not.toBe(await moduleHash(echo.subarray(1)));
  });

  it("accepts an ArrayBuffer and a WebAssembly.Module", async () => {
    const fromBuffer = await instantiate(echo.slice().buffer);
    expect(text(fromBuffer.invokeSync("ok", bytes("buffer")))).toBe("buffer");
    const fromModule = await instantiate(fromBuffer.module);
    expect(fromModule.module).toBe(fromBuffer.module);
    expect(text(fromModule.invokeSync("ok", bytes("module")))).toBe("module");
  });

  it("does not cache a binary that fails to compile", async () => {
    await expect(instantiate(bytes("not wasm"))).rejects.toBeInstanceOf(errors.InvalidWasm);
    await expect(instantiate(bytes("not wasm"))).rejects.toBeInstanceOf(errors.InvalidWasm);
  });

  it("reports missing imports as InvalidWasm", async () => {
    const module = await WebAssembly.compile(
      new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 2, 10, 1, 1, 120, 4, 110, 111, 110, 101, 0, 0]),
    );
    await expect(instantiate(module)).rejects.toThrow(/^Invalid wasm binary: .*Import #0 module="x"/);
  });
});

describe("loading", () => {
  let server: ReturnType<typeof createServer>;
  let base: string;
  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === "/guest.wasm") response.writeHead(200, { "content-type": "application/wasm" }).end(echo);
      else response.writeHead(404).end();
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const address = server.address() as { port: number };
    base = `http://127.0.0.1:${address.port}`;
  });
  afterAll(() => {
    server.close();
  });

  it("reads paths, file: URLs and http: URLs", async () => {
    const path = join(fixtures, "granted", "readme.txt");
    expect(text(await loadModuleSource(path))).toBe("granted file ✓\n");
    expect(text(await loadModuleSource(pathToFileURL(path)))).toBe("granted file ✓\n");
    expect(await loadModuleSource(new URL("/guest.wasm", base))).toEqual(echo);
    await expect(loadModuleSource(new URL("/missing", base))).rejects.toThrow(/HTTP 404/);
  });

  it("instantiates from a fetch response, and reports a failed one as StreamingFailure", async () => {
    const host = await instantiateStreaming(fetch(`${base}/guest.wasm`));
    expect(host).toBeInstanceOf(WapcHost);
    expect(text(host.invokeSync("ok", bytes("streamed")))).toBe("streamed");
    await expect(instantiateStreaming(fetch(`${base}/missing`))).rejects.toBeInstanceOf(errors.StreamingFailure);
  });

  it("supports @wapc/host's two-step form", async () => {
    const host = await new WapcHost().instantiate(echo);
    expect(text(await host.invoke("ok", bytes("two-step")))).toBe("two-step");
    expect(host.getCallerMemory()).toBe(host.exports.memory);
  });
});
