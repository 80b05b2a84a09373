/**
 * P6: `widl-bindgen serve` per request, against the floor and two peers, all serving `check_word_exists` of the
 * cuckoo filter AssemblyScript guest for `GET /?key={"name":"foo"}`:
 *
 * - **floor**: node:http answering a fixed body (bench/http/hello-world.ts), what any node:http server costs;
 * - **guest floor**: the same plus one call of the guest per request, its payload encoded at start-up
 *   (bench/http/guest-call-floor.ts): what any server calling this guest costs, before it parses anything;
 * - **peer**: node:http + @wapc/host written idiomatically: WHATWG URL, reused msgpack Encoder/Decoder
 *   (bench/http/wapc-host-idiomatic.ts);
 * - **book**: the book's server, node:http + `url.parse` + @wapc/host + one-shot `encode`/`decode`
 *   (bench/http/wapc-host-book.ts);
 * - ours: `serve` as the CLI runs it (access log off, since the peers have none), in each serving mode.
 *
 * The figure is server CPU per request, read by each server from its own `process.cpuUsage()`, with autocannon in a
 * separate process (bench/http/harness.ts); req/s and latency are printed too but move with the machine's load.
 * Goals (issue 16): serve ≤ 1.3× the floor, and ≥ 1.5× better than the book's server.
 * Run with `npm run bench`, or alone with `npx tsx bench/serve.ts`.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { asGuestPath, compileAssemblyScriptGuest, generateBindings } from "../examples/cuckoo-filter/build-guests.js";
import { LoadGenerator, measureServers, startServer, stopServer, type Server, type ServerFigures } from "./http/harness.js";
import { ratio, spread } from "./measure.js";
import { recordResults } from "./results.js";

const repoRoot = fileURLToPath(new URL("../", import.meta.url));
const CONNECTIONS = 32;
const ROUNDS = 5;
const SECONDS = 1;
const KEY = encodeURIComponent(JSON.stringify({ name: "foo" }));

await generateBindings();
await compileAssemblyScriptGuest();

const cli = join(repoRoot, "cli/main.ts");
const listening = /listening (\d+)/;
const served = /serving .* on http:\/\/127\.0\.0\.1:(\d+)\n/;
const serve = (name: string, ...extra: string[]) =>
  startServer(name, [cli, "serve", asGuestPath, "check_word_exists", "--port", "0", "--no-access-log", ...extra], served);

const load = new LoadGenerator();
const servers: Server[] = [];
let figures: ServerFigures[];
try {
  servers.push(await startServer("floor: node:http hello world", [join(repoRoot, "bench/http/hello-world.ts")], listening));
  servers.push(
    await startServer("guest floor: + one guest call", [join(repoRoot, "bench/http/guest-call-floor.ts"), asGuestPath, "check_word_exists", JSON.stringify({ name: "foo" }), "result=true"], listening),
  );
  servers.push(await startServer("peer: node:http + @wapc/host", [join(repoRoot, "bench/http/wapc-host-idiomatic.ts"), asGuestPath, "check_word_exists"], listening));
  servers.push(await startServer("book: url.parse + one-shot msgpack", [join(repoRoot, "bench/http/wapc-host-book.ts"), asGuestPath, "check_word_exists"], listening));
  servers.push(await serve("serve (in-process)"));
  servers.push(await serve("serve --workers 1", "--workers", "1"));
  servers.push(await serve("serve --workers 2", "--workers", "2"));
  servers.push(await serve("serve --cluster 2", "--cluster", "2"));
  figures = await measureServers(load, servers, { path: `/?key=${KEY}`, expect: "result=true" }, { rounds: ROUNDS, seconds: SECONDS, connections: CONNECTIONS });
} finally {
  load.close();
  await Promise.all(servers.map(stopServer));
}

const [floor, guestFloor, peer, book, serveInProcess] = figures;
console.log(
  `\nP6 serve: GET /?key={"name":"foo"} → check_word_exists; server CPU µs per request (median [min–max] of ${ROUNDS} ` +
    `interleaved rounds of ${SECONDS} s, autocannon ${CONNECTIONS} connections in its own process)`,
);
console.log(
  `  ${"server".padEnd(36)}${"CPU µs/req".padStart(22)}${"×floor".padStart(8)}${"×peer".padStart(8)}${"book÷".padStart(8)}` +
    `${"req/s".padStart(8)}${"p99 ms".padStart(8)}${"RSS MiB".padStart(9)}`,
);
for (const f of figures) {
  const cpu = f.cpuUsPerRequest.median;
  console.log(
    `  ${f.name.padEnd(36)}${spread(f.cpuUsPerRequest)}${ratio(cpu / floor!.cpuUsPerRequest.median)}${ratio(cpu / peer!.cpuUsPerRequest.median)}` +
      `${ratio(book!.cpuUsPerRequest.median / cpu)}${f.rps.median.toFixed(0).padStart(8)}${f.p99Ms.median.toFixed(1).padStart(8)}` +
      `${f.rssMiB.median.toFixed(0).padStart(9)}${f.failed ? `  ${f.failed} failed` : ""}`,
  );
}
const ours = serveInProcess!.cpuUsPerRequest.median;
console.log(
  `  goals: serve ≤ 1.3× floor (${(ours / floor!.cpuUsPerRequest.median).toFixed(2)}×; the guest floor alone is ` +
    `${(guestFloor!.cpuUsPerRequest.median / floor!.cpuUsPerRequest.median).toFixed(2)}×), ≥ 1.5× better than the book ` +
    `(${(book!.cpuUsPerRequest.median / ours).toFixed(2)}×); --cluster sums the primary's and its workers' CPU`,
);
recordResults("serve", { connections: CONNECTIONS, rounds: ROUNDS, secondsPerRound: SECONDS, servers: figures });
