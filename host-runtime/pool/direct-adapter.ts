import { DirectGuest, type LoweredArgument, type LoweredResult } from "../direct/direct-guest.js";
import { resolveEngine } from "../engine.js";
import { WapcHost } from "../wapc-host.js";
import { loadWorkerGuest, type GuestAdapter, type GuestAdapterFactory } from "./guest-adapter.js";

/**
 * Runs a direct-ABI guest inside a pool worker on the core runtime's `DirectGuest`, so pooled and in-process
 * direct calls share one implementation of lowering, lifting, traps, the WASI shim and the error types.
 *
 * `call(operation, [result, ...args])` runs one operation with arguments the caller's thread lowered already
 * (`DirectAsyncGuest`, host-runtime/direct/direct-async-guest.ts): what crosses the thread boundary is wasm values,
 * strings, and byte blocks (bytes, or composites already encoded as msgpack), never type descriptors, which hold
 * functions and cannot be cloned. Composite results come back as their msgpack bytes, in a buffer the worker
 * transfers, and are decoded on the caller's thread by the same codec call as in-process.
 *
 * A module that also exports `__guest_call` (built with both ABIs) serves `pool.invoke` too, through a `WapcHost`
 * over the same instance: direct and waPC calls see one guest state, and its initializers run once.
 */
export const createDirectAdapter: GuestAdapterFactory = async (module, context) => {
  const guest = await loadWorkerGuest(module, context, "direct-ABI");
  const direct = DirectGuest.over(guest);
  const adapter: GuestAdapter = {
    call(operation, callArgs) {
      const [result, ...lowered] = callArgs as [LoweredResult, ...LoweredArgument[]];
      return direct.invokeLowered(operation, result, lowered);
    },
    // After a trap the instance is re-created lazily, at the next call, so right after a failure this is still
    // the memory of the instance that failed.
    memoryBytes: () => guest.memory.size,
  };
  // Asked of the engine that compiled the module: V8's Module.exports refuses an interpreter module.
  if (resolveEngine(context.engine).Module.exports(module).some((e) => e.name === "__guest_call")) {
    const wapc = WapcHost.over(guest);
    adapter.invoke = (operation, payload) => wapc.invokeSync(operation, payload);
  }
  return adapter;
};
