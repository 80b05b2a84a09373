/**
 * The direct ABI, guest side: the allocator exports, the return area, and the helpers each generated
 * `__widl_op_<name>` export uses to take its arguments and hand back its result or error.
 * See docs/abi.md ("direct").
 */

import { Decoder } from "./decoder";
import { Encoder } from "./encoder";
import { takeFailure } from "./guest-error";
import { readUtf8, tryWriteAscii } from "./utf8";

/** The return area: 16 bytes, 8-aligned, at a fixed address for the life of the instance. */
const RET_AREA: usize = memory.data(16, 8);

/**
 * Allocates `size` bytes for the host. The heap's blocks are 16-aligned, which covers every alignment
 * the ABI allows (at most 8). Blocks live outside the garbage collector, so the host may hold them across
 * calls until it frees them. Traps when memory is exhausted.
 */
export function __widl_malloc(size: usize, align: usize): usize {
  return heap.alloc(size);
}

/** Frees a block from `__widl_malloc` (or a result the guest allocated for the host). */
export function __widl_free(ptr: usize, size: usize, align: usize): void {
  if (ptr != 0) heap.free(ptr);
}

/** The address of the return area. */
export function __widl_ret_area(): usize {
  return RET_AREA;
}

// ---- arguments ----

/** Decodes a UTF-8 string argument and frees its block. */
export function takeString(ptr: usize, len: usize): string {
  if (len == 0) return "";
  const s = readUtf8(ptr, len);
  heap.free(ptr);
  return s;
}

/** Copies a bytes argument into a buffer and frees its block. */
export function takeBytes(ptr: usize, len: usize): ArrayBuffer {
  const out = new ArrayBuffer(<i32>len);
  if (len == 0) return out;
  memory.copy(changetype<usize>(out), ptr, len);
  heap.free(ptr);
  return out;
}

/** A decoder over a msgpack argument; `release` the block once decoded. */
export function argDecoder(ptr: usize, len: usize): Decoder {
  return new Decoder(ptr, len);
}

/** Frees an argument's block after decoding. */
export function release(ptr: usize, len: usize): void {
  if (len != 0) heap.free(ptr);
}

// ---- results: each returns the export's status, 0 = success ----

export function returnVoid(): i32 {
  return 0;
}

export function returnI32(v: i32): i32 {
  store<i32>(RET_AREA, v);
  return 0;
}

export function returnI64(v: i64): i32 {
  store<i64>(RET_AREA, v);
  return 0;
}

export function returnF32(v: f32): i32 {
  store<f32>(RET_AREA, v);
  return 0;
}

export function returnF64(v: f64): i32 {
  store<f64>(RET_AREA, v);
  return 0;
}

// @ts-ignore: decorator
@inline function returnBlock(ptr: usize, len: usize): void {
  store<u32>(RET_AREA, <u32>ptr);
  store<u32>(RET_AREA, <u32>len, 4);
}

/** Encodes a string result into a new block that the host reads in place and frees. */
export function returnString(v: string): i32 {
  const units = <usize>v.length;
  if (units == 0) {
    returnBlock(0, 0);
    return 0;
  }
  // Most strings are ASCII: one byte per unit, written in one pass. Otherwise, measure and encode.
  let ptr = heap.alloc(units);
  if (tryWriteAscii(v, ptr)) {
    returnBlock(ptr, units);
    return 0;
  }
  heap.free(ptr);
  const len = <usize>String.UTF8.byteLength(v);
  ptr = heap.alloc(len);
  String.UTF8.encodeUnsafe(changetype<usize>(v), v.length, ptr);
  returnBlock(ptr, len);
  return 0;
}

/** Copies a bytes result into a new block that the host reads in place and frees. */
export function returnBytes(v: ArrayBuffer): i32 {
  const len = <usize>v.byteLength;
  if (len == 0) {
    returnBlock(0, 0);
    return 0;
  }
  const ptr = heap.alloc(len);
  memory.copy(ptr, changetype<usize>(v), len);
  returnBlock(ptr, len);
  return 0;
}

/** An encoder over a new block of `size` bytes for a msgpack result; finish with `returnEncoded`. */
export function resultEncoder(size: i32): Encoder {
  return new Encoder(heap.alloc(<usize>size));
}

/** Hands a msgpack result written by `resultEncoder` to the host. */
export function returnEncoded(encoder: Encoder): i32 {
  returnBlock(encoder.ptr, <usize>encoder.length);
  return 0;
}

/** Reports an error message; returns the error status. */
export function returnError(message: string): i32 {
  const len = <usize>String.UTF8.byteLength(message);
  const ptr: usize = len == 0 ? 0 : heap.alloc(len);
  if (len != 0) String.UTF8.encodeUnsafe(changetype<usize>(message), message.length, ptr);
  returnBlock(ptr, len);
  return 1;
}

/** Reports the error a handler gave to `fail`. */
export function returnFailure(): i32 {
  return returnError(takeFailure());
}

/** Reports an argument that did not decode, naming the operation and the field. */
export function returnDecodeError(operation: string, decoder: Decoder): i32 {
  return returnError("invalid input for " + operation + ": " + (decoder.error as string));
}

/** Reports an enum argument whose value the schema does not define. */
export function returnInvalidEnum(operation: string, param: string, typeName: string, value: i32): i32 {
  return returnError("invalid input for " + operation + ": argument " + param + ": unknown " + typeName + " value " + value.toString());
}

/** Reports an operation whose handler the guest never registered. */
export function returnNoHandler(operation: string): i32 {
  return returnError("no handler registered for " + operation);
}
