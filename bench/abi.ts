/**
 * The ABIs against the JS waPC reference stack and against the raw floor (issues 5 and 16). Run with
 * `npm run bench`, or alone with `npx tsx bench/abi.ts`.
 *
 * - **P1**, a typed `echo(s: string): string` at 16 B, 1 KiB and 64 KiB, like for like per guest language: the
 *   guest from our `assemblyscript-guest` or `rust-guest` glue (built with `abi: both`) under
 *   - the reference (peer): @wapc/host `invoke` with one @msgpack/msgpack `Encoder` and `Decoder` reused for every
 *     call, as msgpack's docs advise. For Rust it runs the very same binary. For AssemblyScript it runs the
 *     @wapc/as-guest echo guest (asc 0.28, as in the tests): @wapc/host gives a guest no `env` imports, and every
 *     asc guest with our glue imports `env.abort`. That guest returns its payload without decoding it, so it does
 *     less than ours;
 *   - ours, waPC: the `typescript-host` stub over our host;
 *   - ours, direct: the `abi: direct` stub over the same binary.
 * - **P2**, the floor: the binary's `__widl_op_echo` driven inline (malloc, `encodeInto` straight into the block,
 *   the raw call, `decode` of the result, free), with no stub and no checks.
 * - **P3**, cold start: from the bytes to the first typed call's answer (compile, instantiate, one `echo`), with our
 *   module cache off so both hosts compile; CPU time of every thread, so background compilation counts.
 * - The string thresholds of host-runtime/direct/utf8.ts: lowering by a JS loop against `Buffer.byteLength` +
 *   `encodeInto`, and lifting by a JS loop against a fatal `TextDecoder`, by length.
 *
 * Each figure: CPU time, median [min–max] of 5 interleaved rounds of 200 ms (bench/measure.ts).
 * Goals (issue 16): P1 16 B waPC ≥ 5× and direct ≥ 10× faster than the peer; P3 ≤ 1× the peer's time.
 */
import { Buffer } from "node:buffer";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Decoder, Encoder } from "@msgpack/msgpack";
import { instantiate as wapcHostInstantiate } from "@wapc/host";
import { buildModel, type Model } from "../generators/model.js";
import { generateTypescriptHost } from "../generators/typescript-host/index.js";
import { parse } from "../widl-parser/index.js";
import { buildGuest } from "../test/assemblyscript/build.js";
import { buildAsEcho } from "../test/host-runtime/guests.js";
import { ns, nsPerCall, ratio, spread, type Figure } from "./measure.js";
import { recordResults } from "./results.js";

const root = fileURLToPath(new URL("../", import.meta.url));
const out = join(root, "test/.out/bench");
const schemaFile = join(root, "bench/fixtures/echo.widl");
const sizes = [["16 B", 16], ["1 KiB", 1024], ["64 KiB", 65536]] as const;

interface EchoStub {
  echo(s: string): string;
}

/** Generates the stubs for one ABI next to the other bench outputs, importing the runtime from the sources. */
interface EchoModule {
  Echo: { load(wasm: Uint8Array, options?: { host?: { cache?: boolean } }): Promise<EchoStub> };
}

async function stubModule(model: Model, abi: "wapc" | "direct"): Promise<EchoModule> {
  mkdirSync(out, { recursive: true });
  const file = join(out, `echo-${abi}.ts`);
  writeFileSync(file, generateTypescriptHost(model, { abi, runtimeModule: "../../../host-runtime/codegen-node.js" }));
  return import(pathToFileURL(file).href);
}

/** The P2 floor: the least a host must do to call `__widl_op_echo` (ASCII input, so its UTF-8 length is known). */
async function directFloor(wasm: Uint8Array): Promise<(s: string) => string> {
  const { instance } = (await WebAssembly.instantiate(wasm, {
    env: { abort() {}, trace() {}, seed: () => 0 },
    wapc: new Proxy({}, { get: () => () => 0 }),
  })) as unknown as WebAssembly.WebAssemblyInstantiatedSource;
  const ex = instance.exports as Record<string, CallableFunction>;
  const memory = instance.exports.memory as WebAssembly.Memory;
  const malloc = ex.__widl_malloc as (size: number, align: number) => number;
  const free = ex.__widl_free as (ptr: number, size: number, align: number) => void;
  const echo = ex.__widl_op_echo as (ptr: number, len: number) => number;
  const ret = (ex.__widl_ret_area as () => number)();
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  (ex._start as (() => void) | undefined)?.();
  let mem = new Uint8Array(memory.buffer);
  let view = new DataView(memory.buffer);
  return (s) => {
    const len = s.length;
    const ptr = malloc(len, 1);
    if (mem.byteLength === 0) (mem = new Uint8Array(memory.buffer)), (view = new DataView(memory.buffer));
    encoder.encodeInto(s, mem.subarray(ptr, ptr + len));
    echo(ptr, len);
    if (mem.byteLength === 0) (mem = new Uint8Array(memory.buffer)), (view = new DataView(memory.buffer));
    const rp = view.getUint32(ret, true);
    const rl = view.getUint32(ret + 4, true);
    const result = decoder.decode(mem.subarray(rp, rp + rl));
    free(rp, rl, 1);
    return result;
  };
}

async function rustEcho(): Promise<Uint8Array | undefined> {
  const { rustUnavailableReason } = await import("../test/rust/toolchain.js");
  const why = rustUnavailableReason();
  if (why !== undefined) {
    console.log(`  (Rust rows skipped: ${why})`);
    return undefined;
  }
  const { buildRustGuest } = await import("../test/rust/build-guest.js");
  return (await buildRustGuest("bench-echo", "bench/fixtures/echo.widl", "bench/fixtures/echo-rust/lib.rs", { abi: "both" })).wasm;
}

/** One guest binary under the peer and under our two stubs, with the inline floor when the binary allows it. */
interface Contenders {
  readonly language: string;
  readonly wasm: Uint8Array;
  readonly peerWasm: Uint8Array;
  readonly peer: (s: string) => Promise<string>;
  readonly wapc: EchoStub;
  readonly direct: EchoStub;
  readonly floor: (s: string) => string;
}

async function contenders(language: string, wasm: Uint8Array, stubs: [EchoModule, EchoModule], peerWasm = wasm): Promise<Contenders> {
  const reference = await wapcHostInstantiate(peerWasm);
  const encoder = new Encoder();
  const decoder = new Decoder();
  return {
    language,
    wasm,
    peerWasm,
    peer: async (s) => {
      // Our glue answers the result (a msgpack string); the @wapc/as-guest echo guest answers its payload, `{ s }`.
      const value = decoder.decode(await reference.invoke("echo", encoder.encode({ s })));
      return typeof value === "string" ? value : (value as { s: string }).s;
    },
    wapc: await stubs[0].Echo.load(wasm),
    direct: await stubs[1].Echo.load(wasm),
    floor: await directFloor(wasm),
  };
}

type Row = { language: string; size: string; peer: Figure; wapc: Figure; direct: Figure; floor: Figure };

async function runP1P2(guests: readonly Contenders[]): Promise<Row[]> {
  console.log("\nP1/P2: echo(s: string): string, CPU ns/call, median [min–max] of 5 interleaved rounds of 200 ms");
  console.log(`  ${"size".padEnd(7)}${"guest".padEnd(6)}${"contender".padEnd(34)}${"ns/call".padStart(22)}${"peer÷this".padStart(11)}${"×floor".padStart(9)}`);
  const rows: Row[] = [];
  for (const [label, size] of sizes) {
    const s = "x".repeat(size);
    for (const g of guests) {
      for (const check of [await g.peer(s), g.wapc.echo(s), g.direct.echo(s), g.floor(s)]) {
        if (check !== s) throw new Error(`${g.language} echo returned a different string at ${label}`);
      }
      const [peer, wapc, direct, floor] = (await nsPerCall([
        { fn: () => g.peer(s), isAsync: true },
        { fn: () => g.wapc.echo(s) },
        { fn: () => g.direct.echo(s) },
        { fn: () => g.floor(s) },
      ])) as [Figure, Figure, Figure, Figure];
      rows.push({ language: g.language, size: label, peer, wapc, direct, floor });
      for (const [name, f] of [
        ["peer: @wapc/host + reused msgpack", peer],
        ["ours, waPC ABI", wapc],
        ["ours, direct ABI", direct],
        ["P2 floor (direct, inline)", floor],
      ] as const) {
        console.log(
          `  ${(name.startsWith("peer") ? label : "").padEnd(7)}${(name.startsWith("peer") ? g.language : "").padEnd(6)}${name.padEnd(34)}` +
            `${spread(f)}${ratio(peer.median / f.median, 11)}${ratio(f.median / floor.median, 9)}`,
        );
      }
    }
  }
  console.log("  goals: 16 B waPC ≥ 5× and direct ≥ 10× faster than the peer (peer÷this)");
  return rows;
}

/** P3: bytes → first typed call, ms, with compilation on both sides. */
async function runP3(guests: readonly Contenders[], stubs: [EchoModule, EchoModule]): Promise<unknown[]> {
  console.log("\nP3: bytes → first typed call (compile, instantiate, echo(\"x\")), CPU µs (all threads), median [min–max] of 5 interleaved rounds of 200 ms");
  console.log(`  ${"guest".padEnd(6)}${"contender".padEnd(34)}${"µs".padStart(22)}${"this÷peer".padStart(11)}`);
  const rows: unknown[] = [];
  for (const g of guests) {
    const decoder = new Decoder();
    const encoder = new Encoder();
    const [peer, wapc, direct] = (await nsPerCall([
      { fn: async () => decoder.decode(await (await wapcHostInstantiate(g.peerWasm)).invoke("echo", encoder.encode({ s: "x" }))), isAsync: true },
      { fn: async () => (await stubs[0].Echo.load(g.wasm, { host: { cache: false } })).echo("x"), isAsync: true },
      { fn: async () => (await stubs[1].Echo.load(g.wasm, { host: { cache: false } })).echo("x"), isAsync: true },
    ])) as [Figure, Figure, Figure];
    const us = (f: Figure): Figure => ({ median: f.median / 1e3, min: f.min / 1e3, max: f.max / 1e3 });
    for (const [name, f] of [["peer: @wapc/host instantiate + invoke", peer], ["ours, waPC stub load + echo", wapc], ["ours, direct stub load + echo", direct]] as const) {
      console.log(`  ${(name.startsWith("peer") ? g.language : "").padEnd(6)}${name.padEnd(34)}${spread(us(f))}${ratio(f.median / peer.median, 11)}`);
    }
    rows.push({ language: g.language, peer: us(peer), wapc: us(wapc), direct: us(direct) });
  }
  console.log("  goal: ≤ 1× the peer (this÷peer)");
  return rows;
}

/** The evidence behind ASCII_LOOP_MAX and ASCII_DECODE_MAX in host-runtime/direct/utf8.ts. */
async function runStringThresholds(): Promise<void> {
  const encoder = new TextEncoder();
  const fatal = new TextDecoder("utf-8", { fatal: true });
  const mem = new Uint8Array(1 << 16);
  console.log("\nstring lowering / lifting, ns/op by length (ASCII): JS loop vs native (medians of 5 rounds of 200 ms)");
  console.log(`  ${"length".padEnd(8)}${"lower loop".padStart(11)}${"byteLength+encodeInto".padStart(23)}${"lift loop".padStart(11)}${"TextDecoder".padStart(13)}`);
  for (const n of [8, 16, 32, 64, 128]) {
    const s = "abcdefghijklmnopqrstuvwxyz0123456789".repeat(8).slice(0, n);
    encoder.encodeInto(s, mem);
    const [lowerLoop, lowerNative, liftLoop, liftNative] = await nsPerCall([
        {
          fn: () => {
            for (let i = 0; i < n; i++) {
              const c = s.charCodeAt(i);
              if (c >= 0x80) return false;
              mem[i] = c;
            }
            return true;
          },
        },
        { fn: () => encoder.encodeInto(s, mem.subarray(0, Buffer.byteLength(s, "utf8"))) },
        {
          fn: () => {
            let r = "";
            for (let i = 0; i < n; i++) {
              const c = mem[i]!;
              if (c >= 0x80) return fatal.decode(mem.subarray(0, n));
              r += String.fromCharCode(c);
            }
            return r;
          },
        },
        { fn: () => fatal.decode(mem.subarray(0, n)) },
    ]);
    console.log(`  ${String(n).padEnd(8)}${ns(lowerLoop!.median, 11)}${ns(lowerNative!.median, 23)}${ns(liftLoop!.median, 11)}${ns(liftNative!.median, 13)}`);
  }
}

async function run(): Promise<void> {
  const model = buildModel(parse(readFileSync(schemaFile, "utf8"), { file: schemaFile }));
  const stubs: [EchoModule, EchoModule] = [await stubModule(model, "wapc"), await stubModule(model, "direct")];
  const asGuest = await buildGuest({
    name: "bench-echo",
    schemaFile,
    entrySource: 'import { Handlers } from "./module";\n\nHandlers.registerEcho((s: string): string => s);\n',
    abi: "both",
  });
  const guests = [await contenders("AS", asGuest.wasm, stubs, buildAsEcho("as-guest"))];
  const rustWasm = await rustEcho();
  if (rustWasm !== undefined) guests.push(await contenders("Rust", rustWasm, stubs));
  const p1 = await runP1P2(guests);
  const p3 = await runP3(guests, stubs);
  await runStringThresholds();
  recordResults("abi", { p1, p3 });
}

await run();
