import { BinaryReader } from "./binary-reader.js";
import { compileFunction, readValType, type ValidationContext } from "./function-compiler.js";
import {
  type CompiledBody,
  type ConstExpr,
  type DataSegment,
  type ElemSegment,
  type Export,
  ExternKind,
  type GlobalType,
  type Import,
  type Limits,
  type ModuleInfo,
  type TableType,
} from "./module-info.js";
import { F32, F64, FUNCREF, funcType, type FuncType, I32, I64, isRefType, typeName, type ValType } from "./types.js";

const MAX_PAGES = 65536;

/** Rank of each section id in the required order (the data count section, 12, sits before code, 10). */
const sectionOrder = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 10];

/**
 * Decodes and validates a module binary, lowering every function body once, so that instantiation only allocates.
 * Throws `CompileError` naming what is wrong and the byte offset where.
 */
export function decodeModule(bytes: Uint8Array): ModuleInfo {
  const r = new BinaryReader(bytes);
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d)
    r.fail("magic header not detected", 0);
  r.pos = 4;
  if (bytes.length < 8) r.fail("unexpected end: no binary version");
  if (r.f32Bits() !== 1) r.fail("unknown binary version", 4);

  const types: FuncType[] = [];
  const imports: Import[] = [];
  const funcs: FuncType[] = [];
  const tables: TableType[] = [];
  const memories: Limits[] = [];
  const globals: GlobalType[] = [];
  const globalInits: ConstExpr[] = [];
  const exports: Export[] = [];
  const elems: ElemSegment[] = [];
  const datas: DataSegment[] = [];
  const bodies: CompiledBody[] = [];
  const customSections: { name: string; data: Uint8Array }[] = [];
  const declaredRefs = new Set<number>();
  let importedFuncs = 0;
  let importedTables = 0;
  let importedMemories = 0;
  let importedGlobals = 0;
  let start: number | undefined;
  let dataCount: number | undefined;
  let definedFuncCount: number | undefined;
  let codeSeen = false;
  let lastOrder = 0;

  const invalid = (message: string, at = r.pos): never => r.fail(`invalid module: ${message}`, at);

  const limits = (max: number, what: string): Limits => {
    const at = r.pos;
    const flag = r.u8();
    if (flag !== 0 && flag !== 1) r.fail(`malformed limits flags 0x${flag.toString(16)}`, at);
    const min = r.u32();
    const maximum = flag === 1 ? r.u32() : undefined;
    if (min > max) invalid(`${what} size must be at most ${max}`, at);
    if (maximum !== undefined && maximum > max) invalid(`${what} size must be at most ${max}`, at);
    if (maximum !== undefined && min > maximum) invalid(`${what} size minimum must not be greater than maximum`, at);
    return { min, max: maximum };
  };
  const tableType = (): TableType => {
    const at = r.pos;
    const elem = r.u8();
    if (!isRefType(elem)) r.fail(`malformed reference type 0x${elem.toString(16)}`, at);
    return { elem, ...limits(0xffffffff, "table") };
  };
  const memoryType = (): Limits => limits(MAX_PAGES, "memory");
  const globalType = (): GlobalType => {
    const type = readValType(r);
    const at = r.pos;
    const mut = r.u8();
    if (mut > 1) r.fail("malformed mutability", at);
    return { type, mutable: mut === 1 };
  };
  /** A constant expression of `type`; it may read imported (immutable) globals only. */
  const constExpr = (type: ValType): ConstExpr => {
    const at = r.pos;
    let result: ConstExpr | undefined;
    let resultType: ValType = 0;
    for (;;) {
      const opAt = r.pos;
      const op = r.u8();
      if (op === 0x0b) break;
      if (result !== undefined) invalid("type mismatch: constant expression leaves more than one value", opAt);
      switch (op) {
        case 0x41:
          result = { kind: "value", lo: r.s32(), hi: 0 };
          resultType = I32;
          break;
        case 0x42: {
          const [lo, hi] = r.s64();
          result = { kind: "value", lo, hi };
          resultType = I64;
          break;
        }
        case 0x43:
          result = { kind: "value", lo: r.f32Bits(), hi: 0 };
          resultType = F32;
          break;
        case 0x44: {
          const lo = r.f32Bits();
          result = { kind: "value", lo, hi: r.f32Bits() };
          resultType = F64;
          break;
        }
        case 0xd0: {
          const t = r.u8();
          if (!isRefType(t)) r.fail(`malformed reference type 0x${t.toString(16)}`, opAt);
          result = { kind: "null" };
          resultType = t;
          break;
        }
        case 0xd2: {
          const index = r.u32();
          if (index >= funcs.length) invalid(`unknown function ${index}`, opAt);
          declaredRefs.add(index);
          result = { kind: "func", index };
          resultType = FUNCREF;
          break;
        }
        case 0x23: {
          const index = r.u32();
          if (index >= importedGlobals) invalid(`unknown global ${index}`, opAt);
          if (globals[index]!.mutable) invalid("constant expression required: global.get of a mutable global", opAt);
          result = { kind: "global", index };
          resultType = globals[index]!.type;
          break;
        }
        default:
          if ((op >= 0x45 && op <= 0xc4) || op === 0x20 || op === 0x24 || op === 0x00 || op === 0x01)
            invalid(`constant expression required: opcode 0x${op.toString(16)}`, opAt);
          r.fail(`illegal opcode 0x${op.toString(16)} in a constant expression`, opAt);
      }
    }
    if (result === undefined) return invalid(`type mismatch: constant expression of ${typeName(type)} is empty`, at);
    if (resultType !== type) invalid(`type mismatch: expected ${typeName(type)}, found ${typeName(resultType)}`, at);
    return result;
  };
  const funcIndices = (): ConstExpr[] => {
    const n = r.u32();
    const out: ConstExpr[] = [];
    for (let i = 0; i < n; i++) {
      const at = r.pos;
      const index = r.u32();
      if (index >= funcs.length) invalid(`unknown function ${index}`, at);
      declaredRefs.add(index);
      out.push({ kind: "func", index });
    }
    return out;
  };
  const vecLength = (): number => {
    const n = r.u32();
    if (n > r.end - r.pos) r.fail("unexpected end: vector longer than its section");
    return n;
  };

  while (r.pos < bytes.length) {
    const idAt = r.pos;
    const id = r.u8();
    if (id > 12) r.fail(`malformed section id ${id}`, idAt);
    const size = r.u32();
    const end = r.pos + size;
    if (end > bytes.length) r.fail(`unexpected end: section ${id} runs past the end of the module`, idAt);
    if (id !== 0) {
      const order = sectionOrder[id]!;
      if (order <= lastOrder) r.fail(`unexpected content after last section: section ${id} out of order or repeated`, idAt);
      lastOrder = order;
    }
    r.end = end;
    switch (id) {
      case 0: {
        const name = r.name();
        customSections.push({ name, data: bytes.slice(r.pos, end) });
        r.pos = end;
        break;
      }
      case 1: {
        const n = vecLength();
        for (let i = 0; i < n; i++) {
          const at = r.pos;
          if (r.u8() !== 0x60) r.fail("malformed function type: expected 0x60", at);
          const params: ValType[] = [];
          const results: ValType[] = [];
          for (let k = vecLength(); k > 0; k--) params.push(readValType(r));
          for (let k = vecLength(); k > 0; k--) results.push(readValType(r));
          types.push(funcType(params, results));
        }
        break;
      }
      case 2: {
        const n = vecLength();
        for (let i = 0; i < n; i++) {
          const module = r.name();
          const name = r.name();
          const at = r.pos;
          const kind = r.u8();
          switch (kind) {
            case ExternKind.Func: {
              const index = r.u32();
              if (index >= types.length) invalid(`unknown type ${index}`, at);
              imports.push({ module, name, kind, type: types[index]! });
              funcs.push(types[index]!);
              importedFuncs++;
              break;
            }
            case ExternKind.Table: {
              const type = tableType();
              imports.push({ module, name, kind, type });
              tables.push(type);
              importedTables++;
              break;
            }
            case ExternKind.Memory: {
              const type = memoryType();
              imports.push({ module, name, kind, type });
              memories.push(type);
              importedMemories++;
              break;
            }
            case ExternKind.Global: {
              const type = globalType();
              imports.push({ module, name, kind, type });
              globals.push(type);
              importedGlobals++;
              break;
            }
            default:
              r.fail(`malformed import kind ${kind}`, at);
          }
        }
        break;
      }
      case 3: {
        const n = vecLength();
        definedFuncCount = n;
        for (let i = 0; i < n; i++) {
          const at = r.pos;
          const index = r.u32();
          if (index >= types.length) invalid(`unknown type ${index}`, at);
          funcs.push(types[index]!);
        }
        break;
      }
      case 4: {
        const n = vecLength();
        for (let i = 0; i < n; i++) tables.push(tableType());
        break;
      }
      case 5: {
        const n = vecLength();
        for (let i = 0; i < n; i++) memories.push(memoryType());
        break;
      }
      case 6: {
        const n = vecLength();
        for (let i = 0; i < n; i++) {
          const type = globalType();
          globalInits.push(constExpr(type.type));
          globals.push(type);
        }
        break;
      }
      case 7: {
        const n = vecLength();
        const names = new Set<string>();
        for (let i = 0; i < n; i++) {
          const name = r.name();
          const at = r.pos;
          const kind = r.u8();
          const index = r.u32();
          const space = [funcs, tables, memories, globals][kind];
          if (space === undefined) r.fail(`malformed export kind ${kind}`, at);
          if (index >= space.length) invalid(`unknown ${["function", "table", "memory", "global"][kind]} ${index}`, at);
          if (names.has(name)) invalid(`duplicate export name "${name}"`, at);
          names.add(name);
          if (kind === ExternKind.Func) declaredRefs.add(index);
          exports.push({ name, kind, index });
        }
        break;
      }
      case 8: {
        const at = r.pos;
        start = r.u32();
        if (start >= funcs.length) invalid(`unknown function ${start}`, at);
        const t = funcs[start]!;
        if (t.params.length || t.results.length) invalid("start function must take and return nothing", at);
        break;
      }
      case 9: {
        const n = vecLength();
        for (let i = 0; i < n; i++) {
          const at = r.pos;
          const flags = r.u32();
          if (flags > 7) r.fail(`malformed elements segment kind ${flags}`, at);
          const mode = flags & 1 ? (flags & 2 ? "declarative" : "passive") : "active";
          const table = flags & 2 && mode === "active" ? r.u32() : 0;
          const offset = mode === "active" ? constExpr(I32) : undefined;
          let type: ValType = FUNCREF;
          if (flags & 3) {
            const kindAt = r.pos;
            if (flags & 4) {
              type = r.u8();
              if (!isRefType(type)) r.fail(`malformed reference type 0x${type.toString(16)}`, kindAt);
            } else if (r.u8() !== 0) r.fail("malformed element kind", kindAt);
          }
          let inits: ConstExpr[];
          if (flags & 4) {
            inits = [];
            for (let k = vecLength(); k > 0; k--) inits.push(constExpr(type));
          } else inits = funcIndices();
          if (mode === "active") {
            if (table >= tables.length) invalid(`unknown table ${table}`, at);
            if (tables[table]!.elem !== type) invalid("type mismatch: element segment and table types differ", at);
          }
          elems.push({ mode, table, offset, type, inits });
        }
        break;
      }
      case 10: {
        codeSeen = true;
        const n = vecLength();
        if (n !== (definedFuncCount ?? 0)) r.fail("function and code section have inconsistent lengths");
        const ctx: ValidationContext = {
          types,
          funcs,
          tables,
          memories: memories.length,
          globals,
          elemTypes: elems.map((e) => e.type),
          dataCount,
          declaredRefs,
        };
        for (let i = 0; i < n; i++) {
          const size = r.u32();
          const bodyEnd = r.pos + size;
          if (bodyEnd > end) r.fail("unexpected end: function body runs past the code section");
          const bodyReader = new BinaryReader(bytes, r.pos, bodyEnd);
          bodies.push(compileFunction(ctx, funcs[importedFuncs + i]!, bodyReader, importedFuncs + i));
          r.pos = bodyEnd;
        }
        break;
      }
      case 11: {
        const n = vecLength();
        if (dataCount !== undefined && n !== dataCount) r.fail("data count and data section have inconsistent lengths");
        for (let i = 0; i < n; i++) {
          const at = r.pos;
          const flags = r.u32();
          if (flags > 2) r.fail(`malformed data segment kind ${flags}`, at);
          const memory = flags === 2 ? r.u32() : 0;
          const offset = flags === 1 ? undefined : constExpr(I32);
          if (flags !== 1 && memory >= memories.length) invalid(`unknown memory ${memory}`, at);
          const length = r.u32();
          datas.push({ mode: flags === 1 ? "passive" : "active", offset, bytes: r.bytesOf(length).slice() });
        }
        break;
      }
      case 12:
        dataCount = r.u32();
        break;
    }
    if (r.pos !== end) r.fail(`section size mismatch in section ${id}`, idAt);
    r.end = bytes.length;
  }
  if (!codeSeen && (definedFuncCount ?? 0) > 0) r.fail("function and code section have inconsistent lengths");
  if (dataCount !== undefined && dataCount !== datas.length && dataCount > 0 && datas.length === 0)
    r.fail("data count and data section have inconsistent lengths");
  if (memories.length > 1) invalid("multiple memories");
  return {
    types,
    imports,
    funcs,
    importedFuncs,
    tables,
    importedTables,
    memories,
    importedMemories,
    globals,
    importedGlobals,
    globalInits,
    exports,
    start,
    elems,
    datas,
    bodies,
    customSections,
  };
}
