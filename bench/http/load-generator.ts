/**
 * The load generator of the HTTP benchmarks, as its own process so its CPU is never the server's: it waits for
 * `{ url, connections, seconds, method?, body? }` messages and answers each with what autocannon saw.
 */
import autocannon from "autocannon";

export interface LoadRequest {
  readonly url: string;
  readonly connections: number;
  readonly seconds: number;
  readonly method?: string;
  readonly body?: string;
}

export interface LoadResult {
  /** Responses received (any status). */
  readonly answered: number;
  readonly ok: number;
  readonly failed: number;
  readonly p50: number;
  readonly p99: number;
  /** This process's CPU over the run, in µs: what generating the load cost, on the same cores as the server. */
  readonly cpuUs: number;
}

process.on("message", (message: LoadRequest) => {
  const started = process.cpuUsage();
  void autocannon({
    url: message.url,
    connections: message.connections,
    duration: message.seconds,
    ...(message.method === undefined ? {} : { method: message.method }),
    ...(message.body === undefined ? {} : { body: message.body, headers: { "content-type": "application/json" } }),
  }).then((r) => {
    const cpu = process.cpuUsage(started);
    const result: LoadResult = {
      answered: r["1xx"] + r["2xx"] + r["3xx"] + r["4xx"] + r["5xx"],
      ok: r["2xx"],
      failed: r.errors + r.timeouts + r.non2xx,
      p50: r.latency.p50,
      p99: r.latency.p99,
      cpuUs: cpu.user + cpu.system,
    };
    process.send!(result);
  });
});
