/**
 * The interpreter's speed against V8 and polywasm (which translates wasm to JS), on the same guests through the
 * same minimal waPC host (test/interpreter/wapc-driver.ts). Run with `npx tsx bench/interpreter.ts`.
 *
 * - cuckoo: the cuckoo filter example's AssemblyScript guest, `check_word_exists` on a filter of 1,000 words
 *   (call-heavy i32 code: msgpack decoding, hashing, bucket probes);
 * - msgpack echo: the Rust echo fixture of @wapc/host decoding and re-encoding a 1 KiB `{ msg }` map;
 * - i64 hash: 10,000 rounds of a splitmix64-style mix (i64 mul, xor, shifts) in one call;
 * - memory.grow: a new instance grows its memory one page at a time from 1 to 1,024 pages (64 MiB), which was
 *   quadratic while the interpreter copied the memory on each growth.
 *
 * Each contender runs in interleaved rounds (bench/measure.ts), median of 5 rounds of 200 ms. Also the cost of
 * metering: the interpreter with a fuel budget against the interpreter unmetered. Each workload runs in a process
 * of its own, so that what V8 learnt optimizing the executor for one guest does not slow it on the next.
 * Goals: ≤ 30× V8 on call-heavy i32 code, ≤ 60× on i64-heavy code, metering ≤ 10%.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { encode } from "@msgpack/msgpack";
import { WebAssembly as polywasm } from "polywasm";
import { compileAssemblyScriptGuest, generateBindings } from "../examples/cuckoo-filter/build-guests.js";
import type { WebAssemblyEngine } from "../host-runtime/engine.js";
import { interpreter, type Instance } from "../host-runtime/interpreter/index.js";
import { wapcHostFixture } from "../test/host-runtime/guests.js";
import { loadWapcGuest } from "../test/interpreter/wapc-driver.js";
import { wat } from "../test/interpreter/wat.js";
import { ns, nsPerCall, ratio } from "./measure.js";

const engines = {
  v8: WebAssembly,
  polywasm,
  interpreter,
} as const;
type Engine = keyof typeof engines;

/** A workload: builds a call for an engine; `meter` turns fuel on for the interpreter. */
type Workload = (api: WebAssemblyEngine, meter: boolean) => Promise<() => unknown>;

const metered = (instance: WebAssembly.Instance, meter: boolean): void => {
  if (meter) (instance as unknown as Instance).fuel = Number.MAX_SAFE_INTEGER;
};

async function cuckoo(): Promise<Workload> {
  generateBindings();
  const bytes = readFileSync(await compileAssemblyScriptGuest());
  return async (api, meter) => {
    const guest = await loadWapcGuest(api, bytes);
    for (let i = 0; i < 1000; i++) guest.invoke("add_word", encode({ word: `word-${i}` }));
    metered(guest.instance, meter);
    const probe = encode({ name: "word-500" });
    return () => guest.invoke("check_word_exists", probe);
  };
}

async function msgpackEcho(): Promise<Workload> {
  const bytes = wapcHostFixture("rust_echo_string");
  const body = encode({ msg: "x".repeat(1000) });
  return async (api, meter) => {
    const guest = await loadWapcGuest(api, bytes);
    metered(guest.instance, meter);
    return () => guest.invoke("echo", body);
  };
}

async function i64Hash(): Promise<Workload> {
  const bytes = await wat(`(module
    (func (export "hash") (param $rounds i32) (param $seed i64) (result i64) (local $x i64)
      (local.set $x (local.get $seed))
      (loop $next
        (local.set $x (i64.add (local.get $x) (i64.const 0x9e3779b97f4a7c15)))
        (local.set $x (i64.mul (i64.xor (local.get $x) (i64.shr_u (local.get $x) (i64.const 30))) (i64.const 0xbf58476d1ce4e5b9)))
        (local.set $x (i64.mul (i64.xor (local.get $x) (i64.shr_u (local.get $x) (i64.const 27))) (i64.const 0x94d049bb133111eb)))
        (local.set $x (i64.xor (local.get $x) (i64.shr_u (local.get $x) (i64.const 31))))
        (br_if $next (local.tee $rounds (i32.sub (local.get $rounds) (i32.const 1)))))
      (local.get $x)))`);
  return async (api, meter) => {
    const { instance } = (await api.instantiate(bytes)) as unknown as WebAssembly.WebAssemblyInstantiatedSource;
    metered(instance, meter);
    const hash = instance.exports.hash as (rounds: number, seed: bigint) => bigint;
    return () => hash(10_000, 42n);
  };
}

async function pageByPage(): Promise<Workload> {
  const bytes = await wat(`(module (memory 1)
    (func (export "grow") (param $n i32) (result i32)
      (loop $more
        (drop (memory.grow (i32.const 1)))
        (br_if $more (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
      (memory.size)))`);
  return async (api, meter) => {
    const module = new api.Module(bytes as Uint8Array<ArrayBuffer>);
    return () => {
      const instance = new api.Instance(module);
      metered(instance, meter);
      return (instance.exports.grow as (n: number) => number)(1023);
    };
  };
}

/** The workloads; `polywasm: false` leaves polywasm out where it would take minutes (it copies on growth too). */
const workloads: [string, () => Promise<Workload>, { polywasm: boolean }][] = [
  ["cuckoo check_word_exists", cuckoo, { polywasm: true }],
  ["msgpack echo (Rust, 1 KiB)", msgpackEcho, { polywasm: true }],
  ["i64 hash (10,000 rounds)", i64Hash, { polywasm: true }],
  ["memory.grow 1 page ×1,023", pageByPage, { polywasm: false }],
];

const only = process.argv[2];
if (only === undefined) {
  console.log("\ninterpreter: ns/call, median of 5 interleaved rounds of 200 ms, one process per workload");
  console.log(
    `  ${"workload".padEnd(28)}${"V8".padStart(10)}${"polywasm".padStart(10)}${"interp".padStart(10)}${"+fuel".padStart(10)}` +
      `${"interp/V8".padStart(11)}${"poly/V8".padStart(9)}${"fuel cost".padStart(11)}`,
  );
  for (const [name] of workloads) {
    execFileSync(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), name], { stdio: "inherit" });
  }
} else {
  const [name, make, { polywasm: withPolywasm }] = workloads.find(([n]) => n === only)!;
  const workload = await make();
  const contenders: Engine[] = withPolywasm ? ["v8", "polywasm", "interpreter"] : ["v8", "interpreter"];
  const fns = await Promise.all([
    ...contenders.map((e) => workload(engines[e], false)),
    workload(engines.interpreter, true),
  ]);
  const results = fns.map((fn) => JSON.stringify(fn(), (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v)));
  if (new Set(results).size !== 1) throw new Error(`${name}: the engines disagree: ${results.join(" / ")}`);
  const medians = (await nsPerCall(fns.map((fn) => ({ fn })), 5, 200)).map((f) => f.median);
  if (!withPolywasm) medians.splice(1, 0, Number.NaN);
  const [v8, poly, interp, fuel] = medians as [number, number, number, number];
  const skipped = (width: number): string => "—".padStart(width);
  console.log(
    `  ${name.padEnd(28)}${ns(v8)}${withPolywasm ? ns(poly) : skipped(10)}${ns(interp)}${ns(fuel)}${ratio(interp / v8, 11)}` +
      `${withPolywasm ? ratio(poly / v8, 9) : skipped(9)}` +
      `${`${(((fuel - interp) / interp) * 100).toFixed(1)}%`.padStart(11)}`,
  );
}
