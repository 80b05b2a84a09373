/**
 * Invoke speed: our host (`invoke` and `invokeSync`) against @wapc/host 0.0.3 on the same guests, plus a raw floor
 * (the guest's `__guest_call` driven by a minimal inline host with no checks). Run with `npm run bench`.
 *
 * Guests: the @wapc/as-guest echo guest (built from source with asc, as in the tests) and the Rust echo fixture
 * shipped in @wapc/host; each row runs one binary under both hosts. Payloads are msgpack `{ msg: string }` of about
 * 16 B, 1 KiB and 64 KiB, bytes in and bytes out on both sides (no codec). Each figure: median [min–max] of 5
 * interleaved rounds of 200 ms.
 * Goals: ≥ 2.5× faster than @wapc/host at 16 B, and no slower at 64 KiB.
 */
import { encode } from "@msgpack/msgpack";
import { instantiate as wapcHostInstantiate } from "@wapc/host";
import { instantiate } from "@widl-bindgen/host";
import { buildAsEcho, wapcHostFixture } from "../test/host-runtime/guests.js";
import { nsPerCall, ratio, spread, type Figure } from "./measure.js";
import { recordResults } from "./results.js";

type Invoke = () => unknown;

/** A payload of `size` bytes in total: the msgpack map `{ msg: "xxx…" }`. */
function payload(size: number): Uint8Array {
  const overhead = encode({ msg: "" }).byteLength + (size > 31 ? (size > 255 ? 2 : 1) : 0);
  const bytes = encode({ msg: "x".repeat(Math.max(0, size - overhead)) });
  return bytes;
}

/** The guest's export driven by the least a waPC host must do; what is left is the guest's own cost. */
async function rawFloor(bytes: Uint8Array, operation: string, body: Uint8Array): Promise<Invoke> {
  const op = new TextEncoder().encode(operation);
  let memory: WebAssembly.Memory;
  let view = new Uint8Array(0);
  const mem = () => (view.byteLength === 0 ? (view = new Uint8Array(memory.buffer)) : view);
  let response: Uint8Array | undefined;
  const { instance } = (await WebAssembly.instantiate(bytes, {
    wapc: {
      __guest_request(opPtr: number, ptr: number) {
        mem().set(op, opPtr);
        mem().set(body, ptr);
      },
      __guest_response(ptr: number, len: number) {
        response = mem().slice(ptr, ptr + len);
      },
      __guest_error() {},
      __console_log() {},
      __host_call: () => 0,
      __host_response() {},
      __host_response_len: () => 0,
      __host_error() {},
      __host_error_len: () => 0,
    },
    env: { abort() {} },
  })) as unknown as WebAssembly.WebAssemblyInstantiatedSource;
  memory = instance.exports.memory as WebAssembly.Memory;
  (instance.exports.wapc_init as (() => void) | undefined)?.();
  const call = instance.exports.__guest_call as (a: number, b: number) => number;
  return () => {
    if (call(op.byteLength, body.byteLength) !== 1) throw new Error("raw floor call failed");
    return response;
  };
}

async function benchGuest(name: string, bytes: Uint8Array, operation: string): Promise<unknown[]> {
  const ours = await instantiate(bytes);
  const theirs = await wapcHostInstantiate(bytes);
  console.log(`\n${name} ("${operation}"), CPU ns/call, median [min–max] of 5 interleaved rounds of 200 ms`);
  console.log(`  ${"payload".padEnd(9)}${"contender".padEnd(24)}${"ns/call".padStart(22)}${"peer÷this".padStart(11)}${"×floor".padStart(9)}`);
  const rows: unknown[] = [];
  for (const [label, size] of [["16 B", 16], ["1 KiB", 1024], ["64 KiB", 65536]] as const) {
    const body = payload(size);
    const floor = await rawFloor(bytes, operation, body);
    const [reference, viaInvoke, viaSync, raw] = (await nsPerCall([
      { fn: () => theirs.invoke(operation, body), isAsync: true },
      { fn: () => ours.invoke(operation, body), isAsync: true },
      { fn: () => ours.invokeSync(operation, body), isAsync: false },
      { fn: floor, isAsync: false },
    ])) as [Figure, Figure, Figure, Figure];
    for (const [contender, f] of [["peer: @wapc/host invoke", reference], ["ours: invoke", viaInvoke], ["ours: invokeSync", viaSync], ["raw floor", raw]] as const) {
      console.log(
        `  ${(f === reference ? label : "").padEnd(9)}${contender.padEnd(24)}${spread(f)}${ratio(reference.median / f.median, 11)}${ratio(f.median / raw.median, 9)}`,
      );
    }
    rows.push({ payload: label, peer: reference, invoke: viaInvoke, invokeSync: viaSync, floor: raw });
  }
  return rows;
}

async function run(): Promise<void> {
  // The Rust fixture logs every call through __console_log, which @wapc/host sends to console.log. Both hosts get the
  // same silenced console.log, so neither pays for terminal output.
  const log = console.log;
  const lines: string[] = [];
  console.log = (...args: unknown[]) => {
    if (typeof args[0] !== "string" || !args[0].startsWith("WASM: ")) lines.push(args.join(" "));
  };
  try {
    const as = await benchGuest("@wapc/as-guest echo (asc 0.28)", buildAsEcho("as-guest"), "echo");
    const rust = await benchGuest("Rust echo fixture (@wapc/host)", wapcHostFixture("rust_echo_string"), "echo");
    recordResults("invoke", { as, rust });
  } finally {
    console.log = log;
  }
  for (const line of lines) console.log(line);
}

await run();
