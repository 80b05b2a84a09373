// `load(source, options)`: every source kind, the options object (hostCall, writer, limits, engine), and its checks.
import { createServer } from "node:http";
import { once } from "node:events";
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { decode, encode } from "@msgpack/msgpack";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { HostOptionError, InvalidWasm, load, MemoryLimitError, StreamingFailure, WapcHost } from "@widl-bindgen/host";
import { compileWat, wapcHostFixture } from "./guests.js";

const bytes = (value: string) => new TextEncoder().encode(value);
const text = (value: Uint8Array) => new TextDecoder().decode(value);

let echo: Uint8Array;
let grow: Uint8Array;
let base: string;
const server = createServer((request, response) => {
  if (request.url === "/echo.wasm") response.writeHead(200, { "content-type": "application/wasm" }).end(echo);
  else if (request.url === "/echo.bin") response.writeHead(200, { "content-type": "application/octet-stream" }).end(echo);
  else response.writeHead(404).end();
});

beforeAll(async () => {
  echo = await compileWat("stale-state");
  grow = await compileWat("grow");
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => void server.close());

describe("load", () => {
  it("loads bytes, a path, a file: URL, an http: URL and a Response, speaking waPC", async () => {
    const dir = mkdtempSync(join(tmpdir(), "widl-load-"));
    const file = join(dir, "echo.wasm");
    writeFileSync(file, echo);
    for (const source of [echo, file, pathToFileURL(file), new URL("/echo.wasm", base), fetch(`${base}/echo.bin`)]) {
      const host = await load(source);
      expect(host).toBeInstanceOf(WapcHost);
      expect(text(host.invokeSync("ok", bytes("hi")))).toBe("hi");
    }
    await expect(load(new URL("/missing.wasm", base))).rejects.toThrow(StreamingFailure);
  });

  it("compiles a response while it streams when the cache is off, and only then", async () => {
    const streaming = vi.spyOn(WebAssembly, "compileStreaming");
    try {
      const host = await load(fetch(`${base}/echo.wasm`), { cache: false });
      expect(text(host.invokeSync("ok", bytes("streamed")))).toBe("streamed");
      expect(streaming).toHaveBeenCalledTimes(1);
      // Not application/wasm: read whole, as compileStreaming would refuse it.
      await load(fetch(`${base}/echo.bin`), { cache: false });
      await load(fetch(`${base}/echo.wasm`));
      expect(streaming).toHaveBeenCalledTimes(1);
    } finally {
      streaming.mockRestore();
    }
  });

  it("takes hostCall in the options object, as a function or a map", async () => {
    const payload = encode({ namespace: "ns", binding: "b", operation: "op", msg: "payload" });
    const upper = (p: Uint8Array) => encode((decode(p) as string).toUpperCase());
    const viaFunction = await load(wapcHostFixture("rust_host_call"), { hostCall: (_b, _n, _o, p) => upper(p) });
    expect(decode(await viaFunction.invoke("callback", payload))).toBe("PAYLOAD");
    const viaMap = await load(wapcHostFixture("rust_host_call"), { hostCall: { b: { ns: { op: upper } } } });
    expect(decode(await viaMap.invoke("callback", payload))).toBe("PAYLOAD");
  });

  it("caps linear memory with limits.maxMemoryBytes: memory.grow fails inside the guest", async () => {
    const free = await load(grow);
    expect(text(free.invokeSync("grow", bytes("ok")))).toBe("ok");
    expect(free.getCallerMemory().buffer.byteLength).toBe(3 * 65536);
    const capped = await load(grow, { limits: { maxMemoryBytes: 2 * 65536 } });
    // memory.grow(2) returns -1 under the cap; the guest then writes past its one page and the host refuses.
    expect(() => capped.invokeSync("grow", bytes("ok"))).toThrow(/outside|bounds|memory/i);
    expect(capped.getCallerMemory().buffer.byteLength).toBe(65536);
    await expect(load(grow, { limits: { maxMemoryBytes: 1024 } })).rejects.toThrow(HostOptionError);
    await expect(load(await WebAssembly.compile(grow as Uint8Array<ArrayBuffer>), { limits: { maxMemoryBytes: 65536 } })).rejects.toThrow(
      /needs the guest's binary/,
    );
  });

  it("refuses a guest whose memory starts above the cap with MemoryLimitError", async () => {
    // A module of one exported memory of two pages: header, memory section, export section.
    const twoPages = new Uint8Array([
      0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x05, 0x03, 0x01, 0x00, 0x02,
      0x07, 0x0a, 0x01, 0x06, ...bytes("memory"), 0x02, 0x00,
    ]);
    await expect(load(twoPages, { limits: { maxMemoryBytes: 65536 } })).rejects.toThrow(MemoryLimitError);
  });

  it("runs the guest on the engine it is given, and only through it", async () => {
    const used: string[] = [];
    const engine = {
      ...Object.fromEntries(Object.getOwnPropertyNames(WebAssembly).map((name) => [name, (WebAssembly as never)[name]])),
      compile: (source: BufferSource) => (used.push("compile"), WebAssembly.compile(source)),
      instantiate: (module: WebAssembly.Module, imports?: WebAssembly.Imports) => (
        used.push("instantiate"), WebAssembly.instantiate(module, imports)
      ),
    } as unknown as typeof WebAssembly;
    const host = await load(echo, { engine });
    expect(text(host.invokeSync("ok", bytes("engine")))).toBe("engine");
    // The cache holds the host engine's modules: another engine compiles for itself.
    expect(used).toEqual(["compile", "instantiate"]);
    expect((await load(echo, { engine: "v8" })).exports.__guest_call).toBeTypeOf("function");
  });

  it.each([
    [{ engine: 42 }, "engine", /expected "v8", "interpreter" or an object shaped like WebAssembly, got number/],
    [{ engine: { compile: () => {} } }, "engine", /lacks Module, Instance, Memory, instantiate, RuntimeError/],
    [{ limits: { maxMemory: 1 } }, "limits.maxMemory", /unknown option/],
    [{ limits: { maxMemoryBytes: "1 MB" } }, "limits.maxMemoryBytes", /expected a whole number of bytes/],
    [{ hostcall: () => {} }, "hostcall", /unknown option; expected one of hostCall, writer, limits/],
    [{ writer: "stdout" }, "writer", /expected a function/],
  ])("rejects %j with HostOptionError naming %s", async (options, option, message) => {
    const error = await load(echo, options as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostOptionError);
    expect((error as HostOptionError).option).toBe(option);
    expect((error as Error).message).toMatch(message);
  });

  it("reports bytes that are not WebAssembly as InvalidWasm", async () => {
    await expect(load(bytes("not wasm"))).rejects.toThrow(InvalidWasm);
  });
});
