/**
 * The case converters every language's naming rules (./names/) are built on: `check_word_exists` becomes
 * `checkWordExists` in TypeScript and `check_word_exists` in Rust by one rule.
 *
 * WIDL names are `[_A-Za-z][_0-9A-Za-z]*`, but a namespace or an alias may be a string (`"wasmcloud:keyvalue"`),
 * so words are split at any character that is not an ASCII letter or digit, at underscores, at lower→upper
 * transitions, and at the end of an acronym (`HTTPServer` → `HTTP`, `Server`).
 */

/** Splits a name into words: `check_word_exists`, `checkWordExists`, `HTTPServer2Go`, `kitchen.sink`. */
export function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
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
