/**
 * `widl-bindgen invoke <guest.wasm> <operation> [json] [--schema file]`: the book's wapc.js. Loads a waPC guest,
 * sends the JSON arguments as msgpack, and prints the result. A string result prints bare (`true`, as in the
 * book); anything else prints as JSON (`--json` prints strings as JSON too). With `--schema`, the arguments are
 * checked against the operation's WIDL types first and a mismatch names the field.
 *
 * Only the result goes to stdout; the guest's console log and WASI output go to stderr, so the output can be
 * piped. Exit codes: 0 ok, 1 guest error, 2 bad arguments or unreadable input.
 */
import { readFile } from "node:fs/promises";
import type { CAC } from "cac";
import type { OperationCodec } from "@widl-bindgen/host/http";
import type { EngineName } from "@widl-bindgen/host/vocabulary";
import { engineName, engineOptionHelp } from "../engine-option.js";

interface InvokeOptions {
  schema?: string;
  json?: boolean;
  engine?: string;
}

function fail(message: string, code: number): void {
  process.stderr.write(`error: ${message}\n`);
  process.exitCode = code;
}

/** Registers the `invoke` command. */
export function register(cli: CAC): void {
  cli
    .command("invoke <guest> <operation> [json]", "Call one operation of a waPC guest with JSON arguments")
    .option("--schema <file>", "Check the arguments against this WIDL schema and decode the result by its types")
    .option("--json", "Print a string result as JSON too (quoted)")
    .option("--engine <engine>", engineOptionHelp)
    .example(`widl-bindgen invoke cuckoo.wasm check_word_exists '{"name":"foo"}'`)
    .action(async (guest: string, operation: string, json: string | undefined, options: InvokeOptions) => {
      let engine: EngineName;
      try {
        engine = engineName(options.engine);
      } catch (e) {
        return fail((e as Error).message, 2);
      }
      // Imported here, not at start-up: the host runtime and the parser load only when a guest is called.
      const [{ load, WidlHostError }, payloads] = await Promise.all([import("@widl-bindgen/host"), import("@widl-bindgen/host/http")]);
      const { ArgumentError, formatJson, formatResultText, parseJsonArguments, UnknownOperationError } = payloads;
      let codec: OperationCodec = payloads.genericCodec;
      if (options.schema !== undefined) {
        const { loadSchemaCodec, SchemaLoadError } = await import("../schema-codec.js");
        try {
          codec = await loadSchemaCodec(options.schema);
        } catch (e) {
          if (e instanceof SchemaLoadError) return fail(e.message, 2);
          throw e;
        }
      }
      let payload: Uint8Array;
      try {
        // cac turns a bare numeric argument into a number; JSON text is what we want either way.
        const args = json === undefined ? undefined : parseJsonArguments(String(json));
        payload = codec.encodeArguments(operation, args);
      } catch (e) {
        if (e instanceof ArgumentError) {
          return fail(e.field === undefined ? e.message : `argument ${e.message}`, 2);
        }
        if (e instanceof UnknownOperationError) return fail(e.message, 2);
        throw e;
      }
      let bytes: Uint8Array;
      try {
        bytes = await readFile(guest);
      } catch (e) {
        return fail(`cannot read ${guest}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 2);
      }
      const toStderr = (message: string) => void process.stderr.write(`${message}\n`);
      try {
        const host = await load(bytes, {
          engine,
          logger: toStderr,
          wasi: { stdout: (b) => void process.stderr.write(b), stderr: (b) => void process.stderr.write(b) },
        });
        const result = await host.invoke(operation, payload);
        const value = codec.decodeResult(operation, result);
        process.stdout.write(`${options.json ? formatJson(value) : formatResultText(value)}\n`);
      } catch (e) {
        if (e instanceof WidlHostError) return fail(e.message, 1);
        throw e;
      }
    });
}
