/** Which ABI a module speaks, from its exports (docs/abi.md, "Detection"); `load` picks its host with it. */
import type { WebAssemblyEngine } from "../engine.js";
import { GuestProtocolError } from "../errors.js";
import type { HostAbi } from "../options.js";
import { directAbiExports } from "./direct-guest.js";

/** The ABIs a module can speak. */
export type GuestAbiName = "wapc" | "direct";

/** The ABIs a module exports, waPC first; empty when it speaks neither. */
export function exportedAbis(module: WebAssembly.Module, engine: WebAssemblyEngine = WebAssembly): GuestAbiName[] {
  const names = new Set(engine.Module.exports(module).map((e) => e.name));
  const abis: GuestAbiName[] = [];
  if (names.has("__guest_call")) abis.push("wapc");
  if (directAbiExports.every((name) => names.has(name))) abis.push("direct");
  return abis;
}

/**
 * The ABI to speak with a module: the one asked for, which it must export, or with `"auto"` the one it exports,
 * direct when it exports both. Throws `GuestProtocolError` when the module does not speak the ABI asked for.
 */
export function detectAbi(
  module: WebAssembly.Module,
  preference: HostAbi = "auto",
  engine: WebAssemblyEngine = WebAssembly,
): GuestAbiName {
  const abis = exportedAbis(module, engine);
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
