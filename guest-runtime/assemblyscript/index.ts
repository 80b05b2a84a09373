/**
 * widl-bindgen's AssemblyScript guest runtime: msgpack, the waPC protocol and the direct ABI.
 * Generated glue imports it as `widl-bindgen/guest-runtime/assemblyscript` (see docs/codegen.md).
 */

export { Decoder, wireTypeName } from "./decoder";
export { Encoder, Sizer } from "./encoder";
export { sizer } from "./shared";
export { Box, Result } from "./values";
export { fail, hasFailed, takeFailure } from "./guest-error";
export {
  receiveRequest, operationIs, operationName, requestDecoder, responseEncoder, respond, respondEmpty,
  respondError, respondFailure, respondDecodeError, respondUnknownOperation, respondNoHandler,
  hostCall, invalidHostResponse, consoleLog, wapcAbort,
} from "./wapc";
export {
  __widl_malloc, __widl_free, __widl_ret_area,
  takeString, takeBytes, argDecoder, release,
  returnVoid, returnI32, returnI64, returnF32, returnF64, returnString, returnBytes,
  resultEncoder, returnEncoded, returnError, returnFailure, returnDecodeError, returnInvalidEnum, returnNoHandler,
} from "./direct";
