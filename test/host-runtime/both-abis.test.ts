/**
 * A module that exports both ABIs (docs/abi.md, "Detection") driven through both protocol layers over one loaded
 * instance (test/host-runtime/fixtures/both-abis.wat, a counter): a direct call changes state a waPC call then sees,
 * the initializers run once, a trap in either re-creates the instance for both, and a call while the other
 * protocol's call is running is refused.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { GuestProtocolError, GuestTrapError, instantiate as hostInstantiate, load as loadGuestAnyAbi, type HostCall, type HostCallMap, WapcHost, WidlHostError } from "@widl-bindgen/host";
import { DirectGuest } from "../../host-runtime/direct/index.js";
import { loadGuest } from "../../host-runtime/loaded-guest.js";
import { compileWat } from "./guests.js";
import { ENGINES, onEngine } from "../engines.js";

let both: Uint8Array;
beforeAll(async () => {
  both = await compileWat("both-abis");
});

const empty = new Uint8Array(0);
const u32 = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
const add = (g: DirectGuest, n: number) => g.invokeLowered("add", "u32", [n]) as number;

describe.each(ENGINES)("on %s", (engine) => {
  const instantiate = onEngine(hostInstantiate, engine);

  /** The guest, loaded once, with a layer of each protocol over it and the log of its initializer runs. */
  async function load(hostCall?: HostCall | HostCallMap) {
    const logged: string[] = [];
    const direct = (await loadGuestAnyAbi(both, { hostCall, abi: "auto", engine, logger: (m) => logged.push(m) })) as DirectGuest;
    expect(direct).toBeInstanceOf(DirectGuest);
    return { direct, wapc: WapcHost.over(direct.loaded), logged };
  }

  describe("a module exporting both ABIs, one instance", () => {
    it("shares state: a direct call changes what a waPC call then reads; the initializers ran once", async () => {
      const { direct, wapc, logged } = await load();
      expect(add(direct, 5)).toBe(5);
      expect(add(direct, 2)).toBe(7);
      expect(u32(wapc.invokeSync("get", empty))).toBe(7);
      expect(u32(await wapc.invoke("inits", empty))).toBe(1);
      expect(logged).toEqual(["init"]);
      expect(wapc.loaded).toBe(direct.loaded);
      expect(wapc.getCallerMemory()).toBe(direct.getCallerMemory());
    });

    it("works the other way round: a direct layer over a WapcHost's guest", async () => {
      const host = await instantiate(both, undefined, undefined, { logger: () => {} });
      const direct = DirectGuest.over(host.loaded);
      add(direct, 40);
      expect(u32(host.invokeSync("get", empty))).toBe(40);
    });

    it("re-creates the one instance for both after a trap in either", async () => {
      const { direct, wapc, logged } = await load();
      add(direct, 3);
      expect(() => wapc.invokeSync("boom", empty)).toThrow(GuestTrapError);
      // The direct layer takes the re-created instance: the counter starts over, its initializer ran again, once.
      expect(add(direct, 1)).toBe(1);
      expect(logged).toEqual(["init", "init"]);
      expect(() => direct.invokeLowered("trap", "void", [])).toThrow(GuestTrapError);
      expect(u32(wapc.invokeSync("get", empty))).toBe(0);
      expect(u32(wapc.invokeSync("inits", empty))).toBe(1);
      expect(logged).toEqual(["init", "init", "init"]);
    });

    it("refuses a waPC call while a direct call is running on the instance", async () => {
      let refused: unknown;
      const guest = await load(() => {
        try {
          guest.wapc.invokeSync("get", empty);
        } catch (error) {
          refused = error;
          throw error;
        }
        return empty;
      });
      // __host_call's status: 0, the host function failed.
      expect(guest.direct.invokeLowered("host", "i32", [])).toBe(0);
      expect(refused).toBeInstanceOf(WidlHostError);
      expect((refused as Error).message).toBe('"get" was invoked while "host" is still running on this guest');
      // Both layers work again afterwards.
      expect(add(guest.direct, 1)).toBe(1);
      expect(u32(guest.wapc.invokeSync("get", empty))).toBe(1);
    });

    it("refuses a layer for an ABI the module does not speak", async () => {
      const wapcOnly = await compileWat("stale-state");
      const guest = await loadGuest(wapcOnly, undefined, undefined, { engine });
      expect(() => DirectGuest.over(guest)).toThrow(GuestProtocolError);
      const directOnly = await new DirectGuest(undefined, undefined, { engine }).instantiate(await compileWat("direct-echo"));
      expect(() => WapcHost.over(directOnly.loaded)).toThrow("it speaks only the direct ABI");
    });
  });
});
