/**
 * A guest run on the server's own thread: what `serve` uses when nothing asks for isolation (no worker count, no
 * timeout, no memory cap). A call is then a plain `invokeSync` on the event loop: no copy into a call ring, no
 * `Atomics.notify`, no thread hop (issue 16: the hop cost ~10 µs of server CPU per request, a third of the
 * request). The cost is the isolation: a guest that loops blocks the server, which is what `--timeout-ms` and the
 * pool are for (docs/host.md, "Serving modes").
 */
import type { EngineName } from "../vocabulary.js";
import { instantiate, type WapcHost } from "../wapc-host.js";
import type { ServedGuest } from "./guest-server.js";

/** A served guest that can be swapped for a new version and closed, like the pool. */
export interface ReloadableGuest extends ServedGuest {
  /** Instantiates `bytes` and makes it serve later calls; rejects, keeping the old version, if that fails. */
  reload(bytes: Uint8Array): Promise<void>;
  /** Stops the guest; a pool waits for running calls until `deadlineMs`, an in-process guest has none running. */
  close(options?: Readonly<{ deadlineMs?: number }>): Promise<void>;
}

/**
 * Instantiates `bytes` on this thread, on `engine`. A call that is running when `reload` resolves has already
 * finished: calls are synchronous, so "in-flight calls finish on the old version" holds trivially. On the
 * interpreter there is no `invokeSync`: its `invoke` runs the guest in slices, so the server keeps accepting
 * requests during a long call (calls on the guest itself queue, one at a time).
 */
export async function createInProcessGuest(bytes: Uint8Array, engine: EngineName = "v8"): Promise<ReloadableGuest> {
  let host: WapcHost = await instantiate(bytes, undefined, undefined, { engine });
  return {
    invoke: (operation, payload) => host.invoke(operation, payload),
    ...(engine === "v8" ? { invokeSync: (operation: string, payload: Uint8Array) => host.invokeSync(operation, payload) } : {}),
    async reload(next) {
      host = await instantiate(next, undefined, undefined, { engine });
    },
    close: () => Promise.resolve(),
  };
}
