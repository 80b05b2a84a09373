/**
 * The TypeScript wire codec and WIDL defaults (docs/widl.md, "Defaults"), the same rule as the AssemblyScript and
 * Rust guests: a missing key whose field or parameter has a default takes it, a key that is sent wins (even nil),
 * a missing key without one is still an error. Checked through the descriptors the typescript-host target
 * generates (the golden test/golden/defaults) and through `descriptorFromModel`, and for JSON (`argsFromJson`).
 * Also the nesting limit: 256 levels, worded as the guests word it, for msgpack and JSON alike.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { encode } from "@msgpack/msgpack";
import { beforeAll, describe, expect, it } from "vitest";
import { descriptorFromModel } from "../../generators/wire-descriptors.js";
import { buildModel } from "../../generators/model.js";
import { loadSchemaSource } from "../../widl-parser/index.js";
import {
  DecodeError,
  MAX_DEPTH,
  OperationCodec,
  decodeValue,
  encodeValue,
  fromJson,
  toJson,
  wire,
  type WireType,
} from "../../host-runtime/wire/index.js";
import { repoRoot } from "../cli/run-cli.js";

const schemaFile = join(repoRoot, "test/fixtures/defaults/schema.widl");
const model = buildModel(loadSchemaSource(readFileSync(schemaFile, "utf8"), { file: "schema.widl" }));

/** The descriptors and codecs of the defaults schema, from the generated golden stubs and from the model. */
interface Descriptors {
  Settings: WireType;
  Tree: WireType;
  receive: OperationCodec;
  between: OperationCodec;
  greet: OperationCodec;
  configure: OperationCodec;
  depth: OperationCodec;
  put: OperationCodec;
}

const sources: Record<string, () => Descriptors> = {};

beforeAll(async () => {
  // The golden file as generated, with its (module-private) descriptors exported for the test.
  const dir = join(repoRoot, "test/.out/wire-defaults");
  mkdirSync(dir, { recursive: true });
  const golden = readFileSync(join(repoRoot, "test/golden/defaults/expected/defaults.ts"), "utf8");
  const file = join(dir, `defaults-${process.pid}.ts`);
  writeFileSync(
    file,
    `${golden}\nexport const $descriptors = { Settings: $Settings, Tree: $Tree, receive: $receive, between: $between, greet: $greet, configure: $configure, depth: $depth, put: $Store$put };\n`,
  );
  const generated = (await import(file)) as { $descriptors: Descriptors };
  sources.generated = () => generated.$descriptors;
  const d = descriptorFromModel(model);
  const role = d.roles.get("Store")!;
  sources.descriptorFromModel = () => ({
    Settings: d.types.get("Settings")!,
    Tree: d.types.get("Tree")!,
    receive: d.operations.get("receive")!,
    between: d.operations.get("between")!,
    greet: d.operations.get("greet")!,
    configure: d.operations.get("configure")!,
    depth: d.operations.get("depth")!,
    put: role.get("put")!,
  });
});

const allDefaults = {
  name: "world",
  retries: 3,
  count: 5,
  ratio: 0.5,
  scale: 2,
  enabled: true,
  color: 7,
  fallback: 1,
  lowest: -(2n ** 63n),
  highest: 2n ** 64n - 1n,
  small: -128,
  label: undefined,
  nickname: "anon",
  limit: 7,
  tags: ["a", 'b "quoted"\n'],
  empty: [],
  scores: new Map(),
  id: 1,
  note: undefined,
};

describe.each(["generated", "descriptorFromModel"])("defaults in the wire codec (%s descriptors)", (source) => {
  const get = () => sources[source]!();

  it("a struct decoder fills every missing defaulted key, with a fresh list and map each time", () => {
    const { Settings } = get();
    const a = decodeValue(Settings, encode({ id: 1 })) as Record<string, unknown>;
    expect(a).toEqual(allDefaults);
    const b = decodeValue(Settings, encode({ id: 1 })) as Record<string, unknown>;
    expect(b.tags).not.toBe(a.tags);
    expect(b.scores).not.toBe(a.scores);
    // What decodes also encodes: every key written.
    expect(decodeValue(Settings, encodeValue(Settings, a))).toEqual(allDefaults);
  });

  it("a key that is sent wins, even nil; a missing key without a default is still an error", () => {
    const { Settings } = get();
    const sent = decodeValue(Settings, encode({ id: 2, nickname: null, limit: null, retries: 9, tags: [] }));
    expect(sent).toEqual({ ...allDefaults, id: 2, nickname: undefined, limit: undefined, retries: 9, tags: [] });
    expect(() => decodeValue(Settings, encode({ name: "x" }))).toThrow('missing required field "id" (u32) of Settings');
  });

  it("decodeArgs fills missing defaulted arguments; a required one is still required", () => {
    const { receive, between, greet, put } = get();
    expect(receive.decodeArgs(encode({}))).toEqual([1, -(2n ** 63n), 2n ** 64n - 1n, 1.5, true, ["x", "y"], "m", "tab\there ✓"]);
    expect(receive.decodeArgs(encode({ maybe: null, flag: false }))[6]).toBeUndefined();
    expect(receive.decodeArgs(encode({ maybe: null, flag: false }))[4]).toBe(false);
    expect(greet.decodeArgs(encode({ times: 4 }))).toEqual(["world", 4]);
    expect(between.decodeArgs(encode({ last: "z" }))).toEqual([10, "z"]);
    expect(() => between.decodeArgs(encode({ first: 1 }))).toThrow('between: missing required argument "last"');
    // A host role's arguments, as the generated router decodes them.
    expect(put.decodeArgs(encode({ key: "k" }))).toEqual(["k", 60]);
  });

  it("decodeResult fills a result's missing defaulted fields", () => {
    const { configure } = get();
    expect(configure.decodeResult(encode({ id: 1 }))).toEqual(allDefaults);
    expect(() => configure.decodeResult(encode({}))).toThrow('configure: result: missing required field "id" (u32) of Settings');
  });

  it("encodeArgs applies a default for an argument left out, as the stubs' initializers do", () => {
    const { greet } = get();
    expect(greet.decodeArgs(greet.encodeArgs([undefined, 2] as never))).toEqual(["world", 2]);
  });
});

describe("defaults in the JSON bridge (serve --schema, invoke --schema)", () => {
  const d = descriptorFromModel(model, { props: "wire" });
  const op = (name: string) => d.operations.get(name)!;

  it("argsFromJson takes the default for a parameter left out, and for a field left out", () => {
    expect(op("greet").argsFromJson({})).toEqual(["world", 1]);
    expect(op("greet").argsFromJson(undefined)).toEqual(["world", 1]);
    expect(op("between").argsFromJson({ last: "z" })).toEqual([10, "z"]);
    expect(() => op("between").argsFromJson({})).toThrow('missing required parameter "last"');
    expect(op("configure").argsFromJson({ settings: { id: 1 } })).toEqual([allDefaults]);
    expect(op("configure").argsFromJson({ settings: { id: 1, nickname: null } })[0]).toMatchObject({ nickname: undefined });
    expect(() => op("configure").argsFromJson({ settings: {} })).toThrow('missing required field "id" (u32) of Settings');
    // And the result goes back as JSON with every field.
    expect(op("configure").resultToJson(allDefaults)).toMatchObject({ name: "world", lowest: "-9223372036854775808", scores: {} });
  });

  it("a unary parameter's default is what no JSON at all means", () => {
    const bare = new OperationCodec("shout", "bare", [["text", wire.string, { default: "hey" }]], wire.string);
    expect(bare.argsFromJson(undefined)).toEqual(["hey"]);
    expect(bare.argsFromJson("yo")).toEqual(["yo"]);
  });
});

/** `depth` levels of `{n: …}`, innermost `{}`: each map is one level. */
const Nest: WireType = wire.struct("Nest", () => [["n", wire.optional(Nest)]]);
const nestJson = (depth: number): unknown => {
  let v: Record<string, unknown> = {};
  for (let i = 1; i < depth; i++) v = { n: v };
  return v;
};
/** The same as msgpack bytes, built by hand: `{n: {n: … {}}}` without recursion. */
const nestBytes = (depth: number): Uint8Array => {
  const key = [0xa1, 0x6e];
  const out: number[] = [];
  for (let i = 1; i < depth; i++) out.push(0x81, ...key);
  out.push(0x80);
  return new Uint8Array(out);
};

describe("nesting limit: 256 levels, as in the guests", () => {
  it("is 256, and the message is the guests' one", () => {
    expect(MAX_DEPTH).toBe(256);
    expect(() => decodeValue(Nest, nestBytes(257))).toThrow(new DecodeError("nesting deeper than 256").message);
  });

  it("msgpack: 256 nested structs decode, 257 do not; lists and any values count alike", () => {
    expect(() => decodeValue(Nest, nestBytes(256))).not.toThrow();
    expect(() => decodeValue(Nest, nestBytes(257))).toThrow(/nesting deeper than 256$/);
    expect(() => decodeValue(Nest, nestBytes(100_000))).toThrow(/nesting deeper than 256$/);
    const lists = (n: number) => new Uint8Array([...new Array<number>(n).fill(0x91), 0xc0]);
    expect(() => decodeValue(wire.any, lists(256))).not.toThrow();
    expect(() => decodeValue(wire.any, lists(257))).toThrow(/nesting deeper than 256/);
    expect(() => decodeValue(wire.any, lists(1_000_000))).toThrow(/nesting deeper than 256/);
    const Deep: WireType = wire.list(wire.any);
    expect(() => decodeValue(Deep, lists(257))).toThrow(/nesting deeper than 256/);
  });

  it("msgpack arguments: the map of arguments is a level, as in the guests' decoders", () => {
    const op = new OperationCodec("walk", "map", [["nest", Nest]], undefined);
    expect(() => op.decodeArgs(new Uint8Array([0x81, 0xa4, ...new TextEncoder().encode("nest"), ...nestBytes(255)]))).not.toThrow();
    expect(() => op.decodeArgs(new Uint8Array([0x81, 0xa4, ...new TextEncoder().encode("nest"), ...nestBytes(256)]))).toThrow(
      /^walk: nest(\.n){255}: nesting deeper than 256$/,
    );
  });

  it("JSON: fromJson, argsFromJson and toJson stop at the same depth instead of overflowing the stack", () => {
    expect(() => fromJson(Nest, nestJson(256))).not.toThrow();
    expect(() => fromJson(Nest, nestJson(257))).toThrow(/nesting deeper than 256$/);
    // Deep enough that unbounded recursion would overflow the stack.
    const huge = JSON.parse(`${'{"n":'.repeat(200_000)}{}${"}".repeat(200_000)}`) as unknown;
    expect(() => fromJson(Nest, huge)).toThrow(DecodeError);
    expect(() => fromJson(wire.any, huge)).toThrow(/nesting deeper than 256$/);
    expect(() => fromJson(wire.raw, huge)).toThrow(/nesting deeper than 256$/);
    const op = new OperationCodec("walk", "map", [["nest", Nest]], Nest);
    expect(() => op.argsFromJson({ nest: nestJson(255) })).not.toThrow();
    expect(() => op.argsFromJson({ nest: nestJson(256) })).toThrow(/^walk: nest(\.n){255}: nesting deeper than 256$/);
    expect(() => op.argsFromJson({ nest: huge })).toThrow(/^walk: nest(\.n)+: nesting deeper than 256$/);
    const tree = d().operations.get("depth")!;
    const deepTree = JSON.parse(`${'{"children":['.repeat(100_000)}${"]}".repeat(100_000)}`) as unknown;
    expect(() => tree.argsFromJson({ tree: deepTree })).toThrow(/nesting deeper than 256/);
    // Results: a decoded value within the limit prints; an untyped one past it is an error, not a crash.
    expect(JSON.stringify(op.resultToJson(decodeValue(Nest, nestBytes(256)) as never))).toMatch(/^(\{"n":){255}\{"n":null\}{256}$/);
    let anyDeep: unknown[] = [];
    for (let i = 0; i < 100_000; i++) anyDeep = [anyDeep];
    expect(() => toJson(wire.any, anyDeep)).toThrow(/nesting deeper than 256$/);
  });
});

const d = () => descriptorFromModel(model, { props: "wire" });
