/**
 * The Rust spelling of WIDL types, and the msgpack encode and decode expressions for each, as strings the
 * templates paste in. Everything a template prints about a type is decided here, so the templates hold
 * layout only.
 *
 * Conventions of the expressions (they match guest-runtime/rust/msgpack.rs):
 * - an encode expression writes to an `Encoder` named `e`, reading the value through an expression of type
 *   `&T` (a "ref"); nested containers use closures `|e, v|` that shadow both names;
 * - a decode expression reads from a `Decoder` named `d` and has type `Result<T, msgpack::Error>`.
 */
import { resolveAlias, type StructDef, type TypeDef, type TypeExpr, type UnionDef } from "../model.js";

/** Types whose values need a `Box` where they appear inside themselves (see `recursiveEdges`). */
export type BoxedSet = ReadonlySet<string>;

/** `{K: V}` is a `BTreeMap` (deterministic order on the wire) unless its key has no total order. */
function hasOrderedKey(key: TypeExpr): boolean {
  const k = resolveAlias(key);
  return !(k.kind === "scalar" && (k.name === "f32" || k.name === "f64"));
}

/**
 * The owned Rust type of a WIDL type, e.g. `Vec<Option<Point>>`. `path` qualifies the glue module's names
 * (`widl::` for code outside it, such as the scaffold's `lib.rs`).
 */
export function rustType(type: TypeExpr, boxed = false, path = ""): string {
  const t = rustTypeUnboxed(type, path);
  return boxed ? `Box<${t}>` : t;
}

function rustTypeUnboxed(type: TypeExpr, path: string): string {
  const rustType = (t: TypeExpr): string => rustTypeUnboxed(t, path);
  switch (type.kind) {
    case "scalar":
      return type.name;
    case "string":
      return "String";
    case "bytes":
      return "Vec<u8>";
    // The runtime's types go by their module path: a schema may have its own `Value` or `Timestamp`.
    case "datetime":
      return `${path}msgpack::Timestamp`;
    case "raw":
      return `${path}msgpack::Raw`;
    case "any":
      return `${path}msgpack::Value`;
    case "list":
      return `Vec<${rustType(type.item)}>`;
    case "map":
      return hasOrderedKey(type.key)
        ? `${path}BTreeMap<${rustType(type.key)}, ${rustType(type.value)}>`
        : `Vec<(${rustType(type.key)}, ${rustType(type.value)})>`;
    case "optional":
      return `Option<${rustType(type.inner)}>`;
    case "struct":
    case "enum":
    case "union":
    case "alias":
      return `${path}${type.def.id.rust}`;
  }
}

/** A field type with a `Box` inside its `Option` when the field is recursive: `Option<Box<Node>>`. */
export function rustFieldType(type: TypeExpr, boxed: boolean): string {
  if (!boxed) return rustType(type);
  return type.kind === "optional" ? `Option<${rustType(type.inner, true)}>` : rustType(type, true);
}

/** The borrowed form a host-client method takes: `&str`, `&[u8]`, `&[T]`, `&T`; Copy types by value. */
export function rustBorrowedType(type: TypeExpr): string {
  if (isCopy(type)) return rustType(type);
  const t = resolveAlias(type);
  if (t.kind === "string") return "&str";
  if (t.kind === "bytes") return "&[u8]";
  if (type.kind === "list") return `&[${rustType(type.item)}]`;
  return `&${rustType(type)}`;
}

/** Scalars, timestamps and enums are `Copy`; they pass by value. */
export function isCopy(type: TypeExpr): boolean {
  const t = resolveAlias(type);
  return t.kind === "scalar" || t.kind === "enum" || t.kind === "datetime";
}

/** `&self.x` → `self.x`; `v` → `*v`: the value behind a ref, copied out as an argument. */
function place(ref: string): string {
  return ref.startsWith("&") ? ref.slice(1) : `*${ref}`;
}

/** A method call on the value behind a ref; auto-deref makes `v.encode(e)` work for `&T` and `&Box<T>`. */
function call(ref: string, method: string): string {
  return ref.startsWith("&") ? `${ref.slice(1)}.${method}` : `${ref}.${method}`;
}

/** The statement (without `;`) that encodes the value behind `ref` into `e`. */
export function encodeExpr(type: TypeExpr, ref: string): string {
  switch (type.kind) {
    case "scalar":
      return `e.write_${type.name}(${place(ref)})`;
    case "string":
      return `e.write_str(${ref})`;
    case "bytes":
      return `e.write_bin(${ref})`;
    case "datetime":
      return `e.write_timestamp(${ref})`;
    case "raw":
      return `e.write_raw(${ref})`;
    case "any":
      return `e.write_value(${ref})`;
    case "list":
      return `e.write_array(${ref}, |e, v| ${encodeExpr(type.item, "v")})`;
    case "map": {
      const method = hasOrderedKey(type.key) ? "write_map" : "write_entries";
      return `e.${method}(${ref}, |e, k| ${encodeExpr(type.key, "k")}, |e, v| ${encodeExpr(type.value, "v")})`;
    }
    case "optional":
      return `e.write_option(${ref}, |e, v| ${encodeExpr(type.inner, "v")})`;
    case "enum":
      return `e.write_i32(${call(ref, "value()")})`;
    case "struct":
    case "union":
      return call(ref, "encode(e)");
    case "alias":
      return encodeExpr(type.def.type, ref);
  }
}

/** The expression of type `Result<T, msgpack::Error>` that decodes a `T` from `d`. */
export function decodeExpr(type: TypeExpr, boxed = false): string {
  switch (type.kind) {
    case "scalar":
      return `d.read_${type.name}()`;
    case "string":
      return "d.read_string()";
    case "bytes":
      return "d.read_bytes()";
    case "datetime":
      return "d.read_timestamp()";
    case "raw":
      return "d.read_raw()";
    case "any":
      return "d.read_value()";
    case "list":
      return `d.read_array(|d| ${decodeExpr(type.item)})`;
    case "map": {
      const method = hasOrderedKey(type.key) ? "read_map" : "read_entries";
      return `d.${method}(|d| ${decodeExpr(type.key)}, |d| ${decodeExpr(type.value)})`;
    }
    case "optional":
      return `d.read_option(|d| ${decodeExpr(type.inner, boxed)})`;
    case "struct":
    case "enum":
    case "union": {
      const read = `${type.def.id.rust}::decode(d)`;
      return boxed ? `${read}.map(Box::new)` : read;
    }
    case "alias":
      return decodeExpr(type.def.type, boxed);
  }
}

/**
 * The named types that must be boxed where they are held by value inside a type that can contain itself
 * (a field `next: Node?` in `Node`, a union member that contains the union). Edges through lists and maps
 * need no box: `Vec` already puts the value behind a pointer.
 *
 * Returns, per containing type name, the set of field (or member) names to box.
 */
export function recursiveEdges(types: readonly TypeDef[]): Map<string, Set<string>> {
  const byValue = (type: TypeExpr): TypeDef | undefined => {
    const t = resolveAlias(type);
    const inner = t.kind === "optional" ? resolveAlias(t.inner) : t;
    return inner.kind === "struct" || inner.kind === "union" ? inner.def : undefined;
  };
  const children = (def: TypeDef): { name: string; target: TypeDef }[] => {
    const out: { name: string; target: TypeDef }[] = [];
    if (def.kind === "struct") {
      for (const f of def.fields) {
        const target = byValue(f.type);
        if (target) out.push({ name: f.name, target });
      }
    } else if (def.kind === "union") {
      for (const m of def.members) {
        const target = byValue(m.type);
        if (target) out.push({ name: m.name, target });
      }
    }
    return out;
  };
  const reaches = (from: TypeDef, goal: TypeDef, seen = new Set<TypeDef>()): boolean => {
    if (from === goal) return true;
    if (seen.has(from)) return false;
    seen.add(from);
    return children(from).some((c) => reaches(c.target, goal, seen));
  };
  const result = new Map<string, Set<string>>();
  for (const def of types) {
    if (def.kind !== "struct" && def.kind !== "union") continue;
    const boxed = new Set(children(def as StructDef | UnionDef).filter((c) => reaches(c.target, def)).map((c) => c.name));
    if (boxed.size > 0) result.set(def.name, boxed);
  }
  return result;
}
