/**
 * TypeScript naming: PascalCase types and enum members, camelCase everything else. A reserved word or a name
 * the generated stubs rely on gets a trailing `_` (`class` → `class_`, `Promise` → `Promise_`); `$` never
 * appears, since the generator keeps `$` for its own descriptors and codecs.
 */
import { camelCase, pascalCase } from "../naming.js";
import { wordSet, type LanguageRules, type NameKind } from "./kinds.js";

/** Reserved words, strict-mode reserved words, and names that cannot be bound in strict module code. */
export const TS_KEYWORDS = wordSet(
  "break case catch class const continue debugger default delete do else enum export extends false finally for",
  "function if import in instanceof new null return super switch this throw true try typeof var void while with",
  "implements interface let package private protected public static yield await arguments eval",
  "undefined NaN Infinity",
);

/** TypeScript's predefined type names: `type string = …` is an error. */
const TS_TYPE_KEYWORDS = wordSet("any unknown never object string number boolean bigint symbol undefined void null");

/**
 * Globals the generated stubs (or the types users write against them) use by name: a schema type with one of
 * these names would shadow it in the generated module.
 */
export const TS_GLOBALS = wordSet(
  "Map Set WeakMap Date Promise PromiseLike Awaited Error TypeError RangeError Object Array ReadonlyArray ReadonlyMap",
  "String Number Boolean BigInt Symbol Function Uint8Array ArrayBuffer DataView Pick Omit Record Partial Required",
  "Readonly ReturnType Parameters Iterable IterableIterator JSON Math URL TextEncoder TextDecoder WebAssembly globalThis",
);

/**
 * Instance members of the generated classes (the `guest` property, the pool client's `pool` property and `close`):
 * an operation's method must not take one. Nor may it be `then`: `load` and `pool` resolve to these classes, and a
 * class with a `then` method would be taken for a promise. The static `load`, `pool` and `local` live apart.
 */
export const TS_CLASS_MEMBERS = wordSet("constructor guest pool close then");

/**
 * Members every object has: an optional property named like one would refuse `{}` under
 * `exactOptionalPropertyTypes` (`{}` has a `toString`), and the generated `options?.roles ?? {}` is such a `{}`.
 */
export const TS_OBJECT_MEMBERS = wordSet(
  "constructor hasOwnProperty isPrototypeOf propertyIsEnumerable toLocaleString toString valueOf __proto__",
  "__defineGetter__ __defineSetter__ __lookupGetter__ __lookupSetter__",
);

function reserved(kind: NameKind, id: string): boolean {
  switch (kind) {
    case "type":
      return TS_KEYWORDS.has(id) || TS_TYPE_KEYWORDS.has(id) || TS_GLOBALS.has(id);
    case "method":
      return TS_KEYWORDS.has(id) || TS_CLASS_MEMBERS.has(id);
    case "param":
      return TS_KEYWORDS.has(id);
    // Property names may be any identifier, keywords included (`x.default`, `Status.Pending`), but not what `{}` has.
    case "field":
    case "roleProperty":
      return TS_OBJECT_MEMBERS.has(id);
    case "enumMember":
    case "unionMember":
      return false;
  }
}

export const typescriptRules: LanguageRules = {
  convert: (kind, name) => (kind === "type" || kind === "enumMember" ? pascalCase(name) : camelCase(name)),
  legalize: (kind, id) => (reserved(kind, id) ? `${id}_` : id),
  snake: () => false,
  operationsShareScope: false,
};
