/**
 * What a string costs inside an AssemblyScript guest: the P1 echo guest (`echo(s: string): string`,
 * test/fixtures/echo) called through its direct-ABI export with the least a host can do, once as
 * users build by default and once with `--enable simd`. "guest" is mostly the export (the argument is copied in
 * pre-encoded, the result freed unread): UTF-8 → UTF-16 → UTF-8 and the allocations. "call"
 * adds the host's `encodeInto` and `TextDecoder` work. ns per call, ASCII strings.
 *
 * Run: `npx tsx bench/assemblyscript-strings.ts`.
 */
import { buildAsEchoGuest } from "../test/assemblyscript/build.js";

interface EchoExports {
  memory: WebAssembly.Memory;
  __widl_malloc(size: number, align: number): number;
  __widl_free(ptr: number, size: number, align: number): void;
  __widl_ret_area(): number;
  __widl_op_echo(ptr: number, len: number): number;
}

async function measure(simd: boolean): Promise<Map<number, { guest: number; call: number }>> {
  const { wasm } = await buildAsEchoGuest(simd);
  const { instance } = await WebAssembly.instantiate(wasm, {
    env: { abort: () => { throw new Error("abort"); } },
    // The guest also speaks waPC; these are never called on the direct path.
    wapc: { __guest_request() {}, __guest_response() {}, __guest_error() {} },
  });
  const ex = instance.exports as unknown as EchoExports;
  const retArea = ex.__widl_ret_area();
  const encoder = new TextEncoder();
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let bytes = new Uint8Array(ex.memory.buffer);
  let view = new DataView(ex.memory.buffer);
  const fresh = () => {
    if (bytes.buffer !== ex.memory.buffer) {
      bytes = new Uint8Array(ex.memory.buffer);
      view = new DataView(ex.memory.buffer);
    }
  };
  const out = new Map<number, { guest: number; call: number }>();
  for (const size of [16, 1024, 65536]) {
    const s = "x".repeat(size);
    const encoded = encoder.encode(s);
    const guest = () => {
      const ptr = ex.__widl_malloc(size, 1);
      fresh();
      bytes.set(encoded, ptr);
      if (ex.__widl_op_echo(ptr, size) !== 0) throw new Error("echo failed");
      fresh();
      ex.__widl_free(view.getUint32(retArea, true), size, 1);
    };
    const call = () => {
      const ptr = ex.__widl_malloc(size, 1);
      fresh();
      const { written } = encoder.encodeInto(s, bytes.subarray(ptr, ptr + size));
      if (ex.__widl_op_echo(ptr, written) !== 0) throw new Error("echo failed");
      fresh();
      const p = view.getUint32(retArea, true);
      const l = view.getUint32(retArea + 4, true);
      const r = decoder.decode(bytes.subarray(p, p + l));
      ex.__widl_free(p, l, 1);
      return r;
    };
    const iterations = size > 10_000 ? 5_000 : 100_000;
    const time = (fn: () => unknown): number => {
      for (let i = 0; i < iterations / 10; i++) fn();
      const start = process.hrtime.bigint();
      for (let i = 0; i < iterations; i++) fn();
      return Number(process.hrtime.bigint() - start) / iterations;
    };
    out.set(size, { guest: Math.min(time(guest), time(guest)), call: Math.min(time(call), time(call)) });
  }
  return out;
}

const scalar = await measure(false);
const simd = await measure(true);
console.log("AssemblyScript string echo (direct ABI), ns per call:");
console.log("  size     guest  guest+simd      call   call+simd");
for (const [size, a] of scalar) {
  const b = simd.get(size)!;
  console.log(`  ${String(size).padEnd(6)} ${a.guest.toFixed(0).padStart(7)} ${b.guest.toFixed(0).padStart(11)} ${a.call.toFixed(0).padStart(9)} ${b.call.toFixed(0).padStart(11)}`);
}
