/**
 * The wire codec of generated TypeScript stubs: type descriptors (`wire.struct(…)`, `wire.i64`, …),
 * the per-operation codec, and the errors. See `./types.ts` and `./codec.ts`.
 */
import * as wire from "./types.js";

export { wire };
export type { WireType, WireField, WireFieldInput, WireFieldOptions, StructWire, UnionWire } from "./types.js";
export { OperationCodec, encodeValue, decodeValue, type WireShape } from "./operation.js";
export { DecodeError, EncodeError } from "./errors.js";
export { fromJson, toJson } from "./json.js";
export { WireReader, WireWriter, readValue, writeValue, MAX_DEPTH } from "./codec.js";
