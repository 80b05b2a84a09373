/**
 * `widl-bindgen serve <guest.wasm> [operation]`: a waPC guest over HTTP, backed by the worker pool. The server
 * itself is `serveGuest` of @widl-bindgen/host/http; this file parses the options, prints the access log and the address, and turns
 * SIGINT/SIGTERM into a graceful drain.
 */
import type { CAC } from "cac";
import type { OperationCodec } from "@widl-bindgen/host/http";
import { engineName, engineOptionHelp } from "../engine-option.js";
import { unreadableFile } from "../usage.js";

interface ServeOptions {
  schema?: string;
  port: number | string;
  host: string;
  workers?: number | string;
  timeoutMs?: number | string;
  maxBody: number | string;
  maxMemory?: number | string;
  reload?: boolean;
  drainMs?: number | string;
  accessLog: boolean;
  engine?: string;
}

/** Parses an integer option, naming it in the error. */
function integer(name: string, value: number | string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === "number" ? value : Number(value);
  if (!Number.isInteger(n) || n < min) throw new RangeError(`--${name} must be an integer ≥ ${min}, got ${String(value)}`);
  return n;
}

/**
 * Access-log lines are batched into one write per turn of the event loop: under load a write per request costs
 * more than the request (stdout to a pipe is synchronous on Linux).
 */
function batchedWriter(stream: NodeJS.WritableStream): (line: string) => void {
  let pending: string[] = [];
  return (line) => {
    if (pending.length === 0) {
      setImmediate(() => {
        const lines = pending;
        pending = [];
        stream.write(`${lines.join("\n")}\n`);
      });
    }
    pending.push(line);
  };
}

/** Registers the `serve` command. */
export function register(cli: CAC): void {
  cli
    .command("serve <guest> [operation]", "Serve a waPC guest over HTTP: POST /<operation>, or GET /?key=<json> for a fixed operation")
    .option("--schema <file>", "Check JSON arguments against this WIDL schema (400 names the wrong field; 404 for undeclared operations)")
    .option("--port <port>", "Port to listen on (0 picks a free one)", { default: 8080 })
    .option("--host <host>", "Address to bind", { default: "127.0.0.1" })
    .option("--workers <n>", "Worker threads running the guest (default: number of cores)")
    .option("--timeout-ms <ms>", "Per-call timeout; a slower call gets 504 and its worker is replaced")
    .option("--max-body <bytes>", "Largest request body; larger ones get 413", { default: 1048576 })
    .option("--max-memory <bytes>", "Hard cap on the guest's linear memory")
    .option("--reload", "Watch the .wasm file and hot-reload it without dropping requests")
    .option("--drain-ms <ms>", "On SIGINT/SIGTERM, how long in-flight calls may finish before they are stopped (default 10000)")
    .option("--engine <engine>", engineOptionHelp)
    .option("--no-access-log", "Do not print one line per request")
    .example(`widl-bindgen serve cuckoo.wasm check_word_exists   # curl -G localhost:8080 --data-urlencode 'key={"name":"foo"}'`)
    .action(async (guest: string, operation: string | undefined, options: ServeOptions) => {
      // Imported here, not at start-up: `--help` and the other commands never load the server or the parser.
      const { serveGuest } = await import("@widl-bindgen/host/http");
      let codec: OperationCodec | undefined;
      let settings;
      try {
        const unreadable = unreadableFile(guest);
        if (unreadable !== undefined) throw new RangeError(`cannot read ${guest}: ${unreadable}`);
        settings = {
          port: integer("port", options.port, 0)!,
          workers: integer("workers", options.workers, 1),
          timeoutMs: integer("timeout-ms", options.timeoutMs, 0),
          maxBodyBytes: integer("max-body", options.maxBody, 0)!,
          maxMemoryBytes: integer("max-memory", options.maxMemory, 65536),
          drainTimeoutMs: integer("drain-ms", options.drainMs, 0),
          engine: engineName(options.engine),
        };
        if (options.schema !== undefined) codec = await (await import("../schema-codec.js")).loadSchemaCodec(options.schema);
        if (operation !== undefined && codec?.operations !== undefined && !codec.operations.includes(operation)) {
          throw new RangeError(`the schema does not declare "${operation}"; it declares ${codec.operations.join(", ")}`);
        }
      } catch (e) {
        if (e instanceof RangeError || (e instanceof Error && e.name === "SchemaLoadError")) {
          process.stderr.write(`error: ${e.message}\n`);
          process.exitCode = 2;
          return;
        }
        throw e;
      }
      const log = (line: string) => void process.stderr.write(`${line}\n`);
      let serving;
      try {
        serving = await serveGuest(guest, {
          ...settings,
          ...(operation === undefined ? {} : { operation }),
          ...(codec === undefined ? {} : { codec }),
          host: options.host,
          reload: options.reload === true,
          ...(options.accessLog ? { accessLog: batchedWriter(process.stdout) } : {}),
          log,
        });
      } catch (e) {
        process.stderr.write(`error: ${(e as Error).message}\n`);
        process.exitCode = 1;
        return;
      }
      const { address, port } = serving.address;
      const base = `http://${address.includes(":") ? `[${address}]` : address}:${port}`;
      log(`serving ${guest} on ${base}`);
      if (operation !== undefined) log(`  GET  ${base}/?key=<json>  → ${operation}`);
      log(`  POST ${base}/<operation>  (JSON body)`);

      let stopping = false;
      const stop = (signal: NodeJS.Signals) => {
        if (stopping) {
          log(`${signal} again: exiting without waiting`);
          process.exit(130);
        }
        stopping = true;
        log(`${signal}: draining ${serving.inFlight} in-flight request(s)`);
        serving.close().then(
          () => {
            log("stopped");
            process.exit(0);
          },
          (e: unknown) => {
            log(`error while stopping: ${(e as Error).message}`);
            process.exit(1);
          },
        );
      };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
    });
}
