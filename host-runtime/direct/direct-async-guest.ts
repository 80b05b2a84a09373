import type { Pool } from "../pool/pool.js";
import { withOperation } from "../wire/errors.js";
import type { BigIntWire, EnumWire, IntWire, WireType } from "../wire/types.js";
import { DirectGuest, type LoweredArgument, type LoweredResult } from "./direct-guest.js";
import {
  checkBytes,
  checkString,
  decodeComposite,
  encodeComposite,
  liftEnum,
  lowerBigInt,
  lowerBool,
  lowerEnum,
  lowerFloat,
  lowerInt,
} from "./lowering.js";

/** How an async stub names its result: `"void"`, or the result's descriptor (`wire.string`, `wire.u8`, `$Input`, …). */
export type DirectAsyncResult = "void" | WireType;

/**
 * The caller's side of a direct-ABI guest called asynchronously: what generated `<Class>.pool()` clients (a guest
 * in a worker pool, `createPool(…, { abi: "direct" })`) and `<Class>.loadAsync()` clients (a guest in-process on
 * the interpreter, which may suspend on a host role's Promise) call for `abi: direct`, one `call` per method:
 *
 * ```ts
 * handleInput(inp: Input): Promise<string> {
 *   return this.guest.call("handle_input", wire.string, (g) => [g.passMsgpack($Input, inp, "inp")]) as Promise<string>;
 * }
 * ```
 *
 * The work is split where the data is. Here, on the caller's side, the arguments are checked and lowered by the
 * same rules as `DirectGuest`'s `pass*` (host-runtime/direct/lowering.ts), composites encoded to msgpack by the
 * same codec, since only this thread holds the type descriptors (they hold functions and cannot cross threads).
 * Where the guest runs (a pool worker's `DirectGuest.invokeLowered`, or the in-process guest's
 * `invokeLoweredAsync`), strings and blocks are written into guest memory, the export is called and the result
 * taken with the same `take*` helpers. Enum and composite results, which need descriptors, are checked and
 * decoded back here by the same functions `takeEnum` and `takeMsgpack` use. Errors name the operation as
 * synchronous calls' do.
 */
export class DirectAsyncGuest {
  private readonly run: (operation: string, result: LoweredResult, args: LoweredArgument[]) => Promise<unknown>;

  /** Calls through a worker pool started with `abi: "direct"`, or through a guest loaded in-process. */
  constructor(target: Pool | DirectGuest<object>) {
    this.run =
      target instanceof DirectGuest
        ? (operation, result, args) => target.invokeLoweredAsync(operation, result, args)
        : (operation, result, args) => target.call(operation, [result, ...args]);
  }

  /**
   * Runs one operation: `lower` returns the lowered arguments, built with the `pass*` methods of its argument
   * (this object); `result` says how the result comes back.
   */
  async call(operation: string, result: DirectAsyncResult, lower: (g: this) => LoweredArgument[]): Promise<unknown> {
    let args: LoweredArgument[];
    try {
      args = lower(this);
    } catch (error) {
      throw withOperation(error, operation);
    }
    const taken = result === "void" ? "void" : takenAs(result);
    const value = await this.run(operation, taken === "msgpack" ? "bytes" : taken, args);
    if (result === "void" || (result.kind !== "enum" && taken !== "msgpack")) return value;
    try {
      return result.kind === "enum" ? liftEnum(value as number, result) : decodeComposite(value as Uint8Array, result, true);
    } catch (error) {
      throw withOperation(error, operation);
    }
  }

  /** A `bool` as an i32. */
  passBool(value: boolean, param: string): number {
    return lowerBool(value, param);
  }

  /** An `i8`…`u32` as an i32, range-checked. */
  passInt(value: number, type: IntWire, param: string): number {
    return lowerInt(value, type, param);
  }

  /** An `i64` or `u64` as an i64 BigInt. */
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

  /** A `string`, passed as it is; where the guest runs, its UTF-8 is written straight into guest memory. */
  passString(value: string, param: string): string {
    return checkString(value, param);
  }

  /** A `bytes`, passed as it is (copied into guest memory, or by structured clone; the caller keeps its own). */
  passBytes(value: Uint8Array, param: string): Uint8Array {
    return checkBytes(value, param);
  }

  /** Any other type, encoded to msgpack here: one copy out of the codec's reused buffer, passed on. */
  passMsgpack(type: WireType, value: unknown, param: string): Uint8Array {
    return encodeComposite(type, value, param).slice();
  }
}

/**
 * The `take*` for a result where the guest runs, by the direct-ABI lowering of its type (docs/abi.md, "Result and
 * status"). Composites come back as their msgpack bytes (`"bytes"`), marked here as `"msgpack"` to be decoded.
 */
function takenAs(type: WireType): LoweredResult | "msgpack" {
  switch (type.kind) {
    case "bool":
    case "string":
    case "bytes":
      return type.kind;
    case "int":
    case "bigint":
    case "float":
      return type.name;
    case "enum":
      return "i32";
    default:
      return "msgpack";
  }
}
