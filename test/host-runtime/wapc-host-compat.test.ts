// @wapc/host 0.0.3's own test suite (node_modules/@wapc/host/test/index.test.ts), ported from mocha/chai to vitest
// and run against our host. The assertions are the same; only the syntax changed:
// `expect(x).to.equal(y)` → `toBe`, `to.be.instanceOf` → `toBeInstanceOf`, `rejectedWith(re)` → `rejects.toThrow(re)`.
// The fixtures log a line per call through `__console_log`, which both hosts print with console.log by default;
// the suite keeps that default and only mutes console.log, so the test output stays readable.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { decode, encode } from "@msgpack/msgpack";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { errors, instantiate as hostInstantiate, WapcHost } from "@widl-bindgen/host/wapc";
import { root, wapcHostFixture } from "./guests.js";
import { ENGINES, onEngine } from "../engines.js";

describe.each(ENGINES)("on %s", (engine) => {
  const instantiate = onEngine(hostInstantiate, engine);

  describe("WapcHost", function () {
    let buffer: Uint8Array;
    beforeEach(() => {
      buffer = wapcHostFixture("rust_echo_string");
      vi.spyOn(console, "log").mockImplementation(() => {});
    });
    afterEach(() => {
      vi.restoreAllMocks();
    });
    it("should create instance", async () => {
      const host = await instantiate(buffer);
      expect(host).toBeInstanceOf(WapcHost);
    });
    it("should invoke guest operation", async () => {
      const host = await instantiate(buffer);
      const payload = encode({ msg: "hello world" });
      const result = await host.invoke("echo", payload);
      expect(result).toBeInstanceOf(Uint8Array);
      const decoded = decode(result);
      expect(decoded).toBe("hello world");
    });
    it("guests should be able to invoke host calls", async () => {
      buffer = wapcHostFixture("rust_host_call");
      const host = await instantiate(buffer, (binding, namespace, operation, payload) => {
        expect(namespace).toBe("myNamespace");
        expect(binding).toBe("myBinding");
        expect(operation).toBe("myOperation");
        const decoded = decode(payload) as string;
        expect(decoded).toBe("this is the payload");
        return new Uint8Array(encode(decoded.toUpperCase()));
      });
      const payload = encode({
        namespace: "myNamespace",
        binding: "myBinding",
        operation: "myOperation",
        msg: "this is the payload",
      });
      const result = await host.invoke("callback", payload);
      expect(result).toBeInstanceOf(Uint8Array);
      const decoded = decode(result);
      expect(decoded).toBe("THIS IS THE PAYLOAD");
    });
    it("should throw when running guests that invoke an unimplemented host call", async () => {
      buffer = wapcHostFixture("rust_host_call");
      const host = await instantiate(buffer);
      const payload = encode({
        namespace: "ns",
        binding: "bind",
        operation: "op",
        msg: "this is the payload",
      });
      await expect(host.invoke("callback", payload)).rejects.toThrow(
        new errors.HostCallNotImplementedError("bind", "ns", "op").matcher(),
      );
    });
    it("should run multiple guests", async () => {
      const host = await instantiate(buffer);
      const host2 = await instantiate(buffer);
      const result = await host.invoke("echo", encode({ msg: "world" }));
      const decoded = decode(result);
      const result2 = await host2.invoke("echo", encode({ msg: "world2" }));
      const decoded2 = decode(result2);
      expect(decoded).toBe("world");
      expect(decoded2).toBe("world2");
    });
    it("should throw when passed invalid wasm", async () => {
      buffer = readFileSync(join(root, "package.json"));
      await expect(instantiate(buffer)).rejects.toThrow(new errors.InvalidWasm(new Error()).matcher());
    });
  });
});
