/**
 * The host runtime with the interpreter as its engine (`{ engine: interpreter }`, the seam in
 * host-runtime/engine.ts): the same waPC guests give the same answers as on V8, through `invoke` and `invokeSync`.
 */
import { readFileSync } from "node:fs";
import { decode, encode } from "@msgpack/msgpack";
import { beforeAll, describe, expect, it } from "vitest";
import { compileAssemblyScriptGuest, generateBindings } from "../../examples/cuckoo-filter/build-guests.js";
import type { WebAssemblyEngine } from "../../host-runtime/engine.js";
import { instantiate } from "../../host-runtime/index.js";
import { interpreter } from "../../host-runtime/interpreter/index.js";
import { wapcHostFixture } from "../host-runtime/guests.js";

// The interpreter's classes are its own, so TypeScript does not see them as V8's; the shape is the same.
const engines: Record<string, WebAssemblyEngine> = { v8: WebAssembly, interpreter };
const silent = (): void => {};

let cuckoo: Uint8Array;
beforeAll(async () => {
  generateBindings();
  cuckoo = readFileSync(await compileAssemblyScriptGuest());
}, 300_000);

describe("the host runtime on the interpreter engine", () => {
  for (const [name, engine] of Object.entries(engines)) {
    it(`runs the cuckoo guest and the Rust fixtures on ${name}`, async () => {
      const host = await instantiate(cuckoo, () => new Uint8Array(0), silent, { engine });
      expect(decode(await host.invoke("check_word_exists", encode({ name: "foo" })))).toBe("true");
      expect(decode(host.invokeSync("handle_input", encode({ inp: { x: "shashank", y: "test" } })))).toBe("shashank");
      expect(decode(host.invokeSync("add_word", encode({ word: "interpreted" })))).toBe(true);
      expect(decode(host.invokeSync("check_word_exists", encode({ name: "interpreted" })))).toBe("true");

      const echo = await instantiate(wapcHostFixture("rust_echo_string"), undefined, silent, { engine });
      expect(decode(await echo.invoke("echo", encode({ msg: "hello world" })))).toBe("hello world");
      const upper = (_b: string, _n: string, _o: string, payload: Uint8Array) => encode((decode(payload) as string).toUpperCase());
      const callback = await instantiate(wapcHostFixture("rust_host_call"), upper, silent, { engine });
      const payload = encode({ namespace: "n", binding: "b", operation: "o", msg: "this is the payload" });
      expect(decode(await callback.invoke("callback", payload))).toBe("THIS IS THE PAYLOAD");
    });
  }
});
