/**
 * Interop with guests no one here wrote: the Rust waPC fixtures shipped in @wapc/host, called through
 * stubs generated from a schema. `rust_echo_string.wasm` takes msgpack `{msg}` and answers the msgpack
 * string (see @wapc/host's test/index.test.ts); `rust_host_call.wasm`'s `callback` calls the host with
 * the binding, namespace and operation it is given and answers the host's response.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { generateTypescriptHost } from "../../generators/index.js";
import { buildModel } from "../../generators/model.js";
import { loadSchemaSource } from "../../widl-parser/index.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const fixtures = join(root, "node_modules/@wapc/host/test/fixtures");
const outDir = join(root, "test/.out/interop-wapc-rust");

/** Generates stubs for a schema into test/.out and imports them. */
async function stubs<T>(name: string, schema: string, className?: string): Promise<T> {
  const model = buildModel(loadSchemaSource(schema, { file: `${name}.widl` }));
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `${name}.ts`);
  writeFileSync(file, generateTypescriptHost(model, { schemaFile: `${name}.widl`, ...(className ? { className } : {}) }));
  return (await import(/* @vite-ignore */ pathToFileURL(file).href)) as T;
}

/**
 * The fixtures log every call through `__console_log`, which goes to the host's `logger` (console.log by
 * default); the tests do not need to see it.
 */
interface Quiet {
  logger(line: string): void;
}
const quiet: Quiet = { logger: () => {} };

interface EchoModule {
  Example: { load(source: string, options: { host: Quiet }): Promise<{ echo(msg: string): string }> };
}

interface CallbackModule {
  Callbacks: {
    load(
      source: string,
      options: { roles: { upper: { myOperation(msg: string): string } }; host: Quiet },
    ): Promise<{ callback(namespace: string, binding: string, operation: string, msg: string): string }>;
  };
}

describe("generated stubs against @wapc/host's Rust fixtures", () => {
  let echo: EchoModule;
  let callbacks: CallbackModule;
  beforeAll(async () => {
    echo = await stubs<EchoModule>("example", `namespace "example" interface { echo(msg: string): string }`);
    callbacks = await stubs<CallbackModule>(
      "callbacks",
      `namespace "myNamespace"
       interface { callback(namespace: string, binding: string, operation: string, msg: string): string }
       role Upper { myOperation{msg: string}: string }`,
      "Callbacks",
    );
  });

  it("echo: rust_echo_string.wasm answers through the typed stub", async () => {
    const guest = await echo.Example.load(join(fixtures, "rust_echo_string.wasm"), { host: quiet });
    expect(guest.echo("hello world")).toBe("hello world");
    expect(guest.echo("")).toBe("");
    expect(guest.echo("héllo wörld 🦀")).toBe("héllo wörld 🦀");
    const long = "x".repeat(70_000);
    expect(guest.echo(long)).toBe(long);
  });

  it("host role: the Rust guest's host call reaches the typed handler and its answer comes back", async () => {
    const seen: string[] = [];
    const guest = await callbacks.Callbacks.load(join(fixtures, "rust_host_call.wasm"), {
      host: quiet,
      roles: {
        upper: {
          myOperation: (msg) => {
            seen.push(msg);
            return msg.toUpperCase();
          },
        },
      },
    });
    expect(guest.callback("myNamespace", "myBinding", "myOperation", "this is the payload")).toBe("THIS IS THE PAYLOAD");
    expect(seen).toEqual(["this is the payload"]);
  });

  it("host role: an unknown operation or namespace is an error to the guest, which the caller sees", async () => {
    const guest = await callbacks.Callbacks.load(join(fixtures, "rust_host_call.wasm"), {
      host: quiet,
      roles: { upper: { myOperation: (msg) => msg } },
    });
    expect(() => guest.callback("myNamespace", "b", "nope", "x")).toThrow(/Host call not implemented.*operation = 'nope'/);
    expect(() => guest.callback("otherNamespace", "b", "myOperation", "x")).toThrow(/namespace = 'otherNamespace'/);
    // The instance still works after the failed calls.
    expect(guest.callback("myNamespace", "b", "myOperation", "ok")).toBe("ok");
  });
});
