/**
 * The schema-backed codec of `invoke --schema` and `serve --schema`: the operations a WIDL schema declares, with
 * JSON arguments checked against their WIDL types by the wire codec before anything reaches the guest (i64 from a
 * number or a decimal string, bytes as base64), and results decoded and checked by the return type.
 *
 * It lives in cli/, not in @widl-bindgen/host/http: it needs the parser and the model, and the host package sits
 * downstream of both. The server only sees the `OperationCodec` interface.
 */
import { readFile } from "node:fs/promises";
import { buildModel, type Model } from "../generators/model.js";
import { UnsupportedDefaultError } from "../generators/defaults.js";
import { descriptorFromModel } from "../generators/wire-descriptors.js";
import { WidlError } from "../widl-parser/diagnostics.js";
import { loadSchemaSource } from "../widl-parser/load.js";
import { DecodeError, EncodeError } from "@widl-bindgen/host";
import type { OperationCodec as WireOperationCodec } from "@widl-bindgen/host/codegen";
import { ArgumentError, UnknownOperationError, type OperationCodec } from "@widl-bindgen/host/http";

/** The schema file could not be read, parsed or validated; the message holds the formatted diagnostics. */
export class SchemaLoadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "SchemaLoadError";
  }
}

/** Reads a WIDL schema and its imports, validates them, and builds the model. */
async function loadSchemaModel(file: string): Promise<Model> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    throw new SchemaLoadError(`cannot read schema ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { cause: e });
  }
  try {
    // Imports come from the schema's folder and the working directory, as for `check`.
    return buildModel(loadSchemaSource(text, { file, importRoots: [process.cwd()] }));
  } catch (e) {
    if (e instanceof WidlError) throw new SchemaLoadError(`schema ${file} is not valid WIDL:\n${e.format()}`, { cause: e });
    throw new SchemaLoadError(`schema ${file}: ${(e as Error).message}`, { cause: e });
  }
}

/** The field path of a wire error (`inp.x`, `tags[1]`), without the operation. */
function fieldOf(e: DecodeError | EncodeError): string | undefined {
  const path = e.path.join("").replace(/^\./, "");
  return path === "" ? undefined : path;
}

/** A codec for the operations of `model`'s interface. */
function schemaCodec(model: Model): OperationCodec {
  // Wire names as props: JSON from users is keyed by the WIDL names, and results go back the same way.
  const codecs = descriptorFromModel(model, { props: "wire" }).operations;
  const operations = [...codecs.keys()];
  const codecFor = (operation: string): WireOperationCodec => {
    const codec = codecs.get(operation);
    if (codec === undefined) throw new UnknownOperationError(operation, operations);
    return codec;
  };
  return {
    operations,
    encodeArguments(operation, json) {
      const codec = codecFor(operation);
      try {
        return codec.encodeArgs(codec.argsFromJson(json));
      } catch (e) {
        if (e instanceof DecodeError || e instanceof EncodeError) {
          const field = fieldOf(e);
          throw new ArgumentError(field === undefined ? e.reason : `${field}: ${e.reason}`, field);
        }
        throw e;
      }
    },
    decodeResult(operation, payload) {
      const codec = codecFor(operation);
      // A result that does not match the schema is the guest's fault: it surfaces as an error (500 in serve).
      return codec.resultToJson(codec.decodeResult(payload));
    },
  };
}

/** Loads a schema file and returns its codec. */
export async function loadSchemaCodec(file: string): Promise<OperationCodec> {
  const model = await loadSchemaModel(file);
  try {
    return schemaCodec(model);
  } catch (e) {
    // Valid WIDL whose defaults the codec cannot apply (e.g. an object default for a type): a schema problem too.
    if (e instanceof UnsupportedDefaultError) throw new SchemaLoadError(`schema ${file}: ${e.message}`, { cause: e });
    throw e;
  }
}
