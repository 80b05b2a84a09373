/**
 * The second floor of bench/serve.ts: the node:http hello world plus one guest call per request, on our host, with
 * the request payload encoded once at start-up. No query, no JSON, no msgpack, no result decoding, no checks: what
 * any HTTP front that calls this guest once per request costs at the least. What `serve` costs above it is the
 * parsing and encoding every real server does. Run as its own process:
 *
 *   tsx bench/http/guest-call-floor.ts <guest.wasm> <operation> <arguments as JSON> <fixed answer>
 *     (prints `listening <port>` when ready)
 */
import { readFileSync } from "node:fs";
import http from "node:http";
import { Encoder } from "@msgpack/msgpack";
import { instantiate } from "@widl-bindgen/host";

const [guestPath, operation, argumentsJson, answer] = process.argv.slice(2);
if (guestPath === undefined || operation === undefined || argumentsJson === undefined || answer === undefined) {
  throw new Error("usage: guest-call-floor <guest.wasm> <operation> <arguments as JSON> <fixed answer>");
}

const host = await instantiate(readFileSync(guestPath));
const payload = new Encoder().encode(JSON.parse(argumentsJson));
const server = http.createServer((_req, res) => {
  host.invokeSync(operation, payload);
  res.end(answer);
});
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`listening ${(server.address() as { port: number }).port}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
