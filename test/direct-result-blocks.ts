/**
 * Counts the result blocks a direct-ABI guest hands the host and the host leaves live (docs/abi.md, "Result and
 * status": the host frees every (ptr, len) result, and the error message of a status 1, with `__widl_free`).
 *
 * `ResultBlocks.engine` is the host's own `WebAssembly` with each instance's exports wrapped: after an operation
 * export returns, the block its return area names (a success whose result is (ptr, len), or an error) is recorded
 * as live; `__widl_free` of that block, with its length, ends it. The guests' allocators are their own
 * (AssemblyScript's heap, Rust's global allocator) and expose no count, so the count is taken at the boundary,
 * where ownership changes hands: exact, and the same for every guest language.
 *
 * `resultKindCases` are the calls of test/fixtures/result-kinds/schema.widl, one per result kind; the AssemblyScript
 * and Rust test files run them through the generated `typescript-host` stubs (`abi: direct`), so what is counted is
 * what `DirectGuest` frees.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { beforeAll, expect, it } from "vitest";
import { loadModel } from "../generators/index.js";
import type { Model } from "../generators/model.js";
import { generateTypescriptHost } from "../generators/typescript-host/index.js";
import type { WebAssemblyEngine } from "../host-runtime/engine.js";

/** The schema of the result-kinds guests, relative to the repository. */
export const resultKindsSchema = "test/fixtures/result-kinds/schema.widl";
const repoRoot = fileURLToPath(new URL("../", import.meta.url));

/** A block the guest handed over and the host has not freed. */
export interface LiveBlock {
  readonly operation: string;
  readonly ptr: number;
  readonly len: number;
}

type Exports = WebAssembly.Exports & {
  memory: WebAssembly.Memory;
  __widl_ret_area(): number;
  __widl_free(ptr: number, size: number, align: number): void;
};

/** Tracks the result blocks of every instance made through `engine`. */
export class ResultBlocks {
  /** Pass as the `engine` host option. */
  readonly engine: WebAssemblyEngine;
  private readonly blocks = new Map<number, LiveBlock>();
  private handedOver = 0;
  private readonly wrongFrees: string[] = [];

  /** `model` says which operations return a (ptr, len) block on success. */
  constructor(model: Model) {
    const blockResults = model.interface.operations.filter((op) => op.directResult.abi === "ptrlen");
    const ptrlen = new Set(blockResults.map((op) => op.name));
    const wrap = (exports: WebAssembly.Exports): WebAssembly.Exports => this.wrap(exports as Exports, ptrlen);
    class CountingInstance {
      readonly exports: WebAssembly.Exports;
      constructor(module: WebAssembly.Module, imports?: WebAssembly.Imports) {
        this.exports = wrap(new WebAssembly.Instance(module, imports).exports);
      }
    }
    this.engine = {
      Module: WebAssembly.Module,
      Instance: CountingInstance as unknown as typeof WebAssembly.Instance,
      Memory: WebAssembly.Memory,
      Table: WebAssembly.Table,
      Global: WebAssembly.Global,
      compile: (bytes) => WebAssembly.compile(bytes),
      validate: (bytes) => WebAssembly.validate(bytes),
      instantiate: (async (module: WebAssembly.Module, imports?: WebAssembly.Imports) =>
        new CountingInstance(module, imports)) as typeof WebAssembly.instantiate,
      CompileError: WebAssembly.CompileError,
      LinkError: WebAssembly.LinkError,
      RuntimeError: WebAssembly.RuntimeError,
    };
  }

  /**
   * How many blocks the guest handed over (so a test knows it counted something), the blocks not freed, and any
   * free of one with a length other than the block's.
   */
  count(): { handedOver: number; live: LiveBlock[]; wrongFrees: string[] } {
    return { handedOver: this.handedOver, live: [...this.blocks.values()], wrongFrees: [...this.wrongFrees] };
  }

  private wrap(exports: Exports, ptrlen: ReadonlySet<string>): WebAssembly.Exports {
    const wrapped: Record<string, unknown> = { ...exports };
    const free = exports.__widl_free;
    wrapped.__widl_free = (ptr: number, size: number, align: number): void => {
      const block = this.blocks.get(ptr);
      if (block !== undefined) {
        if (block.len !== size) this.wrongFrees.push(`${block.operation}: freed ${size} of ${block.len} bytes`);
        this.blocks.delete(ptr);
      }
      free(ptr, size, align);
    };
    for (const name of Object.keys(exports)) {
      if (!name.startsWith("__widl_op_")) continue;
      const operation = name.slice("__widl_op_".length);
      const op = exports[name] as (...args: unknown[]) => number;
      wrapped[name] = (...args: unknown[]): number => {
        const status = op(...args);
        // Status 1 hands over the error message; status 0 the result, if it is a block.
        if (status === 1 || (status === 0 && ptrlen.has(operation))) {
          const area = new DataView(exports.memory.buffer, exports.__widl_ret_area(), 8);
          const ptr = area.getUint32(0, true);
          const len = area.getUint32(4, true);
          if (len !== 0) {
            this.handedOver++;
            this.blocks.set(ptr, { operation, ptr, len });
          }
        }
        return status;
      };
    }
    return wrapped as WebAssembly.Exports;
  }
}

/** One call of the result-kinds schema: the stub method and its argument, echoed back unless `error` is thrown. */
export interface ResultKindCase {
  readonly kind: string;
  readonly method: string;
  readonly arg: unknown;
  readonly error?: string;
}

const point = { x: 3, y: -4 };
const points = [point, { x: 0, y: 2_000_000_000 }];

/** Every result kind of test/fixtures/result-kinds/schema.widl that comes back as a block, each called once. */
export const resultKindCases: readonly ResultKindCase[] = [
  { kind: "string", method: "echoString", arg: "naïve café ✓" },
  { kind: "bytes", method: "echoBytes", arg: new Uint8Array([0, 1, 2, 255]) },
  { kind: "struct", method: "echoStruct", arg: point },
  { kind: "union", method: "echoUnion", arg: { kind: "Label", value: { text: "a label" } } },
  { kind: "list", method: "echoList", arg: points },
  { kind: "alias of a list", method: "echoAlias", arg: points },
  { kind: "map", method: "echoMap", arg: new Map([["one", 1], ["minus two", -2]]) },
  { kind: "optional, present", method: "echoOptional", arg: point },
  { kind: "optional, absent", method: "echoOptional", arg: undefined },
  { kind: "datetime", method: "echoDatetime", arg: new Date(Date.UTC(2026, 11, 3, 10, 30, 15, 250)) },
  // raw is msgpack the guest passes through: here the array [1, "a"].
  { kind: "raw", method: "echoRaw", arg: new Uint8Array([0x92, 0x01, 0xa1, 0x61]) },
  { kind: "any", method: "echoAny", arg: "any value" },
  { kind: "error", method: "fail", arg: "no result", error: "boom: no result" },
];

/**
 * The tests of one guest language: `build` compiles the result-kinds guest with `abi: "direct"` and names a folder
 * for the generated stub. Each case loads its own instance, calls once through the stub, checks the value (or the
 * error), and that the one block the guest handed over was freed, with its length.
 */
export function resultFreeTests(build: () => Promise<{ wasm: Uint8Array; outDir: string }>): void {
  const model = loadModel(join(repoRoot, resultKindsSchema));
  let wasm: Uint8Array;
  /* eslint-disable-next-line @typescript-eslint/no-explicit-any -- the stub is generated at test time. */
  let stub: any;

  beforeAll(async () => {
    const built = await build();
    wasm = built.wasm;
    mkdirSync(built.outDir, { recursive: true });
    const stubFile = join(built.outDir, `result-kinds-direct-${process.pid}.ts`);
    writeFileSync(stubFile, generateTypescriptHost(model, { abi: "direct" }));
    stub = await import(pathToFileURL(stubFile).href);
  });

  for (const c of resultKindCases) {
    it(`${c.kind} result: the host frees its block`, async () => {
      const blocks = new ResultBlocks(model);
      const guest = await stub.Resultkinds.load(wasm, { host: { engine: blocks.engine } });
      if (c.error === undefined) expect(guest[c.method](c.arg)).toEqual(c.arg);
      else expect(() => guest[c.method](c.arg)).toThrow(c.error);
      expect(blocks.count()).toEqual({ handedOver: 1, live: [], wrongFrees: [] });
    });
  }
}
