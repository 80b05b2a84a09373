import { invokeSync } from "./boundary.js";
import { LinkError, RuntimeError } from "./errors.js";
import { type ConstExpr, ExternKind, type Limits, type ModuleInfo } from "./module-info.js";
import { FuncInst, funcRefId, GlobalInst, type InstanceState, MemoryInst, TableInst } from "./store.js";
import { funcTypeName, typeName } from "./types.js";

/** An import resolved to the store object it binds, in the module's import order. */
export type ResolvedImport = FuncInst | TableInst | MemoryInst | GlobalInst;

function limitsMatch(actualMin: number, actualMax: number | undefined, wanted: Limits): boolean {
  if (actualMin < wanted.min) return false;
  if (wanted.max === undefined) return true;
  return actualMax !== undefined && actualMax <= wanted.max;
}

/**
 * Builds an instance of `info` over resolved imports: checks each import's type (LinkError), allocates the
 * module's own memory, tables and globals, applies the active segments (a trap here is a RuntimeError, and the
 * segments applied before it stay applied, as the spec says), then runs the start function.
 */
export function instantiateState(info: ModuleInfo, imports: readonly ResolvedImport[]): InstanceState {
  const funcs: FuncInst[] = [];
  const tables: TableInst[] = [];
  const globals: GlobalInst[] = [];
  let memory: MemoryInst | undefined;
  info.imports.forEach((imp, i) => {
    const what = `import "${imp.module}" "${imp.name}"`;
    const value = imports[i]!;
    switch (imp.kind) {
      case ExternKind.Func: {
        const func = value as FuncInst;
        // A plain JS function was given the declared type; an exported function (wasm, or a host function
        // re-exported) keeps its own type, which must match exactly.
        if (func.type.id !== imp.type.id)
          throw new LinkError(`${what}: function type ${funcTypeName(func.type)} does not match ${funcTypeName(imp.type)}`);
        funcs.push(func);
        break;
      }
      case ExternKind.Table: {
        const table = value as TableInst;
        if (table.type.elem !== imp.type.elem)
          throw new LinkError(`${what}: table of ${typeName(table.type.elem)} where ${typeName(imp.type.elem)} is declared`);
        if (!limitsMatch(table.elems.length, table.type.max, imp.type))
          throw new LinkError(`${what}: incompatible table limits`);
        tables.push(table);
        break;
      }
      case ExternKind.Memory: {
        const mem = value as MemoryInst;
        if (!limitsMatch(mem.pages, mem.max, imp.type)) throw new LinkError(`${what}: incompatible memory limits`);
        memory = mem;
        break;
      }
      case ExternKind.Global: {
        const global = value as GlobalInst;
        if (global.type !== imp.type.type || global.mutable !== imp.type.mutable)
          throw new LinkError(
            `${what}: ${global.mutable ? "mutable " : ""}${typeName(global.type)} global where ${imp.type.mutable ? "mutable " : ""}${typeName(imp.type.type)} is declared`,
          );
        globals.push(global);
        break;
      }
    }
  });

  const state: InstanceState = {
    funcs,
    tables,
    memory: undefined,
    globals,
    typeIds: Int32Array.from(info.types, (t) => t.id),
    elems: [],
    elemSegments: info.elems,
    datas: [],
    fuel: Number.POSITIVE_INFINITY,
  };
  for (let i = info.importedFuncs; i < info.funcs.length; i++)
    funcs.push(new FuncInst(info.funcs[i]!, info.bodies[i - info.importedFuncs], state, undefined, i));
  for (let i = info.importedTables; i < info.tables.length; i++) {
    const type = info.tables[i]!;
    tables.push(new TableInst(type, new Array<number>(type.min).fill(0)));
  }
  if (info.memories.length > info.importedMemories) {
    const type = info.memories[info.importedMemories]!;
    memory = new MemoryInst(type.min, type.max);
  }
  (state as { memory: MemoryInst | undefined }).memory = memory;

  const evaluate = (expr: ConstExpr): Int32Array => {
    switch (expr.kind) {
      case "value":
        return Int32Array.of(expr.lo, expr.hi);
      case "global":
        return globals[expr.index]!.words.slice();
      case "func":
        return Int32Array.of(funcRefId(funcs[expr.index]!), 0);
      case "null":
        return new Int32Array(2);
    }
  };
  info.globalInits.forEach((init, i) => {
    const type = info.globals[info.importedGlobals + i]!;
    const global = new GlobalInst(type.type, type.mutable);
    global.words.set(evaluate(init));
    globals.push(global);
  });
  for (const seg of info.elems) state.elems.push(seg.inits.map((e) => evaluate(e)[0]!));
  for (const seg of info.datas) state.datas.push(seg.bytes);

  info.elems.forEach((seg, i) => {
    if (seg.mode === "active") {
      const offset = evaluate(seg.offset!)[0]! >>> 0;
      const table = tables[seg.table]!;
      const refs = state.elems[i]!;
      if (offset + refs.length > table.elems.length) throw new RuntimeError("out of bounds table access");
      for (let k = 0; k < refs.length; k++) table.elems[offset + k] = refs[k]!;
    }
    if (seg.mode !== "passive") state.elems[i] = [];
  });
  info.datas.forEach((seg, i) => {
    if (seg.mode !== "active") return;
    const offset = evaluate(seg.offset!)[0]! >>> 0;
    if (offset + seg.bytes.length > memory!.bytes.length) throw new RuntimeError("out of bounds memory access");
    memory!.bytes.set(seg.bytes, offset);
    state.datas[i] = new Uint8Array(0);
  });
  if (info.start !== undefined) invokeSync(funcs[info.start]!, []);
  return state;
}
