/**
 * JSON on one side, waPC payloads on the other: how `invoke` and `serve` turn the JSON a person or an HTTP
 * client sends into the msgpack a guest reads, and the guest's answer back into JSON.
 *
 * Two codecs implement the same interface. `genericCodec` knows nothing about the guest: JSON goes to msgpack
 * as it is (the book's wapc.js), and whatever comes back is decoded as msgpack if it is msgpack and shown as
 * text if it is not. A schema-backed codec (see `schema-codec.ts`) checks arguments against the operation's
 * WIDL types and names the wrong field.
 */
import { Decoder, Encoder } from "@msgpack/msgpack";
import { MAX_DEPTH } from "../wire/reader.js";

/** The caller's arguments do not fit the operation: bad JSON shape, a wrong type, a missing field. */
export class ArgumentError extends Error {
  /** Path of the offending value, e.g. `inp.x` or `items[2]`; undefined when the whole argument object is wrong. */
  readonly field: string | undefined;
  constructor(message: string, field?: string) {
    super(message);
    this.name = "ArgumentError";
    this.field = field;
  }
}

/** The operation is not one the guest's schema declares. */
export class UnknownOperationError extends Error {
  readonly operation: string;
  constructor(operation: string, known: readonly string[]) {
    super(`unknown operation "${operation}"${known.length > 0 ? `; the schema declares ${known.join(", ")}` : ""}`);
    this.name = "UnknownOperationError";
    this.operation = operation;
  }
}

/** Turns JSON arguments into a payload and a result payload into a JSON-ready value, for one guest. */
export interface OperationCodec {
  /**
   * The operations the guest is known to have, or undefined when the codec cannot know (no schema). Used for
   * 404s and for help text.
   */
  readonly operations: readonly string[] | undefined;
  /**
   * Encodes `args` (parsed JSON; undefined when none was given) for `operation`. Throws ArgumentError when the
   * arguments do not fit, UnknownOperationError when the operation is not declared.
   */
  encodeArguments(operation: string, args: unknown): Uint8Array;
  /** Decodes a successful result into a value `formatJson` can print (bigint, Uint8Array and Date allowed). */
  decodeResult(operation: string, payload: Uint8Array): unknown;
}

const EMPTY = new Uint8Array(0);

// One Encoder and one Decoder for every request: the one-shot `encode()` and `decode(…, options)` build new ones on
// each call, which showed in serve's profile (bench/serve.ts, P6). Both are used synchronously, never re-entered.
// Leaves count as a level for the Encoder: MAX_DEPTH containers (the codec's and the guests' limit) hold their
// scalars at MAX_DEPTH + 1. Deeper JSON is the client's error (400), not a stack overflow.
const encoder = new Encoder({ maxDepth: MAX_DEPTH + 1 });
const decoder = new Decoder({ useBigInt64: true });
const textDecoder = new TextDecoder("utf-8");
const strictText = new TextDecoder("utf-8", { fatal: true });

/** The schema-less codec: JSON → msgpack as is, and msgpack (or text) → JSON. */
export const genericCodec: OperationCodec = {
  operations: undefined,
  encodeArguments(_operation, args) {
    // No arguments at all is an empty payload, as for an operation without parameters.
    if (args === undefined) return EMPTY;
    try {
      return encoder.encode(args);
    } catch (e) {
      const message = (e as Error).message;
      throw new ArgumentError(/^Too deep/.test(message) ? `nesting deeper than ${MAX_DEPTH}` : `cannot encode the arguments: ${message}`);
    }
  },
  decodeResult(_operation, payload) {
    return decodeGeneric(payload);
  },
};

/**
 * Decodes a payload whose type is not known: empty is `null` (a void result), valid msgpack is its value, and
 * anything else (a guest that answers raw bytes, like @wapc/host's echo fixture) is shown as UTF-8 text.
 */
export function decodeGeneric(payload: Uint8Array): unknown {
  if (payload.length === 0) return null;
  // A lone short string (`check_word_exists` answers "true") without the Decoder's per-call setup, a DataView
  // among it (bench/serve.ts, P6). Invalid UTF-8 still goes the long way, to come back as text either way.
  const head = payload[0]!;
  if (head >= 0xa0 && head <= 0xbf && payload.length === 1 + (head & 0x1f)) {
    try {
      return strictText.decode(payload.subarray(1));
    } catch {
      // not UTF-8: below
    }
  }
  try {
    // int64-sized integers decode as bigint so they print exactly; smaller ones stay numbers.
    return decoder.decode(payload);
  } catch {
    return textDecoder.decode(payload);
  }
}

/**
 * Parses JSON text supplied by a user or a client, as an ArgumentError with the parser's reason on failure. V8's
 * JSON.parse does not recurse, so any nesting parses (the body size bounds it); the codecs bound it after.
 */
export function parseJsonArguments(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ArgumentError(`invalid JSON: ${(e as Error).message}`);
  }
}

/** As deep as the codec decodes (`MAX_DEPTH`), so any result it accepts can be printed. */
const MAX_JSON_DEPTH = MAX_DEPTH;

/**
 * JSON text for a decoded value. Unlike JSON.stringify it keeps bigints exact (as JSON numbers), writes bytes as
 * base64 strings (the same form `--schema` accepts for `bytes` arguments), dates as ISO strings, and Maps as
 * objects.
 */
export function formatJson(value: unknown, depth = 0): string {
  if (depth > MAX_JSON_DEPTH) throw new RangeError("value nested too deeply to print");
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      return Number.isFinite(value) ? String(value) : "null";
    case "bigint":
      return value.toString();
    case "boolean":
      return value ? "true" : "false";
    case "undefined":
      return "null";
    case "object": {
      if (value === null) return "null";
      if (value instanceof Uint8Array) return JSON.stringify(Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64"));
      if (value instanceof Date) return JSON.stringify(value.toISOString());
      if (Array.isArray(value)) return `[${value.map((v) => formatJson(v, depth + 1)).join(",")}]`;
      const entries: Iterable<[unknown, unknown]> = value instanceof Map ? value.entries() : Object.entries(value);
      const parts: string[] = [];
      for (const [k, v] of entries) parts.push(`${JSON.stringify(String(k))}:${formatJson(v, depth + 1)}`);
      return `{${parts.join(",")}}`;
    }
    default:
      return JSON.stringify(String(value));
  }
}

/**
 * How a result is shown to a person: a string bare (the book's `console.log` prints `true`, not `"true"`),
 * anything else as JSON.
 */
export function formatResultText(value: unknown): string {
  return typeof value === "string" ? value : formatJson(value);
}
