/**
 * `widl-bindgen serve <guest.wasm> [operation]`: a waPC guest over HTTP, in-process or in the worker pool
 * (`servingMode`), in one process or `--cluster <n>` (serve-cluster.ts). The server itself is `serveGuest` of
 * @widl-bindgen/host/http; this file parses the options, prints the access log and the address, and turns
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
  cluster?: number | string;
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
    .option("--workers <n>", "Run the guest in a pool of n worker threads (default: none, the guest runs on the server's thread; a pool of one per core with --timeout-ms or --max-memory)")
    .option("--cluster <n>", "Run n server processes sharing the port (node:cluster); each serves as the other options say")
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
      const { isClusterWorker, runServeCluster } = await import("./serve-cluster.js");
      let codec: OperationCodec | undefined;
      let settings;
      let cluster: number | undefined;
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
        cluster = integer("cluster", options.cluster, 1);
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
      const baseUrl = ({ address, port }: { address: string; port: number }) =>
        `http://${address.includes(":") ? `[${address}]` : address}:${port}`;
      if (cluster !== undefined && !isClusterWorker()) {
        runServeCluster(cluster, {
          log,
          listening(address) {
            log(`serving ${guest} on ${baseUrl(address)}`);
            log(`  ${cluster} processes sharing the port (node:cluster)`);
          },
        });
        return;
      }
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
        // A cluster worker's channel to the primary would keep it alive; the primary sees the exit and stops.
        if (isClusterWorker()) process.exit(1);
        return;
      }
      const base = baseUrl(serving.address);
      if (isClusterWorker()) {
        // The primary prints the address once for the whole cluster.
        log(`cluster worker ${process.pid} listening (guest ${serving.mode})`);
      } else {
        log(`serving ${guest} on ${base}`);
        if (operation !== undefined) log(`  GET  ${base}/?key=<json>  → ${operation}`);
        log(`  POST ${base}/<operation>  (JSON body)`);
        log(`  guest runs ${serving.mode === "pool" ? "in the worker pool" : "in-process (--workers, --timeout-ms or --max-memory for the pool)"}`);
      }

      let stopping = false;
      const stop = (signal: NodeJS.Signals) => {
        if (stopping) {
          // Under --cluster the primary passes signals on and owns the escalation; a Ctrl-C reaches the whole process
          // group, so a worker sees it twice and must keep draining.
          if (isClusterWorker()) return;
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
