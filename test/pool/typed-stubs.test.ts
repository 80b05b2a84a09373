/**
 * The typescript-host stubs five ways: the synchronous class over an in-process wasm guest, the async pool client
 * (`AllTypes.pool`) over the same wasm guest in workers, for the waPC class and for the direct-ABI class, and a
 * local TypeScript guest (`AllTypes.local`) behind either class. One typed suite runs against all of them, so the
 * pooled direct stubs and the local guests are held to exactly what the in-process wasm guest does.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateTypescriptHost, loadModel } from "../../generators/index.js";
import { EncodeError, DecodeError, GuestError, GuestTimeoutError, GuestTrapError } from "@widl-bindgen/host";
import { buildGuest, fixture } from "../assemblyscript/build.js";
import { strictTypeErrors } from "../generators/strict-typecheck.js";
import { buildWat, poolGuest } from "./fixtures/guests.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const outDir = join(root, "test/.out/pool/generated");

// The generated modules are imported at run time, so their types are not known here; the suite below checks
// values, and the `tsc` test checks the generated types.
type Stub = Record<string, (...args: any[]) => any>;
type StubModule = Record<string, any>;

function generateStub(schema: string, file: string, options: Record<string, unknown>): string {
  const source = generateTypescriptHost(loadModel(schema), { pool: true, localGuest: true, ...options });
  mkdirSync(outDir, { recursive: true });
  const path = join(outDir, file);
  writeFileSync(path, source);
  return path;
}

let allTypesPath: string;
let allTypesDirectPath: string;
let poolGuestPath: string;
let directGuestPath: string;
let allTypes: StubModule;
let allTypesDirect: StubModule;
let allTypesWasm: Uint8Array;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  allTypesPath = generateStub(fixture("all-types/schema.widl"), "all-types.ts", { className: "AllTypes", hostRoles: ["Host"] });
  allTypesDirectPath = generateStub(fixture("all-types/schema.widl"), "all-types-direct.ts", {
    className: "AllTypes",
    hostRoles: ["Host"],
    abi: "direct",
  });
  poolGuestPath = generateStub(fileURLToPath(new URL("./fixtures/pool-guest.widl", import.meta.url)), "pool-guest.ts", {
    className: "PoolGuest",
  });
  directGuestPath = generateStub(fileURLToPath(new URL("./fixtures/direct-guest.widl", import.meta.url)), "direct-guest.ts", {
    className: "DirectGuestStub",
    abi: "direct",
    localGuest: false,
  });
  allTypes = await import(pathToFileURL(allTypesPath).href);
  allTypesDirect = await import(pathToFileURL(allTypesDirectPath).href);
  const build = await buildGuest({
    name: "pool-all-types",
    schemaFile: fixture("all-types/schema.widl"),
    entrySource: readFileSync(fixture("all-types/as/index.ts"), "utf8"),
    // Both ABIs: the waPC stubs and the direct-ABI stubs run over the same module.
    abi: "both",
  });
  allTypesWasm = build.wasm;
});
afterAll(() => Promise.all(closers.map((close) => close())));

describe("generated pool client and local guest types", () => {
  it("compile under --strict, and pooled methods return Promises", () => {
    const usage = join(outDir, "use-variants.ts");
    writeFileSync(
      usage,
      `
import { AllTypes, type AllTypesGuest, type AllTypesPool, type Host } from "./all-types.js";
import { PoolGuest } from "./pool-guest.js";
import { AllTypes as AllTypesDirect, type AllTypesPool as AllTypesDirectPool } from "./all-types-direct.js";
declare const host: Host;
export async function run(guest: AllTypesGuest): Promise<bigint> {
  const pooled: AllTypesPool = await AllTypes.pool(new Uint8Array(), { roles: { host }, pool: { size: 1, timeoutMs: 100 } });
  const sum: Promise<bigint> = pooled.add(1n, 2n);
  // @ts-expect-error pooled results are Promises
  const wrong: bigint = pooled.add(1n, 2n);
  // @ts-expect-error the pool's host calls come from roles
  await AllTypes.pool(new Uint8Array(), { pool: { hostCall: () => new Uint8Array() } });
  const local: AllTypes = AllTypes.local(guest);
  const echoed: string = local.echoString("x");
  const direct: AllTypesDirectPool = await AllTypesDirect.pool(new Uint8Array(), { roles: { host }, pool: { size: 1 } });
  const directSum: Promise<bigint> = direct.add(1n, 2n);
  // @ts-expect-error pooled direct results are Promises too
  const directWrong: string = direct.echoString("x");
  // @ts-expect-error the ABI is the class's
  await AllTypesDirect.pool(new Uint8Array(), { pool: { abi: "wapc" } });
  const client = await PoolGuest.pool("guest.wasm");
  const text: string = await client.echo("x");
  await client.close();
  const directLocal: AllTypesDirect = AllTypesDirect.local(guest);
  return (await sum) + (await directSum) + wrong + local.add(1n, BigInt(echoed.length + text.length + directWrong.length)) + directLocal.add(1n, 2n);
}
`,
    );
    expect(strictTypeErrors([allTypesPath, allTypesDirectPath, poolGuestPath, directGuestPath, usage], outDir)).toBe("");
  });
});

// ---------------------------------------------------------------------------------------------------------------
// One typed suite, three ways to run the guest.

const logged: string[] = [];
const host = {
  greeting: (name: string) => {
    if (name === "fail") throw new Error(`no greeting for ${name} ☹`);
    return `Hello, ${name}!`;
  },
  shift: (point: { x: number; y: number }, dx: number) => ({ x: point.x + dx, y: point.y + dx }),
  log: (message: string) => void logged.push(message),
};

/** The all-types guest in TypeScript, doing exactly what the schema's descriptions say. */
function localAllTypes(): Record<string, (...args: any[]) => unknown> {
  let recorded = "";
  const same = (value: unknown) => value;
  return {
    echoScalars: same,
    echoTexts: same,
    echoOptionals: same,
    echoCollections: same,
    echoEverything: same,
    echoString: same,
    echoBytes: same,
    echoDatetime: same,
    echoColor: same,
    echoShape: same,
    echoAlias: same,
    scalarsToStruct: (aBool, aI8, aU8, aI16, aU16, aI32, aU32, aI64, aU64, aF32, aF64) => ({ aBool, aI8, aU8, aI16, aU16, aI32, aU32, aI64, aU64, aF32, aF64 }),
    add: (a: bigint, b: bigint) => a + b,
    utf8Length: (value: string) => Buffer.byteLength(value),
    concat: (value: string, prefix?: string) => (prefix ?? "") + value,
    record: (value: string) => void (recorded = value),
    lastRecorded: () => recorded,
    useHost: (name: string, point: { x: number; y: number }) => {
      const greeting = host.greeting(name);
      const shifted = host.shift(point, 1);
      host.log(name);
      return { greeting, shifted };
    },
    fail: (reason: string) => {
      throw new Error(`boom: ${reason}`);
    },
  };
}

const variants: { name: string; make: () => Promise<Stub> }[] = [
  { name: "wasm in-process (sync class)", make: async () => allTypes.AllTypes.load(allTypesWasm, { roles: { host } }) },
  {
    name: "wasm in a pool (async client)",
    make: async () => {
      const client = await allTypes.AllTypes.pool(allTypesWasm, { roles: { host }, pool: { size: 2 } });
      closers.push(() => client.close());
      return client;
    },
  },
  {
    name: "wasm in a pool, direct-ABI class (async client)",
    make: async () => {
      const client = await allTypesDirect.AllTypes.pool(allTypesWasm, { roles: { host }, pool: { size: 2 } });
      closers.push(() => client.close());
      return client;
    },
  },
  { name: "local TypeScript guest", make: async () => allTypes.AllTypes.local(localAllTypes()) },
  { name: "local TypeScript guest, direct-ABI class", make: async () => allTypesDirect.AllTypes.local(localAllTypes()) },
];

const scalarsMin = {
  aBool: false,
  aI8: -128,
  aU8: 0,
  aI16: -32768,
  aU16: 0,
  aI32: -2147483648,
  aU32: 0,
  aI64: -(2n ** 63n),
  aU64: 0n,
  aF32: -3.4028234663852886e38,
  aF64: -Number.MAX_VALUE,
};
const scalarsMax = {
  aBool: true,
  aI8: 127,
  aU8: 255,
  aI16: 32767,
  aU16: 65535,
  aI32: 2147483647,
  aU32: 4294967295,
  aI64: 2n ** 63n - 1n,
  aU64: 2n ** 64n - 1n,
  aF32: 1.5,
  aF64: Math.PI,
};
const point = { x: -3, y: 1_000_000 };
const texts = { text: "héllo wörld, 日本語, emoji 🎉👍🏽", empty: "", data: new Uint8Array([0, 1, 127, 128, 255]), when: new Date("2024-02-29T12:34:56.789Z") };
const optionalsPresent = { maybeString: "", maybeI64: -(2n ** 40n), maybePoint: point, maybeList: ["a", "ü"], maybeColor: 7 };
const collections = {
  strings: ["", "one", "🎉"],
  points: [point, { x: 0, y: 0 }],
  nestedLists: [[1, 2, 3], [], [-2147483648]],
  optionalItems: ["a", undefined, "b"],
  byName: new Map([["origin", { x: 0, y: 0 }], ["naïve 🎉", point]]),
  byId: new Map([[1, "one"], [-5, "minus five"], [2147483647, "max"]]),
  byBigId: new Map([[2n ** 62n, "big"], [-(2n ** 63n), "min"], [7n, "seven"]]),
  nestedMaps: new Map([["outer", new Map([[255, ["x", "y"]], [0, []]])]]),
};

describe.each(variants)("all-types, typed, $name", ({ make }) => {
  let g: Stub;
  beforeAll(async () => {
    g = await make();
  });

  it("echoes scalars at their extremes and adds i64 without losing precision", async () => {
    expect(await g.echoScalars(scalarsMin)).toEqual(scalarsMin);
    expect(await g.echoScalars(scalarsMax)).toEqual(scalarsMax);
    expect(await g.add(2n ** 62n, 2n ** 62n - 1n)).toBe(2n ** 63n - 1n);
    expect(await g.echoAlias(2n ** 64n - 1n, 21.5)).toBe(2n ** 64n - 1n);
    expect(await g.scalarsToStruct(...Object.values(scalarsMax))).toEqual(scalarsMax);
  });

  it("refuses an i64 out of range before it reaches the guest", async () => {
    const error = await (async () => g.add(2n ** 63n, 0n))().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EncodeError);
    expect((error as EncodeError).message).toMatch(/^add: /);
  });

  it("echoes strings, bytes, times and texts", async () => {
    for (const s of ["", "héllo", "🎉👍🏽‍🔥", "x".repeat(50_000)]) expect(await g.echoString(s)).toBe(s);
    expect(await g.utf8Length("é🎉")).toBe(6);
    expect(await g.echoBytes(new Uint8Array(0))).toEqual(new Uint8Array(0));
    expect(await g.echoDatetime(new Date("1969-07-20T20:17:40.001Z"))).toEqual(new Date("1969-07-20T20:17:40.001Z"));
    expect(await g.echoTexts(texts)).toEqual(texts);
  });

  it("keeps optional fields present and absent, and optional parameters", async () => {
    expect(await g.echoOptionals(optionalsPresent)).toEqual(optionalsPresent);
    expect(await g.echoOptionals({})).toEqual({});
    expect(await g.concat("world", "hello ")).toBe("hello world");
    expect(await g.concat("world")).toBe("world");
  });

  it("echoes collections, enums, unions", async () => {
    expect(await g.echoCollections(collections)).toEqual(collections);
    expect(await g.echoColor(7)).toBe(7);
    expect(await g.echoShape({ kind: "Circle", value: { radius: 0.5 } })).toEqual({ kind: "Circle", value: { radius: 0.5 } });
  });

  it("runs a void op and a zero-parameter op", async () => {
    expect(await g.record("remember me 🎉")).toBeUndefined();
    expect(await g.lastRecorded()).toBe("remember me 🎉");
  });

  it("calls the host roles, and returns a host error as the operation's error", async () => {
    logged.length = 0;
    expect(await g.useHost("Ada", point)).toEqual({ greeting: "Hello, Ada!", shifted: { x: -2, y: 1_000_001 } });
    expect(logged).toEqual(["Ada"]);
    const error = await (async () => g.useHost("fail", point))().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GuestError);
    expect((error as GuestError).message).toMatch(/no greeting for fail ☹/);
    expect((error as GuestError).operation).toBe("use_host");
  });

  it("reports the guest's own error as GuestError with its message", async () => {
    const error = await (async () => g.fail("on purpose"))().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GuestError);
    expect((error as GuestError).message).toBe("boom: on purpose");
    expect(await g.echoString("after")).toBe("after");
  });
});

describe("the pool client over a misbehaving guest", () => {
  it("types traps, garbage responses and timeouts, naming the operation", async () => {
    const { PoolGuest } = await import(pathToFileURL(poolGuestPath).href);
    const client = await PoolGuest.pool(await poolGuest(), { pool: { size: 1, timeoutMs: 200 } });
    closers.push(() => client.close());
    expect(await client.echo("héllo")).toBe("héllo");
    expect(await client.trap(2)).toBe(2);
    await expect(client.trap(3)).rejects.toBeInstanceOf(GuestTrapError);
    const garbage = await client.badpack().catch((e: unknown) => e);
    expect(garbage).toBeInstanceOf(DecodeError);
    expect((garbage as DecodeError).operation).toBe("badpack");
    const timeout = await client.loop().catch((e: unknown) => e);
    expect(timeout).toBeInstanceOf(GuestTimeoutError);
    expect((timeout as GuestTimeoutError).operation).toBe("loop");
    expect(await client.echo("still here")).toBe("still here");
  });
});

describe("the direct-ABI pool client over a misbehaving guest", () => {
  it("types traps, guest errors and timeouts, naming the operation, and keeps serving", async () => {
    const { DirectGuestStub } = await import(pathToFileURL(directGuestPath).href);
    const client = await DirectGuestStub.pool(await buildWat("direct-guest.wat"), { pool: { size: 1, timeoutMs: 200 } });
    closers.push(() => client.close());
    expect(await client.echo("héllo 🎉")).toBe("héllo 🎉");
    expect(await client.trap(2)).toBe(2);
    const trap = await client.trap(3).catch((e: unknown) => e);
    expect(trap).toBeInstanceOf(GuestTrapError);
    expect((trap as GuestTrapError).operation).toBe("trap");
    const failed = await client.fail().catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(GuestError);
    expect((failed as GuestError).message).toBe("direct boom");
    const refused = await client.trap(256).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(EncodeError);
    expect((refused as EncodeError).message).toMatch(/^trap: /);
    const timeout = await client.loop().catch((e: unknown) => e);
    expect(timeout).toBeInstanceOf(GuestTimeoutError);
    expect((timeout as GuestTimeoutError).operation).toBe("loop");
    expect(await client.echo("still here")).toBe("still here");
  });
});
