/**
 * AssemblyScript naming: TypeScript's cases, and TypeScript's reserved words plus AssemblyScript's own: its
 * built-in types (`i32`, `usize`…), which are also conversion functions, and the members of the generated
 * classes (a struct's `encode`, a host client's `binding`). A clash gets a trailing `_`.
 */
import { camelCase, pascalCase } from "../naming.js";
import { wordSet, type LanguageRules, type NameKind } from "./kinds.js";
import { TS_GLOBALS, TS_KEYWORDS } from "./typescript.js";

/**
 * Built-in types, and the contextual keywords AssemblyScript's parser treats as keywords in more places than
 * TypeScript's does (a class method `get(…)` reads as an accessor).
 */
export const AS_KEYWORDS = wordSet(
  "i8 u8 i16 u16 i32 u32 i64 u64 f32 f64 v128 bool isize usize void auto string number boolean any never unknown",
  "object symbol bigint null true false type declare namespace module abstract readonly keyof is as get set of from",
  "async require constructor override accessor satisfies infer",
);

/** Globals of AssemblyScript's standard library the glue refers to, or that a user's handler would. */
const AS_GLOBALS: ReadonlySet<string> = new Set([...TS_GLOBALS, ...wordSet("StaticArray Mathf NativeMath Heap Memory Atomics")]);
/** The glue's own module-level class, and the type parameter of its encoders (`encode<W>(w: W)`), which a type named `W` would be hidden by. */
const AS_GLUE_TYPES = wordSet("Handlers W");

/**
 * What the generated classes declare besides the schema's fields and methods; a method is also a function of the
 * scaffold's entry file, next to the runtime import `rt` and the `Handlers` class.
 */
const AS_FIELD_MEMBERS = wordSet("encode decode constructor");
const AS_METHOD_MEMBERS = wordSet("binding constructor decode encode rt");
/** The locals of a host client's method, next to its parameters, and the runtime's import name. */
const AS_CLIENT_LOCALS = wordSet("_args _sizer _encoder _response _decoder _result rt");

function reserved(kind: NameKind, id: string): boolean {
  if (TS_KEYWORDS.has(id) || AS_KEYWORDS.has(id)) return true;
  switch (kind) {
    case "type":
      return AS_GLOBALS.has(id) || AS_GLUE_TYPES.has(id);
    case "field":
    case "unionMember":
      return AS_FIELD_MEMBERS.has(id);
    case "method":
      return AS_METHOD_MEMBERS.has(id);
    // Parameters are also the fields of their operation's args struct.
    case "param":
      return AS_CLIENT_LOCALS.has(id) || AS_FIELD_MEMBERS.has(id);
    case "enumMember":
    case "roleProperty":
      return false;
  }
}

export const assemblyscriptRules: LanguageRules = {
  convert: (kind, name) => (kind === "type" || kind === "enumMember" ? pascalCase(name) : camelCase(name)),
  legalize: (kind, id) => (reserved(kind, id) ? `${id}_` : id),
  snake: () => false,
  operationsShareScope: false,
};
