/**
 * The wire codec of generated TypeScript stubs: type descriptors (`wire.struct(…)`, `wire.i64`, …),
 * the per-operation codec, and the errors. See `./types.ts`, and `./encode.ts` and `./decode.ts` over
 * `./writer.ts` and `./reader.ts`.
 */
import * as wire from "./types.js";

/** The wire type descriptors generated stubs declare their types with: `wire.i32`, `wire.list(…)`, `wire.struct(…)`. */
export { wire };
export type { WireType, WireField, WireFieldInput, WireFieldOptions, StructWire, UnionWire } from "./types.js";
export { OperationCodec, encodeValue, decodeValue, type WireShape } from "./operation.js";
export { DecodeError, EncodeError } from "./errors.js";
export { fromJson, toJson } from "./json.js";
export { WireReader, MAX_DEPTH } from "./reader.js";
export { WireWriter } from "./writer.js";
export { readValue } from "./decode.js";
export { writeValue } from "./encode.js";
