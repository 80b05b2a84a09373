import { GuestProtocolError } from "../errors.js";
import { WapcHost } from "../wapc-host.js";
import { loadWorkerGuest, type GuestAdapter, type GuestAdapterFactory } from "./guest-adapter.js";

/**
 * Runs a waPC guest inside a pool worker on the core runtime's `WapcHost`, so pooled and in-process guests share
 * one implementation of the protocol, the traps, the WASI shim and the error types.
 */
export const createWapcAdapter: GuestAdapterFactory = async (module, context) => {
  const guest = await loadWorkerGuest(module, context, "waPC");
  const host = WapcHost.over(guest);
  const adapter: GuestAdapter = {
    invoke: (operation, payload) => host.invokeSync(operation, payload),
    call(name, args) {
      // The generic form, so a caller can reach waPC through `pool.call("invoke", [operation, payload])` too.
      if (name !== "invoke") throw new GuestProtocolError(`the waPC adapter has no function "${name}"`);
      return host.invokeSync(args[0] as string, args[1] as Uint8Array);
    },
    // After a trap the instance is re-created lazily, at the next call, so right after a failure this is still
    // the memory of the instance that failed.
    memoryBytes: () => guest.memory.size,
  };
  return adapter;
};
