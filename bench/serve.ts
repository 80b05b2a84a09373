/**
 * P6: `widl-bindgen serve` against the book's HTTP server (bench/serve-baseline.ts), both serving
 * `check_word_exists` of the cuckoo filter AssemblyScript guest, both measured with autocannon on 127.0.0.1 in
 * the same run: requests/s and p50/p99 latency, with 1 and 2 pool workers. Goals: ≥ 2× the baseline with 1 worker,
 * ≥ 3× with 2. Run with `npm run bench`.
 *
 * Each server is its own process, started from source with tsx; the access log is off (the baseline has none).
 * autocannon runs in this process and shares the machine's cores with the server under test.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { asGuestPath, compileAssemblyScriptGuest, generateBindings } from "../examples/cuckoo-filter/build-guests.js";

const repoRoot = fileURLToPath(new URL("../", import.meta.url));
const CONNECTIONS = 64;
const SECONDS = 5;
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

async function measure(name: string, args: string[], ready: RegExp): Promise<Measured> {
  const { child, url } = await start(args, ready);
  try {
    const target = `${url}/?key=${KEY}`;
    const check = await fetch(target);
    const body = await check.text();
    if (body !== "result=true") throw new Error(`${name} answered ${check.status} ${body}`);
    await autocannon({ url: target, connections: CONNECTIONS, duration: 1 }); // warm-up: JIT, workers
    const r = await autocannon({ url: target, connections: CONNECTIONS, duration: SECONDS });
    return { name, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx };
  } finally {
    child.removeAllListeners("exit");
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
}

generateBindings();
await compileAssemblyScriptGuest();

const cli = join(repoRoot, "cli/main.ts");
const serveArgs = (workers: number) => [cli, "serve", asGuestPath, "check_word_exists", "--port", "0", "--workers", String(workers), "--no-access-log"];
const served = /serving .* on http:\/\/127\.0\.0\.1:(\d+)/;

const baseline = await measure("book baseline (http + url.parse + @wapc/host)", [join(repoRoot, "bench/serve-baseline.ts"), asGuestPath, "check_word_exists"], /listening (\d+)/);
const one = await measure("widl-bindgen serve --workers 1", serveArgs(1), served);
const two = await measure("widl-bindgen serve --workers 2", serveArgs(2), served);

console.log(`\nP6 serve: GET /?key={"name":"foo"} → check_word_exists, autocannon ${CONNECTIONS} connections × ${SECONDS} s on 127.0.0.1`);
for (const m of [baseline, one, two]) {
  const ratio = m === baseline ? "" : `  ${(m.rps / baseline.rps).toFixed(2)}× baseline`;
  console.log(
    `  ${m.name.padEnd(48)} ${m.rps.toFixed(0).padStart(7)} req/s  p50 ${m.p50.toFixed(1).padStart(5)} ms  p99 ${m.p99.toFixed(1).padStart(5)} ms${m.errors ? `  ${m.errors} errors` : ""}${ratio}`,
  );
}
console.log(`  goals: ≥ 2× with 1 worker (${(one.rps / baseline.rps).toFixed(2)}×), ≥ 3× with 2 workers (${(two.rps / baseline.rps).toFixed(2)}×)`);
