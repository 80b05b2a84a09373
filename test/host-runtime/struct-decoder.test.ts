// The struct decoder's two forms, the generated one and the closure used where code generation from strings is
// disabled (a strict CSP), decode alike and fail alike: their checks and messages come from one place.
import { afterEach, describe, expect, it, vi } from "vitest";
import { decodeValue, DecodeError, encodeValue, wire, type WireType } from "../../host-runtime/wire/index.js";

/** A fresh descriptor each time: decoders are cached per descriptor, so each form is built anew. */
const point = (): WireType =>
  wire.struct("Point", () => [
    ["x", wire.i32],
    ["label", wire.optional(wire.string)],
    ["scale", wire.f64, { default: 1.5 }],
    ["__proto__", wire.string, "proto"],
  ]);

/** Every case's answer: the decoded value, or the error's class and message. */
function outcomes(type: WireType): unknown[] {
  const encodedFrom = (entries: [string, unknown][]) => encodeValue(wire.map(wire.string, wire.any), new Map(entries));
  const payloads = [
    encodeValue(type, { x: 1, label: "a", scale: 2, proto: "p" }),
    encodedFrom([["x", 2], ["__proto__", "own"]]), // scale takes its default; label is left unset
    encodedFrom([["__proto__", "q"], ["extra", [1, 2]], ["x", 3], ["label", null]]), // any order; unknown keys skipped
    encodedFrom([["label", "no x"], ["__proto__", "r"]]),
    encodedFrom([["x", "three"], ["__proto__", "s"]]),
    encodeValue(wire.list(wire.i32), [1]),
  ];
  return payloads.map((payload) => {
    try {
      return decodeValue(type, payload);
    } catch (e) {
      return `${(e as Error).constructor.name}: ${(e as Error).message}`;
    }
  });
}

describe("struct decoder", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("decodes and fails the same with and without code generation", () => {
    const generated = outcomes(point());
    vi.stubGlobal(
      "Function",
      new Proxy(Function, { construct: () => { throw new EvalError("code generation from strings disallowed"); } }),
    );
    const closure = outcomes(point());
    expect(closure).toEqual(generated);
    expect(generated).toEqual([
      { x: 1, label: "a", scale: 2, proto: "p" },
      { x: 2, label: undefined, scale: 1.5, proto: "own" },
      { x: 3, label: undefined, scale: 1.5, proto: "q" },
      `${DecodeError.name}: missing required field "x" (i32) of Point`,
      `${DecodeError.name}: x: expected i32, got str`,
      `${DecodeError.name}: expected Point, got array`,
    ]);
    // The field named __proto__ is an own property in both forms, never the prototype.
    expect(Object.getPrototypeOf(generated[1])).toBe(Object.prototype);
  });
});
