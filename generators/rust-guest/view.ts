/**
 * The view the `rust-guest` templates render: every Rust name, type string and encode/decode expression,
 * decided here from the model, so `templates/rust/*.hbs` hold layout only.
 */
import {
  type DirectLowering,
  type EnumDef,
  type FieldDef,
  type Model,
  type OperationDef,
  type ParamDef,
  type ReturnType,
  type StructDef,
  type TypeDef,
  type TypeExpr,
  type UnionDef,
} from "../model.js";
import { checkDefaults, defaultOf, floatText, INT_MIN, type DefaultLiteral } from "../defaults.js";
import { directExportName } from "@widl-bindgen/host/vocabulary";
import { guestOperations, hostRoleDefs } from "../operation-sides.js";
import { unraw } from "../names/rust.js";
import { filePreamble } from "../preamble.js";
import {
  decodeExpr,
  encodeExpr,
  isCopy,
  recursiveEdges,
  rustBorrowedType,
  rustFieldType,
  rustType,
} from "./rust-types.js";

/** Which ABIs the guest speaks. */
export type RustAbi = "wapc" | "direct" | "both";

export interface RustGuestViewOptions {
  readonly abi: RustAbi;
  /** Roles the host implements; the guest gets a typed client for each. */
  readonly hostRoles: readonly string[];
  /** The binding host calls use. */
  readonly binding: string;
  /** The Rust path of the glue module from the crate root, e.g. `widl`. */
  readonly modulePath: string;
  /** The schema as the preamble names it: its path relative to the glue file. */
  readonly source: string;
}

/** The runtime types the glue re-exports, so users can write `widl::Timestamp`. */
const RUNTIME_TYPES = ["Error", "Raw", "Timestamp", "Value"];

/** A Rust string literal. WIDL names are ASCII identifiers, and JSON's escapes are valid Rust escapes. */
export const lit = (s: string): string => JSON.stringify(s);

/** `/// ` lines of a description, or none. */
export function doc(description: string | undefined): string[] {
  if (description === undefined) return [];
  return description.split("\n").map((l) => (l.trim() === "" ? "" : ` ${l.trimEnd()}`));
}

interface FieldView {
  doc: string[];
  name: string;
  type: string;
  /** The local the decoder collects the field in. */
  local: string;
  wireName: string;
  encode: string;
  /** What is assigned to the local when the key is read. */
  assign: string;
  /** The field's value in the struct literal. */
  init: string;
}

function fieldView(def: StructDef, label: string, f: FieldDef, boxed: boolean): FieldView {
  const name = f.id.rust;
  const local = `f_${unraw(name)}`;
  const read = `${decodeExpr(f.type, boxed)}.map_err(|e| e.in_field(${lit(label)}, ${lit(f.name)}))?`;
  // `null` for `T?` is what a missing optional field gets anyway.
  const literal = defaultOf(f, { kind: "field", type: def.name });
  const dflt = literal === undefined || literal.kind === "none" ? undefined : literal;
  let init: string;
  if (dflt !== undefined) {
    // A missing key takes the default; the local is `Some` once the key was read, even for a nil `T?`.
    const value = rustDefault(f.type, dflt);
    if ((dflt.kind === "list" && dflt.items.length === 0) || dflt.kind === "emptyMap") init = `${local}.unwrap_or_default()`;
    else init = isCheap(dflt) ? `${local}.unwrap_or(${value})` : `${local}.unwrap_or_else(|| ${value})`;
  } else {
    init = f.optional ? local : `${local}.ok_or_else(|| msgpack::Error::missing(${lit(label)}, ${lit(f.name)}))?`;
  }
  return {
    doc: doc(f.description),
    name,
    type: rustFieldType(f.type, boxed),
    local,
    wireName: lit(f.name),
    encode: encodeExpr(f.type, `&self.${name}`),
    assign: f.optional && dflt === undefined ? read : `Some(${read})`,
    init,
  };
}

/** Defaults that need no allocation are evaluated eagerly (`unwrap_or`), the rest only when used. */
function isCheap(d: DefaultLiteral): boolean {
  if (d.kind === "some") return isCheap(d.inner);
  return d.kind === "int" || d.kind === "float" || d.kind === "bool" || d.kind === "enum" || d.kind === "none";
}

/** A Rust string literal of any text: JSON's `\b`, `\f` and `\uXXXX` are not Rust escapes. */
export function rustString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (c < 0x20 || c === 0x7f || c === 0x2028 || c === 0x2029) out += `\\u{${c.toString(16)}}`;
    else out += ch;
  }
  return `${out}"`;
}

/** A WIDL default as a Rust expression of the field's type (a fresh value each time it is evaluated). */
export function rustDefault(type: TypeExpr, d: DefaultLiteral): string {
  switch (d.kind) {
    case "int":
      // `-9223372036854775808` is fine as a literal, but the name says what it is.
      return d.value === INT_MIN[d.type] && d.value < 0n ? `${d.type}::MIN` : d.value.toString();
    case "float":
      return floatText(d.value);
    case "bool":
      return String(d.value);
    case "string":
      return `String::from(${rustString(d.value)})`;
    case "enum":
      return `${d.def.id.rust}::${d.member.id.rust}`;
    case "none":
      return "None";
    case "some":
      return `Some(${rustDefault(d.innerType, d.inner)})`;
    case "list":
      return d.items.length === 0 ? "Vec::new()" : `vec![${d.items.map((item) => rustDefault(d.itemType, item)).join(", ")}]`;
    case "emptyMap":
      // Float keys have no order: such a map is a Vec of pairs (rust-types.ts).
      return rustType(type).startsWith("Vec<") ? "Vec::new()" : "BTreeMap::new()";
  }
}

function structView(def: StructDef, label: string, boxes: Set<string> | undefined) {
  return {
    kind: "struct",
    doc: doc(def.description),
    name: def.id.rust,
    label: lit(label),
    fieldCount: def.fields.length,
    fields: def.fields.map((f) => fieldView(def, label, f, boxes?.has(f.name) ?? false)),
    // Floats have no `Eq`; everything else the derives need, every field type has.
    derives: "Debug, Clone, PartialEq",
  };
}

function enumView(def: EnumDef) {
  const name = def.id.rust;
  return {
    kind: "enum",
    doc: doc(def.description),
    name,
    label: lit(def.name),
    variants: def.values.map((v) => ({
      doc: doc(v.description ?? (v.display !== undefined ? `Displayed as ${lit(v.display)}.` : undefined)),
      name: v.id.rust,
      value: String(v.value),
    })),
  };
}

function unionView(def: UnionDef, boxes: Set<string> | undefined) {
  const name = def.id.rust;
  return {
    kind: "union",
    doc: doc(def.description),
    name,
    label: lit(def.name),
    members: def.members.map((m) => {
      const boxed = boxes?.has(m.name) ?? false;
      return {
        variant: m.id.rust,
        type: rustFieldType(m.type, boxed),
        wireName: lit(m.name),
        encode: encodeExpr(m.type, "v"),
        decode: `${decodeExpr(m.type, boxed)}.map_err(|e| e.in_field(${lit(def.name)}, ${lit(m.name)}))?`,
      };
    }),
  };
}

function typeView(def: TypeDef, boxes: Map<string, Set<string>>) {
  switch (def.kind) {
    case "struct":
      return structView(def, def.name, boxes.get(def.name));
    case "enum":
      return enumView(def);
    case "union":
      return unionView(def, boxes.get(def.name));
    case "alias":
      return { kind: "alias", doc: doc(def.description), name: def.id.rust, type: rustType(def.type) };
  }
}

const returnRust = (t: ReturnType): string => (t.kind === "void" ? "()" : rustType(t));

/** The wasm parameters an operation's direct export takes, named by position. */
function wasmParams(params: readonly ParamDef[]): { decl: string[]; names: string[] } {
  const decl: string[] = [];
  const names: string[] = [];
  params.forEach((p, i) => {
    const a = `a${i}`;
    const d = p.direct;
    if (d.abi === "ptrlen") {
      decl.push(`${a}_ptr: i32`, `${a}_len: i32`);
      names.push(`${a}_ptr`, `${a}_len`);
    } else {
      decl.push(`${a}: ${d.abi}`);
      names.push(a);
    }
  });
  return { decl, names };
}

/** The statement that lifts direct parameter `i` into its Rust value inside the handler closure. */
function liftParam(op: OperationDef, p: ParamDef, i: number): string {
  const a = `a${i}`;
  const name = p.id.rust;
  const inField = `.map_err(|e| e.in_field(${lit(op.name)}, ${lit(p.name)}))?`;
  const d: DirectLowering = p.direct;
  const t = resolveScalar(p.type);
  switch (d.abi) {
    case "ptrlen":
      if (d.content === "string") return `let ${name} = direct::into_string(${a})${inField};`;
      if (d.content === "bytes") return `let ${name} = ${a};`;
      return `let ${name} = msgpack::decode(&${a}, |d| ${decodeExpr(p.type)})${inField};`;
    case "i32":
      if (d.bool) return `let ${name} = ${a} != 0;`;
      if (t === "enum") return `let ${name} = ${rustType(p.type)}::try_from(${a})${inField};`;
      if (t === "u32") return `let ${name} = ${a} as u32;`;
      if (t === "i32") return `let ${name} = ${a};`;
      return `let ${name} = direct::narrow::<${t}>(${a})${inField};`;
    case "i64":
      return d.unsigned ? `let ${name} = ${a} as u64;` : `let ${name} = ${a};`;
    case "f32":
    case "f64":
      return `let ${name} = ${a};`;
  }
}

/** The scalar name (`i8`…) or `enum` behind aliases. */
function resolveScalar(type: TypeExpr): string {
  let t = type;
  while (t.kind === "alias") t = t.def.type;
  return t.kind === "scalar" ? t.name : t.kind;
}

/** The expression that hands the handler's result `r` back through the return area. */
function lowerResult(op: OperationDef): string {
  const d = op.directResult;
  if (op.returnType.kind === "void" || d.abi === "void") return "direct::ok_void()";
  const t = resolveScalar(op.returnType);
  switch (d.abi) {
    case "i32":
      if (t === "enum") return "direct::ok_i32(r.value())";
      if (t === "u32") return "direct::ok_i32(r as i32)";
      return "direct::ok_i32(i32::from(r))";
    case "i64":
      return d.unsigned ? "direct::ok_i64(r as i64)" : "direct::ok_i64(r)";
    case "f32":
      return "direct::ok_f32(r)";
    case "f64":
      return "direct::ok_f64(r)";
    case "ptrlen":
      if (d.content === "string") return "direct::ok_bytes(r.into_bytes())";
      if (d.content === "bytes") return "direct::ok_bytes(r)";
      return `direct::ok_bytes(msgpack::encode(|e| ${encodeExpr(op.returnType, "&r")}))`;
  }
}

function encodeResult(t: ReturnType): string {
  return t.kind === "void" ? "Vec::new()" : `msgpack::encode(|e| ${encodeExpr(t, "&r")})`;
}

function guestOperationView(op: OperationDef) {
  const method = op.id.rust;
  const params = op.params.map((p) => ({ name: p.id.rust, type: rustType(p.type) }));
  const args = op.params.map((p) => p.id.rust);
  // waPC: how the payload becomes the handler's arguments.
  let wapcDecode: string[];
  let wapcArgs: string;
  if (op.wire === "map") {
    const argsType = op.argsStruct!.id.rust;
    wapcDecode = [`let args = msgpack::decode(payload, ${argsType}::decode)?;`];
    wapcArgs = args.map((a) => `args.${a}`).join(", ");
  } else if (op.wire === "bare") {
    const p = op.params[0]!;
    wapcDecode = [
      `let ${args[0]} = msgpack::decode(payload, |d| ${decodeExpr(p.type)}).map_err(|e| e.in_field(${lit(op.name)}, ${lit(p.name)}))?;`,
    ];
    wapcArgs = args[0]!;
  } else {
    // No parameters: the payload is empty or an empty map, and either way there is nothing to read.
    wapcDecode = [];
    wapcArgs = "";
  }
  const wasm = wasmParams(op.params);
  return {
    doc: doc(op.description),
    wireName: lit(op.name),
    method,
    params: params.map((p) => `${p.name}: ${p.type}`).join(", "),
    returnType: returnRust(op.returnType),
    wapcFn: `wapc_${unraw(method)}`,
    wapcDecode,
    wapcCall: `H::${method}(${wapcArgs})`,
    wapcEncode: encodeResult(op.returnType),
    resultBinding: op.returnType.kind === "void" ? "()" : "r",
    directFn: `direct_${unraw(method)}`,
    exportSymbol: directExportName(op.name),
    exportName: lit(directExportName(op.name)),
    exportFn: `widl_op_${unraw(method)}`,
    wasmDecl: wasm.decl.join(", "),
    wasmArgs: wasm.names.join(", "),
    directTake: op.params.flatMap((p, i) =>
      p.direct.abi === "ptrlen" ? [`let a${i} = direct::take_bytes(a${i}_ptr, a${i}_len);`] : [],
    ),
    directLift: op.params.map((p, i) => liftParam(op, p, i)),
    directCall: `H::${method}(${args.join(", ")})`,
    directLower: lowerResult(op),
  };
}

function hostMethodView(roleName: string, op: OperationDef) {
  const params = op.params.map((p) => ({
    name: p.id.rust,
    type: rustBorrowedType(p.type),
    // Copy types arrive by value; the encoders read through a reference.
    ref: isCopy(p.type) ? `&${p.id.rust}` : p.id.rust,
  }));
  let encode: string[];
  if (op.wire === "map") {
    encode = [`e.write_map_len(${op.params.length});`];
    op.params.forEach((p, i) => encode.push(`e.write_str(${lit(p.name)});`, `${encodeExpr(p.type, params[i]!.ref)};`));
  } else if (op.wire === "bare") {
    encode = [`${encodeExpr(op.params[0]!.type, params[0]!.ref)};`];
  } else {
    encode = [];
  }
  const context = lit(`${roleName}.${op.name}`);
  return {
    doc: doc(op.description),
    method: op.id.rust,
    wireName: lit(op.name),
    params: params.map((p) => `, ${p.name}: ${p.type}`).join(""),
    returnType: returnRust(op.returnType),
    encode,
    hasPayload: encode.length > 0,
    decode:
      op.returnType.kind === "void"
        ? undefined
        : `msgpack::decode(&response, |d| ${decodeExpr(op.returnType)}).map_err(|e| e.context(${context}))`,
  };
}

/** Builds the view of the glue module (`mod.rs`). */
export function rustGuestView(model: Model, options: RustGuestViewOptions) {
  checkDefaults(model);
  const wapc = options.abi !== "direct";
  const direct = options.abi !== "wapc";
  const hostRoles = hostRoleDefs(model, options.hostRoles);
  const guestOps = guestOperations(model, options.hostRoles);
  const boxes = recursiveEdges(model.types);
  const types = model.types.map((t) => typeView(t, boxes));
  const argsStructs = wapc
    ? guestOps.filter((op) => op.wire === "map").map((op) => structView(op.argsStruct!, op.name, undefined))
    : [];
  const operations = guestOps.map(guestOperationView);
  const hosts = hostRoles.map((r) => ({
    doc: doc(r.description),
    name: r.id.rust,
    methods: r.operations.map((op) => hostMethodView(r.id.rust, op)),
  }));
  const allTypeStrings = JSON.stringify([types, operations, hosts]);
  const taken = new Set([...model.types.map((t) => t.id.rust), ...hosts.map((h) => h.name)]);
  return {
    preamble: filePreamble({ target: "rust-guest", settings: [`abi ${options.abi}`], from: options.source }),
    namespace: lit(model.namespace.name),
    binding: lit(options.binding),
    modulePath: options.modulePath,
    wapc,
    direct,
    hostCalls: hosts.length > 0,
    wapcModule: wapc || hosts.length > 0,
    usesTryFrom: model.enums.length > 0,
    runtimeReexports: RUNTIME_TYPES.filter((n) => !taken.has(n)).join(", "),
    usesBTreeMap: allTypeStrings.includes("BTreeMap<"),
    types,
    argsStructs,
    operations,
    hasOperations: operations.length > 0,
    hosts,
  };
}

export type RustGuestView = globalThis.ReturnType<typeof rustGuestView>;
