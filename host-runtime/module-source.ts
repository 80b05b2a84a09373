import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

/**
 * Reads a guest binary for generated code's `load(...)`: bytes are returned as they are, a string is a file path,
 * a `file:` URL is read from disk and an `http(s):` URL is fetched.
 */
export async function loadModuleSource(source: Uint8Array | ArrayBuffer | string | URL): Promise<Uint8Array> {
  if (source instanceof Uint8Array) return source;
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  if (typeof source === "string") return readFile(source);
  if (source.protocol === "file:") return readFile(fileURLToPath(source));
  if (source.protocol === "http:" || source.protocol === "https:") {
    const response = await fetch(source);
    if (!response.ok) throw new Error(`could not fetch ${source.href}: HTTP ${response.status} ${response.statusText}`);
    return new Uint8Array(await response.arrayBuffer());
  }
  throw new Error(`cannot load a guest from ${source.protocol} URLs (${source.href}); use a path, file: or http(s):`);
}
