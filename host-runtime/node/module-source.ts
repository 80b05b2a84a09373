import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { loadModuleSource as loadFetchable, type FetchableSource } from "../module-source.js";

/**
 * Reads a guest binary in Node: a string is a file path and a `file:` URL is read from disk; bytes, responses and
 * `http(s):` URLs are handled as in a browser.
 */
export function loadModuleSource(source: FetchableSource): Promise<Uint8Array> {
  if (typeof source === "string") return readFile(source);
  if (source instanceof URL && source.protocol === "file:") return readFile(fileURLToPath(source));
  return loadFetchable(source);
}

/** Whether `source` names a file on disk, which only Node can read. */
export function isFileSource(source: unknown): source is string | URL {
  return typeof source === "string" || (source instanceof URL && source.protocol === "file:");
}
