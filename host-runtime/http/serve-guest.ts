/**
 * `serve` as a library call: a guest file behind the HTTP server, with optional hot reload. The guest runs on the
 * server's thread unless a worker count, a timeout or a memory cap asks for the worker pool's isolation
 * (`servingMode`; docs/host.md, "Serving modes"). The CLI adds argument parsing and signal handling; tests and
 * benchmarks can call this directly.
 */
import type { AddressInfo } from "node:net";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { EngineName } from "../engine.js";
import { createPool } from "../pool/index.js";
import { createGuestServer } from "./guest-server.js";
import { createInProcessGuest, type ReloadableGuest } from "./in-process-guest.js";
import type { OperationCodec } from "./json-payload.js";
import { watchGuest, type GuestWatcher } from "./watch-guest.js";

/** Options of `serveGuest`. */
export type ServeGuestOptions = Partial<
  Readonly<{
    /** The operation `GET /?key=<json>` calls. Defaults to none. */
    operation: string;
    /** Argument checking and result decoding (a schema codec for `--schema`). Defaults to the generic codec. */
    codec: OperationCodec;
    /** Defaults to 8080; 0 picks a free port. */
    port: number;
    /** Defaults to 127.0.0.1: only this machine can connect unless asked otherwise. */
    host: string;
    /**
     * Pool workers: the guest runs in worker threads. Defaults to none (the guest runs on the server's thread) unless
     * `timeoutMs` or `maxMemoryBytes` asks for the pool, whose size then defaults to the number of cores.
     */
    workers: number;
    /** Per-call timeout in milliseconds, answered with 504; more than 0 runs the guest in the pool. Defaults to 0 (none). */
    timeoutMs: number;
    /** Largest request body in bytes (413 past it). Defaults to 1 MiB. */
    maxBodyBytes: number;
    /** Hard cap on the guest's linear memory, in bytes; runs the guest in the pool. Defaults to none. */
    maxMemoryBytes: number;
    /** The engine the pool's workers run the guest on: `"v8"` or `"interpreter"`. Defaults to `"v8"`. */
    engine: EngineName;
    /** Watch the file and hot-reload it: new requests use the new module, in-flight ones finish on the old. Defaults to false. */
    reload: boolean;
    /** One line per request. Defaults to none. */
    accessLog: (line: string) => void;
    /**
     * How long `close` waits for in-flight requests. Past it every connection is closed and the pool's workers are
     * stopped, even in the middle of a guest call that never ends (no `timeoutMs`). Defaults to 10 000.
     */
    drainTimeoutMs: number;
    /** Events worth a line: reloads, reload failures, draining. Defaults to none. */
    log: (line: string) => void;
  }>
>;

/** Where the guest runs: on the server's thread, or in the worker pool. */
export type ServingMode = "in-process" | "pool";

/**
 * The mode `serveGuest` picks: the pool when a worker count, a timeout or a memory cap is asked for, since only a
 * worker can be stopped mid-call or capped; else in-process, which saves the thread hop per request.
 */
export function servingMode(options: Pick<ServeGuestOptions, "workers" | "timeoutMs" | "maxMemoryBytes">): ServingMode {
  const isolated = options.workers !== undefined || (options.timeoutMs ?? 0) > 0 || options.maxMemoryBytes !== undefined;
  return isolated ? "pool" : "in-process";
}

/** A guest being served: where it listens, how it runs the guest, and how to stop it. */
export interface ServingGuest {
  readonly address: AddressInfo;
  readonly mode: ServingMode;
  /** Requests being handled right now. */
  readonly inFlight: number;
  /**
   * Drains in-flight requests, then stops the server, the watcher and the pool if any; at `drainTimeoutMs` it
   * stops them whatever is still running.
   */
  close(): Promise<void>;
}

/** Loads `file` (in-process or into a pool: `servingMode`) and serves it over HTTP until `close`. */
export async function serveGuest(file: string, options: ServeGuestOptions = {}): Promise<ServingGuest> {
  const log = options.log ?? (() => undefined);
  const drainTimeoutMs = options.drainTimeoutMs ?? 10_000;
  const bytes = await readFile(file);
  const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
  /** What `/healthz` says about the module: the live one, and the last reload if it failed. */
  const health: { module: { version: number; sha256: string }; reload?: { status: "failed"; sha256: string; error: string } } = {
    module: { version: 1, sha256: sha256(bytes) },
  };
  const mode = servingMode(options);
  const guest: ReloadableGuest =
    mode === "in-process"
      ? await createInProcessGuest(bytes, options.engine)
      : await createPool(bytes, {
          ...(options.workers === undefined ? {} : { size: options.workers }),
          ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
          ...(options.maxMemoryBytes === undefined ? {} : { maxMemoryBytes: options.maxMemoryBytes }),
          ...(options.engine === undefined ? {} : { engine: options.engine }),
        });
  const server = createGuestServer(guest, {
    ...(options.codec === undefined ? {} : { codec: options.codec }),
    ...(options.operation === undefined ? {} : { operation: options.operation }),
    ...(options.maxBodyBytes === undefined ? {} : { maxBodyBytes: options.maxBodyBytes }),
    ...(options.accessLog === undefined ? {} : { accessLog: options.accessLog }),
    drainTimeoutMs,
    health: () => health,
  });
  let address: AddressInfo;
  try {
    address = await server.listen(options.port ?? 8080, options.host ?? "127.0.0.1");
  } catch (e) {
    await guest.close();
    throw e;
  }

  let watcher: GuestWatcher | undefined;
  if (options.reload === true) {
    watcher = watchGuest(
      file,
      async (next) => {
        try {
          await guest.reload(next);
          health.module = { version: health.module.version + 1, sha256: sha256(next) };
          delete health.reload;
          log(`reloaded ${file} (version ${health.module.version}, ${next.length} bytes)`);
        } catch (e) {
          // Still ready: the old module answers every request. The body says the deploy did not take.
          health.reload = { status: "failed", sha256: sha256(next), error: (e as Error).message };
          log(`reload of ${file} failed, still serving the previous version: ${(e as Error).message}`);
        }
      },
      { initialBytes: bytes, onError: (e) => log(`watching ${file}: ${(e as Error).message}`) },
    );
  }

  let closing: Promise<void> | undefined;
  return {
    address,
    mode,
    get inFlight() {
      return server.inFlight;
    },
    close() {
      closing ??= (async () => {
        const deadline = Date.now() + drainTimeoutMs;
        watcher?.close();
        await server.close();
        await guest.close({ deadlineMs: Math.max(0, deadline - Date.now()) });
      })();
      return closing;
    },
  };
}
