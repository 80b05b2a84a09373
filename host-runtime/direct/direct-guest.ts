/**
 * The host side of the direct ABI (docs/abi.md, "direct"): one export per operation, numbers as wasm values,
 * strings, bytes and composites through `__widl_malloc` and (ptr, len), results in the return area.
 *
 * Generated `typescript-host` stubs (`abi: direct`) drive a `DirectGuest` with one short method per operation:
 *
 * ```ts
 * const g = this.guest.enter("echo");
 * try {
 *   return g.takeString(g.exports.__widl_op_echo(g.passString(s, "s"), g.len));
 * } catch (e) {
 *   throw g.fail(e);
 * } finally {
 *   g.leave();
 * }
 * ```
 *
 * `pass*` lowers one argument and returns its wasm value (for a (ptr, len) pair the pointer, leaving the length in
 * `len`, which the next argument expression reads: JS evaluates arguments left to right). `take*` checks the
 * status the export returned and lifts the result. `fail` turns whatever was thrown into the error the caller
 * sees, recovering like `WapcHost` after a trap. The helpers live here, not in the generated code, so that each
 * rule is written once; bench/abi.ts measures the stubs against an inline floor.
 */
import { GuestProtocolError, ReentrantCallError } from "../errors.js";
import { decodeUtf8, type GuestMemory } from "../guest-memory.js";
import type { LoadedGuest } from "../loaded-guest.js";
import { ProtocolLayer } from "../protocol-layer.js";
import { directExportName } from "../vocabulary.js";
import { DecodeError, EncodeError, withOperation } from "../wire/errors.js";
import * as wire from "../wire/types.js";
import type { BigIntWire, EnumWire, IntName, IntWire, WireType } from "../wire/types.js";
import {
  checkBytes,
  checkString,
  decodeComposite,
  encodeComposite,
  liftEnum,
  liftInt,
  lowerBigInt,
  lowerBool,
  lowerEnum,
  lowerFloat,
  lowerInt,
} from "./lowering.js";
import { ASCII_LOOP_MAX, readUtf8, utf8Length, writeAscii, writeUtf8 } from "./utf8.js";

/** The direct-ABI exports of a module, by name; generated stubs narrow it to their operations' signatures. */
export type DirectExports = Readonly<Record<string, unknown>>;

type Malloc = (size: number, align: number) => number;
type Free = (ptr: number, size: number, align: number) => void;

const EMPTY = new Uint8Array(0);

/**
 * An argument already lowered on another thread (see `invokeLowered`): a wasm value, or the contents of a
 * (ptr, len) block: a string's text, or bytes (a `bytes` value, or a composite already encoded as msgpack).
 */
export type LoweredArgument = number | bigint | string | Uint8Array;

/**
 * How `invokeLowered` takes a result: the `take*` helper to use. Enums come back as their `i32` and composites as
 * the msgpack `bytes`; whoever holds the type descriptor checks or decodes them (`liftEnum`, `decodeComposite`).
 */
export type LoweredResult = "void" | "bool" | IntName | "i64" | "u64" | "f32" | "f64" | "string" | "bytes";

/** The exports every direct-ABI module has (docs/abi.md, "Detection"). */
export const directAbiExports = ["__widl_malloc", "__widl_free", "__widl_ret_area"] as const;

/**
 * The direct ABI over a loaded guest: its allocator and return area, and the lowering and lifting helpers generated
 * stubs call. Loaded as `WapcHost` loads (a `LoadedGuest`: the same imports, errors and trap recovery); for a module
 * that exports both ABIs, `WapcHost.over(guest.loaded)` speaks waPC with the same instance.
 */
export class DirectGuest<E extends object = DirectExports> extends ProtocolLayer {
  /**
   * The current instance's exports, typed by the generated stub (`__widl_op_<name>` signatures). Replaced when the
   * instance is re-created after a trap, so read it per call, never keep it.
   */
  exports!: E;
  /** The byte length of the (ptr, len) argument the last `pass*` call lowered; (0, 0) for an empty one. */
  len = 0;

  private malloc: Malloc = () => {
    throw this.notInstantiated();
  };
  private freeBlock: Free = () => {
    throw this.notInstantiated();
  };
  private retArea = 0;
  private required: readonly string[] = [];
  /** The operation running, for errors. */
  private operation = "";
  /** Blocks lowered for the running call and not yet handed to the guest, freed if lowering a later one fails. */
  private pending = 0;
  private pendingPtrs: number[] = [];
  private pendingLens: number[] = [];
  /** The error `take*` made from a status 1, passed through `fail` unchanged. */
  private reported: unknown = undefined;
  /** Exports written in JS, laid over each instance's (`instantiateLocal`). */
  private localExports: ((memory: WebAssembly.Memory) => Readonly<Record<string, unknown>>) | undefined;

  /**
   * Speaks the direct ABI with a guest that is already loaded, e.g. the one a `WapcHost` drives
   * (`DirectGuest.over(host.loaded)`): one instance, one state, one trap recovery. Throws `GuestProtocolError` if
   * the module does not export the direct ABI's allocator.
   */
  static over<E extends object = DirectExports>(guest: LoadedGuest): DirectGuest<E> {
    const direct = new DirectGuest<E>();
    direct.use(guest);
    return direct;
  }

  /**
   * Instantiates, synchronously, a module that only holds memory, with the allocator and operation exports
   * written in JS laid over it: how a local TypeScript guest runs behind the direct-ABI class
   * (host-runtime/local/local-direct-guest.ts), through every `pass*` / `take*` of a wasm guest. `exports` is
   * called again with the new memory whenever the instance is re-created.
   */
  instantiateLocal(module: WebAssembly.Module, exports: (memory: WebAssembly.Memory) => Readonly<Record<string, unknown>>): this {
    this.localExports = exports;
    this.useLocal(module);
    return this;
  }

  /**
   * Checks that the module exports `__widl_op_<name>` for each operation, now and after every re-creation; a
   * generated stub calls it with its operations so a wrong module fails at load, naming what is missing.
   */
  requireOperations(operations: readonly string[]): this {
    this.required = operations;
    this.requireGuest();
    this.checkOperations(this.exports as WebAssembly.Exports);
    return this;
  }

  // -------------------------------------------------------------------------------------------
  // A call: enter, lower the arguments, call the export, take the result, leave.

  /**
   * Starts a call of `operation`: re-creates the instance if the last call trapped, and resets the per-call
   * host-call state. Calls on one guest do not nest; a host function calling back into the same guest fails here.
   */
  enter(operation: string): this {
    return this.begin(operation, false);
  }

  /** `enter`, for a call that may wait for a host function's Promise (`invokeLoweredAsync` on the interpreter). */
  private begin(operation: string, suspendable: boolean): this {
    const state = this.state;
    if (state.busy) {
      throw new ReentrantCallError(`"${operation}" was invoked while "${state.operation}" is still running on this guest`, {
        operation,
      });
    }
    const guest = this.guest;
    if (guest === undefined) throw this.notInstantiated(operation);
    if (guest.broken) guest.recover();
    guest.meter();
    state.begin(operation, undefined, EMPTY, suspendable);
    this.operation = operation;
    this.guestMemory.operation = operation;
    this.pending = 0;
    return this;
  }

  /** Ends the call `enter` started; generated code calls it in a `finally`. */
  leave(): void {
    this.state.end();
    this.guestMemory.operation = undefined;
  }

  /**
   * Turns what a call threw into the error its caller sees. A guest's error status, and a value that does not fit
   * its type, leave the instance as it is (the arguments lowered so far are freed); anything else (a trap, an
   * abort, a bad pointer) marks it broken, to be re-created before the next call, as `WapcHost` does.
   */
  fail(error: unknown): unknown {
    if (error === this.reported || error instanceof EncodeError || error instanceof DecodeError) {
      this.reported = undefined;
      this.releasePending();
      return withOperation(error, this.operation);
    }
    this.pending = 0;
    return this.requireGuest().fail(error, this.operation, this.state.guestError);
  }

  // -------------------------------------------------------------------------------------------
  // Arguments (docs/abi.md, "Parameters")

  /** A `bool` as an i32. */
  passBool(value: boolean, param: string): number {
    return lowerBool(value, param);
  }

  /** An `i8`…`u32` as an i32 (`u32` with the same bits), range-checked as the codec does. */
  passInt(value: number, type: IntWire, param: string): number {
    return lowerInt(value, type, param);
  }

  /** An `i64` or `u64` as an i64 BigInt (`u64` with the same bits). */
  passBigInt(value: bigint, type: BigIntWire, param: string): bigint {
    return lowerBigInt(value, type, param);
  }

  /** An `f32` or `f64`. */
  passFloat(value: number, param: string): number {
    return lowerFloat(value, param);
  }

  /** An enum as its i32 value. */
  passEnum(value: number, type: EnumWire, param: string): number {
    return lowerEnum(value, type, param);
  }

  /**
   * A `string` as (ptr, len) of UTF-8 written straight into a block from `__widl_malloc`: ASCII by a JS loop while
   * short, else measured and written by `encodeInto` (thresholds in ./utf8.ts).
   */
  passString(value: string, param: string): number {
    const n = checkString(value, param).length;
    if (n === 0) return (this.len = 0);
    if (n <= ASCII_LOOP_MAX) {
      // Optimistically ASCII: UTF-8 length = UTF-16 length. Otherwise the block is the wrong size: free it.
      const ptr = this.alloc(n);
      if (writeAscii(value, this.guestMemory.bytes, ptr)) return ptr;
      this.pending--;
      this.freeBlock(ptr, n, 1);
    }
    const len = utf8Length(value);
    const ptr = this.alloc(len);
    writeUtf8(value, this.guestMemory.bytes, ptr, len);
    return ptr;
  }

  /** A `bytes` as (ptr, len), copied once, into guest memory. */
  passBytes(value: Uint8Array, param: string): number {
    const n = checkBytes(value, param).byteLength;
    if (n === 0) return (this.len = 0);
    const ptr = this.alloc(n);
    this.guestMemory.bytes.set(value, ptr);
    return ptr;
  }

  /**
   * Any other type as (ptr, len) of msgpack, by the same wire codec as waPC payloads; the encoded bytes are copied
   * once, from the codec's reused buffer into guest memory.
   */
  passMsgpack(type: WireType, value: unknown, param: string): number {
    const encoded = encodeComposite(type, value, param);
    const ptr = this.alloc(encoded.byteLength);
    this.guestMemory.bytes.set(encoded, ptr);
    return ptr;
  }

  // -------------------------------------------------------------------------------------------
  // Results (docs/abi.md, "Result and status")

  /** A void result. */
  takeVoid(status: number): void {
    this.handOver(status);
  }

  /** A `bool` result. */
  takeBool(status: number): boolean {
    this.handOver(status);
    return this.guestMemory.view.getInt32(this.retArea, true) !== 0;
  }

  /** An `i8`…`u32` result, checked against its range: guest data is untrusted. */
  takeInt(status: number, type: IntWire): number {
    this.handOver(status);
    const view = this.guestMemory.view;
    return liftInt(type.max > 0x7fffffff ? view.getUint32(this.retArea, true) : view.getInt32(this.retArea, true), type);
  }

  /** An `i64` or `u64` result. */
  takeBigInt(status: number, type: BigIntWire): bigint {
    this.handOver(status);
    const view = this.guestMemory.view;
    return type.max > 0x7fffffffffffffffn ? view.getBigUint64(this.retArea, true) : view.getBigInt64(this.retArea, true);
  }

  /** An `f32` result. */
  takeF32(status: number): number {
    this.handOver(status);
    return this.guestMemory.view.getFloat32(this.retArea, true);
  }

  /** An `f64` result. */
  takeF64(status: number): number {
    this.handOver(status);
    return this.guestMemory.view.getFloat64(this.retArea, true);
  }

  /** An enum result, checked to be one of its values. */
  takeEnum(status: number, type: EnumWire): number {
    this.handOver(status);
    return liftEnum(this.guestMemory.view.getInt32(this.retArea, true), type);
  }

  /** A `string` result, decoded in place (fatal on malformed UTF-8) and then freed. */
  takeString(status: number): string {
    this.handOver(status);
    const len = this.resultBlock();
    if (len === 0) return "";
    const ptr = this.blockPtr;
    try {
      return readUtf8(this.guestMemory.bytes, ptr, len);
    } catch (error) {
      if (error instanceof TypeError) throw new DecodeError("string is not valid UTF-8").within("result");
      throw error;
    } finally {
      this.freeBlock(ptr, len, 1);
    }
  }

  /** A `bytes` result: one copy, since the caller keeps it after the guest's block is freed. */
  takeBytes(status: number): Uint8Array {
    this.handOver(status);
    const len = this.resultBlock();
    if (len === 0) return new Uint8Array(0);
    const ptr = this.blockPtr;
    try {
      return this.guestMemory.bytes.slice(ptr, ptr + len);
    } finally {
      this.freeBlock(ptr, len, 1);
    }
  }

  /**
   * A msgpack result, decoded and checked in place by the wire codec, then freed. The codec copies every `bytes`
   * and `raw` it returns; only `any` values may hold views of their input, so types holding `any` are decoded from
   * one copy of the block.
   */
  takeMsgpack(status: number, type: WireType): unknown {
    this.handOver(status);
    const len = this.resultBlock();
    const ptr = this.blockPtr;
    try {
      return decodeComposite(this.guestMemory.bytes.subarray(ptr, ptr + len), type, false);
    } finally {
      if (len !== 0) this.freeBlock(ptr, len, 1);
    }
  }

  // -------------------------------------------------------------------------------------------
  // A whole call from arguments lowered elsewhere (a pool worker, or `DirectAsyncGuest` in-process)

  /**
   * Runs `__widl_op_<operation>` with arguments lowered by the `lowering.ts` rules on another thread: wasm values
   * pass as they are, strings and byte blocks are written into guest memory by `passString` / `passBytes`, and the
   * result is taken by the `take*` helper `result` names. The same enter / fail / leave as a generated stub.
   */
  invokeLowered(operation: string, result: LoweredResult, args: readonly LoweredArgument[]): unknown {
    const g = this.enter(operation);
    try {
      return this.takeLowered(result, this.loweredExport(operation)(...this.writeLowered(args)));
    } catch (e) {
      throw g.fail(e);
    } finally {
      g.leave();
    }
  }

  /**
   * `invokeLowered` for a call that may suspend: on the interpreter engine the export runs in slices that yield to
   * the event loop, a host function may return a Promise (the guest waits for it in-process) and `timeoutMs`
   * applies; calls on one guest run one after another. On V8 the export runs to its end, as in `invokeLowered`
   * (a host function's Promise is then answered with `AsyncHostCallError`). `DirectAsyncGuest` calls it for
   * generated `<Class>.loadAsync` clients.
   */
  invokeLoweredAsync(operation: string, result: LoweredResult, args: readonly LoweredArgument[]): Promise<unknown> {
    let guest: LoadedGuest;
    try {
      guest = this.requireGuest();
    } catch (error) {
      return Promise.reject(error);
    }
    return guest.exclusive(async () => {
      const g = this.begin(operation, guest.suspends);
      try {
        this.loweredExport(operation);
        const status = (await guest.callSuspending(directExportName(operation), this.writeLowered(args))) as number;
        return this.takeLowered(result, status);
      } catch (e) {
        throw g.fail(e);
      } finally {
        g.leave();
      }
    });
  }

  /** The export of `operation`, which a lowered call names by string; a `GuestProtocolError` if there is none. */
  private loweredExport(operation: string): (...values: (number | bigint)[]) => number {
    const fn = (this.exports as Readonly<Record<string, unknown>>)[directExportName(operation)];
    if (typeof fn !== "function") {
      throw new GuestProtocolError(`the guest does not export the direct-ABI operation ${directExportName(operation)}`, { operation });
    }
    return fn as (...values: (number | bigint)[]) => number;
  }

  /** The wasm values of lowered arguments: strings and byte blocks written into guest memory as (ptr, len). */
  private writeLowered(args: readonly LoweredArgument[]): (number | bigint)[] {
    const values: (number | bigint)[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (typeof arg === "string") values.push(this.passString(arg, String(i)), this.len);
      else if (arg instanceof Uint8Array) values.push(this.passBytes(arg, String(i)), this.len);
      else values.push(arg);
    }
    return values;
  }

  /** Takes the result of a lowered call by the `take*` helper `result` names. */
  private takeLowered(result: LoweredResult, status: number): unknown {
    switch (result) {
      case "void":
        return this.takeVoid(status);
      case "bool":
        return this.takeBool(status);
      case "i64":
      case "u64":
        return this.takeBigInt(status, wire[result]);
      case "f32":
        return this.takeF32(status);
      case "f64":
        return this.takeF64(status);
      case "string":
        return this.takeString(status);
      case "bytes":
        return this.takeBytes(status);
      default:
        return this.takeInt(status, wire[result]);
    }
  }

  // -------------------------------------------------------------------------------------------

  /** The pointer of the block `resultBlock` read last. */
  private blockPtr = 0;

  /** Reads (ptr, len) from the return area, checks it lies in memory, leaves ptr in `blockPtr` and returns len. */
  private resultBlock(): number {
    const view = this.guestMemory.view;
    const ptr = view.getUint32(this.retArea, true);
    const len = view.getUint32(this.retArea + 4, true);
    this.guestMemory.check(ptr, len, `the result of ${directExportName(this.operation)}`);
    this.blockPtr = ptr;
    return len;
  }

  /** The export returned: the guest owns the arguments now. A status other than 0 becomes the error thrown. */
  private handOver(status: number): void {
    this.pending = 0;
    if (status !== 0) throw this.failure(status);
  }

  private failure(status: number): unknown {
    const operation = this.operation;
    if (status !== 1) {
      return new GuestProtocolError(`${directExportName(operation)} returned status ${status}; expected 0 or 1`, { operation });
    }
    const len = this.resultBlock();
    const ptr = this.blockPtr;
    // Lenient decoding: the message is only ever displayed.
    const message = len === 0 ? undefined : decodeUtf8(this.guestMemory.bytes.subarray(ptr, ptr + len));
    if (len !== 0) this.freeBlock(ptr, len, 1);
    const error = this.state.guestFailure(operation, message);
    this.reported = error;
    return error;
  }

  /** Allocates a block of `size` (> 0) bytes for an argument, checks it lies in memory, and sets `len`. */
  private alloc(size: number): number {
    const ptr = this.malloc(size, 1) >>> 0;
    this.guestMemory.check(ptr, size, "__widl_malloc");
    const i = this.pending++;
    this.pendingPtrs[i] = ptr;
    this.pendingLens[i] = size;
    this.len = size;
    return ptr;
  }

  private releasePending(): void {
    const n = this.pending;
    this.pending = 0;
    try {
      for (let i = 0; i < n; i++) this.freeBlock(this.pendingPtrs[i]!, this.pendingLens[i]!, 1);
    } catch {
      // The allocator itself failed: the instance cannot be trusted any more.
      this.requireGuest().broken = true;
    }
  }

  protected adopt(instance: WebAssembly.Instance, memory: GuestMemory): void {
    const exports: WebAssembly.Exports =
      this.localExports === undefined
        ? instance.exports
        : ({ ...instance.exports, ...this.localExports(instance.exports.memory as WebAssembly.Memory) } as WebAssembly.Exports);
    const missing = directAbiExports.filter((name) => typeof exports[name] !== "function");
    if (missing.length > 0) {
      throw new GuestProtocolError(`WebAssembly module does not speak the direct ABI: it does not export ${missing.join(", ")}`);
    }
    this.checkOperations(exports);
    const retArea = (exports.__widl_ret_area as () => number)() >>> 0;
    if (retArea % 8 !== 0) throw new GuestProtocolError(`__widl_ret_area returned ${retArea}, which is not 8-aligned`);
    memory.check(retArea, 16, "__widl_ret_area");
    this.retArea = retArea;
    this.malloc = exports.__widl_malloc as Malloc;
    this.freeBlock = exports.__widl_free as Free;
    this.exports = exports as unknown as E;
  }

  private checkOperations(exports: WebAssembly.Exports): void {
    const missing = this.required.filter((op) => typeof exports[directExportName(op)] !== "function");
    if (missing.length > 0) {
      throw new GuestProtocolError(
        `the guest does not export the direct-ABI operation${missing.length > 1 ? "s" : ""} ${missing.map(directExportName).join(", ")}`,
      );
    }
  }
}
