import type { DirectExports, DirectGuest } from "../direct/direct-guest.js";
import { load as loadAnywhere, type Guest, type GuestSource, type LoadOptions } from "../load.js";
import type { WapcHost } from "../wapc-host.js";
import { isFileSource, loadModuleSource } from "./module-source.js";

/**
 * `load` in Node: as in a browser, except that a string is a file path and a `file:` URL is read from disk.
 * See the browser entry's `load` for the options and errors.
 */
export function load(source: GuestSource, options?: LoadOptions & { abi?: "wapc" }): Promise<WapcHost>;
export function load<E extends object = DirectExports>(
  source: GuestSource,
  options: LoadOptions & { abi: "direct" },
): Promise<DirectGuest<E>>;
export function load<E extends object = DirectExports>(source: GuestSource, options: LoadOptions): Promise<Guest<E>>;
export async function load(source: GuestSource, options?: LoadOptions): Promise<Guest> {
  return loadAnywhere(isFileSource(source) ? await loadModuleSource(source) : source, options as LoadOptions);
}
