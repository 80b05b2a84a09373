/**
 * Preloaded into every server the HTTP benchmarks measure (`node --import ./bench/http/cpu-probe.ts server.ts`):
 * answers the harness's `"cpu"` message with `process.cpuUsage()` (every thread of the process: the event loop,
 * pool workers, GC and libuv), the CPU of the main thread alone, and the RSS, read inside the server itself. A
 * `serve --cluster` primary adds its workers' CPU. The per-thread and per-process figures come from /proc (Linux;
 * clock ticks of 10 ms, well under 1 µs per request over a round). The main thread's share is what bounds a pool:
 * it parses and answers every request, whatever the number of workers (bench/pool.ts). The probe does nothing
 * between messages.
 */
import cluster from "node:cluster";
import { readFileSync } from "node:fs";

/** user + system CPU of a process or thread, in µs, from /proc/<path>/stat (fields 14 and 15, in clock ticks). */
function procCpuUs(path: string): number {
  try {
    const stat = readFileSync(`/proc/${path}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return 0;
  }
}

if (cluster.isPrimary) {
  process.on("message", (message) => {
    if (message !== "cpu") return;
    const { user, system } = process.cpuUsage();
    let cpuUs = user + system;
    for (const worker of Object.values(cluster.workers ?? {})) if (worker?.process.pid !== undefined) cpuUs += procCpuUs(String(worker.process.pid));
    // The main thread's id is the process id.
    const mainThreadCpuUs = procCpuUs(`self/task/${process.pid}`);
    process.send!({ cpuUs, mainThreadCpuUs, rss: process.memoryUsage.rss() });
  });
  // The IPC channel must not keep a server alive that would otherwise exit.
  process.channel?.unref();
}
