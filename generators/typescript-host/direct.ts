/**
 * The `typescript-host` class for `abi: direct` (docs/abi.md, "direct"): the same typed class API as for waPC,
 * each method one call of the guest's `__widl_op_<name>` export through `DirectGuest`.
 *
 * The generated methods only sequence the runtime's helpers (`passString`, `takeString`, …), chosen from each
 * value's `DirectLowering` in the model; composites go through the wire descriptors the waPC stubs use, so there
 * is one copy of the wire rules. bench/abi.ts compares these stubs with an inline floor (P2).
 */
import { Scope, VariableDeclarationKind } from "./structures.js";
import { resolveAlias, type OperationDef, type TypeExpr } from "../model.js";
import { derivedName, type StubContext, type StubOperation } from "./context.js";
import { loaderMethod } from "./loaders.js";
import { parameterStructure } from "./params.js";
import { directExportName } from "@widl-bindgen/host/vocabulary";

/** Per operation (by WIDL name), what ./async-variants.ts places in the async clients and in `<Class>.local`. */
export interface DirectVariants {
  /**
   * The async call expression, a `DirectAsyncGuest.call` on `this.guest`: the body of the pool client's and the
   * `loadAsync` client's method.
   */
  readonly async: ReadonlyMap<string, string>;
  /** The local guest's export, `__widl_op_<name>: (…) => l.run(…)`, over a `LocalDirectHeap` `l` and `guest`. */
  readonly local: ReadonlyMap<string, string>;
}

/**
 * Emits the exports interface, the descriptors of composite parameters and results, and the class. Returns, per
 * operation, the bodies the async clients and `<Class>.local` need, built here so their descriptors are hoisted
 * with the class's.
 */
export function emitDirectClass(ctx: StubContext): DirectVariants {
  return new DirectClassEmitter(ctx).emit();
}

/**
 * The statement checking that the guest `guest` exports every operation (`DirectGuest.requireOperations`), so a
 * wrong module fails when a class is made, naming what is missing.
 */
export function requireOperations(ctx: StubContext, guest: string): string {
  return `${guest}.requireOperations([${ctx.operations.map((op) => JSON.stringify(op.def.name)).join(", ")}]);`;
}

/** What a result's hoisted descriptor is named after (`$op$$result`): `$` cannot occur in a parameter's WIDL name. */
const RESULT = "$result";

class DirectClassEmitter {
  private readonly exportsType: string;
  /** Composite descriptors built once, at module load, not per call. */
  private readonly hoisted: { name: string; initializer: string }[] = [];

  constructor(private readonly ctx: StubContext) {
    this.exportsType = derivedName(ctx.className, "Exports");
  }

  emit(): DirectVariants {
    const { file, imports, runtime, className, operations, variants } = this.ctx;
    const directGuest = imports.type(runtime, "DirectGuest");
    const methods = operations.map((op) => this.method(op));
    const asyncCalls = variants.pool || variants.loadAsync;
    const async = new Map(asyncCalls ? operations.map((op) => [op.def.name, this.asyncCall(op)] as const) : []);
    const local = new Map(variants.localGuest ? operations.map((op) => [op.def.name, this.localExport(op)] as const) : []);
    for (const h of this.hoisted) {
      file.addVariableStatement({ declarationKind: VariableDeclarationKind.Const, declarations: [h] });
    }
    file.addInterface({
      name: this.exportsType,
      isExported: true,
      docs: ["The guest's direct-ABI exports the class calls (docs/abi.md)."],
      methods: operations.map((op) => ({
        name: directExportName(op.def.name),
        parameters: op.def.params.flatMap((p, i) => {
          const name = op.params[i]!.name;
          switch (p.direct.abi) {
            case "ptrlen":
              return [
                { name: `${name}Ptr`, type: "number" },
                { name: `${name}Len`, type: "number" },
              ];
            case "i64":
              return [{ name, type: "bigint" }];
            default:
              return [{ name, type: "number" }];
          }
        }),
        returnType: "number",
      })),
    });
    file.addClass({
      name: className,
      isExported: true,
      docs: [...this.ctx.classDocs],
      ctors: [
        {
          docs: ['Wraps a direct-ABI guest that is already running, e.g. from `load(source, { abi: "direct" })`.'],
          parameters: [{ name: "guest", type: `${directGuest}<${this.exportsType}>`, isReadonly: true, scope: Scope.Public }],
          statements: [requireOperations(this.ctx, "guest")],
        },
      ],
      methods: [loaderMethod(this.ctx, "load", className), ...methods],
    });
    return { async, local };
  }

  /**
   * A local guest's export for an operation: the guest's side of the ABI, lifting each wasm argument as a wasm
   * guest would see it, calling the implementation, and writing the result (host-runtime/local/).
   */
  private localExport(view: StubOperation): string {
    const op = view.def;
    const wasmParams: string[] = [];
    const args = op.params.map((p) => {
      const at = wasmParams.length;
      const next = () => {
        const name = `p${wasmParams.length}`;
        wasmParams.push(name);
        return name;
      };
      const lowering = p.direct;
      const type = this.ctx.ts(p.type);
      switch (lowering.abi) {
        case "i32":
          if (lowering.bool) return `l.bool(${next()})`;
          if (resolveAlias(p.type).kind === "enum") return `${next()} as ${type}`;
          return `l.int(${next()}, ${this.descriptor(op, p.name, p.type)})`;
        case "i64":
          return `l.bigint(${next()}, ${this.descriptor(op, p.name, p.type)})`;
        case "f32":
          return `l.f32(${next()})`;
        case "f64":
          return `l.f64(${next()})`;
        case "ptrlen": {
          next();
          next();
          const block = `p${at}, p${at + 1}`;
          switch (lowering.content) {
            case "string":
              return `l.string(${block})`;
            case "bytes":
              return `l.bytes(${block})`;
            case "msgpack":
              return `l.msgpack(${this.descriptor(op, p.name, p.type)}, ${block}) as ${type}`;
          }
        }
      }
    });
    const call = `guest.${view.method}(${args.join(", ")})`;
    const result = op.directResult;
    const type = op.returnType;
    let body: string;
    switch (result.abi) {
      case "void":
        body = call;
        break;
      case "i32":
        if (result.bool) body = `l.retBool(${call})`;
        else if (type.kind !== "void" && resolveAlias(type).kind === "enum") body = `l.retEnum(${call}, ${this.descriptor(op, RESULT, type)})`;
        else body = `l.retInt(${call}, ${this.descriptor(op, RESULT, type as TypeExpr)})`;
        break;
      case "i64":
        body = `l.retBigInt(${call}, ${this.descriptor(op, RESULT, type as TypeExpr)})`;
        break;
      case "f32":
        body = `l.retF32(${call})`;
        break;
      case "f64":
        body = `l.retF64(${call})`;
        break;
      case "ptrlen":
        switch (result.content) {
          case "string":
            body = `l.retString(${call})`;
            break;
          case "bytes":
            body = `l.retBytes(${call})`;
            break;
          case "msgpack":
            body = `l.retMsgpack(${this.descriptor(op, RESULT, type as TypeExpr)}, ${call})`;
            break;
        }
    }
    return `${directExportName(op.name)}: (${wasmParams.join(", ")}) => l.run(() => ${body!})`;
  }

  /**
   * The async call of an operation: the same lowering helpers, called on a `DirectAsyncGuest`, which lowers here
   * and runs the export where the guest is (a pool worker, or in-process where it may suspend); the result is
   * named by its descriptor so the other side knows which `take*` runs.
   */
  private asyncCall(view: StubOperation): string {
    const op = view.def;
    const g = this.guestName(view);
    const args = op.params.map((p, i) => this.lower(op, p.type, p.direct, view.params[i]!.name, p.name, g).value).join(", ");
    const result = op.returnType.kind === "void" ? `"void"` : this.descriptor(op, RESULT, op.returnType);
    return `this.guest.call(${JSON.stringify(op.name)}, ${result}, (${g}) => [${args}])`;
  }

  /** The local bound to the guest in a method: `g`, or `g$` when a parameter is named `g` (`$` is not WIDL). */
  private guestName(view: StubOperation): string {
    return view.params.some((p) => p.name === "g") ? "g$" : "g";
  }

  private method(view: StubOperation) {
    const op = view.def;
    const g = this.guestName(view);
    const args = op.params
      .map((p, i) => {
        const lowered = this.lower(op, p.type, p.direct, view.params[i]!.name, p.name, g);
        return lowered.ptrlen ? `${lowered.value}, ${g}.len` : lowered.value;
      })
      .join(", ");
    const call = `${g}.exports.${directExportName(op.name)}(${args})`;
    const lifted = this.lift(op, call, g);
    return {
      name: view.method,
      docs: [...view.docs],
      parameters: view.callerParams.map(parameterStructure),
      returnType: view.returnType,
      statements: [
        `const ${g} = this.guest.enter(${JSON.stringify(op.name)});`,
        [
          `try {`,
          op.returnType.kind === "void" ? `${lifted};` : `return ${lifted};`,
          `} catch (e) {`,
          `throw ${g}.fail(e);`,
          `} finally {`,
          `${g}.leave();`,
          `}`,
        ].join("\n"),
      ],
    };
  }

  /**
   * The `pass*` call lowering one parameter, and whether it is a (ptr, len) pair: in-process, the pointer, followed
   * by `g.len`; in a pool, the value the worker writes into guest memory.
   */
  private lower(
    op: OperationDef,
    type: TypeExpr,
    lowering: OperationDef["params"][number]["direct"],
    name: string,
    wireName: string,
    g: string,
  ): { value: string; ptrlen: boolean } {
    const param = JSON.stringify(wireName);
    const wire = () => this.descriptor(op, wireName, type);
    const value = (expr: string) => ({ value: expr, ptrlen: false });
    const ptrlen = (expr: string) => ({ value: expr, ptrlen: true });
    switch (lowering.abi) {
      case "i32":
        if (lowering.bool) return value(`${g}.passBool(${name}, ${param})`);
        if (resolveAlias(type).kind === "enum") return value(`${g}.passEnum(${name}, ${wire()}, ${param})`);
        return value(`${g}.passInt(${name}, ${wire()}, ${param})`);
      case "i64":
        return value(`${g}.passBigInt(${name}, ${wire()}, ${param})`);
      case "f32":
      case "f64":
        return value(`${g}.passFloat(${name}, ${param})`);
      case "ptrlen":
        switch (lowering.content) {
          case "string":
            return ptrlen(`${g}.passString(${name}, ${param})`);
          case "bytes":
            return ptrlen(`${g}.passBytes(${name}, ${param})`);
          case "msgpack":
            return ptrlen(`${g}.passMsgpack(${wire()}, ${name}, ${param})`);
        }
    }
  }

  /** The expression taking the result of `call`. */
  private lift(op: OperationDef, call: string, g: string): string {
    const result = op.directResult;
    const type = op.returnType;
    switch (result.abi) {
      case "void":
        return `${g}.takeVoid(${call})`;
      case "i32":
        if (result.bool) return `${g}.takeBool(${call})`;
        if (type.kind !== "void" && resolveAlias(type).kind === "enum") {
          return `${g}.takeEnum(${call}, ${this.descriptor(op, RESULT, type)}) as ${this.ctx.ts(type)}`;
        }
        return `${g}.takeInt(${call}, ${this.descriptor(op, RESULT, type as TypeExpr)})`;
      case "i64":
        return `${g}.takeBigInt(${call}, ${this.descriptor(op, RESULT, type as TypeExpr)})`;
      case "f32":
        return `${g}.takeF32(${call})`;
      case "f64":
        return `${g}.takeF64(${call})`;
      case "ptrlen":
        switch (result.content) {
          case "string":
            return `${g}.takeString(${call})`;
          case "bytes":
            return `${g}.takeBytes(${call})`;
          case "msgpack":
            return `${g}.takeMsgpack(${call}, ${this.descriptor(op, RESULT, type as TypeExpr)}) as ${this.ctx.ts(type)}`;
        }
    }
  }

  /**
   * The descriptor of a value: a named one (`$Point`, `wire.i32`) as it is, a composite built from others
   * (`wire.list(…)`) hoisted into a constant, so a call does not build it again.
   */
  private descriptor(op: OperationDef, what: string, type: TypeExpr): string {
    const expr = this.ctx.wire(type);
    if (!expr.includes("(")) return expr;
    const name = `$${op.name}$${what}`;
    if (!this.hoisted.some((h) => h.name === name)) this.hoisted.push({ name, initializer: expr });
    return name;
  }
}
