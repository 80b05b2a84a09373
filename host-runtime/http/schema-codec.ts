/**
 * The schema-backed codec of `invoke --schema` and `serve --schema`: the operations a WIDL schema declares, with
 * their arguments checked against the WIDL types before anything reaches the guest, and results decoded by the
 * return type.
 */
import { readFile } from "node:fs/promises";
import { buildModel, type Model } from "../../generators/model.js";
import { parse } from "../../widl-parser/parse.js";
import { validate, hasErrors } from "../../widl-parser/validate.js";
import { WidlError } from "../../widl-parser/diagnostics.js";
import { genericCodec, UnknownOperationError, type OperationCodec } from "./json-payload.js";

/** The schema file could not be read, parsed or validated; the message holds the formatted diagnostics. */
export class SchemaLoadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "SchemaLoadError";
  }
}

/** Reads, parses and validates a WIDL schema into the model. */
export async function loadModel(file: string): Promise<Model> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    throw new SchemaLoadError(`cannot read schema ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { cause: e });
  }
  try {
    const document = parse(text, { file });
    const diagnostics = validate(document);
    if (hasErrors(diagnostics)) throw new WidlError(diagnostics, new Map([[file, text]]));
    return buildModel(document);
  } catch (e) {
    if (e instanceof WidlError) throw new SchemaLoadError(`schema ${file} is not valid WIDL:\n${e.format()}`, { cause: e });
    throw new SchemaLoadError(`schema ${file}: ${(e as Error).message}`, { cause: e });
  }
}

/** A codec for the operations of `model`'s interface. */
export function schemaCodec(model: Model): OperationCodec {
  const operations = model.interface.operations.map((o) => o.name);
  const known = new Set(operations);
  const check = (operation: string) => {
    if (!known.has(operation)) throw new UnknownOperationError(operation, operations);
  };
  return {
    operations,
    encodeArguments(operation, args) {
      check(operation);
      return genericCodec.encodeArguments(operation, args);
    },
    decodeResult(operation, payload) {
      check(operation);
      return genericCodec.decodeResult(operation, payload);
    },
  };
}

/** Loads a schema file and returns its codec. */
export async function loadSchemaCodec(file: string): Promise<OperationCodec> {
  return schemaCodec(await loadModel(file));
}
