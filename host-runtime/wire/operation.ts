/**
 * `OperationCodec`: the four payload conversions of one operation, shared by every caller of it.
 *
 * - a host stub (in-process or pooled) calls `encodeArgs` and `decodeResult`;
 * - a local TS guest calls `decodeArgs` and `encodeResult`, a host role's router `decodeArgs` and `encodeAnswer`;
 * - `serve` and `invoke --schema` call `argsFromJson` and `resultToJson`.
 *
 * One reused writer and reader serve every codec: encoding and decoding never call out to user code
 * partway, so they cannot be re-entered.
 */
import { isThenable } from "../thenable.js";
import type { WireShape } from "../vocabulary.js";
import { DecodeError, EncodeError, withOperation, withPath } from "./errors.js";
import { readValue } from "./decode.js";
import { writeValue } from "./encode.js";
import { WireReader } from "./reader.js";
import { MISSING } from "./struct-decoder.js";
import { WireWriter } from "./writer.js";
import { fromJson, toJson } from "./json.js";
import { toField, type WireField, type WireFieldInput, type WireType } from "./types.js";

/** How the arguments travel: a map keyed by parameter name, the one unary argument bare, or nothing. */
export type { WireShape };

const writer = new WireWriter();
const reader = new WireReader();
const EMPTY = new Uint8Array(0);

/**
 * The codec of one operation. `Args` is the tuple of its parameters in declaration order, `Result`
 * its result type (`void` for none).
 */
export class OperationCodec<Args extends readonly unknown[] = unknown[], Result = unknown> {
  readonly params: readonly WireField[];

  constructor(
    /** The operation name on the wire. */
    readonly name: string,
    readonly shape: WireShape,
    params: readonly WireFieldInput[],
    /** Undefined for a void result. */
    readonly result: WireType | undefined,
  ) {
    this.params = params.map(toField);
    if (shape === "bare" && this.params.length !== 1) throw new TypeError(`${name}: a bare payload needs one parameter`);
    if (shape === "empty" && this.params.length !== 0) throw new TypeError(`${name}: an empty payload has no parameters`);
  }

  /** The request payload for these arguments. Throws `EncodeError` naming the operation and parameter. */
  encodeArgs(args: Args): Uint8Array {
    if (this.shape === "empty") return EMPTY;
    writer.reset();
    const params = this.params;
    try {
      if (this.shape === "bare") {
        writeParam(params[0]!, args[0]);
      } else {
        writer.mapHeader(params.length);
        for (let i = 0; i < params.length; i++) {
          writer.bytes(params[i]!.keyBytes);
          writeParam(params[i]!, args[i]);
        }
      }
    } catch (e) {
      throw withOperation(e, this.name);
    }
    return writer.finish();
  }

  /** The arguments in a request payload, in declaration order. Throws `DecodeError`. */
  decodeArgs(payload: Uint8Array): Args {
    try {
      reader.reset(payload);
      if (this.shape === "empty") {
        if (payload.length === 0) return [] as unknown as Args;
        if (reader.mapLength() === undefined) throw reader.wrongType("an empty payload or a map");
        reader.pos = 0;
        reader.skip();
        finish(reader);
        return [] as unknown as Args;
      }
      if (this.shape === "bare") {
        const p = this.params[0]!;
        let v: unknown;
        try {
          v = readValue(reader, p.type);
        } catch (e) {
          throw withPath(e, p.wire);
        }
        finish(reader);
        return [v] as unknown as Args;
      }
      const values = readArgsMap(reader, this.params);
      finish(reader);
      return values as unknown as Args;
    } catch (e) {
      throw withOperation(e, this.name);
    }
  }

  /** The response payload for a result; empty for void. Throws `EncodeError`. */
  encodeResult(value: Result): Uint8Array {
    if (this.result === undefined) return EMPTY;
    writer.reset();
    try {
      writeValue(writer, this.result, value);
    } catch (e) {
      throw withOperation(withPath(e, "result"), this.name);
    }
    return writer.finish();
  }

  /**
   * The response payload for what a host role's implementation returned: `encodeResult` of the value, or, when it
   * answered with a Promise, a Promise of that. The runtime waits for such a Promise only where the guest can be
   * suspended (a pool, `invoke` on the interpreter); elsewhere the guest is answered with `AsyncHostCallError`.
   */
  encodeAnswer(answer: Result | PromiseLike<Result>): Uint8Array | Promise<Uint8Array> {
    if (!isThenable(answer)) return this.encodeResult(answer);
    return Promise.resolve(answer).then((value) => this.encodeResult(value));
  }

  /** The result in a response payload, checked against the schema. Throws `DecodeError`. */
  decodeResult(payload: Uint8Array): Result {
    if (this.result === undefined) {
      // Void: an empty payload; a lone nil is accepted from guests that write one.
      if (payload.length === 0 || (payload.length === 1 && payload[0] === 0xc0)) return undefined as Result;
      throw new DecodeError(`expected an empty payload for a void result, got ${payload.length} bytes`).during(this.name);
    }
    try {
      reader.reset(payload);
      if (payload.length === 0) throw new DecodeError("expected a value, got an empty payload");
      const v = readValue(reader, this.result);
      finish(reader);
      return v as Result;
    } catch (e) {
      throw withOperation(withPath(e, "result"), this.name);
    }
  }

  /**
   * The arguments from JSON, checked against the types: an object keyed by parameter name, or for a
   * unary operation the bare value. i64/u64 accept numbers and decimal strings, bytes base64,
   * datetime ISO strings, maps JSON objects. A parameter (or field) left out takes its WIDL default; no JSON
   * at all is the unary parameter's default. Throws `DecodeError` naming the parameter.
   */
  argsFromJson(json: unknown): Args {
    try {
      if (this.shape === "bare") {
        const p = this.params[0]!;
        // No JSON at all is the argument left out, as a TS caller may leave it out.
        if (json === undefined && p.default !== undefined) return [p.default()] as unknown as Args;
        try {
          return [fromJson(p.type, json)] as unknown as Args;
        } catch (e) {
          throw withPath(e, p.wire);
        }
      }
      if (json === undefined || json === null) json = {};
      if (typeof json !== "object" || Array.isArray(json)) {
        throw new DecodeError("expected a JSON object keyed by parameter name");
      }
      const obj = json as Record<string, unknown>;
      const known = new Set(this.params.map((p) => p.wire));
      for (const k of Object.keys(obj)) if (!known.has(k)) throw new DecodeError(`unknown parameter "${k}"`);
      return this.params.map((p) => {
        const present = Object.hasOwn(obj, p.wire);
        if (!present && p.default !== undefined) return p.default();
        const v = present ? obj[p.wire] : undefined;
        if (v === undefined && !p.optional) throw new DecodeError(`missing required parameter "${p.wire}"`);
        try {
          return fromJson(p.type, v, 1); // the object of arguments is a level, as on the wire
        } catch (e) {
          throw withPath(e, p.wire);
        }
      }) as unknown as Args;
    } catch (e) {
      throw withOperation(e, this.name);
    }
  }

  /** The result as JSON (i64 as a number when safe, else a string; bytes as base64). */
  resultToJson(value: Result): unknown {
    return this.result === undefined ? null : toJson(this.result, value);
  }
}

function writeParam(p: WireField, v: unknown): void {
  // Left out: the default, as the generated stubs' parameter initializers would have applied it.
  if (v === undefined && p.default !== undefined) v = p.default();
  if (v === undefined && !p.optional) throw new EncodeError(`missing required argument`).within(p.wire);
  try {
    writeValue(writer, p.type, v);
  } catch (e) {
    throw withPath(e, p.wire);
  }
}

function readArgsMap(r: WireReader, params: readonly WireField[]): unknown[] {
  const n = r.mapLength();
  if (n === undefined) throw r.wrongType("a map of arguments");
  // A parameter with a default starts as MISSING, so a key sent as nil (a present key wins) stays undefined.
  const values: unknown[] = params.map((p) => (p.default !== undefined ? MISSING : undefined));
  for (let i = 0; i < n; i++) {
    const len = r.strLength();
    if (len === undefined) {
      r.skip();
      r.skip();
      continue;
    }
    const name = r.utf8(len);
    const index = params.findIndex((p) => p.wire === name);
    if (index < 0) {
      r.skip();
      continue;
    }
    try {
      // The map of arguments is a level, as in the guests' decoders: its values are at depth 1.
      values[index] = readValue(r, params[index]!.type, 1);
    } catch (e) {
      throw withPath(e, name);
    }
  }
  params.forEach((p, i) => {
    if (values[i] === MISSING) values[i] = p.default!();
    else if (!p.optional && values[i] === undefined) throw new DecodeError(`missing required argument "${p.wire}"`);
  });
  return values;
}

function finish(r: WireReader): void {
  if (r.pos !== r.end) throw new DecodeError(`${r.end - r.pos} unexpected bytes after the value`);
}

/** Encodes one value of a type, outside any operation (tests, benchmarks, the direct ABI's composites). */
export function encodeValue(type: WireType, value: unknown): Uint8Array {
  writer.reset();
  writeValue(writer, type, value);
  return writer.finish();
}

/** Decodes one value of a type, checking it and that nothing follows. */
export function decodeValue(type: WireType, payload: Uint8Array): unknown {
  reader.reset(payload);
  const v = readValue(reader, type);
  finish(reader);
  return v;
}
