import { DirectGuest, type LoweredArgument, type LoweredResult } from "../direct/direct-guest.js";
import { GuestProtocolError } from "../errors.js";
import type { HostOptions } from "../options.js";
import { WapcHost } from "../wapc-host.js";
import type { GuestAdapter, GuestAdapterFactory } from "./guest-adapter.js";

/**
 * Runs a direct-ABI guest inside a pool worker on the core runtime's `DirectGuest`, so pooled and in-process
 * direct calls share one implementation of lowering, lifting, traps, the WASI shim and the error types.
 *
 * `call(operation, [result, ...args])` runs one operation with arguments the caller's thread lowered already
 * (`DirectPoolGuest`, host-runtime/direct/direct-pool-guest.ts): what crosses the thread boundary is wasm values,
 * strings, and byte blocks (bytes, or composites already encoded as msgpack), never type descriptors, which hold
 * functions and cannot be cloned. Composite results come back as their msgpack bytes, in a buffer the worker
 * transfers, and are decoded on the caller's thread by the same codec call as in-process.
 *
 * A module that also exports `__guest_call` (built with both ABIs) serves `pool.invoke` too, through a `WapcHost`
 * on a second instance of the module, so `serve` and raw waPC calls keep working when detection picks direct.
 * The two instances do not share guest state.
 */
export const createDirectAdapter: GuestAdapterFactory = async (module, context) => {
  if (context.memoryImports.length > 0) {
    const names = context.memoryImports.map((m) => `${m.module}.${m.name}`).join(", ");
    // DirectGuest builds its own imports and needs an exported memory, so it cannot be handed a capped one.
    throw new GuestProtocolError(`the guest imports its memory (${names}); a direct-ABI guest must export its memory`);
  }
  const { args, env, preopens, stdout, stderr } = context.wasi;
  const options: HostOptions = {
    logger: context.log,
    wasi: { args, env, preopens, stdout, stderr },
    // The module was compiled (and cached) on the main thread; this worker's cache would only hold a copy.
    cache: false,
  };
  const guest = await new DirectGuest(context.hostCall, undefined, options).instantiate(module);
  const exportsWapc = WebAssembly.Module.exports(module).some((e) => e.name === "__guest_call");
  const wapc = exportsWapc ? await new WapcHost(context.hostCall, undefined, options).instantiate(module) : undefined;
  let last: "direct" | "wapc" = "direct";
  const adapter: GuestAdapter = {
    call(operation, callArgs) {
      last = "direct";
      const [result, ...lowered] = callArgs as [LoweredResult, ...LoweredArgument[]];
      return guest.invokeLowered(operation, result, lowered);
    },
    // After a trap the instance is re-created lazily, at the next call, so right after a failure this is still
    // the memory of the instance that failed.
    memoryBytes: () => (last === "wapc" && wapc !== undefined ? wapc.memory.size : guest.memory.size),
  };
  if (wapc !== undefined) {
    adapter.invoke = (operation, payload) => {
      last = "wapc";
      return wapc.invokeSync(operation, payload);
    };
  }
  return adapter;
};
