/**
 * Rust naming: PascalCase types, enum variants and union variants; snake_case functions, fields and parameters.
 * A keyword becomes a raw identifier (`type` → `r#type`) where Rust allows one, which keeps the name as written;
 * `self`, `Self`, `super` and `crate` cannot be raw and get a trailing `_`, as do prelude names and the names the
 * glue declares or uses (`Option` → `Option_`, a parameter `payload` → `payload_`).
 */
import { pascalCase, snakeCase } from "../naming.js";
import { wordSet, type LanguageRules, type NameKind } from "./kinds.js";

/** Strict, reserved and edition-2018+ keywords (raw identifiers work for them in every edition since 1.30). */
export const RUST_KEYWORDS = wordSet(
  "as break const continue crate else enum extern false fn for if impl in let loop match mod move mut pub ref",
  "return self Self static struct super trait true type unsafe use where while async await dyn abstract become",
  "box do final macro override priv typeof unsized virtual yield try union",
);
/** Keywords a raw identifier cannot spell. */
const RUST_NOT_RAW = wordSet("self Self super crate _");

/** The prelude's types, traits and variants, and what the glue module declares or imports at its top level. */
export const RUST_TYPE_NAMES = wordSet(
  "Option Some None Result Ok Err String ToString Vec Box Copy Clone Send Sync Sized Unpin Drop Fn FnMut FnOnce",
  "ToOwned PartialEq PartialOrd Eq Ord AsRef AsMut Into From TryFrom TryInto Default Iterator Extend IntoIterator",
  "DoubleEndedIterator ExactSizeIterator FromIterator Debug",
  "BTreeMap HandlerError Handlers Guest",
  // The type parameter of the glue's dispatch functions (`fn wapc_get<H: Handlers>`): a type `H` would be hidden there.
  "H",
);

/** A host client's own associated functions. */
const RUST_CLIENT_METHODS = wordSet("new with_binding binding default");

/**
 * The locals and closure parameters of the generated functions that a parameter could shadow: `payload`, `args`,
 * `r`, `run`, `e`, `d`, `response`, and the direct ABI's positional `a0`, `a0_ptr`, `a0_len`….
 */
const RUST_LOCALS = wordSet("payload args r run e d response binding op");
const positional = /^a[0-9]+(_ptr|_len)?$/;

function reserved(kind: NameKind, id: string): boolean {
  switch (kind) {
    case "type":
    case "enumMember":
    case "unionMember":
      return RUST_TYPE_NAMES.has(id);
    case "method":
      return RUST_CLIENT_METHODS.has(id);
    case "param":
      return RUST_LOCALS.has(id) || positional.test(id);
    case "field":
    case "roleProperty":
      return false;
  }
}

export const rustRules: LanguageRules = {
  convert: (kind, name) =>
    kind === "type" || kind === "enumMember" || kind === "unionMember" ? pascalCase(name) : snakeCase(name),
  legalize: (kind, id) => {
    if (RUST_KEYWORDS.has(id) || id === "_") return RUST_NOT_RAW.has(id) ? `${id}_` : `r#${id}`;
    // A type or variant of underscores only reads the same in both cases, so a parameter `__` of an enum with a
    // variant `__` would bind the variant's name (rustc's E0170): such a type or variant gets a trailing `0`.
    if (/^_+$/.test(id) && !rustRules.snake(kind)) return `${id}0`;
    return reserved(kind, id) ? `${id}_` : id;
  },
  snake: (kind) => !(kind === "type" || kind === "enumMember" || kind === "unionMember"),
  operationsShareScope: true,
};

/** An identifier without its `r#` prefix, for building other names from it (`r#type` → `wapc_type`). */
export const unraw = (id: string): string => id.replace(/^r#/, "");
