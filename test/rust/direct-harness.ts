// A minimal direct-ABI caller (docs/abi.md, "direct"), written from the spec for the tests, so the Rust
// guest's direct exports are checked independently of the host runtime: arguments are lowered by the
// model's `DirectLowering`, strings, bytes and msgpack go through `__widl_malloc`, results come back through
// the return area and are freed with `__widl_free`.
import type { DirectLowering, DirectResultLowering, Model, OperationDef } from "../../generators/model.js";

type Exports = {
  memory: WebAssembly.Memory;
  __widl_malloc(size: number, align: number): number;
  __widl_free(ptr: number, size: number, align: number): void;
  __widl_ret_area(): number;
} & Record<string, (...args: unknown[]) => number>;

/** A host role call: returns the response payload or throws with the error message. */
export type HostCallFn = (binding: string, namespace: string, operation: string, payload: Uint8Array) => Uint8Array;

/** Thrown for a status-1 result; the message is the guest's. */
export class SpecDirectCallError extends Error {
  override readonly name = "SpecDirectCallError";
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder("utf-8", { fatal: true });

/** Calls a guest's direct-ABI exports by operation name, lowering arguments as the model says. */
export class SpecDirectCaller {
  private constructor(
    private readonly ex: Exports,
    private readonly model: Model,
  ) {}

  /**
   * Instantiates a guest on `engine` (V8's WebAssembly, or an object of its shape such as the interpreter); the
   * waPC imports it may reference are served by `hostCall` (or refused).
   */
  static async instantiate(
    bytes: Uint8Array,
    model: Model,
    hostCall?: HostCallFn,
    engine: Pick<typeof WebAssembly, "compile" | "instantiate"> = WebAssembly,
  ): Promise<SpecDirectCaller> {
    let ex!: Exports;
    let response: Uint8Array = new Uint8Array();
    let error: Uint8Array = new Uint8Array();
    const mem = () => new Uint8Array(ex.memory.buffer);
    const str = (ptr: number, len: number) => fromUtf8.decode(mem().subarray(ptr, ptr + len));
    const wapc = {
      __host_call(bd: number, bdLen: number, ns: number, nsLen: number, op: number, opLen: number, ptr: number, len: number) {
        try {
          if (!hostCall) throw new Error("no host calls in this test");
          response = hostCall(str(bd, bdLen), str(ns, nsLen), str(op, opLen), mem().slice(ptr, ptr + len));
          return 1;
        } catch (e) {
          error = utf8.encode((e as Error).message);
          return 0;
        }
      },
      __host_response: (ptr: number) => mem().set(response, ptr),
      __host_response_len: () => response.length,
      __host_error: (ptr: number) => mem().set(error, ptr),
      __host_error_len: () => error.length,
      __console_log: () => undefined,
      __guest_request: () => {
        throw new Error("direct calls never fetch a waPC request");
      },
      __guest_response: () => undefined,
      __guest_error: () => undefined,
    };
    const instance = await engine.instantiate(await engine.compile(bytes as Uint8Array<ArrayBuffer>), { wapc });
    ex = instance.exports as unknown as Exports;
    return new SpecDirectCaller(ex, model);
  }

  /** The export names of the operations this guest speaks the direct ABI for. */
  operations(): string[] {
    return Object.keys(this.ex).filter((k) => k.startsWith("__widl_op_"));
  }

  private op(name: string): OperationDef {
    const op = [...this.model.interface.operations, ...this.model.roles.flatMap((r) => r.operations)].find(
      (o) => o.name === name,
    );
    if (!op) throw new Error(`no operation ${name}`);
    return op;
  }

  private lower(d: DirectLowering, v: unknown): unknown[] {
    switch (d.abi) {
      case "i32":
        return [d.bool ? (v ? 1 : 0) : (v as number) | 0];
      case "i64":
        return [BigInt.asIntN(64, v as bigint)];
      case "f32":
      case "f64":
        return [v];
      case "ptrlen": {
        // A test may pass raw bytes for a string, to send invalid UTF-8.
        const bytes = typeof v === "string" ? utf8.encode(v) : (v as Uint8Array);
        if (bytes.length === 0) return [0, 0];
        const ptr = this.ex.__widl_malloc(bytes.length, 1);
        new Uint8Array(this.ex.memory.buffer, ptr, bytes.length).set(bytes);
        return [ptr, bytes.length];
      }
    }
  }

  private takeBytes(): Uint8Array {
    const area = new DataView(this.ex.memory.buffer, this.ex.__widl_ret_area(), 16);
    const ptr = area.getUint32(0, true);
    const len = area.getUint32(4, true);
    const out = new Uint8Array(this.ex.memory.buffer, ptr, len).slice();
    if (len > 0) this.ex.__widl_free(ptr, len, 1);
    return out;
  }

  private lift(d: DirectResultLowering): unknown {
    const area = () => new DataView(this.ex.memory.buffer, this.ex.__widl_ret_area(), 16);
    switch (d.abi) {
      case "void":
        return undefined;
      case "i32":
        return d.bool ? area().getInt32(0, true) !== 0 : d.unsigned ? area().getUint32(0, true) : area().getInt32(0, true);
      case "i64":
        return d.unsigned ? area().getBigUint64(0, true) : area().getBigInt64(0, true);
      case "f32":
        return area().getFloat32(0, true);
      case "f64":
        return area().getFloat64(0, true);
      case "ptrlen": {
        const bytes = this.takeBytes();
        return d.content === "string" ? fromUtf8.decode(bytes) : bytes;
      }
    }
  }

  /**
   * Calls `__widl_op_<name>` with JS values: numbers, bigints, booleans, strings, and `Uint8Array` for
   * bytes and for msgpack-lowered values (pre-encoded by the caller). A msgpack result comes back as bytes.
   */
  call(name: string, ...args: unknown[]): unknown {
    const op = this.op(name);
    const fn = this.ex[`__widl_op_${name}`];
    if (!fn) throw new Error(`the guest does not export __widl_op_${name}`);
    const wasmArgs = op.params.flatMap((p, i) => this.lower(p.direct, args[i]));
    const status = fn(...wasmArgs);
    if (status === 1) throw new SpecDirectCallError(fromUtf8.decode(this.takeBytes()));
    if (status !== 0) throw new Error(`status ${status} from __widl_op_${name}`);
    return this.lift(op.directResult);
  }

  /** The size of linear memory, to check that repeated calls do not leak. */
  memoryBytes(): number {
    return this.ex.memory.buffer.byteLength;
  }
}
