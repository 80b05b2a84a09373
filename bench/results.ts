/**
 * bench/results.json: the figures of the last run, one section per benchmark module, so `npm run bench` and a
 * module run alone (`npx tsx bench/serve.ts`) both leave machine-readable figures. Each module replaces only its
 * own section. The file is not committed (the figures belong to the machine and the moment they were measured);
 * docs/performance.md carries the snapshot the project quotes.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";

const file = fileURLToPath(new URL("./results.json", import.meta.url));

/** Records `figures` as the section `name`, with when, where and how loaded the machine was. */
export function recordResults(name: string, figures: unknown): void {
  const all = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>) : {};
  all[name] = {
    measuredAt: new Date().toISOString(),
    node: process.version,
    cores: availableParallelism(),
    cpu: cpus()[0]?.model,
    loadAverage1m: loadavg()[0],
    figures,
  };
  writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
}
