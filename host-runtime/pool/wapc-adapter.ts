import { GuestProtocolError } from "../errors.js";
import { WapcHost } from "../wapc-host.js";
import type { GuestAdapter, GuestAdapterFactory } from "./guest-adapter.js";

/**
 * Runs a waPC guest inside a pool worker on the core runtime's `WapcHost`, so pooled and in-process guests share
 * one implementation of the protocol, the traps, the WASI shim and the error types.
 */
export const createWapcAdapter: GuestAdapterFactory = async (module, context) => {
  if (context.memoryImports.length > 0) {
    const names = context.memoryImports.map((m) => `${m.module}.${m.name}`).join(", ");
    // WapcHost builds its own imports and needs an exported memory, so it cannot be handed a capped one.
    throw new GuestProtocolError(`the guest imports its memory (${names}); a waPC guest must export its memory`);
  }
  const { args, env, preopens, stdout, stderr } = context.wasi;
  const host = await new WapcHost(context.hostCall, undefined, {
    logger: context.log,
    wasi: { args, env, preopens, stdout, stderr },
    // The module was compiled (and cached) on the main thread; this worker's cache would only hold a copy.
    cache: false,
  }).instantiate(module);
  const adapter: GuestAdapter = {
    invoke: (operation, payload) => host.invokeSync(operation, payload),
    call(name, args) {
      // The generic form, so a caller can reach waPC through `pool.call("invoke", [operation, payload])` too.
      if (name !== "invoke") throw new GuestProtocolError(`the waPC adapter has no function "${name}"`);
      return host.invokeSync(args[0] as string, args[1] as Uint8Array);
    },
    // After a trap the host re-creates the instance lazily, at the next call, so right after a failure this is
    // still the memory of the instance that failed.
    memoryBytes: () => host.memory.size,
  };
  return adapter;
};
