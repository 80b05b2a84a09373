/**
 * Untyped callers for the all-types suite, one per ABI: each takes arguments by parameter name and returns
 * the decoded result, so every test case runs unchanged over both ABIs.
 *
 * The direct one is a small hand-written host for the direct ABI (docs/abi.md, "direct"): it lowers each
 * argument as the model says, calls `__widl_op_<name>`, and reads the return area. It exists to test the
 * guest's direct exports on their own, independent of the typescript-host target.
 */
import { Decoder } from "@msgpack/msgpack";
import type { DirectLowering, Model, OperationDef } from "../../generators/model.js";
import type { WapcHost } from "@widl-bindgen/host";
import { looseEncode } from "./loose-msgpack.js";

export type Args = Readonly<Record<string, unknown>>;

export interface Client {
  readonly abi: "wapc" | "direct";
  call(operation: string, args?: Args): unknown;
}

/** Keys stay exact: ints as numbers, 64-bit ones as bigints (printed as strings, since JS object keys are). */
export const decoder = new Decoder({
  useBigInt64: true,
  mapKeyConverter: (key) => (typeof key === "bigint" ? key.toString() : (key as string | number)),
});

function operation(model: Model, name: string): OperationDef {
  const op = model.interface.operations.find((o) => o.name === name);
  if (!op) throw new Error(`no operation ${name}`);
  return op;
}

/** Calls through the waPC ABI of our host: msgpack args in, msgpack result out. */
export function wapcClient(model: Model, host: WapcHost): Client {
  return {
    abi: "wapc",
    call(name, args = {}) {
      const op = operation(model, name);
      const payload =
        op.wire === "map" ? looseEncode(args) : op.wire === "bare" ? looseEncode(args[op.params[0]!.name]) : new Uint8Array(0);
      const response = host.invokeSync(name, payload);
      return response.length === 0 ? undefined : decoder.decode(response);
    },
  };
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder("utf-8", { fatal: true });

/** Calls the guest's direct-ABI exports, following docs/abi.md to the letter. */
export function directClient(model: Model, host: WapcHost): Client {
  return {
    abi: "direct",
    call(name, args = {}) {
      const op = operation(model, name);
      const exports = host.exports as Record<string, (...values: unknown[]) => unknown>;
      const malloc = exports.__widl_malloc as (size: number, align: number) => number;
      const free = exports.__widl_free as (ptr: number, size: number, align: number) => void;
      const retArea = (exports.__widl_ret_area as () => number)();
      const memory = () => host.getCallerMemory().buffer;

      const values: unknown[] = [];
      for (const p of op.params) values.push(...lower(p.direct, args[p.name], malloc, memory));
      const fn = exports[`__widl_op_${name}`];
      if (typeof fn !== "function") throw new Error(`no export __widl_op_${name}`);
      const status = fn(...values) as number;

      const view = new DataView(memory());
      const takeBlock = (): Uint8Array => {
        const ptr = view.getUint32(retArea, true);
        const len = view.getUint32(retArea + 4, true);
        const bytes = new Uint8Array(memory(), ptr, len).slice();
        if (len !== 0) free(ptr, len, 1);
        return bytes;
      };
      if (status === 1) throw new Error(fromUtf8.decode(takeBlock()));
      if (status !== 0) throw new Error(`status ${status}`);
      const result = op.directResult;
      switch (result.abi) {
        case "void":
          return undefined;
        case "i32": {
          const v = view.getInt32(retArea, true);
          return result.bool ? v !== 0 : result.unsigned ? v >>> 0 : v;
        }
        case "i64": {
          const v = view.getBigInt64(retArea, true);
          return result.unsigned ? BigInt.asUintN(64, v) : v;
        }
        case "f32":
          return view.getFloat32(retArea, true);
        case "f64":
          return view.getFloat64(retArea, true);
        case "ptrlen": {
          const bytes = takeBlock();
          return result.content === "string" ? fromUtf8.decode(bytes) : result.content === "bytes" ? bytes : decoder.decode(bytes);
        }
      }
    },
  };
}

function lower(
  lowering: DirectLowering,
  value: unknown,
  malloc: (size: number, align: number) => number,
  memory: () => ArrayBufferLike,
): unknown[] {
  switch (lowering.abi) {
    case "i32":
      return [lowering.bool ? (value ? 1 : 0) : (value as number) | 0];
    case "i64":
      return [BigInt.asIntN(64, BigInt(value as bigint))];
    case "f32":
    case "f64":
      return [value];
    case "ptrlen": {
      const bytes =
        lowering.content === "string"
          ? utf8.encode(value as string)
          : lowering.content === "bytes"
            ? (value as Uint8Array)
            : looseEncode(value);
      if (bytes.length === 0) return [0, 0];
      const ptr = malloc(bytes.length, 1);
      // malloc may grow memory: take the view after it.
      new Uint8Array(memory(), ptr, bytes.length).set(bytes);
      return [ptr, bytes.length];
    }
  }
}
