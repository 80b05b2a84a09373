/**
 * Typed async host roles through the generated stubs (`typescript-host` with `pool` and `loadAsync`), for both ABIs:
 *
 * - types: under `tsc --strict`, the synchronous class (`load`) refuses a role that returns a Promise, while the
 *   pool client and the async client (`loadAsync`) accept synchronous and Promise-returning roles alike;
 * - end to end: the all-types AssemblyScript guest's `use_host` calls three host-role methods that each await a
 *   real timer, in-process on the interpreter (`loadAsync`, waPC and direct ABI: the guest is suspended and resumed
 *   with no worker, and `host.timeoutMs` bounding a role that never answers) and in a pool on V8 (`pool`);
 * - guards: `loadAsync` on V8 is refused with `HostOptionError`, and a Promise from a role of the synchronous
 *   class gives the caller `AsyncHostCallError`; the guest (and the process) carry on.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AsyncHostCallError, GuestError, GuestTimeoutError, HostOptionError } from "@widl-bindgen/host";
import { generateTypescriptHost, loadModel } from "../../generators/index.js";
import { buildGuest, fixture } from "../assemblyscript/build.js";
import { strictTypeErrors } from "../generators/strict-typecheck.js";

const outDir = fileURLToPath(new URL("../.out/async-host-roles/", import.meta.url));
const ABIS = ["wapc", "direct"] as const;
type Abi = (typeof ABIS)[number];

// The stubs are generated at test time, so their types are not known here; the tsc test checks those.
/* eslint-disable @typescript-eslint/no-explicit-any */
type StubModule = { AllTypes: any };

const stubFiles: Record<Abi, string> = { wapc: join(outDir, "all-types.ts"), direct: join(outDir, "all-types-direct.ts") };
const stubs = {} as Record<Abi, StubModule>;
let wasm: Uint8Array;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  mkdirSync(outDir, { recursive: true });
  const model = loadModel(fixture("all-types/schema.widl"));
  for (const abi of ABIS) {
    const options = { className: "AllTypes", hostRoles: ["Host"], pool: true, loadAsync: true, abi };
    writeFileSync(stubFiles[abi], generateTypescriptHost(model, options));
    stubs[abi] = await import(pathToFileURL(stubFiles[abi]).href);
  }
  // No SIMD: the interpreter runs the same binary as V8.
  const build = await buildGuest({
    name: "async-host-roles",
    schemaFile: fixture("all-types/schema.widl"),
    entrySource: readFileSync(fixture("all-types/as/index.ts"), "utf8"),
    abi: "both",
    ascArgs: ["-O3"],
  });
  wasm = build.wasm;
});
afterAll(() => Promise.all(closers.map((close) => close())));

describe("generated host-role types", () => {
  it("the synchronous class takes synchronous roles only; pool and loadAsync take Promise-returning ones too", () => {
    const usage = join(outDir, "use-async-roles.ts");
    writeFileSync(
      usage,
      `
import { AllTypes, type AllTypesAsync, type Host, type HostResult, type Point } from "./all-types.js";
import { AllTypes as AllTypesDirect } from "./all-types-direct.js";
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const syncHost: Host = { greeting: (name) => name, shift: (point) => point, log: () => {} };
const asyncHost = {
  greeting: async (name: string) => (await sleep(1), name),
  shift: (point: Point, dx: number) => Promise.resolve({ x: point.x + dx, y: point.y }),
  log: async (message: string) => void message,
};
// @ts-expect-error a synchronous role returns its value, not a Promise of it
export const notSync: Host = { ...syncHost, greeting: async (name: string) => name };
// @ts-expect-error the synchronous class runs the guest on the caller's stack: its roles cannot return Promises
export const syncLoad = AllTypes.load(new Uint8Array(), { roles: { host: asyncHost } });
// @ts-expect-error the same for the direct-ABI class
export const syncDirect = AllTypesDirect.load(new Uint8Array(), { roles: { host: asyncHost } });
export const syncOk = AllTypes.load(new Uint8Array(), { roles: { host: syncHost }, engine: "interpreter" });
export async function run(): Promise<HostResult[]> {
  const pooled = await AllTypes.pool(new Uint8Array(), { roles: { host: asyncHost } });
  const pooledSync = await AllTypesDirect.pool(new Uint8Array(), { roles: { host: syncHost } });
  const client: AllTypesAsync = await AllTypes.loadAsync(new Uint8Array(), { roles: { host: asyncHost }, host: { timeoutMs: 100 } });
  const direct = await AllTypesDirect.loadAsync(new Uint8Array(), { roles: { host: syncHost }, engine: "interpreter" });
  // Parameters are typed from the role: name is a string, point a Point.
  const inferred = await AllTypes.loadAsync(new Uint8Array(), {
    roles: { host: { greeting: async (name) => name.toUpperCase(), shift: async (point, dx) => ({ x: point.x + dx, y: point.y }), log: () => {} } },
  });
  // @ts-expect-error a Promise of the wrong type is still wrong
  await AllTypes.loadAsync(new Uint8Array(), { roles: { host: { ...asyncHost, greeting: async () => 42 } } });
  // @ts-expect-error loadAsync runs on the interpreter, the engine that can suspend the guest
  await AllTypes.loadAsync(new Uint8Array(), { engine: "v8" });
  // @ts-expect-error async results are Promises
  const wrong: HostResult = client.useHost("x", { x: 1, y: 2 });
  return Promise.all([pooled, pooledSync, client, direct, inferred].map((c) => c.useHost("x", { x: 1, y: 2 }))).then((r) => [...r, wrong]);
}
`,
    );
    expect(strictTypeErrors([stubFiles.wapc, stubFiles.direct, usage], outDir)).toBe("");
  });
});

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The `Host` role answering after a real timer, as a host that looks things up would. */
function asyncHost(logged: string[]) {
  return {
    greeting: async (name: string) => {
      await sleep(5);
      if (name === "fail") throw new Error(`no greeting for ${name}`);
      return `Hello, ${name}!`;
    },
    shift: async (point: { x: number; y: number }, dx: number) => {
      await sleep(1);
      return { x: point.x + dx, y: point.y + dx };
    },
    log: async (message: string) => {
      await sleep(1);
      logged.push(message);
    },
  };
}

const point = { x: -3, y: 1_000_000 };
const expected = (name: string) => ({ greeting: `Hello, ${name}!`, shifted: { x: -2, y: 1_000_001 } });

describe.each(ABIS)("async host roles through the %s stubs", (abi) => {
  it("loadAsync: the guest waits in-process, on the interpreter, for roles that await timers", async () => {
    const logged: string[] = [];
    const client = await stubs[abi].AllTypes.loadAsync(wasm, { roles: { host: asyncHost(logged) } });
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 1);
    try {
      expect(await client.useHost("ann", point)).toEqual(expected("ann"));
      // Calls on one guest queue: both finish, each with its own answer.
      expect(await Promise.all([client.useHost("bob", point), client.useHost("cy", point)])).toEqual([expected("bob"), expected("cy")]);
    } finally {
      clearInterval(ticker);
    }
    expect(logged).toEqual(["ann", "bob", "cy"]);
    // The event loop ran while the guest waited: no thread was blocked.
    expect(ticks).toBeGreaterThan(0);
    expect(await client.add(2n ** 62n, 1n)).toBe(2n ** 62n + 1n);
  });

  it("loadAsync: a role that rejects gives the guest's error, and the guest carries on", async () => {
    const client = await stubs[abi].AllTypes.loadAsync(wasm, { roles: { host: asyncHost([]) } });
    const failed = client.useHost("fail", point);
    await expect(failed).rejects.toBeInstanceOf(GuestError);
    await expect(failed).rejects.toThrow(/no greeting for fail/);
    expect(await client.useHost("dee", point)).toEqual(expected("dee"));
  });

  it("loadAsync: host.timeoutMs bounds a role that never answers; the late answer is ignored and the guest recovers", async () => {
    let release: (() => void) | undefined;
    const roles = {
      host: {
        ...asyncHost([]),
        greeting: (name: string) => {
          // "hang" is answered only when the test says so, long after its call gave up.
          if (name === "hang") return new Promise<string>((resolve) => (release = () => resolve("too late")));
          // The next call's answer releases it, so the stale answer lands after this one, before the guest reads.
          const answer = Promise.resolve(`Hello, ${name}!`);
          void answer.then(() => release?.());
          return answer;
        },
      },
    };
    const client = await stubs[abi].AllTypes.loadAsync(wasm, { roles, host: { timeoutMs: 200 } });
    const error = await client.useHost("hang", point).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GuestTimeoutError);
    expect(error).toMatchObject({ operation: "use_host", timeoutMs: 200 });
    expect(release).toBeDefined();
    // The next call runs on a re-created instance and reads its own answer, not the stale one.
    expect(await client.useHost("fay", point)).toEqual(expected("fay"));
  });

  it("pool on V8: roles that await timers run on the main thread", async () => {
    const logged: string[] = [];
    const pooled = await stubs[abi].AllTypes.pool(wasm, { roles: { host: asyncHost(logged) }, pool: { size: 1 } });
    closers.push(() => pooled.close());
    expect(await pooled.useHost("eve", point)).toEqual(expected("eve"));
    expect(logged).toEqual(["eve"]);
  });

  it("loadAsync on V8 is refused with HostOptionError, naming the ways that work", async () => {
    for (const options of [{ engine: "v8" }, { host: { engine: "v8" } }, { engine: WebAssembly }]) {
      const loading = stubs[abi].AllTypes.loadAsync(wasm, options);
      await expect(loading).rejects.toBeInstanceOf(HostOptionError);
      await expect(loading).rejects.toThrow(/"interpreter".*pool/);
    }
  });

  it.each(["v8", "interpreter"])("the synchronous class on %s: a role's Promise gives AsyncHostCallError, and the guest carries on", async (engine) => {
    const logged: string[] = [];
    const guest = await stubs[abi].AllTypes.load(wasm, { roles: { host: asyncHost(logged) }, engine });
    let error: unknown;
    try {
      guest.useHost("ann", point);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AsyncHostCallError);
    expect(error).toMatchObject({ hostOperation: "greeting", namespace: "alltypes", operation: "use_host" });
    expect((error as Error).message).toMatch(/returned a Promise, but this call cannot wait for it.*loadAsync/);
    expect(guest.add(1n, 2n)).toBe(3n);
    expect(logged).toEqual([]);
  });
});
