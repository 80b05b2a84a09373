/** Issue 17, item 5: a start section that traps is the guest trapping during start, not an invalid binary. */
import { describe, expect, it } from "vitest";
import { createPool, GuestTrapError, instantiate } from "@widl-bindgen/host";
import { compileWat } from "./guests.js";

describe("a trapping start section", () => {
  it("in-process: GuestTrapError during \"start\"", async () => {
    const error = await instantiate(await compileWat("start-trap")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GuestTrapError);
    expect((error as GuestTrapError).operation).toBe("start");
    expect((error as Error).message).toBe('guest trapped during "start": unreachable');
  });

  it("in a pool: createPool rejects with the same GuestTrapError", async () => {
    const error = await createPool(await compileWat("start-trap"), { size: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GuestTrapError);
    expect((error as Error).message).toBe('guest trapped during "start": unreachable');
  });
});
