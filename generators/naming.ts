/**
 * Every identifier a target emits comes from here, so that `check_word_exists` becomes
 * `checkWordExists` in TypeScript and `check_word_exists` in Rust by one rule, and a WIDL name that is
 * a keyword in the target language is escaped the same way everywhere.
 *
 * WIDL names are `[_A-Za-z][_0-9A-Za-z]*`, so the case converters only need to find word boundaries:
 * underscores, lower→upper transitions, and the end of an acronym (`HTTPServer` → `HTTP`, `Server`).
 */

/** Splits an identifier into words: `check_word_exists`, `checkWordExists`, `HTTPServer2Go`. */
export function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[_\s-]+/)
    .filter((w) => w.length > 0);
}

const capitalize = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase();

/** `check_word_exists` → `checkWordExists`. Leading underscores are kept (`_private` → `_private`). */
export function camelCase(name: string): string {
  const ws = words(name);
  const body = ws.map((w, i) => (i === 0 ? w.toLowerCase() : capitalize(w))).join("");
  return leadingUnderscores(name) + fixStart(body);
}

/** `check_word_exists` → `CheckWordExists`. */
export function pascalCase(name: string): string {
  return leadingUnderscores(name) + fixStart(words(name).map(capitalize).join(""));
}

/** `checkWordExists` → `check_word_exists`. */
export function snakeCase(name: string): string {
  return leadingUnderscores(name) + fixStart(words(name).map((w) => w.toLowerCase()).join("_"));
}

/** `checkWordExists` → `CHECK_WORD_EXISTS`. */
export function screamingSnakeCase(name: string): string {
  return snakeCase(name).toUpperCase();
}

function leadingUnderscores(name: string): string {
  return /^_*/.exec(name)![0];
}

/** An identifier cannot start with a digit, and an all-underscore name would be empty. */
function fixStart(body: string): string {
  return body === "" ? "_" : /^[0-9]/.test(body) ? `_${body}` : body;
}

// ---------------------------------------------------------------------------------------------
// Reserved words

/** The languages generated code is written in. */
export type TargetLanguage = "ts" | "as" | "rust";

// Reserved and strict-mode reserved words, plus names that would shadow globals generated code uses.
const TS_RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "as implements interface let package private protected public static yield any boolean constructor declare get " +
    "module require number set string symbol type from of await async bigint undefined never unknown object " +
    "arguments eval NaN Infinity Map Set Date Uint8Array Promise Error Object Array String Number Boolean BigInt"
  ).split(" "),
);

// AssemblyScript keywords, plus its built-in type names, which cannot be redeclared.
const AS_RESERVED = new Set(
  [
    ...TS_RESERVED,
    ..."i8 u8 i16 u16 i32 u32 i64 u64 f32 f64 v128 bool isize usize void auto ArrayBuffer StaticArray DataView".split(" "),
  ],
);

// Strict and reserved keywords of Rust 2021, and the names of prelude types generated code uses.
const RUST_RESERVED = new Set(
  (
    "as break const continue crate else enum extern false fn for if impl in let loop match mod move mut pub ref " +
    "return self Self static struct super trait true type unsafe use where while async await dyn abstract become " +
    "box do final macro override priv typeof unsized virtual yield try union"
  ).split(" "),
);
// `r#self` and friends are not allowed; these take a trailing underscore instead.
const RUST_NOT_RAW = new Set(["self", "Self", "super", "crate"]);
const RUST_PRELUDE_TYPES = new Set("String Vec Option Result Box HashMap Some None Ok Err".split(" "));

/** True when `name` cannot be used as an identifier in the language as it stands. */
export function isReserved(name: string, language: TargetLanguage): boolean {
  switch (language) {
    case "ts":
      return TS_RESERVED.has(name);
    case "as":
      return AS_RESERVED.has(name);
    case "rust":
      return RUST_RESERVED.has(name) || RUST_PRELUDE_TYPES.has(name);
  }
}

/**
 * Makes an identifier safe in a language: TypeScript and AssemblyScript append `_` (`class` →
 * `class_`); Rust uses a raw identifier (`type` → `r#type`) where it can, and `_` where it cannot.
 * We choose a trailing `_` because WIDL names never end up with one from the case converters.
 */
export function escapeIdentifier(name: string, language: TargetLanguage): string {
  if (!isReserved(name, language)) return name;
  if (language === "rust" && RUST_RESERVED.has(name) && !RUST_NOT_RAW.has(name)) return `r#${name}`;
  return `${name}_`;
}

/** The identifier conventions of one language, ready to use by a target. */
export interface Naming {
  /** Types, classes, enums, interfaces. */
  type(name: string): string;
  /** Functions and methods. */
  method(name: string): string;
  /** Fields and properties. */
  field(name: string): string;
  /** Parameters and locals. */
  param(name: string): string;
  /** Enum members. */
  enumMember(name: string): string;
}

/**
 * TypeScript and AssemblyScript: PascalCase types and enum members, camelCase everything else. TS
 * property names may be keywords (`x.type`), so TS fields are not escaped.
 */
export function scriptNaming(language: "ts" | "as"): Naming {
  return {
    type: (n) => escapeIdentifier(pascalCase(n), language),
    method: (n) => escapeIdentifier(camelCase(n), language),
    field: (n) => (language === "ts" ? camelCase(n) : escapeIdentifier(camelCase(n), language)),
    param: (n) => escapeIdentifier(camelCase(n), language),
    enumMember: (n) => escapeIdentifier(pascalCase(n), language),
  };
}

/** Rust: PascalCase types and enum variants, snake_case functions, fields and parameters. */
export const rustNaming: Naming = {
  type: (n) => escapeIdentifier(pascalCase(n), "rust"),
  method: (n) => escapeIdentifier(snakeCase(n), "rust"),
  field: (n) => escapeIdentifier(snakeCase(n), "rust"),
  param: (n) => escapeIdentifier(snakeCase(n), "rust"),
  enumMember: (n) => escapeIdentifier(pascalCase(n), "rust"),
};
