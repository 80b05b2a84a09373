// Traps become GuestTrapError with the guest's last words, and the next call runs on a fresh instance.
import { beforeAll, describe, expect, it } from "vitest";
import { GuestTrapError, instantiate as hostInstantiate, MemoryAccessError } from "@widl-bindgen/host";
import { interpreter } from "@widl-bindgen/host/interpreter";
import { compileWat } from "./guests.js";
import { ENGINES, onEngine } from "../engines.js";

const text = new TextEncoder();
const bytes = (value: string) => text.encode(value);
const quiet = { logger: () => {} };

let trap: Uint8Array;
let abort: Uint8Array;
beforeAll(async () => {
  trap = await compileWat("trap");
  abort = await compileWat("abort");
});

describe.each(ENGINES)("on %s", (engine) => {
  const instantiate = onEngine(hostInstantiate, engine);

  describe("a trap", () => {
    it("is a GuestTrapError naming the operation, with the trap as cause, and the next call succeeds", async () => {
      const host = await instantiate(trap, undefined, undefined, quiet);
      const error = await host.invoke("trap", bytes("x")).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GuestTrapError);
      expect((error as GuestTrapError).operation).toBe("trap");
      // The engine's own trap: the host maps both engines' RuntimeError alike.
      expect((error as GuestTrapError).cause).toBeInstanceOf(engine === "v8" ? WebAssembly.RuntimeError : interpreter.RuntimeError);
      expect((error as Error).message).toMatch(/^guest trapped during "trap": unreachable/);
      expect(new TextDecoder().decode(await host.invoke("echo", bytes("after the trap")))).toBe("after the trap");
    });

    it("keeps a __guest_error written just before the trap", async () => {
      const host = await instantiate(trap);
      const error = (await host.invoke("last-words", bytes("")).catch((e: unknown) => e)) as GuestTrapError;
      expect(error).toBeInstanceOf(GuestTrapError);
      expect(error.guestMessage).toBe("last words before the trap");
      expect(error.message).toBe('guest trapped during "last-words": last words before the trap (unreachable)');
    });

    it("re-creates the instance, so guest state from before the trap is gone", async () => {
      const host = await instantiate(trap);
      const firstInstance = host.instance;
      expect([...host.invokeSync("count", bytes(""))]).toEqual([1]);
      expect([...host.invokeSync("count", bytes(""))]).toEqual([2]);
      expect(() => host.invokeSync("trap", bytes(""))).toThrow(GuestTrapError);
      expect([...host.invokeSync("count", bytes(""))]).toEqual([1]);
      expect(host.instance).not.toBe(firstInstance);
    });

    it("keeps the trapped instance with recreateOnTrap: false", async () => {
      const host = await instantiate(trap, undefined, undefined, { recreateOnTrap: false });
      const firstInstance = host.instance;
      expect([...host.invokeSync("count", bytes(""))]).toEqual([1]);
      expect(() => host.invokeSync("trap", bytes(""))).toThrow(GuestTrapError);
      expect([...host.invokeSync("count", bytes(""))]).toEqual([2]);
      expect(host.instance).toBe(firstInstance);
    });

    it("includes a stack overflow", async () => {
      const host = await instantiate(trap);
      const error = (await host.invoke("recurse", bytes("")).catch((e: unknown) => e)) as GuestTrapError;
      expect(error).toBeInstanceOf(GuestTrapError);
      expect(error.cause).toBeInstanceOf(RangeError);
      expect(new TextDecoder().decode(host.invokeSync("echo", bytes("ok")))).toBe("ok");
    });
  });

  describe("env.abort", () => {
    it("decodes AssemblyScript's message, file, line and column into the error", async () => {
      const host = await instantiate(abort);
      const error = (await host.invoke("abort", bytes("")).catch((e: unknown) => e)) as GuestTrapError;
      expect(error).toBeInstanceOf(GuestTrapError);
      expect(error.operation).toBe("abort");
      expect(error.abort).toEqual({ message: "boom ✓", file: "assembly/index.ts", line: 12, column: 5 });
      expect(error.message).toBe('guest trapped during "abort": boom ✓ at assembly/index.ts:12:5');
      expect(new TextDecoder().decode(host.invokeSync("ok", bytes("still alive")))).toBe("still alive");
    });

    it("accepts null message and file", async () => {
      const host = await instantiate(abort);
      const error = (await host.invoke("null-abort", bytes("")).catch((e: unknown) => e)) as GuestTrapError;
      expect(error.abort).toEqual({ message: null, file: null, line: 0, column: 0 });
      expect(error.message).toBe('guest trapped during "null-abort": abort');
    });

    it("bounds the decoded length when the header claims more than memory holds", async () => {
      const host = await instantiate(abort);
      const error = (await host.invoke("huge-abort", bytes("")).catch((e: unknown) => e)) as GuestTrapError;
      expect(error).toBeInstanceOf(GuestTrapError);
      expect(error.abort?.message?.length).toBe(16 * 1024 + 1);
      expect(error.abort?.message?.startsWith("x")).toBe(true);
    });

    it("still reports the abort when the string header lies outside memory", async () => {
      const host = await instantiate(abort);
      const error = (await host.invoke("edge-abort", bytes("")).catch((e: unknown) => e)) as GuestTrapError;
      expect(error).toBeInstanceOf(GuestTrapError);
      expect(error.abort?.message).toBe("<unreadable string at 2>");
      expect(error).not.toBeInstanceOf(MemoryAccessError);
    });
  });
});
