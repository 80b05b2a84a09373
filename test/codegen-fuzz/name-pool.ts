/**
 * The names the codegen property tests and torture schemas draw from: every reserved word of TypeScript,
 * AssemblyScript and Rust, the builtins generated code relies on, the generated code's own helper names, and
 * names that collide after case conversion. Written out here, independently of generators/names/, so a word
 * missing from a language's rules is caught rather than skipped.
 */
import { BUILTIN_TYPE_NAMES } from "../../widl-parser/ast.js";

const words = (...lists: string[]): string[] => lists.join(" ").split(/\s+/).filter((w) => w !== "");

/** ECMAScript and TypeScript keywords, strict-mode words, contextual keywords and predefined type names. */
export const TS_WORDS = words(
  "break case catch class const continue debugger default delete do else enum export extends false finally for",
  "function if import in instanceof new null return super switch this throw true try typeof var void while with",
  "implements interface let package private protected public static yield await async arguments eval as any",
  "boolean constructor declare get module require number set string symbol type from of bigint undefined never",
  "unknown object namespace keyof readonly infer is asserts unique global abstract accessor satisfies override out",
  "NaN Infinity",
);

/** Globals and prototype members generated TypeScript uses or a value could hit. */
export const TS_BUILTINS = words(
  "Map Set Date Promise Error Object Array String Number Boolean BigInt Symbol Uint8Array ArrayBuffer DataView Pick",
  "Record Partial Readonly ReturnType Parameters JSON Math URL TextEncoder TextDecoder WebAssembly globalThis",
  "__proto__ prototype toString valueOf hasOwnProperty then",
);

/** AssemblyScript's types and builtins. */
export const AS_WORDS = words(
  "i8 u8 i16 u16 i32 u32 i64 u64 f32 f64 v128 bool isize usize auto StaticArray changetype load store unreachable",
  "sizeof alignof offsetof abort trace assert unchecked instantiate",
);

/** Rust keywords (2015–2021, strict, reserved and weak) and the prelude. */
export const RUST_WORDS = words(
  "as break const continue crate else enum extern false fn for if impl in let loop match mod move mut pub ref",
  "return self Self static struct super trait true type unsafe use where while async await dyn abstract become",
  "box do final macro override priv typeof unsized virtual yield try union macro_rules str char",
  "Option Some None Result Ok Err String Vec Box Copy Clone Send Sync Sized Drop Fn FnMut FnOnce Default",
  "Iterator Into From TryFrom ToString PartialEq Eq Debug BTreeMap HashMap",
);

/** What the generated code itself declares or uses. */
export const HELPER_WORDS = words(
  "load pool local guest close HostRoles Handlers register registerGet hostCallFor LoadOptions Exports Guest",
  "NAMESPACE BINDING HandlerError dispatch msgpack wapc direct rt payload args arg result handler r run e d w s u v",
  "response binding op a0 a1 a0_ptr a0_len _args _sizer _encoder _response _decoder _result seen0 encode decode",
  "new with_binding OperationCodec WapcHost Writer HostOptions DirectGuest instantiate wire Value Timestamp Raw W H T",
  "loadAsync Async LoadAsyncOptions AsyncHostRoles DirectAsyncGuest GuestSource suspendingEngine roles host rest engine",
);

/** Pairs that are one identifier after case conversion, and other odd shapes of valid WIDL names. */
export const CLASH_WORDS = words(
  "fooBar foo_bar FooBar FOO_BAR Get get GET HTTPServer http_server HttpServer x X _ __ _x x_ _1 v1 V1 v_1 a1b2",
  "Status PENDING Pending pending",
);

/** Namespaces as users write them: colons, dots, dashes, slashes, digits, and reserved words. */
export const NAMESPACES = [
  "wasmcloud:keyvalue",
  "wascc:messaging",
  "examples:ping",
  "kitchen.sink",
  "my-org/my-service",
  "1password",
  "v2.api:beta-3",
  "class",
  "Self",
  "Promise",
  "pool",
  "tiero:testLoad",
  "ns",
  "a.b.c.d",
];

const isWidlName = (n: string): boolean => /^[_A-Za-z][_0-9A-Za-z]*$/.test(n);
const builtins: ReadonlySet<string> = new Set<string>(BUILTIN_TYPE_NAMES);

/** Every name in the pool, once, in a fixed order. */
export const MEMBER_NAMES: readonly string[] = [
  ...new Set([...TS_WORDS, ...TS_BUILTINS, ...AS_WORDS, ...RUST_WORDS, ...HELPER_WORDS, ...CLASH_WORDS]),
].filter(isWidlName);

/**
 * Names a type, enum, union, alias or role can have: WIDL's built-in type names are refused by `check`, and
 * `stream` cannot follow a parameter's colon.
 */
export const TYPE_NAMES: readonly string[] = MEMBER_NAMES.filter((n) => !builtins.has(n) && n !== "stream");

/** Enum values that a default could not name (`true` reads as a bool): such defaults use the index. */
export const VALUE_KEYWORDS: ReadonlySet<string> = new Set(["true", "false", "null"]);
