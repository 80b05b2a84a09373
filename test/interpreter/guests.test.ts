/**
 * Real compiled guests on the interpreter, with the same answers as on V8: the cuckoo filter example's
 * AssemblyScript guest, and the Rust waPC fixtures shipped with @wapc/host. Also the cuckoo guest in a
 * `node --jitless` child process, where V8 has no WebAssembly at all.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { decode, encode } from "@msgpack/msgpack";
import { beforeAll, describe, expect, it } from "vitest";
import { compileAssemblyScriptGuest, generateBindings } from "../../examples/cuckoo-filter/build-guests.js";
import type { WebAssemblyEngine } from "../../host-runtime/engine.js";
import { interpreter } from "../../host-runtime/interpreter/index.js";
import { repoRoot } from "../cli/run-cli.js";
import { wapcHostFixture } from "../host-runtime/guests.js";
import { loadWapcGuest, type WapcGuest } from "./wapc-driver.js";

const engines = { v8: WebAssembly, interpreter };
const call = (guest: WapcGuest, op: string, args: unknown): unknown => decode(guest.invoke(op, encode(args)));

let cuckooPath = "";
beforeAll(async () => {
  generateBindings();
  cuckooPath = await compileAssemblyScriptGuest();
}, 300_000);

describe("the cuckoo filter AssemblyScript guest", () => {
  /** The book's checks, then a filter of 2,000 words probed with 2,000 absent ones: every answer, in order. */
  async function answers(api: WebAssemblyEngine): Promise<unknown[]> {
    const guest = await loadWapcGuest(api, readFileSync(cuckooPath));
    const out: unknown[] = [
      call(guest, "check_word_exists", { name: "foo" }),
      call(guest, "check_word_exists", { name: "test" }),
      call(guest, "handle_input", { inp: { x: "shashank", y: "test" } }),
    ];
    for (let i = 0; i < 2000; i++) out.push(call(guest, "add_word", { word: `word-${i}` }));
    for (let i = 0; i < 2000; i++) out.push(call(guest, "check_word_exists", { name: `absent-${i}` }));
    out.push(call(guest, "stats", {}), call(guest, "delete_word", { word: "foo" }), call(guest, "check_word_exists", { name: "foo" }));
    return out;
  }

  it("gives the book's answers and exactly V8's answers", async () => {
    const ours = await answers(engines.interpreter);
    expect(ours.slice(0, 3)).toEqual(["true", "false", "shashank"]);
    expect(ours.slice(-2)).toEqual([true, "false"]);
    expect(ours).toEqual(await answers(engines.v8));
  });

  it("runs under node --jitless, where WebAssembly does not exist", async () => {
    const script = `
      import { readFileSync } from "node:fs";
      import { encode, decode } from "@msgpack/msgpack";
      import { interpreter } from "./host-runtime/interpreter/index.ts";
      import { loadWapcGuest } from "./test/interpreter/wapc-driver.ts";
      const guest = await loadWapcGuest(interpreter, readFileSync(${JSON.stringify(cuckooPath)}));
      const call = (op, args) => decode(guest.invoke(op, encode(args)));
      for (let i = 0; i < 100; i++) call("add_word", { word: "word-" + i });
      console.log(JSON.stringify({
        wasm: typeof WebAssembly,
        foo: call("check_word_exists", { name: "foo" }),
        word7: call("check_word_exists", { name: "word-7" }),
        input: call("handle_input", { inp: { x: "shashank", y: "test" } }),
      }));`;
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ["--jitless", "--import", "tsx", "--input-type=module", "-e", script],
      { cwd: repoRoot },
    );
    // V8 announces that --jitless turns WebAssembly off; nothing else may be printed.
    expect(stderr.replace("Warning: disabling flag --expose_wasm due to conflicting flags\n", "")).toBe("");
    expect(JSON.parse(stdout)).toEqual({ wasm: "undefined", foo: "true", word7: "true", input: "shashank" });
  });
});

describe("the Rust waPC fixtures of @wapc/host", () => {
  const upper = (_b: string, _n: string, _o: string, payload: Uint8Array): Uint8Array =>
    encode((decode(payload) as string).toUpperCase());
  const callback = { namespace: "myNamespace", binding: "myBinding", operation: "myOperation", msg: "this is the payload" };

  for (const [name, api] of Object.entries(engines)) {
    it(`echo and host calls on ${name}`, async () => {
      const echo = await loadWapcGuest(api, wapcHostFixture("rust_echo_string"));
      expect(call(echo, "echo", { msg: "hello world" })).toBe("hello world");
      const hostCall = await loadWapcGuest(api, wapcHostFixture("rust_host_call"), upper);
      expect(call(hostCall, "callback", callback)).toBe("THIS IS THE PAYLOAD");
    });
  }

  it("lets the guest await an async host call on the interpreter, with no worker", async () => {
    const guest = await loadWapcGuest(engines.interpreter, wapcHostFixture("rust_host_call"), async (b, n, o, payload) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return upper(b, n, o, payload);
    });
    expect(decode(await guest.invokeAsync("callback", encode(callback)))).toBe("THIS IS THE PAYLOAD");
    expect(() => guest.invoke("callback", encode(callback))).toThrow(/callAsync/);
  });
});
