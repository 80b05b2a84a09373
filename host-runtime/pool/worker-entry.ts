import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

/** How to start a pool worker: the first argument of `new Worker` and whether it is code (`eval`). */
export interface WorkerEntry {
  readonly script: URL | string;
  readonly eval: boolean;
}

let cached: WorkerEntry | undefined;

/**
 * Finds the worker script next to this file. In the built package that is `worker.js`.
 *
 * Running from the TypeScript sources (vitest, `tsx bench/…`) there is only `worker.ts`, which Node 20 cannot load
 * in a worker by itself, and `execArgv: ["--import", "tsx"]` does not help there: Node 20 does not apply loader
 * hooks registered by a worker's preload to that worker's entry ("Unknown file extension .ts"). So the worker
 * starts from a one-line bootstrap that registers tsx's ESM hooks through its API and then imports `worker.ts`.
 * tsx is a devDependency, present wherever the sources are run; it is resolved to an absolute URL so the
 * process's working directory does not matter.
 */
export function resolveWorkerEntry(): WorkerEntry {
  if (cached !== undefined) return cached;
  const js = new URL("./worker.js", import.meta.url);
  if (existsSync(fileURLToPath(js))) {
    cached = { script: js, eval: false };
  } else {
    // `require.resolve` finds the CommonJS build; the ESM one beside it is what an ESM worker must import.
    const api = pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm/api").replace(/\.cjs$/, ".mjs")).href;
    const entry = new URL("./worker.ts", import.meta.url).href;
    const bootstrap = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
    cached = { script: bootstrap, eval: true };
  }
  return cached;
}
