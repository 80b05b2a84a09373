/**
 * How each WIDL type looks in AssemblyScript: its type string, its zero value, and the expressions that
 * decode and encode it with the guest runtime (guest-runtime/assemblyscript). Every string the templates
 * print about a type comes from here, so the templates hold layout only.
 *
 * Lists, maps and optionals get one small helper function per distinct shape (`decode_list_Point`),
 * emitted only when used. Helper names are built from lowercase tokens for built-ins and constructors and
 * PascalCase type names, joined by `_`; type names never contain `_` (PascalCase drops it), so two
 * different shapes never share a name.
 */
import { floatText, type DefaultLiteral } from "../defaults.js";
import type { AliasDef, EnumDef, EnumValueDef, ScalarName, TypeExpr } from "../model.js";
import { resolveAlias } from "../model.js";

/** One emitted helper function, ready for the `helpers` partial. */
export type HelperView =
  | { readonly kind: "decodeList"; readonly name: string; readonly type: string; readonly itemType: string; readonly item: string }
  | { readonly kind: "encodeList"; readonly name: string; readonly type: string; readonly item: string }
  | {
      readonly kind: "decodeMap";
      readonly name: string;
      readonly type: string;
      readonly key: string;
      readonly value: string;
    }
  | { readonly kind: "encodeMap"; readonly name: string; readonly type: string; readonly key: string; readonly value: string }
  | { readonly kind: "decodeOptional"; readonly name: string; readonly type: string; readonly inner: string }
  | { readonly kind: "encodeOptional"; readonly name: string; readonly type: string; readonly inner: string }
  | { readonly kind: "decodeEnum"; readonly name: string; readonly type: string; readonly wireName: string; readonly check: string }
  | { readonly kind: "checkEnum"; readonly name: string; readonly values: string };

const DECODE_SCALAR: Record<ScalarName, string> = {
  bool: "readBool",
  i8: "readI8",
  u8: "readU8",
  i16: "readI16",
  u16: "readU16",
  i32: "readI32",
  u32: "readU32",
  i64: "readI64",
  u64: "readU64",
  f32: "readF32",
  f64: "readF64",
};

const ENCODE_SCALAR: Record<ScalarName, string> = {
  bool: "writeBool",
  i8: "writeInt",
  i16: "writeInt",
  i32: "writeInt",
  i64: "writeInt",
  u8: "writeUint",
  u16: "writeUint",
  u32: "writeUint",
  u64: "writeUint",
  f32: "writeF32",
  f64: "writeF64",
};

const recursiveAliases = new WeakMap<AliasDef, boolean>();

/** Whether an alias's type reaches the alias again, through fields, union members, aliases and containers. */
function isRecursiveAlias(def: AliasDef): boolean {
  let known = recursiveAliases.get(def);
  if (known !== undefined) return known;
  const seen = new Set<object>();
  const reaches = (t: TypeExpr): boolean => {
    switch (t.kind) {
      case "list":
        return reaches(t.item);
      case "map":
        return reaches(t.key) || reaches(t.value);
      case "optional":
        return reaches(t.inner);
      case "alias":
      case "struct":
      case "union": {
        if (t.def === def) return true;
        if (seen.has(t.def)) return false;
        seen.add(t.def);
        if (t.kind === "alias") return reaches(t.def.type);
        if (t.kind === "struct") return t.def.fields.some((f) => reaches(f.type));
        return t.def.members.some((m) => reaches(m.type));
      }
      default:
        return false;
    }
  };
  known = reaches(def.type);
  recursiveAliases.set(def, known);
  return known;
}

/**
 * Maps types for one generated file. It records the helpers its expressions use, in first-use order,
 * so the output is deterministic and holds only what it needs.
 */
export class AsCodec {
  private readonly helperList: HelperView[] = [];
  /** Whether a type string so far named the runtime (`rt.Box`), so a file must import it. */
  namesRuntime = false;
  /** The schema types a type string so far named, for a file that imports them (the scaffold). */
  readonly namedTypes = new Set<string>();
  private readonly helperNames = new Set<string>();

  /** @param rt the name the glue imports the runtime under (`import * as rt from …`). */
  constructor(
    private readonly rt: string,
  ) {}

  /** The helpers used so far. */
  get helpers(): readonly HelperView[] {
    return this.helperList;
  }

  /** The AssemblyScript type of a WIDL type, e.g. `Map<i32, string>` or `rt.Box<i64> | null`. */
  type(t: TypeExpr): string {
    switch (t.kind) {
      case "scalar":
        return t.name;
      case "string":
        return "string";
      case "bytes":
      case "raw":
      case "any":
        return "ArrayBuffer";
      case "datetime":
        return "Date";
      case "list":
        return `Array<${this.type(t.item)}>`;
      case "map":
        return `Map<${this.type(t.key)}, ${this.type(t.value)}>`;
      case "optional": {
        const inner = this.innerOfOptional(t.inner);
        // AssemblyScript has no nullable primitives: an optional number or enum is a boxed one.
        if (!this.isValueType(inner)) return `${this.type(inner)} | null`;
        this.namesRuntime = true;
        return `${this.rt}.Box<${this.type(inner)}> | null`;
      }
      case "alias":
        // asc cannot resolve an alias that reaches itself ("Recursive types"): such an alias is written out.
        if (isRecursiveAlias(t.def)) return this.type(t.def.type);
        this.namedTypes.add(t.def.id.as);
        return t.def.id.as;
      case "struct":
      case "enum":
      case "union":
        this.namedTypes.add(t.def.id.as);
        return t.def.id.as;
    }
  }

  /** Whether values of the type are wasm values (numbers, bools, enums) rather than references. */
  isValueType(t: TypeExpr): boolean {
    const r = resolveAlias(t);
    return r.kind === "scalar" || r.kind === "enum";
  }

  /** The value a field of this type starts with. */
  zero(t: TypeExpr): string {
    const r = resolveAlias(t);
    switch (r.kind) {
      case "scalar":
        return r.name === "bool" ? "false" : r.name === "f32" || r.name === "f64" ? "0.0" : "0";
      case "string":
        return '""';
      case "bytes":
      case "raw":
      case "any":
        return "new ArrayBuffer(0)";
      case "datetime":
        return "new Date(0)";
      case "list":
        return `new ${this.type(r)}()`;
      case "map":
        return `new ${this.type(r)}()`;
      case "optional":
        return "null";
      case "enum":
        return this.enumMember(r.def, r.def.values[0]);
      case "struct":
      case "union":
        // Through type(), so the name is recorded: a scaffold imports what its zero values name.
        return `new ${this.type(r)}()`;
      case "alias":
        throw new Error("unreachable: resolveAlias returned an alias");
    }
  }

  /**
   * A field's initializer: its WIDL default, or the zero value. Decoding starts from `new T()`, so a field whose
   * key is missing keeps this value: that is how the glue applies defaults.
   */
  initializer(t: TypeExpr, value: DefaultLiteral | undefined): string {
    return value === undefined ? this.zero(t) : this.defaultLiteral(t, value);
  }

  /** A WIDL default as an AssemblyScript expression of type `t` (a fresh value each time it is evaluated). */
  defaultLiteral(t: TypeExpr, d: DefaultLiteral): string {
    switch (d.kind) {
      case "int":
        return d.value.toString();
      case "float":
        return floatText(d.value);
      case "bool":
        return String(d.value);
      case "string":
        return JSON.stringify(d.value);
      case "enum":
        return this.enumMember(d.def, d.member);
      case "none":
        return "null";
      case "some": {
        // `T??` is one nullable `T` here, as on the wire: the innermost value decides.
        if (d.inner.kind === "none" || d.inner.kind === "some") return this.defaultLiteral(d.innerType, d.inner);
        const value = this.defaultLiteral(d.innerType, d.inner);
        if (!this.isValueType(d.innerType)) return value;
        this.namesRuntime = true;
        return `${this.rt}.Box.of<${this.type(d.innerType)}>(${value})`;
      }
      case "list": {
        // asc types the literal (an empty one too) from the field it initializes.
        return `[${d.items.map((v) => this.defaultLiteral(d.itemType, v)).join(", ")}]`;
      }
      case "emptyMap":
        return `new ${this.type(resolveAlias(t))}()`;
    }
  }

  private enumMember(def: EnumDef, member: EnumValueDef | undefined): string {
    if (member === undefined) return "0";
    this.namedTypes.add(def.id.as);
    return `${def.id.as}.${member.id.as}`;
  }

  /** An expression that decodes one value with the decoder named `d`. */
  decode(t: TypeExpr, d: string): string {
    switch (t.kind) {
      case "scalar":
        return `${d}.${DECODE_SCALAR[t.name]}()`;
      case "string":
        return `${d}.readString()`;
      case "bytes":
        return `${d}.readBytes()`;
      case "datetime":
        return `${d}.readDatetime()`;
      case "raw":
      case "any":
        return `${d}.readRaw()`;
      case "struct":
      case "union":
        return `${t.def.id.as}.decode(${d})`;
      case "alias":
        return this.decode(t.def.resolved, d);
      case "enum":
      case "list":
      case "map":
      case "optional":
        return `${this.useDecodeHelper(t)}(${d})`;
    }
  }

  /** A statement (without `;`) that encodes `value` with the writer named `w`. */
  encode(t: TypeExpr, w: string, value: string): string {
    switch (t.kind) {
      case "scalar":
        return `${w}.${ENCODE_SCALAR[t.name]}(${value})`;
      case "enum":
        return `${w}.writeInt(${value})`;
      case "string":
        return `${w}.writeString(${value})`;
      case "bytes":
        return `${w}.writeBytes(${value})`;
      case "datetime":
        return `${w}.writeDatetime(${value})`;
      case "raw":
      case "any":
        return `${w}.writeRaw(${value})`;
      case "struct":
      case "union":
        return `${value}.encode(${w})`;
      case "alias":
        return this.encode(t.def.resolved, w, value);
      case "list":
      case "map":
      case "optional":
        return `${this.useEncodeHelper(t)}(${w}, ${value})`;
    }
  }

  /** The name of a helper `is_<Enum>(v: i32): bool` that tells whether the enum defines `v`. */
  enumCheck(def: EnumDef): string {
    const name = `is_${def.id.as}`;
    if (this.helperNames.has(name)) return name;
    this.helperNames.add(name);
    const values = [...new Set(def.values.map((v) => v.value))].map((v) => `case ${v}:`).join(" ");
    this.helperList.push({ kind: "checkEnum", name, values });
    return name;
  }

  /** `T??` means the same as `T?` on the wire: one nil. */
  private innerOfOptional(t: TypeExpr): TypeExpr {
    const r = resolveAlias(t);
    return r.kind === "optional" ? this.innerOfOptional(r.inner) : t;
  }

  /** A name for a type's shape, unique per shape (see the file comment). */
  private shapeKey(t: TypeExpr): string {
    switch (t.kind) {
      case "scalar":
        return t.name;
      case "string":
      case "bytes":
      case "datetime":
      case "raw":
        return t.kind;
      case "any":
        return "any";
      case "list":
        return `list_${this.shapeKey(t.item)}`;
      case "map":
        return `map_${this.shapeKey(t.key)}_${this.shapeKey(t.value)}`;
      case "optional":
        return `opt_${this.shapeKey(this.innerOfOptional(t.inner))}`;
      case "alias":
        return this.shapeKey(t.def.resolved);
      case "struct":
      case "enum":
      case "union":
        return t.def.id.as;
    }
  }

  private useDecodeHelper(t: TypeExpr & { kind: "enum" | "list" | "map" | "optional" }): string {
    const name = `decode_${this.shapeKey(t)}`;
    if (this.helperNames.has(name)) return name;
    // Reserve the name first: a recursive type refers to its own helper while it is being built.
    this.helperNames.add(name);
    const type = this.type(t);
    switch (t.kind) {
      case "enum":
        this.helperList.push({ kind: "decodeEnum", name, type, wireName: t.def.name, check: this.enumCheck(t.def) });
        break;
      case "list":
        this.helperList.push({ kind: "decodeList", name, type, itemType: this.type(t.item), item: this.decode(t.item, "d") });
        break;
      case "map":
        this.helperList.push({ kind: "decodeMap", name, type, key: this.decode(t.key, "d"), value: this.decode(t.value, "d") });
        break;
      case "optional": {
        const inner = this.innerOfOptional(t.inner);
        const value = this.decode(inner, "d");
        this.helperList.push({
          kind: "decodeOptional",
          name,
          type,
          inner: this.isValueType(inner) ? `${this.rt}.Box.of<${this.type(inner)}>(${value})` : value,
        });
        break;
      }
    }
    return name;
  }

  private useEncodeHelper(t: TypeExpr & { kind: "list" | "map" | "optional" }): string {
    const name = `encode_${this.shapeKey(t)}`;
    if (this.helperNames.has(name)) return name;
    this.helperNames.add(name);
    const type = this.type(t);
    switch (t.kind) {
      case "list":
        this.helperList.push({ kind: "encodeList", name, type, item: this.encode(t.item, "w", "unchecked(v[i])") });
        break;
      case "map":
        this.helperList.push({
          kind: "encodeMap",
          name,
          type,
          key: this.encode(t.key, "w", "key"),
          // By position, not `v.get(key)`: a NaN key is never found again (NaN != NaN), and a lookup costs a hash.
          value: this.encode(t.value, "w", "unchecked(values[i])"),
        });
        break;
      case "optional": {
        const inner = this.innerOfOptional(t.inner);
        this.helperList.push({
          kind: "encodeOptional",
          name,
          type,
          inner: this.encode(inner, "w", this.isValueType(inner) ? "v.value" : "v"),
        });
        break;
      }
    }
    return name;
  }
}
