/**
 * The floor of bench/serve.ts: a node:http server that answers every request with a fixed body and does nothing
 * else. Whatever an HTTP front for a guest costs per request above this is its own cost. Run as its own process:
 *
 *   tsx bench/http/hello-world.ts    (prints `listening <port>` when ready)
 */
import http from "node:http";

const server = http.createServer((_req, res) => {
  res.end("result=true");
});
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`listening ${(server.address() as { port: number }).port}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
