/**
 * Turns the model into the view the `glue` template prints: every name, type string and statement is
 * decided here, so the templates only lay them out (STYLE habit 2).
 */
import { hostRoleDefs } from "../operation-sides.js";
import type { Model, OperationDef, ParamDef, RoleDef, StructDef, TypeExpr, UnionDef } from "../model.js";
import { checkDefaults, defaultOf } from "../defaults.js";
import { resolveAlias } from "../model.js";
import { CodegenConfigError } from "../options.js";
import { directExportName as directExportNameOf } from "@widl-bindgen/host/vocabulary";
import { filePreamble } from "../preamble.js";
import { AsCodec, type HelperView } from "./as-codec.js";
import type { AssemblyScriptGuestOptions } from "./options.js";

/** The name the glue imports the runtime under. Lowercase, so it never meets a PascalCase type name. */
export const RUNTIME_ALIAS = "rt";


export interface FieldView {
  readonly name: string;
  readonly wireName: string;
  readonly type: string;
  readonly init: string;
  readonly doc: string;
  readonly decode: string;
  readonly encode: string;
  /** `seen0`… for a required field, else empty. */
  readonly seen: string;
  /** What a decode error names, e.g. `Input.x`. */
  readonly at: string;
}

export interface StructView {
  readonly name: string;
  readonly wireName: string;
  readonly doc: string;
  readonly exported: boolean;
  /** `readArgsSize` for an operation's arguments (an empty payload is an empty map), else `readMapSize`. */
  readonly readSize: string;
  readonly fields: readonly FieldView[];
  readonly required: readonly { readonly seen: string; readonly wireName: string }[];
}

export interface UnionView {
  readonly name: string;
  readonly wireName: string;
  readonly doc: string;
  readonly members: readonly {
    readonly wireName: string;
    readonly field: string;
    readonly type: string;
    readonly memberType: string;
    readonly factory: string;
    readonly wrap: string;
    readonly local: string;
    readonly decode: string;
    readonly encode: string;
    readonly at: string;
  }[];
}

export interface EnumView {
  readonly name: string;
  readonly doc: string;
  readonly members: readonly { readonly name: string; readonly value: number; readonly doc: string }[];
}

export interface AliasView {
  readonly name: string;
  readonly type: string;
  readonly doc: string;
}

export interface HandlerView {
  readonly wireName: string;
  readonly register: string;
  readonly variable: string;
  readonly signature: string;
  readonly doc: string;
}

export interface FunctionView {
  readonly name: string;
  readonly params: string;
  readonly doc: string;
  readonly lines: readonly string[];
}

export interface HostClientView {
  readonly name: string;
  readonly doc: string;
  readonly binding: string;
  readonly methods: readonly {
    readonly name: string;
    readonly params: string;
    readonly resultType: string;
    readonly doc: string;
    readonly lines: readonly string[];
  }[];
}

export interface GlueView {
  /** The file's first line (generators/preamble.ts). */
  readonly preamble: string;
  readonly rt: string;
  readonly runtimeImport: string;
  readonly wasmExports: readonly string[];
  readonly reexport: string;
  readonly enums: readonly EnumView[];
  readonly aliases: readonly AliasView[];
  /** Structs and unions in declaration order, each tagged. */
  readonly types: readonly ({ readonly struct: StructView } | { readonly union: UnionView })[];
  readonly handlers: readonly HandlerView[];
  readonly hostClients: readonly HostClientView[];
  readonly guestCall: FunctionView | undefined;
  readonly wapcFunctions: readonly FunctionView[];
  readonly directRuntimeExports: readonly string[];
  readonly directFunctions: readonly FunctionView[];
  readonly argsStructs: readonly StructView[];
  readonly helpers: readonly HelperView[];
}

/** The wasm exports the glue defines, which the entry file must re-export. */
export function wasmExports(model: Model, abi: AssemblyScriptGuestOptions["abi"]): string[] {
  const out: string[] = [];
  if (abi !== "direct") out.push("__guest_call");
  if (abi !== "wapc") {
    out.push("__widl_malloc", "__widl_free", "__widl_ret_area");
    for (const op of model.interface.operations) out.push(directExportName(op));
  }
  return out;
}

/** The direct-ABI export of an operation (the vocabulary's rule): `__widl_op_<operation>`. */
export function directExportName(op: OperationDef): string {
  return directExportNameOf(op.name);
}

/** The `export { … } from "…"` line an entry file uses to re-export the glue's wasm exports. */
export function reexportLine(exports: readonly string[], glueModule: string): string {
  return `export { ${exports.join(", ")} } from "${glueModule}";`;
}

/** A JSDoc block indented by `indent`, ending in a newline; empty when there is no description. */
export function docBlock(description: string | undefined, indent: string): string {
  if (description === undefined || description.trim() === "") return "";
  const lines = description.replace(/\*\//g, "*\\/").split("\n");
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((l) => `${indent} *${l === "" ? "" : ` ${l}`}`).join("\n")}\n${indent} */\n`;
}

/** `schemaFile` is the schema as the header names it (relative to the output). */
export function buildGlueView(model: Model, options: AssemblyScriptGuestOptions, schemaFile: string): GlueView {
  return new GlueViewBuilder(model, options).build(schemaFile);
}

class GlueViewBuilder {
  private readonly codec = new AsCodec(RUNTIME_ALIAS);
  private readonly rt = RUNTIME_ALIAS;

  constructor(
    private readonly model: Model,
    private readonly options: AssemblyScriptGuestOptions,
  ) {}

  build(schemaFile: string): GlueView {
    const { model, options } = this;
    checkDefaults(model);
    const ops = model.interface.operations;
    const wapc = options.abi !== "direct";
    const direct = options.abi !== "wapc";
    const exports = wasmExports(model, options.abi);

    const enums: EnumView[] = model.enums.map((e) => ({
      name: e.id.as,
      doc: docBlock(e.description, ""),
      members: e.values.map((v) => ({
        name: v.id.as,
        value: v.value,
        doc: docBlock(v.description ?? (v.display !== undefined ? `Displayed as "${v.display}".` : undefined), "  "),
      })),
    }));
    const aliases: AliasView[] = model.aliases.map((a) => ({
      name: a.id.as,
      type: this.codec.type(a.type),
      doc: docBlock(a.description, ""),
    }));
    const types: GlueView["types"][number][] = [];
    for (const t of model.types) {
      if (t.kind === "struct") types.push({ struct: this.struct(t, true) });
      else if (t.kind === "union") types.push({ union: this.union(t) });
    }

    const argsStructs: StructView[] = [];
    for (const op of ops) if (op.argsStruct && op.params.length > 0) argsStructs.push(this.struct(op.argsStruct, false));

    const hostRoles = this.hostRoles();
    const roleArgNames = new Map<OperationDef, string>();
    for (const role of hostRoles) {
      for (const op of role.operations) {
        if (!op.argsStruct || op.params.length === 0) continue;
        roleArgNames.set(op, op.argsStruct.id.as);
        argsStructs.push(this.struct(op.argsStruct, false));
      }
    }

    const view: GlueView = {
      preamble: filePreamble({ target: "assemblyscript-guest", settings: [`abi ${options.abi}`], from: schemaFile }),
      rt: this.rt,
      runtimeImport: options.runtimeImport,
      wasmExports: exports,
      reexport: reexportLine(exports, options.glueModule),
      enums,
      aliases,
      types,
      handlers: ops.map((op) => this.handler(op)),
      hostClients: hostRoles.map((r) => this.hostClient(r, roleArgNames)),
      guestCall: wapc ? this.guestCall(ops) : undefined,
      wapcFunctions: wapc ? ops.map((op) => this.wapcFunction(op)) : [],
      directRuntimeExports: direct ? ["__widl_malloc", "__widl_free", "__widl_ret_area"] : [],
      directFunctions: direct ? ops.map((op) => this.directFunction(op)) : [],
      argsStructs,
      helpers: [],
    };
    // Helpers are collected while the views above are built, so they are read last.
    return { ...view, helpers: [...this.codec.helpers] };
  }

  private hostRoles(): RoleDef[] {
    const wanted = this.options.hostRoles ?? this.model.roles.map((r) => r.name);
    for (const name of wanted) {
      if (!this.model.roles.some((r) => r.name === name)) {
        throw new CodegenConfigError(`invalid option "hostRoles": the schema has no role ${name}`);
      }
    }
    return hostRoleDefs(this.model, wanted);
  }

  private struct(def: StructDef, exported: boolean): StructView {
    const name = def.id.as;
    let seenCount = 0;
    const fields: FieldView[] = def.fields.map((f) => {
      const required = !f.optional && f.default === undefined;
      const field = f.id.as;
      return {
        name: field,
        wireName: f.name,
        type: this.codec.type(f.type),
        init: this.codec.initializer(f.type, defaultOf(f, { kind: "field", type: def.name })),
        doc: docBlock(f.description, "  "),
        decode: this.codec.decode(f.type, "d"),
        encode: this.codec.encode(f.type, "w", `this.${field}`),
        seen: required ? `seen${seenCount++}` : "",
        at: def.synthetic ? `argument ${f.name}` : `${def.name}.${f.name}`,
      };
    });
    return {
      name,
      wireName: def.synthetic ? name : def.name,
      doc: docBlock(def.description, ""),
      exported,
      readSize: def.synthetic ? "readArgsSize" : "readMapSize",
      fields,
      required: fields.filter((f) => f.seen !== "").map((f) => ({ seen: f.seen, wireName: f.wireName })),
    };
  }

  private union(def: UnionDef): UnionView {
    const name = def.id.as;
    return {
      name,
      wireName: def.name,
      doc: docBlock(def.description, ""),
      members: def.members.map((m, i) => {
        const memberType = this.codec.type(m.type);
        const boxed = this.codec.isValueType(m.type);
        const local = `m${i}`;
        return {
          wireName: m.name,
          field: m.id.as,
          type: boxed ? `${this.rt}.Box<${memberType}> | null` : `${memberType} | null`,
          memberType,
          factory: `from${m.id.as.charAt(0).toUpperCase()}${m.id.as.slice(1)}`,
          wrap: boxed ? `${this.rt}.Box.of<${memberType}>(value)` : "value",
          local,
          decode: boxed ? `${this.rt}.Box.of<${memberType}>(${this.codec.decode(m.type, "d")})` : this.codec.decode(m.type, "d"),
          encode: this.codec.encode(m.type, "w", boxed ? `${local}.value` : local),
          at: `${def.name}.${m.name}`,
        };
      }),
    };
  }

  private handlerSignature(op: OperationDef): string {
    const params = op.params.map((p) => `${p.id.as}: ${this.codec.type(p.type)}`).join(", ");
    return `(${params}) => ${op.returnType.kind === "void" ? "void" : this.codec.type(op.returnType)}`;
  }

  private handler(op: OperationDef): HandlerView {
    const method = op.id.as;
    return {
      wireName: op.name,
      register: registerName(op),
      variable: `${method}Handler`,
      signature: this.handlerSignature(op),
      doc: docBlock(op.description, "  "),
    };
  }

  private guestCall(ops: readonly OperationDef[]): FunctionView {
    const rt = this.rt;
    return {
      name: "__guest_call",
      params: "operationLength: usize, payloadLength: usize",
      doc: docBlock("The waPC entry: fetches the request and runs the operation it names.", ""),
      lines: [
        `${rt}.receiveRequest(operationLength, payloadLength);`,
        ...ops.map((op) => `if (${rt}.operationIs(${JSON.stringify(op.name)})) return ${this.wapcName(op)}();`),
        `return ${rt}.respondUnknownOperation();`,
      ],
    };
  }

  private wapcName(op: OperationDef): string {
    return `wapc_${op.name}`;
  }

  /** Statements that encode `value` into a fresh block: a Sizer pass, then an Encoder from `encoder`. */
  private encodeTwice(type: TypeExpr, value: string, encoder: (size: string) => string, sizer = "s", writer = "w"): string[] {
    return [
      `const ${sizer} = ${this.rt}.sizer();`,
      `${this.codec.encode(type, sizer, value)};`,
      `const ${writer} = ${encoder(`${sizer}.length`)};`,
      `${this.codec.encode(type, writer, value)};`,
    ];
  }

  private wapcFunction(op: OperationDef): FunctionView {
    const rt = this.rt;
    const wire = JSON.stringify(op.name);
    const handler = this.handler(op);
    const lines = [
      `const handler = ${handler.variable};`,
      `if (handler === null) return ${rt}.respondNoHandler(${wire});`,
      `const d = ${rt}.requestDecoder();`,
    ];
    let call: string;
    if (op.wire === "map") {
      lines.push(`const args = ${op.argsStruct!.id.as}.decode(d);`);
      call = `handler(${op.params.map((p) => `args.${p.id.as}`).join(", ")})`;
    } else if (op.wire === "bare") {
      const p = op.params[0]!;
      lines.push(`d.at = ${JSON.stringify(`argument ${p.name}`)};`, `const arg = ${this.codec.decode(p.type, "d")};`);
      call = "handler(arg)";
    } else {
      lines.push("d.skipArgs();");
      call = "handler()";
    }
    lines.push(`if (d.failed) return ${rt}.respondDecodeError(${wire}, d);`);
    if (op.returnType.kind === "void") {
      lines.push(`${call};`, `if (${rt}.hasFailed()) return ${rt}.respondFailure();`, `return ${rt}.respondEmpty();`);
    } else {
      lines.push(
        `const result = ${call};`,
        `if (${rt}.hasFailed()) return ${rt}.respondFailure();`,
        ...this.encodeTwice(op.returnType, "result", (size) => `${rt}.responseEncoder(${size})`),
        `return ${rt}.respond(w);`,
      );
    }
    return { name: this.wapcName(op), params: "", doc: "", lines };
  }

  private directFunction(op: OperationDef): FunctionView {
    const rt = this.rt;
    const wire = JSON.stringify(op.name);
    const handler = this.handler(op);
    const params: string[] = [];
    const lines: string[] = [];
    const checks: string[] = [];
    const args: string[] = [];
    for (const p of op.params) {
      const base = p.id.as;
      const arg = `${base}Arg`;
      args.push(arg);
      const type = this.codec.type(p.type);
      const lowering = p.direct;
      switch (lowering.abi) {
        case "i32": {
          params.push(`${base}Raw: i32`);
          lines.push(`const ${arg}: ${type} = ${lowering.bool ? `${base}Raw != 0` : `<${type}>${base}Raw`};`);
          const resolved = resolveAlias(p.type);
          if (resolved.kind === "enum") {
            const check = this.codec.enumCheck(resolved.def);
            checks.push(
              `if (!${check}(${base}Raw)) return ${rt}.returnInvalidEnum(${wire}, ${JSON.stringify(p.name)}, ${JSON.stringify(resolved.def.name)}, ${base}Raw);`,
            );
          }
          break;
        }
        case "i64":
          params.push(`${base}Raw: i64`);
          lines.push(`const ${arg}: ${type} = <${type}>${base}Raw;`);
          break;
        case "f32":
        case "f64":
          params.push(`${base}Raw: ${lowering.abi}`);
          lines.push(`const ${arg}: ${type} = ${base}Raw;`);
          break;
        case "ptrlen":
          params.push(`${base}Ptr: usize`, `${base}Len: usize`);
          if (lowering.content === "string") lines.push(`const ${arg} = ${rt}.takeString(${base}Ptr, ${base}Len);`);
          else if (lowering.content === "bytes") lines.push(`const ${arg} = ${rt}.takeBytes(${base}Ptr, ${base}Len);`);
          else {
            const decoder = `${base}Decoder`;
            lines.push(
              `const ${decoder} = ${rt}.argDecoder(${base}Ptr, ${base}Len);`,
              `${decoder}.at = ${JSON.stringify(`argument ${p.name}`)};`,
              `const ${arg} = ${this.codec.decode(p.type, decoder)};`,
              `${rt}.release(${base}Ptr, ${base}Len);`,
            );
            checks.push(`if (${decoder}.failed) return ${rt}.returnDecodeError(${wire}, ${decoder});`);
          }
          break;
      }
    }
    // Every argument is taken (and its block freed) before anything can return early.
    lines.push(...checks, `const handler = ${handler.variable};`, `if (handler === null) return ${rt}.returnNoHandler(${wire});`);
    const call = `handler(${args.join(", ")})`;
    const result = op.directResult;
    if (result.abi === "void") {
      lines.push(`${call};`, `if (${rt}.hasFailed()) return ${rt}.returnFailure();`, `return ${rt}.returnVoid();`);
    } else {
      lines.push(`const result = ${call};`, `if (${rt}.hasFailed()) return ${rt}.returnFailure();`);
      switch (result.abi) {
        case "i32":
          lines.push(`return ${rt}.returnI32(${result.bool ? "result ? 1 : 0" : "<i32>result"});`);
          break;
        case "i64":
          lines.push(`return ${rt}.returnI64(<i64>result);`);
          break;
        case "f32":
          lines.push(`return ${rt}.returnF32(result);`);
          break;
        case "f64":
          lines.push(`return ${rt}.returnF64(result);`);
          break;
        case "ptrlen":
          if (result.content === "string") lines.push(`return ${rt}.returnString(result);`);
          else if (result.content === "bytes") lines.push(`return ${rt}.returnBytes(result);`);
          else {
            lines.push(
              ...this.encodeTwice(op.returnType as TypeExpr, "result", (size) => `${rt}.resultEncoder(${size})`),
              `return ${rt}.returnEncoded(w);`,
            );
          }
          break;
      }
    }
    return {
      name: directExportName(op),
      params: params.join(", "),
      doc: docBlock(`The direct-ABI export of \`${op.name}\`.`, ""),
      lines,
    };
  }

  private hostClient(role: RoleDef, argNames: ReadonlyMap<OperationDef, string>): HostClientView {
    const rt = this.rt;
    const ns = JSON.stringify(this.model.namespace.name);
    return {
      name: role.id.as,
      doc: docBlock(role.description ?? `Calls the host's \`${role.name}\` role.`, ""),
      binding: JSON.stringify(this.options.binding),
      methods: role.operations.map((op) => {
        const resultType = op.returnType.kind === "void" ? "bool" : this.codec.type(op.returnType);
        const lines: string[] = [];
        if (op.wire === "map") {
          const argsName = argNames.get(op)!;
          lines.push(`const _args = new ${argsName}();`);
          for (const p of op.params) lines.push(`_args.${p.id.as} = ${p.id.as};`);
          lines.push(...this.encodeStruct("_args"));
        } else if (op.wire === "bare") {
          const p = op.params[0] as ParamDef;
          lines.push(...this.encodeTwice(p.type, p.id.as, (size) => `${rt}.Encoder.withCapacity(${size})`, "_sizer", "_encoder"));
        }
        const payload = op.wire === "empty" ? "new ArrayBuffer(0)" : "_encoder.buffer";
        lines.push(
          `const _response = ${rt}.hostCall(this.binding, ${ns}, ${JSON.stringify(op.name)}, ${payload});`,
          `if (!_response.isOk) return ${rt}.Result.err<${resultType}>(_response.error);`,
        );
        if (op.returnType.kind === "void") {
          lines.push(`return ${rt}.Result.ok<bool>(true);`);
        } else {
          lines.push(
            `const _decoder = ${rt}.Decoder.of(_response.value);`,
            `const _result = ${this.codec.decode(op.returnType, "_decoder")};`,
            `if (_decoder.failed) return ${rt}.invalidHostResponse<${resultType}>(${JSON.stringify(op.name)}, _decoder);`,
            `return ${rt}.Result.ok<${resultType}>(_result);`,
          );
        }
        return {
          name: op.id.as,
          params: op.params.map((p) => `${p.id.as}: ${this.codec.type(p.type)}`).join(", "),
          resultType: `${rt}.Result<${resultType}>`,
          doc: docBlock(op.description, "  "),
          lines,
        };
      }),
    };
  }

  private encodeStruct(value: string): string[] {
    return [
      `const _sizer = ${this.rt}.sizer();`,
      `${value}.encode(_sizer);`,
      `const _encoder = ${this.rt}.Encoder.withCapacity(_sizer.length);`,
      `${value}.encode(_encoder);`,
    ];
  }
}

/** The `Handlers` method that registers an operation's implementation: `registerCheckWord`. */
export function registerName(op: OperationDef): string {
  return `register${op.id.as.charAt(0).toUpperCase()}${op.id.as.slice(1)}`;
}

/** Whether a type is passed by reference in AssemblyScript (used by the scaffold's stub values). */
export function isReferenceType(t: TypeExpr): boolean {
  const r = resolveAlias(t);
  return !(r.kind === "scalar" || r.kind === "enum");
}
