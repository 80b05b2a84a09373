/**
 * `serve --cluster <n>`: n copies of the same serve command as processes under node:cluster. The primary holds the
 * listening socket and hands each new connection to a worker process in turn, so every core serves requests with
 * no load balancer in front (docs/templates.md, "Kubernetes"). The primary runs no guest: it starts the workers,
 * prints the address once they listen, replaces one that dies, and passes SIGINT/SIGTERM on so each drains.
 */
import cluster, { type Worker } from "node:cluster";

/** How the primary reports: a line to stderr, the address once listening, and the exit code at the end. */
export interface ClusterReport {
  log(line: string): void;
  /** Called once, when the first worker listens, with its address. */
  listening(address: { address: string; port: number }): void;
}

/** Whether this process is a worker of `serve --cluster`; it then serves as a plain `serve` would. */
export const isClusterWorker = (): boolean => cluster.isWorker;

/**
 * Starts `count` workers running this process's own command line and supervises them until a signal stops them.
 * A worker that exits before it ever listened (a missing guest, a port in use) stops the whole cluster with exit
 * code 1 rather than being restarted in a loop. On a signal the primary exits once every worker has: with code 0
 * if each one that was serving drained and exited with 0, else 1.
 */
export function runServeCluster(count: number, report: ClusterReport): void {
  let stopping = false;
  let announced = false;
  const listened = new WeakSet<Worker>();
  const fork = () => cluster.fork();
  // Not `Object.keys(cluster.workers)`: node:cluster removes a worker from it only once the worker has both exited
  // and closed its IPC channel, two events whose order varies, so at the last worker's "exit" it may still be listed.
  const alive = () => Object.values(cluster.workers ?? {}).filter((worker) => worker !== undefined && !worker.isDead()).length;

  cluster.on("listening", (worker, address) => {
    listened.add(worker);
    if (announced) return;
    announced = true;
    report.listening({ address: address.address ?? "127.0.0.1", port: address.port });
  });
  cluster.on("exit", (worker, code, signal) => {
    const how = signal ?? `code ${code}`;
    if (stopping) {
      // One that never listened had nothing to drain; one that did reports its drain by its exit code.
      if (listened.has(worker) && code !== 0) {
        report.log(`cluster worker ${worker.process.pid} exited (${how}) while draining`);
        process.exitCode = 1;
      }
      if (alive() === 0) {
        report.log("stopped");
        process.exit(process.exitCode ?? 0);
      }
      return;
    }
    if (!listened.has(worker)) {
      report.log(`cluster worker ${worker.process.pid} exited (${how}) before listening; stopping`);
      stop("SIGTERM", 1);
      if (alive() === 0) process.exit(1);
      return;
    }
    report.log(`cluster worker ${worker.process.pid} exited (${how}); starting another`);
    fork();
  });

  function stop(signal: NodeJS.Signals, exitCode = 0): void {
    if (stopping) {
      report.log(`${signal} again: exiting without waiting`);
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGKILL");
      process.exit(130);
    }
    stopping = true;
    process.exitCode = exitCode;
    if (exitCode === 0) report.log(`${signal}: draining every cluster worker`);
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  }
  // A signal listener gets the signal's number as its second argument: not an exit code.
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  for (let i = 0; i < count; i++) fork();
}
