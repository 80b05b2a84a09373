/**
 * P6: `widl-bindgen serve` against the book's HTTP server (bench/serve-baseline.ts), both serving
 * `check_word_exists` of the cuckoo filter AssemblyScript guest, both measured with autocannon on 127.0.0.1 in
 * the same run: requests/s and p50/p99 latency, with 1 and 2 pool workers. Goals: ≥ 2× the baseline with 1 worker,
 * ≥ 3× with 2. Run with `npm run bench`.
 *
 * Each server is its own process, started from source with tsx; the access log is off (the baseline has none).
 * autocannon runs in this process and shares the machine's cores with the server under test. All three servers run
 * at once (an idle one costs nothing: its pool workers sleep in Atomics.wait) and are measured in interleaved
 * rounds, keeping the median of each, so load from other processes falls on all of them alike (as bench/measure.ts
 * does for the in-process benchmarks).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { asGuestPath, compileAssemblyScriptGuest, generateBindings } from "../examples/cuckoo-filter/build-guests.js";

const repoRoot = fileURLToPath(new URL("../", import.meta.url));
const CONNECTIONS = 64;
const ROUNDS = 5;
const SECONDS_PER_ROUND = 2;
const KEY = encodeURIComponent(JSON.stringify({ name: "foo" }));

interface Measured {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

/** Starts a server process and resolves with its base URL once it prints its port. */
function start(args: string[], ready: RegExp): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", ...args], { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
    let seen = "";
    const onData = (d: Buffer) => {
      seen += d.toString();
      const m = ready.exec(seen);
      if (m) resolve({ child, url: `http://127.0.0.1:${m[1]}` });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => reject(new Error(`server exited (${code}): ${seen}`)));
  });
}

interface Started {
  readonly name: string;
  readonly child: ChildProcess;
  readonly target: string;
  readonly rounds: { rps: number; p50: number; p99: number; errors: number }[];
}

async function startChecked(name: string, args: string[], ready: RegExp): Promise<Started> {
  const { child, url } = await start(args, ready);
  const target = `${url}/?key=${KEY}`;
  const check = await fetch(target);
  const body = await check.text();
  if (body !== "result=true") throw new Error(`${name} answered ${check.status} ${body}`);
  await autocannon({ url: target, connections: CONNECTIONS, duration: 1 }); // warm-up: JIT, workers
  return { name, child, target, rounds: [] };
}

async function round(server: Started): Promise<void> {
  const r = await autocannon({ url: server.target, connections: CONNECTIONS, duration: SECONDS_PER_ROUND });
  server.rounds.push({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function summary(server: Started): Measured {
  const pick = (f: (r: Started["rounds"][number]) => number) => median(server.rounds.map(f));
  return {
    name: server.name,
    rps: pick((r) => r.rps),
    p50: pick((r) => r.p50),
    p99: pick((r) => r.p99),
    errors: server.rounds.reduce((n, r) => n + r.errors, 0),
  };
}

async function stop(server: Started): Promise<void> {
  server.child.removeAllListeners("exit");
  server.child.kill("SIGTERM");
  await new Promise((r) => server.child.once("exit", r));
}

await generateBindings();
await compileAssemblyScriptGuest();

const cli = join(repoRoot, "cli/main.ts");
const serveArgs = (workers: number) => [cli, "serve", asGuestPath, "check_word_exists", "--port", "0", "--workers", String(workers), "--no-access-log"];
const served = /serving .* on http:\/\/127\.0\.0\.1:(\d+)/;

const servers: Started[] = [];
try {
  servers.push(await startChecked("book baseline (http + url.parse + @wapc/host)", [join(repoRoot, "bench/serve-baseline.ts"), asGuestPath, "check_word_exists"], /listening (\d+)/));
  servers.push(await startChecked("widl-bindgen serve --workers 1", serveArgs(1), served));
  servers.push(await startChecked("widl-bindgen serve --workers 2", serveArgs(2), served));
  for (let i = 0; i < ROUNDS; i++) for (const server of servers) await round(server);
} finally {
  await Promise.all(servers.map(stop));
}
const [baseline, one, two] = servers.map(summary) as [Measured, Measured, Measured];

console.log(`\nP6 serve: GET /?key={"name":"foo"} → check_word_exists, autocannon ${CONNECTIONS} connections on 127.0.0.1, median of ${ROUNDS} interleaved rounds of ${SECONDS_PER_ROUND} s`);
for (const m of [baseline, one, two]) {
  const ratio = m === baseline ? "" : `  ${(m.rps / baseline.rps).toFixed(2)}× baseline`;
  console.log(
    `  ${m.name.padEnd(48)} ${m.rps.toFixed(0).padStart(7)} req/s  p50 ${m.p50.toFixed(1).padStart(5)} ms  p99 ${m.p99.toFixed(1).padStart(5)} ms${m.errors ? `  ${m.errors} errors` : ""}${ratio}`,
  );
}
console.log(`  goals: ≥ 2× with 1 worker (${(one.rps / baseline.rps).toFixed(2)}×), ≥ 3× with 2 workers (${(two.rps / baseline.rps).toFixed(2)}×)`);
