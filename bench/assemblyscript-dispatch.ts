/**
 * How the AssemblyScript glue finds a waPC call's operation: comparing the request's bytes in place
 * (what `__guest_call` does) against decoding the name and looking it up in a Map (what @wapc/as-guest
 * does). Each variant is a whole request as `__guest_call` starts it (the `__guest_request` import, then
 * the dispatch), over the 19 operations of the all-types schema; the figure is ns per call, averaged over
 * every operation (the byte comparison walks the list, so later names cost more), and the same with no
 * dispatch at all is subtracted to give the cost of the dispatch alone.
 *
 * Run: `npx tsx bench/assemblyscript-dispatch.ts`.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ascModulesPath, compile, repoRoot } from "../test/assemblyscript/build.js";

async function build(): Promise<Uint8Array<ArrayBuffer>> {
  const out = join(repoRoot, "test/.out/bench");
  mkdirSync(out, { recursive: true });
  const wasmFile = join(out, "as-dispatch.wasm");
  await compile([join(repoRoot, "bench/assemblyscript/dispatch.ts"), "-o", wasmFile, "-O3", "--path", ascModulesPath()]);
  return new Uint8Array(readFileSync(wasmFile));
}

const names = [
  "echo_scalars", "echo_texts", "echo_optionals", "echo_collections", "echo_everything", "echo_string",
  "echo_bytes", "echo_datetime", "echo_color", "echo_shape", "echo_alias", "scalars_to_struct", "add",
  "utf8_length", "concat", "record", "last_recorded", "use_host", "fail",
];

async function runDispatchBench(iterations = 200_000): Promise<{ bytes: number; map: number; floor: number }> {
  const wasm = await build();
  let pending = new Uint8Array();
  let memory!: WebAssembly.Memory;
  const instance = await WebAssembly.instantiate(wasm, {
    env: { abort: () => { throw new Error("abort"); } },
    wapc: { __guest_request: (op: number) => new Uint8Array(memory.buffer).set(pending, op) },
  });
  type Dispatch = (opLen: number) => number;
  const exports = instance.instance.exports as { memory: WebAssembly.Memory; byBytes: Dispatch; byMap: Dispatch; byNothing: Dispatch };
  memory = exports.memory;
  const time = (fn: Dispatch, check: boolean): number => {
    let total = 0;
    for (const [index, name] of names.entries()) {
      pending = new TextEncoder().encode(name);
      const len = pending.length;
      for (let i = 0; i < iterations / 10; i++) fn(len); // warm up
      const start = process.hrtime.bigint();
      let sum = 0;
      for (let i = 0; i < iterations; i++) sum += fn(len);
      total += Number(process.hrtime.bigint() - start);
      if (check && sum !== index * iterations) throw new Error(`wrong dispatch for ${name}: ${sum}`);
    }
    return total / (iterations * names.length);
  };
  // Each measured twice, interleaved, keeping the better run: JIT tiers settle during the first.
  const runs = { bytes: [] as number[], map: [] as number[], floor: [] as number[] };
  for (let round = 0; round < 2; round++) {
    runs.floor.push(time(exports.byNothing, false));
    runs.bytes.push(time(exports.byBytes, true));
    runs.map.push(time(exports.byMap, true));
  }
  return { bytes: Math.min(...runs.bytes), map: Math.min(...runs.map), floor: Math.min(...runs.floor) };
}

const { bytes, map, floor } = await runDispatchBench();
console.log("AssemblyScript waPC dispatch over 19 operations, ns per call (mean over every operation):");
console.log(`  request only, no dispatch (floor):        ${floor.toFixed(1)} ns`);
console.log(`  compare bytes in place (generated glue):  ${bytes.toFixed(1)} ns  (dispatch ${(bytes - floor).toFixed(1)} ns)`);
console.log(`  UTF8.decode + Map<string, i32> lookup:    ${map.toFixed(1)} ns  (dispatch ${(map - floor).toFixed(1)} ns)`);
console.log(`  dispatch alone: bytes is ${((map - floor) / Math.max(bytes - floor, 0.1)).toFixed(1)}x faster`);
