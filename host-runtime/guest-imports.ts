import { createAssemblyScriptEnv } from "./assemblyscript-env.js";
import type { GuestMemory } from "./guest-memory.js";
import type { HostCall } from "./host-call.js";
import type { ResolvedHostOptions } from "./options.js";
import { createWapcImports, type WapcCallState } from "./wapc-imports.js";
import type { WasiShim } from "./wasi.js";

/**
 * The imports every guest gets, whichever ABI it speaks: the waPC host imports (a direct-ABI guest calls the host
 * through them too, docs/abi.md "Calls to the host"), AssemblyScript's `env`, and WASI preview1 under each module
 * name guests use.
 */
export function createGuestImports(
  state: WapcCallState,
  memory: GuestMemory,
  hostCall: HostCall,
  config: ResolvedHostOptions,
  wasi: WasiShim,
): WebAssembly.Imports {
  const preview1 = wasi.imports("preview1");
  return {
    wapc: createWapcImports(state, memory, hostCall, config.logger),
    env: createAssemblyScriptEnv(memory, config.logger),
    wasi_snapshot_preview1: preview1,
    wasi_unstable: wasi.imports("unstable"),
    // @wapc/host also answers the module name "wasi".
    wasi: preview1,
  };
}
