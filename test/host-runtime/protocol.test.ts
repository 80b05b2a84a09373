// The waPC imports against hand-written guests: bounds checks, state reset between calls, UTF-8 lengths.
import { instantiate as wapcHostInstantiate } from "@wapc/host";
import { beforeAll, describe, expect, it } from "vitest";
import { GuestError, GuestProtocolError, HostCallNotImplementedError, instantiate as hostInstantiate, MemoryAccessError, WidlHostError } from "@widl-bindgen/host";
import { compileWat } from "./guests.js";
import { ENGINES, onEngine } from "../engines.js";

const bytes = (value: string) => new TextEncoder().encode(value);
const text = (value: Uint8Array) => new TextDecoder().decode(value);
const failure = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
};

const guests: Record<string, Uint8Array> = {};
beforeAll(async () => {
  for (const name of ["bad-pointers", "no-response", "stale-state", "host-error", "grow"]) {
    guests[name] = await compileWat(name);
  }
});

describe.each(ENGINES)("on %s", (engine) => {
  const instantiate = onEngine(hostInstantiate, engine);

  describe("out-of-bounds pointers from the guest", () => {
    it.each([
      ["ptr", "__guest_response", 70000, 1],
      ["len", "__guest_response", 65000, 1000],
      ["wrap", "__guest_response", 0xfffffff0, 32],
      ["error", "__guest_error", 65530, 100],
      ["console", "__console_log", 65536, 1],
      ["query", "__guest_request (operation)", 65535, 5],
      ["host", "__host_response", 65535, 4],
    ])("%s: a MemoryAccessError naming %s, and the next call works", async (operation, where, ptr, length) => {
      const host = await instantiate(guests["bad-pointers"]!, () => bytes("four"), undefined, { logger: () => {} });
      const error = failure(() => host.invokeSync(operation, bytes("abcd"))) as MemoryAccessError;
      expect(error).toBeInstanceOf(MemoryAccessError);
      expect(error.operation).toBe(operation);
      expect(error.ptr).toBe(ptr);
      expect(error.length).toBe(length);
      expect(error.memorySize).toBe(65536);
      expect(error.message).toContain(`${where} during "${operation}"`);
      expect(text(host.invokeSync("ok", bytes("fine")))).toBe("fine");
    });
  });

  describe("guest results", () => {
    it("success without a response is a GuestProtocolError", async () => {
      const host = await instantiate(guests["no-response"]!);
      const error = failure(() => host.invokeSync("anything", bytes("x"))) as GuestProtocolError;
      expect(error).toBeInstanceOf(GuestProtocolError);
      expect(error.operation).toBe("anything");
      expect(error.message).toBe('guest reported success for "anything" but never called __guest_response');
    });

    it("an error call followed by a success call returns the right data, not stale state", async () => {
      const host = await instantiate(guests["stale-state"]!);
      expect(text(host.invokeSync("ok", bytes("first")))).toBe("first");
      const error = failure(() => host.invokeSync("fail", bytes(""))) as GuestError;
      expect(error).toBeInstanceOf(GuestError);
      expect(error.message).toBe("failed on purpose");
      expect(error.operation).toBe("fail");
      expect(text(host.invokeSync("ok", bytes("second")))).toBe("second");
    });

    it("a silent success after a success does not return the previous response", async () => {
      const host = await instantiate(guests["stale-state"]!);
      host.invokeSync("ok", bytes("previous"));
      expect(failure(() => host.invokeSync("silent-success", bytes("")))).toBeInstanceOf(GuestProtocolError);
    });

    it("a quiet failure after a failure does not repeat the previous message", async () => {
      const host = await instantiate(guests["stale-state"]!);
      failure(() => host.invokeSync("fail", bytes("")));
      const error = failure(() => host.invokeSync("quiet-failure", bytes(""))) as GuestError;
      expect(error).toBeInstanceOf(GuestError);
      expect(error.guestMessage).toBeUndefined();
      expect(error.message).toBe('guest operation "quiet-failure" failed without an error message');
    });

    it("rejects a payload that is not a Uint8Array", async () => {
      const host = await instantiate(guests["stale-state"]!);
      expect(() => host.invokeSync("ok", new ArrayBuffer(4) as unknown as Uint8Array)).toThrow(TypeError);
    });

    it("refuses a re-entrant call from inside a host call", async () => {
      let inner: unknown;
      const host = await instantiate(guests["host-error"]!, () => {
        inner = failure(() => host.invokeSync("lengths", bytes("")));
        return bytes("outer");
      });
      expect(text(host.invokeSync("call", bytes("")))).toBe("outer");
      expect(inner).toBeInstanceOf(WidlHostError);
      expect((inner as Error).message).toBe('"lengths" was invoked while "call" is still running on this guest');
    });
  });

  describe("host calls", () => {
    const hostError = "héllo wörld ✓ 日本";

    it("sends a non-ASCII host error with its UTF-8 byte length", async () => {
      const host = await instantiate(guests["host-error"]!, () => {
        throw new Error(hostError);
      });
      const answer = host.invokeSync("call", bytes("payload"));
      expect(text(answer)).toBe(`Error: ${hostError}`);
      expect(answer.byteLength).toBe(bytes(`Error: ${hostError}`).byteLength);
    });

    it("differs from @wapc/host, which reports the UTF-16 length and truncates", async () => {
      const reference = await wapcHostInstantiate(guests["host-error"]!, () => {
        throw new Error(hostError);
      });
      const answer = await reference.invoke("call", bytes("payload"));
      expect(text(answer)).not.toBe(`Error: ${hostError}`);
    });

    it("resets host response and error lengths before each call", async () => {
      let fail = true;
      const host = await instantiate(guests["host-error"]!, () => {
        if (fail) throw new Error("no");
        return bytes("a response");
      });
      host.invokeSync("call", bytes(""));
      expect([...new Uint32Array(host.invokeSync("lengths", bytes("")).slice().buffer)]).toEqual([0, 0]);
      fail = false;
      expect(text(host.invokeSync("call", bytes("")))).toBe("a response");
      expect([...new Uint32Array(host.invokeSync("lengths", bytes("")).slice().buffer)]).toEqual([0, 0]);
    });

    it("passes binding, namespace, operation and a payload copy to the host function", async () => {
      const seen: unknown[] = [];
      const host = await instantiate(guests["host-error"]!, (binding, namespace, operation, payload) => {
        seen.push(binding, namespace, operation, text(payload));
        return payload;
      });
      expect(text(host.invokeSync("call", bytes("round trip")))).toBe("round trip");
      expect(seen).toEqual(["bind", "ns", "op", "round trip"]);
    });

    it("routes through a binding → namespace → operation map", async () => {
      const host = await instantiate(guests["host-error"]!, {
        bind: { ns: { op: (payload: Uint8Array) => bytes(text(payload).toUpperCase()) } },
      });
      expect(text(host.invokeSync("call", bytes("mapped")))).toBe("MAPPED");
    });

    it("answers a map miss with HostCallNotImplementedError's text, and never reaches Object.prototype", async () => {
      const host = await instantiate(guests["host-error"]!, { bind: { other: {} } });
      expect(text(host.invokeSync("call", bytes("")))).toBe(
        String(new HostCallNotImplementedError("bind", "ns", "op")),
      );
      const polluted = await instantiate(guests["host-error"]!, JSON.parse('{"bind": {"__proto__": {"op": 1}}}'));
      expect(text(polluted.invokeSync("call", bytes("")))).toMatch(/^HostCallNotImplementedError/);
    });

    it("sends a host error for a host function returning something other than bytes", async () => {
      const host = await instantiate(guests["host-error"]!, (() => "text") as never);
      expect(text(host.invokeSync("call", bytes("")))).toBe("TypeError: host call returned string, expected a Uint8Array");
    });

    it("routes __console_log to the logger", async () => {
      const lines: string[] = [];
      const host = await instantiate(guests["host-error"]!, undefined, undefined, { logger: (line) => lines.push(line) });
      host.invokeSync("print", bytes("logged ✓"));
      expect(lines).toEqual(["logged ✓"]);
    });
  });

  describe("memory growth", () => {
    it("revalidates cached views when the guest grows its memory mid-call", async () => {
      const host = await instantiate(guests["grow"]!);
      expect(text(host.invokeSync("small", bytes("before")))).toBe("before");
      expect(text(host.invokeSync("grow", bytes("after growing")))).toBe("after growing");
      expect(host.memory.size).toBe(3 * 65536);
    });
  });
});
