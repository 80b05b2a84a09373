/**
 * The kinds of identifier a WIDL name becomes, and what every language's naming rules provide. Each language's
 * rules live in one module (typescript.ts, assemblyscript.ts, rust.ts); assign.ts applies them to a model once.
 */

/** The languages generated code is written in. */
export type TargetLanguage = "ts" | "as" | "rust";

/**
 * What a WIDL name is used as: a module-level type (structs, enums, unions, aliases, roles, args structs), a
 * struct field, an enum member, a union member (AS field, Rust variant), an operation's method, a parameter, or
 * a role's property in the TS `…HostRoles` interface.
 */
export type NameKind = "type" | "field" | "enumMember" | "unionMember" | "method" | "param" | "roleProperty";

/** One language's naming rules. */
export interface LanguageRules {
  /** The WIDL name in the case the language uses for a kind (`check_word` → `checkWord`), not yet legal. */
  convert(kind: NameKind, name: string): string;
  /** The candidate made legal for a kind of scope: a reserved word or a name the generated code uses, escaped. */
  legalize(kind: NameKind, candidate: string): string;
  /** Whether the kind is snake case, so a clash counter is written `foo_2` rather than `foo2`. */
  snake(kind: NameKind): boolean;
  /**
   * Whether the interface's and the roles' operations share one scope of method names (Rust: a role the host does
   * not implement joins the interface in the `Handlers` trait). Otherwise each owner has its own.
   */
  readonly operationsShareScope: boolean;
}

/** Words separated by spaces, as a set: the reserved-word tables read better that way. */
export const wordSet = (...lists: string[]): ReadonlySet<string> => new Set(lists.join(" ").split(/\s+/).filter((w) => w !== ""));
