/**
 * The generated TypeScript compiles under `strict`, against the host runtime's sources, and its types
 * reject wrong arguments: each `@ts-expect-error` below must meet an error (else TS2578 fails the test).
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { generateCase, goldenCases } from "./golden.js";
import { strictTypeErrors } from "./strict-typecheck.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const outDir = join(root, "test/.out/typescript-compile");

const usage: Record<string, string> = {
  "use-cuckoo.ts": `
import { Cuckoo, type Input } from "./cuckoo.js";
declare const c: Cuckoo;
const exists: string = c.checkWordExists("foo");
const input: Input = { x: "shashank", y: "test" };
const first: string = c.handleInput(input);
// @ts-expect-error a number is not a string
c.checkWordExists(42);
// @ts-expect-error Input needs y
c.handleInput({ x: "a" });
// @ts-expect-error the result is a string
const wrong: number = c.checkWordExists("x");
// @ts-expect-error calls are synchronous: the result is not a Promise
void c.checkWordExists("x").then;
export async function load(): Promise<string> {
  const loaded = await Cuckoo.load("cuckoo.wasm", { writer: (line: string) => console.log(line) });
  return loaded.checkWordExists("foo") + exists + first + String(wrong);
}
`,
  "use-all-types.ts": `
import { AllTypes, Color, type Collections, type Everything, type Host, type Optionals, type Shape } from "./all-types.js";
declare const g: AllTypes;
const sum: bigint = g.add(1n, 2n);
// @ts-expect-error i64 is a bigint, not a number
g.add(1, 2);
const when: Date = g.echoDatetime(new Date(0));
const data: Uint8Array = g.echoBytes(new Uint8Array(4));
const color: Color = g.echoColor(Color.Blue);
// @ts-expect-error 3 is not a value of Color
g.echoColor(3);
const shape: Shape = g.echoShape({ kind: "Circle", value: { radius: 1 } });
// @ts-expect-error a Circle has a radius, not a side
g.echoShape({ kind: "Circle", value: { side: 1 } });
// @ts-expect-error unions need their kind
g.echoShape({ radius: 1 });
g.concat("a");
g.concat("a", undefined);
g.concat("a", "b");
// @ts-expect-error the value is required
g.concat();
const optionals: Optionals = g.echoOptionals({});
const maybe: string | undefined = optionals.maybeString;
declare const collections: Collections;
const byId: Map<number, string> = g.echoCollections(collections).byId;
const byBigId: Map<bigint, string> = collections.byBigId;
// @ts-expect-error integer-keyed maps are Maps, not records
const record: Record<string, string> = collections.byId;
declare const everything: Everything;
const owner: bigint = g.echoEverything(everything).owner;
const nothing: void = g.record("x");
const last: string = g.lastRecorded();
const host: Host = {
  greeting: (name) => "hello " + name,
  shift: (point, dx) => ({ x: point.x + dx, y: point.y + dx }),
  log: () => {},
};
// @ts-expect-error greeting returns a string
const badHost: Host = { greeting: (name: string) => name.length, shift: (p) => p, log: () => {} };
export const loading = AllTypes.load(new Uint8Array(), { roles: { host } });
export const all = [sum, when, data, color, shape, maybe, byId, byBigId, record, owner, nothing, last, badHost];
`,
};

// Schema names that clash with runtime imports: the user's names are what the file exports.
usage["use-name-clashes.ts"] = `
import { Pool, OperationCodec, type HostOptions, type PoolPool, type WapcHost, type Writer } from "./pool-wapc.js";
import { Pool as DirectPool, type PoolPool as DirectPoolPool } from "./pool-direct.js";
declare const p: Pool;
declare const d: DirectPool;
const writer: Writer = { lines: ["a"] };
const host: WapcHost = { writer, options: { level: OperationCodec.On } };
const options: HostOptions = p.run(host, writer, 1);
// @ts-expect-error the schema's Writer is not the runtime's writer callback
const notCallback: Writer = (message: string) => message;
export async function pooled(client: PoolPool, direct: DirectPoolPool): Promise<string> {
  const size = await direct.resize({ size: 1 }, OperationCodec.Off);
  return size + (await client.check("x", 1n)).kind + d.resize({ size: 2 }, OperationCodec.On);
}
const local = Pool.local({
  run: (wire, g) => ({ level: wire.writer.lines.length + g.lines.length > 0 ? OperationCodec.On : OperationCodec.Off }),
  check: (load) => ({ kind: "Writer", value: { lines: [load] } }),
  resize: (o) => String(o.size),
  local: (guest) => ({ reason: guest.name }),
});
const directLocal: DirectPool = DirectPool.local({
  run: () => ({ level: OperationCodec.On }),
  check: (load, suspendingEngine) => ({ kind: "Writer", value: { lines: [load, String(suspendingEngine)] } }),
  resize: (o, localDirectGuest) => String(o.size + localDirectGuest),
  local: (guest, call) => ({ reason: guest.name + call.payload.length }),
});
export const all = [options, notCallback, local, directLocal];
`;

// WIDL defaults: defaulted parameters may be left out (or given `undefined` before a required one), and still
// reject a wrong type; implementations (local guests, host roles) receive every argument, defaults applied.
usage["use-defaults.ts"] = `
import { Color, Defaults, DefaultsPool, type DefaultsGuest, type Received, type Store } from "./defaults.js";
declare const d: Defaults;
declare const pool: DefaultsPool;
const all: string = d.greet();
const named: string = d.greet("you");
const twice: string = d.greet("you", 2);
const defaultedFirst: string = d.between(undefined, "end");
const both: string = d.between(3, "end");
// @ts-expect-error times is a u32 (a number), not a string
d.greet("you", "2");
// @ts-expect-error last has no default: it is required
d.between(3);
// @ts-expect-error a default before a required parameter is not left out, it is passed as undefined
d.between("end");
const received: Received = d.receive();
const some: Received = d.receive(Color.Red, -1n, undefined, 0.5);
// @ts-expect-error lowest is an i64: a bigint
d.receive(Color.Red, -1);
export async function pooled(): Promise<string> {
  return (await pool.greet()) + (await pool.between(undefined, "x"));
}
const guest: DefaultsGuest = {
  // The implementation gets every argument: the caller applied the defaults.
  greet: (name: string, times: number) => name.repeat(times),
  between: (first, last) => String(first) + last,
  receive: (color, lowest, highest, ratio, flag, tags, maybe, text) => ({ color, lowest, highest, ratio, flag, tags, maybe, text }),
  configure: (s) => s,
  depth: () => 0,
};
const store: Store = { put: (key: string, ttl: number) => void [key, ttl] };
// @ts-expect-error a Settings needs its fields: defaults fill missing keys on the wire, not in TS objects
d.configure({ id: 1 });
export const used = [all, named, twice, defaultedFirst, both, received, some, guest, store, Defaults.local(guest)];
`;
usage["use-defaults-direct.ts"] = usage["use-defaults.ts"]!.replace('"./defaults.js"', '"./defaults-direct.js"');

// The direct-ABI stubs have the same class API: the same user code compiles against them unchanged.
usage["use-cuckoo-direct.ts"] = usage["use-cuckoo.ts"]!.replace('"./cuckoo.js"', '"./cuckoo-direct.js"');
usage["use-all-types-direct.ts"] = usage["use-all-types.ts"]!.replace('"./all-types.js"', '"./all-types-direct.js"');

describe("generated TypeScript", () => {
  it("compiles under --strict and rejects wrong argument types", async () => {
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    const files: string[] = [];
    for (const c of goldenCases()) {
      for (const { file } of await generateCase(c)) {
        // AssemblyScript glue also ends in .ts; asc compiles it, in the AssemblyScript tests.
        if (file.target !== "typescript-host") continue;
        const path = join(outDir, file.path.slice(c.dir.length + 1));
        writeFileSync(path, file.content);
        files.push(path);
      }
    }
    for (const [name, text] of Object.entries(usage)) {
      writeFileSync(join(outDir, name), text);
      files.push(join(outDir, name));
    }
    expect(strictTypeErrors(files, outDir)).toBe("");
  });
});
