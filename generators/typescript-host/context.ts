/**
 * The one context the parts of the `typescript-host` generator share: the file being built, the names already
 * chosen, and each operation as every class prints it. The main generator (./index.ts) builds it once, after the
 * types, codecs and host roles; ./direct.ts and ./async-variants.ts only read it.
 */
import type { OperationDef, ReturnType, TypeExpr } from "../model.js";
import type { CLASS_NAME_SUFFIXES } from "../names/assign.js";
import type { ImportRegistry } from "./import-registry.js";
import type { AsyncVariantOptions } from "./options.js";
import type { ParamView } from "./params.js";
import type { StatementBuffer } from "./statement-buffer.js";

/**
 * The name of the generated function that routes the guest's host calls to the role implementations; every
 * loader calls it, and it is reserved before any import is named.
 */
export const HOST_CALL_ROUTER = "hostCallFor";

/**
 * A name the file derives from the class name (`<Class>Pool`). The suffix is typed as one of the
 * `CLASS_NAME_SUFFIXES` the class name is checked against, so every derived name is one that cannot meet a schema
 * name.
 */
export function derivedName(className: string, suffix: (typeof CLASS_NAME_SUFFIXES)[number]): string {
  return `${className}${suffix}`;
}

/** One operation of the guest's interface, as the class and its companions print it. */
export interface StubOperation {
  readonly def: OperationDef;
  /** The TS method name. */
  readonly method: string;
  /** The name of the operation's `OperationCodec` constant; only the waPC classes call codecs. */
  readonly codec: string;
  /** The parameters as an implementation receives them (defaults applied): codec tuples, local guests. */
  readonly params: readonly ParamView[];
  /** The parameters of the method the application calls, with WIDL defaults as initializers. */
  readonly callerParams: readonly ParamView[];
  /** The TS result type (`void` for none). */
  readonly returnType: string;
  readonly docs: readonly string[];
}

export interface StubContext {
  readonly file: StatementBuffer;
  readonly imports: ImportRegistry;
  /** The module the runtime is imported from (`runtimeModule`). */
  readonly runtime: string;
  readonly className: string;
  /** The schema's namespace as written, for docs. */
  readonly namespace: string;
  /** The ABI of the class, and of every client next to it: `both` is called through the direct ABI. */
  readonly abi: "wapc" | "direct";
  /** Which clients besides the synchronous class the options ask for. */
  readonly variants: Readonly<Required<AsyncVariantOptions>>;
  /** The name of the `<Class>HostRoles` interface, when the guest calls host roles. */
  readonly rolesType: string | undefined;
  /** The JSDoc of the synchronous class. */
  readonly classDocs: readonly string[];
  readonly operations: readonly StubOperation[];
  /** The TS type of a WIDL type. */
  ts(t: ReturnType): string;
  /** The wire descriptor expression of a type (`wire.string`, `$Point`, `wire.list(…)`). */
  wire(t: TypeExpr): string;
}
