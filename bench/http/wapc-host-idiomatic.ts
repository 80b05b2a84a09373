/**
 * The peer of bench/serve.ts: the HTTP front for a waPC guest that a careful developer writes with node:http and
 * @wapc/host today: WHATWG `URL` for the query, one msgpack `Encoder` and `Decoder` reused for every request (as
 * @msgpack/msgpack's docs advise), `result=<value>` back. Run as its own process:
 *
 *   tsx bench/http/wapc-host-idiomatic.ts <guest.wasm> <operation>    (prints `listening <port>` when ready)
 */
import { readFileSync } from "node:fs";
import http from "node:http";
import { Decoder, Encoder } from "@msgpack/msgpack";
import { instantiate } from "@wapc/host";

const [guestPath, operation] = process.argv.slice(2);
if (guestPath === undefined || operation === undefined) throw new Error("usage: wapc-host-idiomatic <guest.wasm> <operation>");

const host = await instantiate(readFileSync(guestPath));
const encoder = new Encoder();
const decoder = new Decoder();
const server = http.createServer(async (req, res) => {
  try {
    const key = new URL(req.url ?? "/", "http://localhost").searchParams.get("key");
    const result = await host.invoke(operation, encoder.encode(JSON.parse(key ?? "null")));
    res.end(`result=${String(decoder.decode(result))}`);
  } catch (e) {
    res.statusCode = 500;
    res.end(String(e));
  }
});
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`listening ${(server.address() as { port: number }).port}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
