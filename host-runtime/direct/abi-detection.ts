/**
 * Which ABI a module speaks, from its exports (docs/abi.md, "Detection"), and `instantiateGuest`, which loads a
 * module with the right host for it.
 */
import { GuestProtocolError } from "../errors.js";
import { toHostCall, type HostCall, type HostCallMap } from "../host-call.js";
import { LoadedGuest, type ModuleSource, type Writer } from "../loaded-guest.js";
import { compileSource } from "../module-cache.js";
import { resolveHostOptions, type HostAbi, type HostOptions } from "../options.js";
import { WapcHost } from "../wapc-host.js";
import { directAbiExports, DirectGuest, type DirectExports } from "./direct-guest.js";

/** The ABIs a module can speak. */
export type GuestAbiName = "wapc" | "direct";

/** The ABIs a module exports, waPC first; empty when it speaks neither. */
export function exportedAbis(module: WebAssembly.Module): GuestAbiName[] {
  const names = new Set(WebAssembly.Module.exports(module).map((e) => e.name));
  const abis: GuestAbiName[] = [];
  if (names.has("__guest_call")) abis.push("wapc");
  if (directAbiExports.every((name) => names.has(name))) abis.push("direct");
  return abis;
}

/**
 * The ABI to speak with a module: the one asked for, which it must export, or with `"auto"` the one it exports,
 * direct when it exports both. Throws `GuestProtocolError` when the module does not speak the ABI asked for.
 */
export function detectAbi(module: WebAssembly.Module, preference: HostAbi = "auto"): GuestAbiName {
  const abis = exportedAbis(module);
  if (preference === "auto") {
    if (abis.includes("direct")) return "direct";
    if (abis.includes("wapc")) return "wapc";
    throw new GuestProtocolError(
      `WebAssembly module speaks neither ABI: it exports no __guest_call (waPC) and not all of ${directAbiExports.join(", ")} (direct)`,
    );
  }
  if (!abis.includes(preference)) {
    const has = abis.length === 0 ? "neither ABI" : `only ${abis[0] === "wapc" ? "waPC" : "the direct ABI"}`;
    throw new GuestProtocolError(`abi "${preference}" was asked for, but the WebAssembly module speaks ${has}`);
  }
  return preference;
}

/**
 * Instantiates a guest with the host for its ABI: a `DirectGuest` for a direct-ABI module, a `WapcHost` for a waPC
 * one. A module exporting both gets the direct ABI unless `options.abi` says `"wapc"`; `WapcHost.over(guest.loaded)`
 * (or `DirectGuest.over(host.loaded)`) then speaks the other ABI with the same instance.
 */
export async function instantiateGuest<E extends object = DirectExports>(
  source: ModuleSource,
  hostCall?: HostCall | HostCallMap,
  writer?: Writer,
  options?: HostOptions,
): Promise<WapcHost | DirectGuest<E>> {
  const config = resolveHostOptions(options, writer);
  const module = source instanceof WebAssembly.Module ? source : await compileSource(source, config.cache);
  // Detected before instantiating, so a module of the wrong ABI is refused before its initializers run.
  const abi = detectAbi(module, config.abi);
  const guest = await LoadedGuest.load(module, toHostCall(hostCall), config);
  return abi === "direct" ? DirectGuest.over<E>(guest) : WapcHost.over(guest);
}
