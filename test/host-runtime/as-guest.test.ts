// The @wapc/as-guest echo guest, compiled from source with AssemblyScript 0.28, run through our host.
import { decode, encode } from "@msgpack/msgpack";
import { instantiate as wapcHostInstantiate } from "@wapc/host";
import { beforeAll, describe, expect, it } from "vitest";
import { GuestError, GuestTrapError, HostCallNotImplementedError, instantiate } from "@widl-bindgen/host";
import { buildAsEcho } from "./guests.js";

let withHandleAbort: Uint8Array;
let withEnvAbort: Uint8Array;
beforeAll(() => {
  withHandleAbort = buildAsEcho("as-guest");
  withEnvAbort = buildAsEcho("env");
});

describe("@wapc/as-guest echo guest", () => {
  it("echoes msgpack payloads of every size, like @wapc/host does", async () => {
    const ours = await instantiate(withHandleAbort);
    const reference = await wapcHostInstantiate(withHandleAbort);
    for (const value of ["", "hi", "x".repeat(1024), { nested: [1, 2n ** 40n, "✓"] }, "y".repeat(64 * 1024)]) {
      const payload = encode(value, { useBigInt64: true });
      const answer = await ours.invoke("echo", payload);
      expect(answer).toEqual(await reference.invoke("echo", payload));
      expect(decode(answer, { useBigInt64: true })).toEqual(value);
      expect(ours.invokeSync("echo", payload)).toEqual(answer);
    }
  });

  it("reports the guest's error text as a GuestError", async () => {
    const host = await instantiate(withHandleAbort);
    await expect(host.invoke("fail", new Uint8Array())).rejects.toThrow(new GuestError("fail", "failed: ünïcode ✓"));
    await expect(host.invoke("missing", new Uint8Array())).rejects.toThrow('Could not find function "missing"');
  });

  it("keeps handleAbort's message (reported through __guest_error) when the guest throws", async () => {
    const host = await instantiate(withHandleAbort);
    const error = (await host.invoke("abort", new Uint8Array()).catch((e: unknown) => e)) as GuestTrapError;
    expect(error).toBeInstanceOf(GuestTrapError);
    expect(error.guestMessage).toMatch(/^guest gave up; .*as-echo\.ts \(\d+,\d+\)$/);
    expect(new TextDecoder().decode(host.invokeSync("echo", new TextEncoder().encode("recovered")))).toBe("recovered");
  });

  it("decodes a real AssemblyScript env.abort call", async () => {
    const host = await instantiate(withEnvAbort);
    const error = (await host.invoke("abort", new Uint8Array()).catch((e: unknown) => e)) as GuestTrapError;
    expect(error).toBeInstanceOf(GuestTrapError);
    expect(error.abort?.message).toBe("guest gave up");
    expect(error.abort?.file).toMatch(/as-echo\.ts$/);
    expect(error.abort?.line).toBeGreaterThan(0);
    expect(error.message).toMatch(/^guest trapped during "abort": guest gave up at .*as-echo\.ts:\d+:\d+$/);
  });

  it("makes host calls and logs through __console_log", async () => {
    const logged: string[] = [];
    const host = await instantiate(
      withHandleAbort,
      { default: { echo: { upper: (payload) => new TextEncoder().encode(new TextDecoder().decode(payload).toUpperCase()) } } },
      undefined,
      { logger: (line) => logged.push(line) },
    );
    expect(new TextDecoder().decode(host.invokeSync("host", new TextEncoder().encode("shout")))).toBe("SHOUT");
    expect(logged).toEqual(["calling the host"]);
  });

  it("surfaces an unimplemented host call as HostCallNotImplementedError with the guest's words", async () => {
    const host = await instantiate(withHandleAbort, undefined, undefined, { logger: () => {} });
    const error = (await host.invoke("host", new Uint8Array()).catch((e: unknown) => e)) as HostCallNotImplementedError;
    expect(error).toBeInstanceOf(HostCallNotImplementedError);
    expect(error.operation).toBe("host");
    expect([error.binding, error.namespace, error.hostOperation]).toEqual(["default", "echo", "upper"]);
    expect(error.guestMessage).toContain("Host call not implemented");
  });
});
