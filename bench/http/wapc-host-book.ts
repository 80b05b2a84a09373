/**
 * The book's server in bench/serve.ts: an HTTP front for a waPC guest written the way "WebAssembly for Cloud"
 * (chapter 6) writes it: node `http`, `url.parse` of the query, the `key` parameter's JSON encoded to msgpack,
 * @wapc/host `invoke`, and `result=<value>` back. Run as its own process:
 *
 *   tsx bench/http/wapc-host-book.ts <guest.wasm> <operation>    (prints `listening <port>` when ready)
 */
import { readFileSync } from "node:fs";
import http from "node:http";
import url from "node:url";
import { decode, encode } from "@msgpack/msgpack";
import { instantiate } from "@wapc/host";

const [guestPath, operation] = process.argv.slice(2);
if (guestPath === undefined || operation === undefined) throw new Error("usage: wapc-host-book <guest.wasm> <operation>");

const host = await instantiate(readFileSync(guestPath));
const server = http.createServer(async (req, res) => {
  try {
    // The book's form: url.parse with a parsed query (deprecated, but that is what it uses).
    const query = url.parse(req.url ?? "/", true).query;
    const payload = encode(JSON.parse(String(query.key)));
    const result = await host.invoke(operation, payload);
    res.end(`result=${String(decode(result))}`);
  } catch (e) {
    res.statusCode = 500;
    res.end(String(e));
  }
});
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`listening ${(server.address() as { port: number }).port}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
