import { StreamingFailure } from "./errors.js";

/** Where a guest binary can come from in any host: bytes, a `fetch` response, or a URL to fetch. */
export type FetchableSource = Uint8Array | ArrayBuffer | Response | PromiseLike<Response> | URL | string;

/**
 * Reads a guest binary in any host (browser or Node): bytes are returned as they are, a `Response` is read, and a
 * URL (a `URL`, or a string resolved against the page, as `fetch` does) is fetched. A failed fetch rejects with
 * `StreamingFailure`. The Node entry reads file paths and `file:` URLs itself before falling back to this.
 */
export async function loadModuleSource(source: FetchableSource): Promise<Uint8Array> {
  if (source instanceof Uint8Array) return source;
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  const response = await fetchSource(source);
  try {
    return new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    throw new StreamingFailure(error instanceof Error ? error : new Error(String(error)));
  }
}

/** The response for a URL or response source, checked for an HTTP error status; failures are `StreamingFailure`. */
export async function fetchSource(source: Response | PromiseLike<Response> | URL | string): Promise<Response> {
  try {
    const response = await (typeof source === "string" || source instanceof URL ? fetch(source) : source);
    const where = response.url === "" ? "" : ` for ${response.url}`;
    if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}${where}`);
    return response;
  } catch (error) {
    throw new StreamingFailure(error instanceof Error ? error : new Error(String(error)));
  }
}
