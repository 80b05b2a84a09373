/**
 * The HTTP front of a guest, behind `widl-bindgen serve`:
 *
 * - `POST /<operation>` with a JSON body of the arguments answers the result as JSON;
 * - `GET /?key=<json>` calls the operation fixed when the server was created and answers `result=<value>`
 *   (the book's `curl -G … --data-urlencode 'key={"name":"foo"}'`);
 * - `GET /healthz` answers `{"status":"ok", "inFlight": n, …}` with what the `health` option adds (503 `draining`
 *   once shutdown has begun).
 *
 * Status codes: 400 for bad JSON or arguments that do not fit the schema (the field is named), 404 for an unknown
 * operation or path, 405 for a method a path does not take, 413 for a body past `maxBodyBytes`, 500 for a guest
 * error (with the guest's message), 503 when the pool's queue is full, 504 when a call times out. Every error body
 * is `{"error": message, "field"?: path}`.
 *
 * The guest is anything with `invoke` (the worker pool in practice); the server never touches wasm itself.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { Server as NetServer, type AddressInfo } from "node:net";
import { GuestError, GuestTrapError, WidlHostError } from "../errors.js";
import { GuestTimeoutError, PoolClosedError, PoolOverloadedError } from "../pool/errors.js";
import {
  ArgumentError,
  formatJson,
  formatResultText,
  genericCodec,
  parseJsonArguments,
  UnknownOperationError,
  type OperationCodec,
} from "./json-payload.js";

/** What the server calls: the pool, or any other object with the same `invoke`. */
export interface ServedGuest {
  invoke(operation: string, payload: Uint8Array): Promise<Uint8Array>;
  /**
   * The same call, answered at once, for a guest on the server's own thread. The server then answers within the
   * request's own event, without a promise turn in between: that lets node:http write the response in the same
   * batch as the others of that turn, which halved a hello-world server's requests per second when it was taken away
   * (bench/serve.ts, issue 16). Optional: the pool has none.
   */
  invokeSync?(operation: string, payload: Uint8Array): Uint8Array;
}

/** Options of `createGuestServer`. */
export type GuestServerOptions = Partial<
  Readonly<{
    /** Checks and encodes arguments, decodes results. Defaults to `genericCodec` (JSON → msgpack as is). */
    codec: OperationCodec;
    /** The operation `GET /?key=<json>` and `POST /` call. Defaults to none: those answer 404. */
    operation: string;
    /** Largest request body accepted, in bytes; larger ones get 413. Defaults to 1 MiB. */
    maxBodyBytes: number;
    /** Receives one access-log line per request, without a newline. Defaults to none. */
    accessLog: (line: string) => void;
    /**
     * How long shutdown waits for in-flight requests before closing every connection, in milliseconds.
     * Defaults to 10 000.
     */
    drainTimeoutMs: number;
    /**
     * More fields for the `/healthz` body, read on each request: `serve --reload` reports which module is live and
     * whether the last reload failed. They do not change the status, which says whether requests are answered.
     * Defaults to none.
     */
    health: () => Readonly<Record<string, unknown>>;
  }>
>;

interface ResolvedOptions {
  readonly codec: OperationCodec;
  readonly operation: string | undefined;
  readonly maxBodyBytes: number;
  readonly accessLog: ((line: string) => void) | undefined;
  readonly drainTimeoutMs: number;
  readonly health: (() => Readonly<Record<string, unknown>>) | undefined;
}

/** An option passed to `createGuestServer` is unknown or has the wrong type. */
export class GuestServerOptionError extends Error {
  constructor(option: string, reason: string) {
    super(`invalid option "${option}": ${reason}`);
    this.name = "GuestServerOptionError";
  }
}

const OPTION_KEYS = new Set(["codec", "operation", "maxBodyBytes", "accessLog", "drainTimeoutMs", "health"]);

function resolveOptions(options: GuestServerOptions): ResolvedOptions {
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.has(key)) throw new GuestServerOptionError(key, "unknown option");
  }
  const positiveInt = (name: string, value: unknown, fallback: number): number => {
    if (value === undefined) return fallback;
    if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
      throw new GuestServerOptionError(name, `expected a non-negative integer, got ${String(value)}`);
    }
    return value;
  };
  if (options.operation !== undefined && !OPERATION_NAME.test(options.operation)) {
    throw new GuestServerOptionError("operation", `"${options.operation}" is not an operation name`);
  }
  return {
    codec: options.codec ?? genericCodec,
    operation: options.operation,
    maxBodyBytes: positiveInt("maxBodyBytes", options.maxBodyBytes, 1024 * 1024),
    accessLog: options.accessLog,
    drainTimeoutMs: positiveInt("drainTimeoutMs", options.drainTimeoutMs, 10_000),
    health: options.health,
  };
}

/** A WIDL name: what an operation in a path must look like before it is even looked up. */
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/** A request that ends in an error status, with the message (and field) for the body. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

/** Maps what a call can throw to a status. Anything unexpected is a 500 carrying its message. */
function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof ArgumentError) return new HttpError(400, error.message, error.field);
  if (error instanceof UnknownOperationError) return new HttpError(404, error.message);
  if (error instanceof GuestTimeoutError) return new HttpError(504, error.message);
  if (error instanceof PoolOverloadedError || error instanceof PoolClosedError) {
    return new HttpError(503, error.message, undefined, { "Retry-After": "1" });
  }
  if (error instanceof GuestError) return new HttpError(500, error.message);
  if (error instanceof GuestTrapError || error instanceof WidlHostError) return new HttpError(500, error.message);
  return new HttpError(500, error instanceof Error ? error.message : String(error));
}

/** A running (or about to run) guest server. */
export interface GuestServer {
  /** The node http server, for tests and for callers that need its events. */
  readonly server: Server;
  /** Starts listening. Defaults: port 8080, host 127.0.0.1. Resolves to the bound address. */
  listen(port?: number, host?: string): Promise<AddressInfo>;
  /** Requests being handled right now. */
  readonly inFlight: number;
  /**
   * Stops accepting connections, lets in-flight requests finish (and answers requests that arrive on open
   * connections meanwhile, with `Connection: close`), then closes every connection. Resolves when all are closed.
   */
  close(): Promise<void>;
}

const TEXT = "text/plain; charset=utf-8";
const JSON_TYPE = "application/json; charset=utf-8";

/**
 * The `key` parameter of the query starting at `from`, as `URLSearchParams#get` reads it (first match, `+` as a
 * space, percent-decoded), without building the whole parameter list (bench/serve.ts, P6). Malformed percent
 * escapes, which URLSearchParams keeps as they are, go to URLSearchParams.
 */
function queryKey(url: string, from: number): string | null {
  let at = from;
  while (at < url.length) {
    let end = url.indexOf("&", at);
    if (end === -1) end = url.length;
    if (end - at >= 4 && url.startsWith("key=", at)) {
      const raw = url.slice(at + 4, end);
      try {
        return decodeURIComponent(raw.includes("+") ? raw.replace(/\+/g, " ") : raw);
      } catch {
        return new URLSearchParams(url.slice(from)).get("key");
      }
    }
    if (end - at === 3 && url.startsWith("key", at)) return "";
    at = end + 1;
  }
  // A name spelled with escapes (`k%65y`) is still `key` to URLSearchParams.
  return url.includes("%", from) || url.includes("+", from) ? new URLSearchParams(url.slice(from)).get("key") : null;
}

/** How long idle keep-alive connections stay open after shutdown begins, so a request already on the wire is served rather than reset. */
const IDLE_GRACE_MS = 200;

/** Creates the HTTP server for a guest. It does not listen until `listen` is called. */
export function createGuestServer(guest: ServedGuest, options: GuestServerOptions = {}): GuestServer {
  const opts = resolveOptions(options);
  let inFlight = 0;
  let draining = false;
  let drained: (() => void) | undefined;

  const server = createServer({ keepAliveTimeout: 5000 }, (req, res) => {
    inFlight++;
    // A ServerResponse always emits "close", after "finish" or when the connection dies first: one listener is
    // enough, and without an access log it needs no per-request closure (bench/serve.ts, P6).
    if (opts.accessLog === undefined) {
      res.once("close", requestClosed);
    } else {
      const log = opts.accessLog;
      const started = performance.now();
      res.once("close", () => {
        const ms = (performance.now() - started).toFixed(2);
        const length = res.getHeader("Content-Length") ?? "-";
        log(`${new Date().toISOString()} ${req.socket.remoteAddress ?? "-"} "${req.method} ${req.url} HTTP/${req.httpVersion}" ${res.statusCode} ${length} ${ms}ms`);
        requestClosed();
      });
    }
    handle(req, res).catch((error: unknown) => send(res, toHttpError(error)));
  });

  function requestClosed(): void {
    inFlight--;
    if (draining && inFlight === 0) drained?.();
  }

  /** The common answer, `200 result=…` or `200 <json>`: headers as one flat array to `writeHead`, no `setHeader` calls. */
  const sendOk = (res: ServerResponse, type: string, body: string) => {
    // The access log reads Content-Length back with getHeader, which does not see writeHead's headers.
    if (opts.accessLog !== undefined) return send(res, { status: 200, type, body });
    if (res.headersSent) return;
    const headers = ["Content-Type", type, "Content-Length", String(Buffer.byteLength(body, "utf8"))];
    if (draining) headers.push("Connection", "close");
    res.writeHead(200, headers);
    res.end(body);
  };

  const send = (res: ServerResponse, outcome: HttpError | { status: number; type: string; body: string }) => {
    if (res.headersSent) return;
    let status: number;
    let type: string;
    let body: string;
    if (outcome instanceof HttpError) {
      status = outcome.status;
      type = "application/json; charset=utf-8";
      body = formatJson(outcome.field === undefined ? { error: outcome.message } : { error: outcome.message, field: outcome.field });
      for (const [k, v] of Object.entries(outcome.headers)) res.setHeader(k, v);
    } else {
      ({ status, type, body } = outcome);
    }
    const bytes = Buffer.from(body, "utf8");
    res.statusCode = status;
    res.setHeader("Content-Type", type);
    res.setHeader("Content-Length", bytes.length);
    if (draining) res.setHeader("Connection", "close");
    res.end(bytes);
  };

  const readBody = (req: IncomingMessage, res: ServerResponse): Promise<string> =>
    new Promise((resolve, reject) => {
      const declared = req.headers["content-length"];
      const tooLarge = () => {
        // The rest of the body is not read; the connection cannot be reused after it.
        res.setHeader("Connection", "close");
        return new HttpError(413, `request body is larger than the limit of ${opts.maxBodyBytes} bytes`);
      };
      if (declared !== undefined && Number(declared) > opts.maxBodyBytes) {
        reject(tooLarge());
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      req.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > opts.maxBodyBytes) {
          req.removeAllListeners("data");
          req.pause();
          reject(tooLarge());
          return;
        }
        chunks.push(chunk);
      });
      req.on("end", () => resolve(chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks).toString("utf8")));
      req.on("error", reject);
    });

  /** The decoded result: at once when the guest answers synchronously, else a promise of it. */
  const call = (operation: string, args: unknown): unknown => {
    const payload = opts.codec.encodeArguments(operation, args);
    if (guest.invokeSync !== undefined) return opts.codec.decodeResult(operation, guest.invokeSync(operation, payload));
    return guest.invoke(operation, payload).then((result) => opts.codec.decodeResult(operation, result));
  };

  const checkKnown = (operation: string) => {
    const known = opts.codec.operations;
    if (known !== undefined && !known.includes(operation)) throw new UnknownOperationError(operation, known);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const path = q === -1 ? url : url.slice(0, q);
    const method = req.method ?? "GET";

    if (path === "/healthz") {
      if (method !== "GET" && method !== "HEAD") throw new HttpError(405, `${method} is not allowed on /healthz`, undefined, { Allow: "GET, HEAD" });
      const body = { status: draining ? "draining" : "ok", inFlight, ...opts.health?.() };
      send(res, { status: draining ? 503 : 200, type: "application/json; charset=utf-8", body: formatJson(body) });
      return;
    }

    if (path === "/") {
      if (opts.operation === undefined) {
        throw new HttpError(404, "no operation is fixed on the command line: POST /<operation> with a JSON body");
      }
      if (method === "GET" || method === "HEAD") {
        const key = q === -1 ? null : queryKey(url, q + 1);
        const args = key === null ? undefined : parseJsonArguments(key);
        // Awaits only a pending result, so a synchronous answer is sent before `handle` first yields.
        const called = call(opts.operation, args);
        const value = called instanceof Promise ? await called : called;
        sendOk(res, TEXT, `result=${formatResultText(value)}`);
        return;
      }
      if (method === "POST") {
        await answerPost(req, res, opts.operation);
        return;
      }
      throw new HttpError(405, `${method} is not allowed on /`, undefined, { Allow: "GET, HEAD, POST" });
    }

    let operation: string;
    try {
      operation = decodeURIComponent(path.slice(1));
    } catch {
      throw new HttpError(404, `no such path: ${path}`);
    }
    if (!OPERATION_NAME.test(operation)) throw new HttpError(404, `no such path: ${path}`);
    checkKnown(operation);
    if (method !== "POST") throw new HttpError(405, `${method} is not allowed on /${operation}; use POST with a JSON body`, undefined, { Allow: "POST" });
    await answerPost(req, res, operation);
  };

  const answerPost = async (req: IncomingMessage, res: ServerResponse, operation: string) => {
    checkKnown(operation);
    const text = await readBody(req, res);
    const args = text.trim() === "" ? undefined : parseJsonArguments(text);
    const called = call(operation, args);
    const value = called instanceof Promise ? await called : called;
    sendOk(res, JSON_TYPE, formatJson(value));
  };

  return {
    server,
    get inFlight() {
      return inFlight;
    },
    listen(port = 8080, host = "127.0.0.1") {
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          server.off("error", reject);
          resolve(server.address() as AddressInfo);
        });
      });
    },
    close() {
      if (draining) return new Promise((resolve) => server.once("close", () => resolve()));
      draining = true;
      return new Promise((resolve) => {
        // http.Server#close also closes idle keep-alive connections at once (Node 19+). A client may already have
        // written its next request on one of them, and closing it then loses that request. So only the listener
        // is closed here; idle connections get a short grace in which requests are still answered (with
        // `Connection: close`), and are closed after it.
        NetServer.prototype.close.call(server, () => resolve());
        const allDone = new Promise<void>((r) => {
          drained = r;
          if (inFlight === 0) r();
        });
        const deadline = setTimeout(() => server.closeAllConnections(), opts.drainTimeoutMs);
        deadline.unref();
        void allDone.then(() => {
          const grace = setTimeout(() => {
            server.closeIdleConnections();
            // Connections still busy close themselves after their response (Connection: close).
          }, IDLE_GRACE_MS);
          grace.unref();
        });
      });
    },
  };
}
