/**
 * `serve` as a library call: a guest file behind a worker pool behind the HTTP server, with optional hot reload.
 * The CLI adds argument parsing and signal handling; tests and benchmarks can call this directly.
 */
import type { AddressInfo } from "node:net";
import { readFile } from "node:fs/promises";
import type { EngineName } from "../engine.js";
import { createPool } from "../pool/index.js";
import { createGuestServer } from "./guest-server.js";
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
    /** Pool workers. Defaults to the pool's default (the number of cores). */
    workers: number;
    /** Per-call timeout in milliseconds, answered with 504. Defaults to 0 (none). */
    timeoutMs: number;
    /** Largest request body in bytes (413 past it). Defaults to 1 MiB. */
    maxBodyBytes: number;
    /** Hard cap on the guest's linear memory, in bytes. Defaults to none. */
    maxMemoryBytes: number;
    /** The engine the pool's workers run the guest on: `"v8"` or `"interpreter"`. Defaults to `"v8"`. */
    engine: EngineName;
    /** Watch the file and hot-reload it: new requests use the new module, in-flight ones finish on the old. Defaults to false. */
    reload: boolean;
    /** One line per request. Defaults to none. */
    accessLog: (line: string) => void;
    /** Events worth a line: reloads, reload failures, draining. Defaults to none. */
    log: (line: string) => void;
  }>
>;

/** A guest being served: where it listens, and how to stop it. */
export interface ServingGuest {
  readonly address: AddressInfo;
  /** Requests being handled right now. */
  readonly inFlight: number;
  /** Drains in-flight requests, then stops the server, the watcher and the pool. */
  close(): Promise<void>;
}

/** Loads `file` into a pool and serves it over HTTP until `close`. */
export async function serveGuest(file: string, options: ServeGuestOptions = {}): Promise<ServingGuest> {
  const log = options.log ?? (() => undefined);
  const bytes = await readFile(file);
  const pool = await createPool(bytes, {
    ...(options.workers === undefined ? {} : { size: options.workers }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.maxMemoryBytes === undefined ? {} : { maxMemoryBytes: options.maxMemoryBytes }),
    ...(options.engine === undefined ? {} : { engine: options.engine }),
  });
  const server = createGuestServer(pool, {
    ...(options.codec === undefined ? {} : { codec: options.codec }),
    ...(options.operation === undefined ? {} : { operation: options.operation }),
    ...(options.maxBodyBytes === undefined ? {} : { maxBodyBytes: options.maxBodyBytes }),
    ...(options.accessLog === undefined ? {} : { accessLog: options.accessLog }),
  });
  let address: AddressInfo;
  try {
    address = await server.listen(options.port ?? 8080, options.host ?? "127.0.0.1");
  } catch (e) {
    await pool.close();
    throw e;
  }

  let watcher: GuestWatcher | undefined;
  if (options.reload === true) {
    let version = 1;
    watcher = watchGuest(
      file,
      async (next) => {
        try {
          await pool.reload(next);
          version++;
          log(`reloaded ${file} (version ${version}, ${next.length} bytes)`);
        } catch (e) {
          log(`reload of ${file} failed, still serving the previous version: ${(e as Error).message}`);
        }
      },
      { initialBytes: bytes, onError: (e) => log(`watching ${file}: ${(e as Error).message}`) },
    );
  }

  let closing: Promise<void> | undefined;
  return {
    address,
    get inFlight() {
      return server.inFlight;
    },
    close() {
      closing ??= (async () => {
        watcher?.close();
        await server.close();
        await pool.close();
      })();
      return closing;
    },
  };
}
