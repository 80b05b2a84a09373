import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readSections, readWasmModule, WasmBinaryError, withMemoryMaximum } from "../../host-runtime/wasm-binary.js";
import { repoRoot } from "../cli/run-cli.js";

const fixture = (name: string) => new Uint8Array(readFileSync(join(repoRoot, "node_modules/@wapc/host/test/fixtures", name)));
// A fresh folder per run: the same file may run twice at once (watch mode, copies of the suite).
const out = mkdtempSync(join(tmpdir(), "widl-wasm-binary-"));
let directWasm: Uint8Array;

beforeAll(() => {
  mkdirSync(out, { recursive: true });
  const file = join(out, "direct-abi.wasm");
  execFileSync(join(repoRoot, "node_modules/.bin/wat2wasm"), [join(repoRoot, "test/fixtures/direct-abi.wat"), "-o", file]);
  directWasm = new Uint8Array(readFileSync(file));
});

describe("readWasmModule", () => {
  it("reads the waPC Rust fixture's imports, exports and memory", () => {
    const info = readWasmModule(fixture("rust_echo_string.wasm"));
    expect(info.version).toBe(1);
    expect(info.imports.filter((i) => i.module === "wapc").map((i) => i.name)).toContain("__guest_request");
    const guestCall = info.exports.find((e) => e.name === "__guest_call");
    expect(guestCall?.type).toEqual({ params: ["i32", "i32"], results: ["i32"] });
    expect(info.memories).toEqual([{ min: 17, shared: false, memory64: false }]);
    // The section sizes add up to the file: 8 header bytes plus each section's id, size field and content.
    const last = info.sections[info.sections.length - 1]!;
    expect(last.contentOffset + last.size).toBe(info.byteLength);
  });

  it("agrees with the engine on exports and imports", () => {
    const bytes = fixture("rust_host_call.wasm");
    const info = readWasmModule(bytes);
    const module = new WebAssembly.Module(bytes);
    expect(info.exports.map((e) => [e.name, e.kind === "func" ? "function" : e.kind])).toEqual(
      WebAssembly.Module.exports(module).map((e) => [e.name, e.kind]),
    );
    expect(info.imports.map((i) => `${i.module}.${i.name}`)).toEqual(
      WebAssembly.Module.imports(module).map((i) => `${i.module}.${i.name}`),
    );
  });

  it("reads memory limits with a maximum", () => {
    const info = readWasmModule(directWasm);
    expect(info.memories).toEqual([{ min: 1, max: 16, shared: false, memory64: false }]);
    expect(info.exports.find((e) => e.name === "__widl_free")?.type).toEqual({ params: ["i32", "i32", "i32"], results: [] });
  });

  it("rejects malformed bytes with an offset, never a RangeError", () => {
    expect(() => readSections(new Uint8Array([1, 2, 3]))).toThrow(WasmBinaryError);
    expect(() => readSections(new TextEncoder().encode("not wasm at all"))).toThrow(/bad magic/);
    // Truncate inside the code section: the declared size runs past the end.
    const bytes = fixture("rust_echo_string.wasm");
    const truncated = bytes.subarray(0, 2000);
    expect(() => readWasmModule(truncated)).toThrow(/runs past the end/);
    // A vector count far larger than the section it sits in.
    const hostile = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 5, 0xff, 0xff, 0xff, 0xff, 0x0f]);
    expect(() => readWasmModule(hostile)).toThrow(/cannot fit/);
    // Flipping bytes anywhere never escapes as anything but a WasmBinaryError.
    for (let i = 8; i < 600; i += 7) {
      const mutated = bytes.slice(0, 4096);
      mutated[i] = mutated[i]! ^ 0xa5;
      try {
        readWasmModule(mutated);
      } catch (e) {
        expect(e).toBeInstanceOf(WasmBinaryError);
      }
    }
  });
});

describe("withMemoryMaximum", () => {
  it("adds a maximum the engine then enforces", () => {
    const capped = withMemoryMaximum(fixture("rust_echo_string.wasm"), 20);
    expect(readWasmModule(capped).memories).toEqual([{ min: 17, max: 20, shared: false, memory64: false }]);
    const module = new WebAssembly.Module(capped as Uint8Array<ArrayBuffer>);
    const stubs = Object.fromEntries(
      WebAssembly.Module.imports(module).map((i) => [i.name, () => 0]),
    );
    const instance = new WebAssembly.Instance(module, { wapc: stubs });
    const memory = instance.exports.memory as WebAssembly.Memory;
    expect(memory.grow(3)).toBe(17);
    expect(() => memory.grow(1)).toThrow(RangeError);
  });

  it("lowers a larger maximum and keeps a smaller one", () => {
    expect(readWasmModule(withMemoryMaximum(directWasm, 4)).memories[0]?.max).toBe(4);
    expect(readWasmModule(withMemoryMaximum(directWasm, 100)).memories[0]?.max).toBe(16);
  });

  it("refuses a cap below the module's minimum", () => {
    expect(() => withMemoryMaximum(fixture("rust_echo_string.wasm"), 16)).toThrow(/needs at least 17 pages/);
  });
});
