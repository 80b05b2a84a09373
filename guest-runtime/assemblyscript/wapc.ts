/**
 * The waPC protocol, guest side: the `wapc` imports, the request/response exchange behind `__guest_call`,
 * error reporting through `__guest_error`, and calls to the host. See docs/abi.md ("waPC").
 */

import { Decoder } from "./decoder";
import { Encoder } from "./encoder";
import { takeFailure } from "./guest-error";
import { sharedDecoder, sharedEncoder } from "./shared";
import { Result } from "./values";

// @ts-ignore: decorator
@external("wapc", "__guest_request")
declare function __guest_request(op_ptr: usize, payload_ptr: usize): void;
// @ts-ignore: decorator
@external("wapc", "__guest_response")
declare function __guest_response(ptr: usize, len: usize): void;
// @ts-ignore: decorator
@external("wapc", "__guest_error")
declare function __guest_error(ptr: usize, len: usize): void;
// @ts-ignore: decorator
@external("wapc", "__host_call")
declare function __host_call(
  bd_ptr: usize, bd_len: usize,
  ns_ptr: usize, ns_len: usize,
  op_ptr: usize, op_len: usize,
  ptr: usize, len: usize,
): i32;
// @ts-ignore: decorator
@external("wapc", "__host_response")
declare function __host_response(ptr: usize): void;
// @ts-ignore: decorator
@external("wapc", "__host_response_len")
declare function __host_response_len(): usize;
// @ts-ignore: decorator
@external("wapc", "__host_error")
declare function __host_error(ptr: usize): void;
// @ts-ignore: decorator
@external("wapc", "__host_error_len")
declare function __host_error_len(): usize;
// @ts-ignore: decorator
@external("wapc", "__console_log")
declare function __console_log(ptr: usize, len: usize): void;

// The current request lives in one block outside the garbage-collected heap, grown as needed and reused
// by every call: a call allocates nothing for its request. Decoded strings are copies, so nothing points
// into the block after a call.
let requestBlock: usize = 0;
let requestCapacity: usize = 0;
let opPtr: usize = 0;
let opLen: usize = 0;
let payloadPtr: usize = 0;
let payloadLen: usize = 0;

// Responses are encoded into one reused block too: the host copies a response when `__guest_response`
// is called, so the block is free again as soon as that returns.
let responseBlock: usize = 0;
let responseCapacity: usize = 0;

/** Grows a reused block to at least `size` bytes (and at least 1, so the block always exists). */
function reserve(block: usize, capacity: usize, size: usize): usize {
  if (block != 0 && size <= capacity) return block;
  if (block != 0) heap.free(block);
  return heap.alloc(size > 64 ? size : 64);
}

/**
 * Starts a call: fetches the operation name and payload from the host with one `__guest_request`.
 * The glue's `__guest_call` calls this first, then dispatches with `operationIs`.
 */
export function receiveRequest(operationLength: usize, payloadLength: usize): void {
  const size = operationLength + payloadLength;
  const block = reserve(requestBlock, requestCapacity, size);
  if (block != requestBlock) {
    requestBlock = block;
    requestCapacity = size > 64 ? size : 64;
  }
  opPtr = block;
  opLen = operationLength;
  payloadPtr = block + operationLength;
  payloadLen = payloadLength;
  __guest_request(opPtr, payloadPtr);
}

/**
 * Whether the current operation is `name`. It compares the request's bytes with the name in place, with
 * no string decoded and no map lookup (faster; see bench/assemblyscript-dispatch.ts for the figure).
 * Operation names are WIDL identifiers, which are ASCII: one UTF-16 unit per byte.
 */
// @ts-ignore: decorator
@inline export function operationIs(name: string): bool {
  const len = <usize>name.length;
  if (len != opLen) return false;
  const chars = changetype<usize>(name);
  for (let i: usize = 0; i < len; i++) {
    if (<u16>load<u8>(opPtr + i) != load<u16>(chars + (i << 1))) return false;
  }
  return true;
}

/** The current operation's name, decoded; for messages only (dispatch uses `operationIs`). */
export function operationName(): string {
  return String.UTF8.decodeUnsafe(opPtr, opLen);
}

/** A decoder over the current call's payload. */
export function requestDecoder(): Decoder {
  return sharedDecoder().reset(payloadPtr, payloadLen);
}

/** An encoder with room for a response of `size` bytes (computed by a `Sizer`). */
export function responseEncoder(size: i32): Encoder {
  const block = reserve(responseBlock, responseCapacity, <usize>size);
  if (block != responseBlock) {
    responseBlock = block;
    responseCapacity = size > 64 ? <usize>size : 64;
  }
  return sharedEncoder().reset(block);
}

/** Hands the encoded response to the host; returns the `__guest_call` success status. */
export function respond(encoder: Encoder): i32 {
  __guest_response(encoder.ptr, <usize>encoder.length);
  return 1;
}

/** Responds with an empty payload, the result of a void operation. */
export function respondEmpty(): i32 {
  __guest_response(0, 0);
  return 1;
}

/** Reports `message` through `__guest_error`; returns the `__guest_call` error status. */
export function respondError(message: string): i32 {
  const bytes = String.UTF8.encode(message);
  __guest_error(changetype<usize>(bytes), <usize>bytes.byteLength);
  return 0;
}

/** Reports the error a handler gave to `fail`. */
export function respondFailure(): i32 {
  return respondError(takeFailure());
}

/** Reports arguments that did not decode, naming the operation and (through the decoder) the field. */
export function respondDecodeError(operation: string, decoder: Decoder): i32 {
  return respondError("invalid input for " + operation + ": " + (decoder.error as string));
}

/** Reports an operation the guest does not know. */
export function respondUnknownOperation(): i32 {
  return respondError("unknown operation: " + operationName());
}

/** Reports an operation whose handler the guest never registered. */
export function respondNoHandler(operation: string): i32 {
  return respondError("no handler registered for " + operation);
}

/**
 * Calls the host with a msgpack payload: one `__host_call`, then `__host_response` or `__host_error`.
 * The generated `Host` clients build on this; it is public for hand-written calls too.
 */
export function hostCall(binding: string, namespace: string, operation: string, payload: ArrayBuffer): Result<ArrayBuffer> {
  const bd = String.UTF8.encode(binding);
  const ns = String.UTF8.encode(namespace);
  const op = String.UTF8.encode(operation);
  const ok = __host_call(
    changetype<usize>(bd), <usize>bd.byteLength,
    changetype<usize>(ns), <usize>ns.byteLength,
    changetype<usize>(op), <usize>op.byteLength,
    changetype<usize>(payload), <usize>payload.byteLength,
  );
  if (ok == 0) {
    const message = new ArrayBuffer(<i32>__host_error_len());
    __host_error(changetype<usize>(message));
    return Result.err<ArrayBuffer>(String.UTF8.decode(message));
  }
  const response = new ArrayBuffer(<i32>__host_response_len());
  __host_response(changetype<usize>(response));
  return Result.ok<ArrayBuffer>(response);
}

/** The error result of a host call whose response did not decode. */
export function invalidHostResponse<T>(operation: string, decoder: Decoder): Result<T> {
  return Result.err<T>("invalid response from host operation " + operation + ": " + (decoder.error as string));
}

/** Logs a message through the host's `__console_log`. */
export function consoleLog(message: string): void {
  const bytes = String.UTF8.encode(message);
  __console_log(changetype<usize>(bytes), <usize>bytes.byteLength);
}

/**
 * An `abort` that reports the message through `__guest_error` before trapping, for hosts that provide no
 * `env.abort` import (such as @wapc/host). Compile with
 * `--use abort=~lib/widl-bindgen/guest-runtime/assemblyscript/wapc/wapcAbort`; our host supports `env.abort`
 * and needs none of this.
 *
 * asc compiles the file of the `abort` it is given into the runtime's own paths. This file must therefore
 * hold no global that the garbage collector manages: with such globals here (the shared decoder and
 * encoder, now in ./shared.ts) a guest built this way failed the collector's checks after about a hundred
 * calls (test/assemblyscript/interop-wapc-host.test.ts, the strings case).
 */
let aborting = false;

export function wapcAbort(message: string | null = null, fileName: string | null = null, line: u32 = 0, column: u32 = 0): void {
  // An abort while reporting an abort (say, the shadow stack is exhausted) must not recurse: trap at once.
  if (aborting) unreachable();
  aborting = true;
  let text = message !== null ? message : "abort";
  if (fileName !== null) text += " (" + fileName + ":" + line.toString() + ":" + column.toString() + ")";
  respondError(text);
  unreachable();
}
