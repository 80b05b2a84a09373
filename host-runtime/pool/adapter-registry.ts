/**
 * Which adapter runs a module in a worker. Apart from guest-adapter.ts, which the adapters import, so that no
 * import cycle runs between the adapters and what picks them.
 */
import { detectAbi } from "../direct/abi-detection.js";
import type { WebAssemblyEngine } from "../engine.js";
import type { HostAbi } from "../options.js";
import type { GuestAdapterFactory } from "./guest-adapter.js";

/** The adapters a worker can load, imported on first use so a worker only loads the ABI it runs. */
export const adapterFactories: Readonly<Record<string, () => Promise<GuestAdapterFactory>>> = {
  wapc: async () => (await import("./wapc-adapter.js")).createWapcAdapter,
  direct: async () => (await import("./direct-adapter.js")).createDirectAdapter,
};

/**
 * Picks the adapter for a module as the in-process host does (docs/abi.md, "Detection"): with `"auto"` (or none)
 * from its exports, direct when it exports both ABIs; with `"wapc"` or `"direct"` that ABI, which the module must
 * speak (`GuestProtocolError` otherwise). The direct adapter also serves `pool.invoke` for a module exporting both.
 */
export function detectAdapter(module: WebAssembly.Module, preference: HostAbi, engine?: WebAssemblyEngine): string {
  return detectAbi(module, preference, engine);
}
