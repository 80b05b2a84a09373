import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPool, GuestTrapError, MemoryAccessError, type Pool } from "@widl-bindgen/host";
import { DecodeError } from "@widl-bindgen/host";
import { OperationCodec, wire } from "../../host-runtime/wire/index.js";
import { poolGuest } from "./fixtures/guests.js";
import { ENGINES } from "../engines.js";

describe.each(ENGINES)("on %s", (engine) => {
  let pool: Pool;
  beforeAll(async () => {
    pool = await createPool(await poolGuest(), { size: 2, engine });
  });
  afterAll(() => pool.close());

  describe("R2: a guest that traps on every second call", () => {
    it("answers every good call of 1,000 correctly and passes each trap's message to its caller", async () => {
      const calls = Array.from({ length: 1000 }, (_, i) => {
        const payload = new Uint8Array([i % 2, i & 0xff, i >> 8]);
        return pool.invoke("trap", payload).then(
          (result: Uint8Array) => ({ i, result, error: undefined }),
          (error: unknown) => ({ i, result: undefined, error }),
        );
      });
      const outcomes = await Promise.all(calls);
      for (const { i, result, error } of outcomes) {
        if (i % 2 === 0) {
          expect(error).toBeUndefined();
          expect([...result!]).toEqual([0, i & 0xff, i >> 8]);
        } else {
          // The class survives the worker boundary, and so do the guest's words and the operation.
          expect(error).toBeInstanceOf(GuestTrapError);
          const trap = error as GuestTrapError;
          expect(trap.message).toContain("boom: trap requested");
          expect(trap.guestMessage).toBe("boom: trap requested");
          expect(trap.operation).toBe("trap");
        }
      }
      expect(pool.stats()).toMatchObject({ completed: expect.any(Number), timeouts: 0, restarts: 0 });
    });
  });

  describe("R5: malformed responses", () => {
    it("reports an out-of-bounds ptr/len response as MemoryAccessError naming the operation, and keeps serving", async () => {
      const error = await pool.invoke("oob").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MemoryAccessError);
      expect((error as MemoryAccessError).operation).toBe("oob");
      expect((error as MemoryAccessError).message).toMatch(/out-of-bounds range to __guest_response during "oob"/);
      expect((error as MemoryAccessError).ptr).toBe(0x7ffffff0);
      expect([...(await pool.invoke("echo", new Uint8Array([7])))]).toEqual([7]);
      expect(pool.stats().restarts).toBe(0);
    });

    it("reports garbage msgpack as DecodeError naming the operation, through the stubs' codec", async () => {
      const codec = new OperationCodec("badpack", "empty", [], wire.string);
      const bytes = await pool.invoke("badpack", codec.encodeArgs([]));
      expect(() => codec.decodeResult(bytes)).toThrowError(DecodeError);
      try {
        codec.decodeResult(bytes);
      } catch (error) {
        expect((error as DecodeError).operation).toBe("badpack");
        expect((error as DecodeError).message).toMatch(/^badpack: /);
      }
      expect([...(await pool.invoke("echo", new Uint8Array([8])))]).toEqual([8]);
    });
  });
});
