/**
 * The ABIs against the JS waPC reference stack and against the raw floor (issue 5). Run with `npm run bench`, or
 * alone with `npx tsx bench/abi.ts`.
 *
 * - **P1**, a typed `echo(s: string): string` at 16 B, 1 KiB and 64 KiB:
 *   - reference: @msgpack/msgpack `encode({ s })` → @wapc/host `invoke` → the @wapc/as-guest echo guest (it
 *     returns the payload as it is, so the reference's guest does less than ours) → `decode`;
 *   - ours, waPC: the `typescript-host` stub, our host, the `assemblyscript-guest` glue (built with `abi: both`);
 *   - ours, direct: the `abi: direct` stub over the same binary;
 *   - the Rust guest from the `rust-guest` glue under both ABIs, when rustc and the wasm32 std are installed.
 * - **P2**, the floor: the same AS binary's `__widl_op_echo` driven inline (malloc, `encodeInto` straight into the
 *   block, the raw call, `decode` of the result, free), with no stub and no checks.
 * - The string thresholds of host-runtime/direct/utf8.ts: lowering by a JS loop against `Buffer.byteLength` +
 *   `encodeInto`, and lifting by a JS loop against a fatal `TextDecoder`, by length.
 *
 * Goals: P1 16 B waPC ≥ 4× and direct ≥ 10× faster than the reference; P1 64 KiB ≥ 1.5×; P2 direct within 3×
 * of the floor.
 */
import { Buffer } from "node:buffer";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { decode, encode } from "@msgpack/msgpack";
import { instantiate as wapcHostInstantiate } from "@wapc/host";
import { buildModel, type Model } from "../generators/model.js";
import { generateTypescriptHost } from "../generators/typescript-host/index.js";
import { parse } from "../widl-parser/index.js";
import { buildGuest } from "../test/assemblyscript/build.js";
import { buildAsEcho } from "../test/host-runtime/guests.js";
import { ns, nsPerCall, ratio } from "./measure.js";

const root = fileURLToPath(new URL("../", import.meta.url));
const out = join(root, "test/.out/bench");
const schemaFile = join(root, "bench/fixtures/echo.widl");
const sizes = [["16 B", 16], ["1 KiB", 1024], ["64 KiB", 65536]] as const;

interface EchoStub {
  echo(s: string): string;
}

/** Generates the stubs for one ABI next to the other bench outputs, importing the runtime from the sources. */
async function stubModule(model: Model, abi: "wapc" | "direct"): Promise<{ Echo: { load(wasm: Uint8Array): Promise<EchoStub> } }> {
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

async function runP1P2(): Promise<void> {
  const model = buildModel(parse(readFileSync(schemaFile, "utf8"), { file: schemaFile }));
  const guest = await buildGuest({
    name: "bench-echo",
    schemaFile,
    entrySource: 'import { Handlers } from "./module";\n\nHandlers.registerEcho((s: string): string => s);\n',
    abi: "both",
  });
  const [wapcStubs, directStubs] = [await stubModule(model, "wapc"), await stubModule(model, "direct")];
  const reference = await wapcHostInstantiate(buildAsEcho());
  const oursWapc = await wapcStubs.Echo.load(guest.wasm);
  const oursDirect = await directStubs.Echo.load(guest.wasm);
  const floor = await directFloor(guest.wasm);
  const rustWasm = await rustEcho();
  const rustWapc = rustWasm && (await wapcStubs.Echo.load(rustWasm));
  const rustDirect = rustWasm && (await directStubs.Echo.load(rustWasm));

  console.log("\nP1/P2: echo(s: string): string, ns/call (median of 9 interleaved rounds); ratios = reference / ours");
  console.log(
    `  ${"size".padEnd(8)}${"reference".padStart(10)}${"AS waPC".padStart(10)}${"AS direct".padStart(10)}${"P2 floor".padStart(10)}` +
      `${rustWasm ? `${"Rust waPC".padStart(10)}${"Rust dir.".padStart(10)}` : ""}` +
      `${"waPC".padStart(8)}${"direct".padStart(8)}${"dir/floor".padStart(10)}${rustWasm ? `${"R waPC".padStart(8)}${"R dir.".padStart(8)}` : ""}`,
  );
  for (const [label, size] of sizes) {
    const s = "x".repeat(size);
    for (const check of [oursWapc.echo(s), oursDirect.echo(s), floor(s), rustWapc?.echo(s) ?? s, rustDirect?.echo(s) ?? s]) {
      if (check !== s) throw new Error(`echo returned a different string at ${label}`);
    }
    const contenders = [
      { fn: async () => (decode(await reference.invoke("echo", encode({ s }))) as { s: string }).s, isAsync: true },
      { fn: () => oursWapc.echo(s) },
      { fn: () => oursDirect.echo(s) },
      { fn: () => floor(s) },
      ...(rustWapc && rustDirect ? [{ fn: () => rustWapc.echo(s) }, { fn: () => rustDirect.echo(s) }] : []),
    ];
    const [ref, wapc, direct, raw, rw, rd] = (await nsPerCall(contenders)) as [number, number, number, number, number?, number?];
    console.log(
      `  ${label.padEnd(8)}${ns(ref)}${ns(wapc)}${ns(direct)}${ns(raw)}${rw !== undefined ? ns(rw) + ns(rd!) : ""}` +
        `${ratio(ref / wapc)}${ratio(ref / direct)}${ratio(direct / raw, 10)}${rw !== undefined ? ratio(ref / rw) + ratio(ref / rd!) : ""}`,
    );
  }
  console.log("  goals: 16 B waPC ≥ 4×, direct ≥ 10×; 64 KiB ≥ 1.5×; dir/floor ≤ 3×");
}

/** The evidence behind ASCII_LOOP_MAX and ASCII_DECODE_MAX in host-runtime/direct/utf8.ts. */
async function runStringThresholds(): Promise<void> {
  const encoder = new TextEncoder();
  const fatal = new TextDecoder("utf-8", { fatal: true });
  const mem = new Uint8Array(1 << 16);
  console.log("\nstring lowering / lifting, ns/op by length (ASCII): JS loop vs native");
  console.log(`  ${"length".padEnd(8)}${"lower loop".padStart(11)}${"byteLength+encodeInto".padStart(23)}${"lift loop".padStart(11)}${"TextDecoder".padStart(13)}`);
  for (const n of [8, 16, 32, 48, 64, 96, 128, 256]) {
    const s = "abcdefghijklmnopqrstuvwxyz0123456789".repeat(8).slice(0, n);
    encoder.encodeInto(s, mem);
    const [lowerLoop, lowerNative, liftLoop, liftNative] = await nsPerCall(
      [
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
      ],
      5,
      20,
    );
    console.log(`  ${String(n).padEnd(8)}${ns(lowerLoop!, 11)}${ns(lowerNative!, 23)}${ns(liftLoop!, 11)}${ns(liftNative!, 13)}`);
  }
}

async function run(): Promise<void> {
  await runP1P2();
  await runStringThresholds();
}

await run();
