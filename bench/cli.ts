/**
 * CLI speed: what a user waits for. Run with `npm run bench` (or `npx tsx bench/cli.ts` alone).
 *
 * 1. Start-up. `widl-bindgen --help`, `check` (the cuckoo schema) and `invoke` (the Rust echo guest shipped in
 *    @wapc/host), each a separate process running the built CLI (`dist/`, as installed), against
 *    - the floor: a script that loads cac and the parser and nothing else (what a CLI that parses a schema cannot
 *      avoid loading), given the same schema to check;
 *    - for `invoke`, also a plain @wapc/host script that makes the same call.
 *    Contenders run alternating (A B C, A B C, …), so load from neighbours falls on all alike; the medians of wall
 *    time, CPU time (user + system) and peak RSS (both from /usr/bin/time) are kept. On a busy shared machine the
 *    CPU time is the steadier ratio: wall time also counts waiting for a core. Goals: `check` and `--help` ≤ 1.3×
 *    the floor.
 * 2. `generate` per target at 100, 1,000 and 2,000 definitions (bench/generate-schema.ts), each run in a fresh
 *    process timing the generator in-process (start-up excluded), with its peak RSS. Goals: the TS target at 1,000
 *    definitions ≤ 1.5× the AS target; 10× the definitions ≤ 12× the time. A target whose run exceeds
 *    `SLOW_RUN_MS` is not run at the larger sizes (it is superlinear; the figure says so).
 *
 * The CLI is built first (`tsc -p tsconfig.build.json`): start-up through tsx would time tsx.
 * `npx tsx bench/cli.ts startup` runs part 1 only, `npx tsx bench/cli.ts generate` part 2 only.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { generateSchema } from "./generate-schema.js";
import { ratio } from "./measure.js";

const root = fileURLToPath(new URL("../", import.meta.url));
const require = createRequire(import.meta.url);
const dist = (...parts: string[]) => join(root, "dist", ...parts);
const cliMain = dist("cli", "main.js");
const schema = join(root, "examples", "cuckoo-filter", "schema.widl");
const echoGuest = join(dirname(require.resolve("@wapc/host/package.json")), "test", "fixtures", "rust_echo_string.wasm");
const echoArgs = '{"msg":"hello"}';
const ROUNDS = 15;
const SLOW_RUN_MS = 60_000;
const timeBin = "/usr/bin/time";
const hasTimeBin = existsSync(timeBin);

const tsc = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", join(root, "tsconfig.build.json")], {
  cwd: root,
  stdio: "inherit",
});
if (tsc.status !== 0) throw new Error("bench/cli.ts: building dist/ failed");

const work = mkdtempSync(join(tmpdir(), "widl-bench-cli-"));
const url = (specifier: string) => pathToFileURL(require.resolve(specifier)).href;

// The floor: cac and the parser, doing what `check` does for a valid schema (load, validate, one summary line).
const floor = join(work, "floor.mjs");
writeFileSync(
  floor,
  `import { cac } from ${JSON.stringify(url("cac"))};
import { loadSchema } from ${JSON.stringify(pathToFileURL(dist("widl-parser", "index.js")).href)};
const cli = cac("floor");
cli.command("check <file>", "check a schema").action((file) => {
  const { diagnostics } = loadSchema(file);
  process.stdout.write(\`1 file checked: \${diagnostics.length} diagnostics\\n\`);
});
cli.help();
cli.parse();
`,
);
// The @wapc/host peer of `invoke`: read, instantiate, call, decode, print.
const wapcScript = join(work, "wapc-invoke.mjs");
writeFileSync(
  wapcScript,
  `import { readFileSync } from "node:fs";
import { instantiate } from ${JSON.stringify(url("@wapc/host"))};
import { decode, encode } from ${JSON.stringify(url("@msgpack/msgpack"))};
const [file, op, json] = process.argv.slice(2);
const host = await instantiate(readFileSync(file));
const result = await host.invoke(op, encode(JSON.parse(json)));
process.stdout.write(String(decode(result)) + "\\n");
`,
);

interface Sample {
  ms: number;
  /** Peak resident set, KiB; NaN without /usr/bin/time. */
  rssKiB: number;
}

interface StartUpSample extends Sample {
  /** User + system CPU time, ms (10 ms resolution); NaN without /usr/bin/time. */
  cpuMs: number;
}

/** Runs `node …args` once; wall time, CPU time and peak RSS. */
function runNode(args: readonly string[]): StartUpSample {
  const command = hasTimeBin ? timeBin : process.execPath;
  const argv = hasTimeBin ? ["-f", "RUSAGE %M %U %S", process.execPath, ...args] : [...args];
  const start = performance.now();
  const run = spawnSync(command, argv, { cwd: work, encoding: "utf8" });
  const ms = performance.now() - start;
  if (run.status !== 0) throw new Error(`bench/cli.ts: node ${args.join(" ")} exited ${run.status}:\n${run.stderr}`);
  const usage = /RUSAGE (\d+) ([\d.]+) ([\d.]+)\s*$/.exec(run.stderr);
  if (usage === null) return { ms, rssKiB: Number.NaN, cpuMs: Number.NaN };
  return { ms, rssKiB: Number(usage[1]), cpuMs: (Number(usage[2]) + Number(usage[3])) * 1000 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mib = (kib: number) => (Number.isNaN(kib) ? "n/a" : `${(kib / 1024).toFixed(0)} MiB`);

interface Contender {
  readonly name: string;
  readonly args: readonly string[];
}

/** Median wall time, CPU time and peak RSS of each contender over `ROUNDS` interleaved rounds (after a warm-up). */
function startUp(contenders: readonly Contender[]): Map<string, StartUpSample> {
  for (const c of contenders) runNode(c.args); // warm the file cache
  const samples = new Map<string, StartUpSample[]>(contenders.map((c) => [c.name, []]));
  for (let round = 0; round < ROUNDS; round++) for (const c of contenders) samples.get(c.name)!.push(runNode(c.args));
  const medianOf = (list: StartUpSample[], key: keyof StartUpSample) => median(list.map((s) => s[key]));
  return new Map(
    [...samples].map(([name, list]) => [name, { ms: medianOf(list, "ms"), cpuMs: medianOf(list, "cpuMs"), rssKiB: medianOf(list, "rssKiB") }]),
  );
}

const startUpContenders: Contender[] = [
  { name: "floor (cac + parser) --help", args: [floor, "--help"] },
  { name: "floor (cac + parser) check", args: [floor, "check", schema] },
  { name: "widl-bindgen --help", args: [cliMain, "--help"] },
  { name: "widl-bindgen check", args: [cliMain, "check", schema] },
  { name: "@wapc/host script", args: [wapcScript, echoGuest, "echo", echoArgs] },
  { name: "widl-bindgen invoke", args: [cliMain, "invoke", echoGuest, "echo", echoArgs] },
];
const startUpFloor: Record<string, string> = {
  "widl-bindgen --help": "floor (cac + parser) --help",
  "widl-bindgen check": "floor (cac + parser) check",
  "widl-bindgen invoke": "floor (cac + parser) check",
};

/** Part 1: start-up of each command against its floor. */
function benchStartUp(): void {
  console.log(`\nCLI start-up: separate processes, median of ${ROUNDS} interleaved rounds (wall time, CPU time, peak RSS)`);
  const started = startUp(startUpContenders);
  console.log(`${"".padEnd(30)} ${"wall ms".padStart(8)} ${"vs floor".padStart(9)} ${"CPU ms".padStart(8)} ${"vs floor".padStart(9)} ${"RSS".padStart(9)}`);
  for (const { name } of startUpContenders) {
    const s = started.get(name)!;
    const floor = startUpFloor[name] === undefined ? undefined : started.get(startUpFloor[name]!)!;
    const vs = (key: "ms" | "cpuMs") => (floor === undefined ? "".padStart(9) : ratio(s[key] / floor[key], 9));
    console.log(`${name.padEnd(30)} ${s.ms.toFixed(0).padStart(8)} ${vs("ms")} ${s.cpuMs.toFixed(0).padStart(8)} ${vs("cpuMs")} ${mib(s.rssKiB).padStart(9)}`);
  }
  const invoke = started.get("widl-bindgen invoke")!;
  const wapc = started.get("@wapc/host script")!;
  console.log(`widl-bindgen invoke vs the @wapc/host script: ${ratio(invoke.ms / wapc.ms, 0)} wall, ${ratio(invoke.cpuMs / wapc.cpuMs, 0)} CPU`);
  console.log("goals: --help and check ≤ 1.30× the floor");
}

// generate per target: a fresh process per run, timing only the generator (start-up excluded).
function benchGenerate(): void {
  const targetNames = ["typescript-host", "assemblyscript-guest", "assemblyscript-scaffold", "rust-guest", "rust-scaffold"];
  const sizes = [100, 1000, 2000];
  const generateScript = join(work, "generate.mjs");
  writeFileSync(
    generateScript,
    `import { generateTarget } from ${JSON.stringify(pathToFileURL(dist("generators", "index.js")).href)};
  const [schemaFile, target, out] = process.argv.slice(2);
  const start = performance.now();
  const files = await generateTarget(schemaFile, target, out);
  const ms = performance.now() - start;
  if (files.length === 0) throw new Error("nothing generated");
  process.stdout.write(JSON.stringify({ ms, rssKiB: process.resourceUsage().maxRSS }));
  `,
  );
  for (const size of sizes) writeFileSync(join(work, `schema-${size}.widl`), generateSchema(size));

  /** One generate run in a fresh process: generator time and peak RSS. */
  function generateOnce(target: string, size: number): Sample {
    const run = spawnSync(process.execPath, [generateScript, join(work, `schema-${size}.widl`), target, join(work, "out", target)], {
      cwd: work,
      encoding: "utf8",
    });
    if (run.status !== 0) throw new Error(`bench/cli.ts: generate ${target} at ${size} failed:\n${run.stderr}`);
    return JSON.parse(run.stdout) as Sample;
  }

  console.log(`\ngenerate per target (generator time in a fresh process, median of runs; peak RSS)`);
  console.log(`${"target".padEnd(24)} ${sizes.map((n) => `${n} defs`.padStart(20)).join(" ")} ${"10× defs".padStart(9)}`);
  const results = new Map<string, (Sample | undefined)[]>();
  for (const target of targetNames) {
    const row: (Sample | undefined)[] = [];
    for (const size of sizes) {
      if (row.some((s) => s !== undefined && s.ms > SLOW_RUN_MS)) {
        row.push(undefined);
        continue;
      }
      // Small runs are noisy, and cheap: repeat them.
      const repeats = size <= 100 ? 5 : 3;
      const runs: Sample[] = [];
      for (let i = 0; i < repeats; i++) {
        runs.push(generateOnce(target, size));
        if (runs[0]!.ms > SLOW_RUN_MS) break;
      }
      row.push({ ms: median(runs.map((r) => r.ms)), rssKiB: median(runs.map((r) => r.rssKiB)) });
    }
    results.set(target, row);
    const cells = row.map((s) => (s === undefined ? "skipped (slow)" : `${s.ms.toFixed(0)} ms ${mib(s.rssKiB)}`).padStart(20));
    const [small] = row;
    const scaling = small !== undefined && row[1] !== undefined ? ratio(row[1].ms / small.ms, 9) : "";
    console.log(`${target.padEnd(24)} ${cells.join(" ")} ${scaling}`);
  }
  const ts1000 = results.get("typescript-host")![1];
  const as1000 = results.get("assemblyscript-guest")![1];
  if (ts1000 !== undefined && as1000 !== undefined) {
    console.log(`typescript-host vs assemblyscript-guest at 1,000 definitions: ${ratio(ts1000.ms / as1000.ms, 0)}`);
  }
  console.log("goals: typescript-host ≤ 1.5× assemblyscript-guest at 1,000; 10× the definitions ≤ 12× the time");
}

if (!process.argv.includes("generate")) benchStartUp();
if (!process.argv.includes("startup")) benchGenerate();
rmSync(work, { recursive: true, force: true });
