/**
 * The HTTP benchmarks' harness (bench/serve.ts, bench/pool.ts): every server is its own process with the CPU probe
 * preloaded (cpu-probe.ts), and the load comes from one more process (load-generator.ts), so the load generator's
 * CPU is never counted. A figure per server and round:
 *
 * - **CPU per request**: the server's own `process.cpuUsage()` before and after the round, divided by the
 *   responses it gave. It counts every thread of the server and nothing else, so it stays put when other processes
 *   load the machine, unlike requests per second;
 * - requests per second, p50 and p99 latency, as autocannon saw them (these do move with the machine's load).
 *
 * Rounds are interleaved (A B C, A B C, …) and each figure is the median of the rounds, with the min and max.
 */
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { figure, type Figure } from "../measure.js";
import type { LoadRequest, LoadResult } from "./load-generator.js";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const probe = fileURLToPath(new URL("./cpu-probe.ts", import.meta.url));

/** What one request to a server looks like. */
export interface Target {
  readonly path: string;
  readonly method?: string;
  readonly body?: string;
  /** The body a correct answer has; checked once before measuring. */
  readonly expect: string;
}

export interface Server {
  readonly name: string;
  readonly child: ChildProcess;
  readonly url: string;
}

interface Round {
  readonly cpuUsPerRequest: number;
  readonly mainThreadCpuUsPerRequest: number;
  readonly loadCpuUsPerRequest: number;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly failed: number;
  readonly rssMiB: number;
}

/** A server's figures over the rounds. */
export interface ServerFigures {
  readonly name: string;
  readonly cpuUsPerRequest: Figure;
  /** The main thread's share of `cpuUsPerRequest` (for `--cluster`, the primary's main thread only). */
  readonly mainThreadCpuUsPerRequest: Figure;
  /** The load generator's CPU per request: on 2 cores it competes with the server for them. */
  readonly loadCpuUsPerRequest: Figure;
  readonly rps: Figure;
  readonly p50Ms: Figure;
  readonly p99Ms: Figure;
  readonly rssMiB: Figure;
  readonly failed: number;
}

/** Starts `node --import tsx --import cpu-probe <args>` and resolves once its output matches `ready` (group 1: the port). */
export function startServer(name: string, args: readonly string[], ready: RegExp): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child = fork(args[0]!, args.slice(1), {
      cwd: repoRoot,
      execArgv: ["--import", "tsx", "--import", probe],
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    let seen = "";
    const onData = (d: Buffer) => {
      seen += d.toString();
      const m = ready.exec(seen);
      if (m) resolve({ name, child, url: `http://127.0.0.1:${m[1]}` });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`${name} exited (${code}): ${seen}`)));
  });
}

export async function stopServer(server: Server): Promise<void> {
  server.child.removeAllListeners("exit");
  if (server.child.exitCode !== null) return;
  const exited = new Promise((r) => server.child.once("exit", r));
  server.child.kill("SIGTERM");
  await exited;
}

/** Sends `message` to a child and resolves with its next message. */
function ask<T>(child: ChildProcess, message: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    child.once("message", (m) => resolve(m as T));
    if (!child.send(message as never)) reject(new Error("the child's IPC channel is closed"));
  });
}

/** The load generator process; `close` it when done. */
export class LoadGenerator {
  private readonly child = fork(fileURLToPath(new URL("./load-generator.ts", import.meta.url)), [], {
    cwd: repoRoot,
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });

  run(request: LoadRequest): Promise<LoadResult> {
    return ask(this.child, request);
  }

  close(): void {
    this.child.kill("SIGTERM");
  }
}

/** Checks one answer, then warms the server (JIT, workers, connections) for a second. */
export async function check(load: LoadGenerator, server: Server, target: Target, connections: number): Promise<void> {
  const response = await fetch(server.url + target.path, {
    method: target.method ?? "GET",
    ...(target.body === undefined ? {} : { body: target.body, headers: { "content-type": "application/json" } }),
  });
  const body = await response.text();
  if (body !== target.expect) throw new Error(`${server.name} answered ${response.status} ${body.slice(0, 200)}`);
  await load.run(loadRequest(server, target, connections, 1));
}

function loadRequest(server: Server, target: Target, connections: number, seconds: number): LoadRequest {
  return {
    url: server.url + target.path,
    connections,
    seconds,
    ...(target.method === undefined ? {} : { method: target.method }),
    ...(target.body === undefined ? {} : { body: target.body }),
  };
}

async function round(load: LoadGenerator, server: Server, target: Target, connections: number, seconds: number): Promise<Round> {
  const before = await ask<{ cpuUs: number; mainThreadCpuUs: number }>(server.child, "cpu");
  const result = await load.run(loadRequest(server, target, connections, seconds));
  const after = await ask<{ cpuUs: number; mainThreadCpuUs: number; rss: number }>(server.child, "cpu");
  const answered = Math.max(1, result.answered);
  return {
    cpuUsPerRequest: (after.cpuUs - before.cpuUs) / answered,
    mainThreadCpuUsPerRequest: (after.mainThreadCpuUs - before.mainThreadCpuUs) / answered,
    loadCpuUsPerRequest: result.cpuUs / answered,
    rps: result.answered / seconds,
    p50: result.p50,
    p99: result.p99,
    failed: result.failed,
    rssMiB: after.rss / 2 ** 20,
  };
}

/**
 * Measures each server in `rounds` interleaved rounds of `seconds` under `connections` connections. Servers not
 * being measured sit idle (an idle server costs nothing: no timers, pool workers asleep in Atomics.wait).
 */
export async function measureServers(
  load: LoadGenerator,
  servers: readonly Server[],
  target: Target,
  { rounds = 5, seconds = 2, connections = 32 } = {},
): Promise<ServerFigures[]> {
  for (const server of servers) await check(load, server, target, connections);
  const samples: Round[][] = servers.map(() => []);
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < servers.length; i++) samples[i]!.push(await round(load, servers[i]!, target, connections, seconds));
  }
  return servers.map((server, i) => {
    const list = samples[i]!;
    const pick = (f: (r: Round) => number) => figure(list.map(f));
    return {
      name: server.name,
      cpuUsPerRequest: pick((r) => r.cpuUsPerRequest),
      mainThreadCpuUsPerRequest: pick((r) => r.mainThreadCpuUsPerRequest),
      loadCpuUsPerRequest: pick((r) => r.loadCpuUsPerRequest),
      rps: pick((r) => r.rps),
      p50Ms: pick((r) => r.p50),
      p99Ms: pick((r) => r.p99),
      rssMiB: pick((r) => r.rssMiB),
      failed: list.reduce((n, r) => n + r.failed, 0),
    };
  });
}
