import { BinaryReader } from "./binary-reader.js";
import type { CompiledBody, GlobalType, TableType } from "./module-info.js";
import { Op } from "./opcodes.js";
import {
  EXTERNREF,
  F32,
  F64,
  FUNCREF,
  type FuncType,
  I32,
  I64,
  isNumType,
  isRefType,
  typeName,
  UNKNOWN,
  type ValType,
  WORDS,
} from "./types.js";

/** What a function body may refer to: the module's index spaces as validation sees them. */
export interface ValidationContext {
  readonly types: readonly FuncType[];
  readonly funcs: readonly FuncType[];
  readonly tables: readonly TableType[];
  readonly memories: number;
  readonly globals: readonly GlobalType[];
  readonly elemTypes: readonly ValType[];
  /** Segments the data count section announces; undefined when the section is absent. */
  readonly dataCount: number | undefined;
  /** Functions that `ref.func` may name: those referenced outside function bodies. */
  readonly declaredRefs: ReadonlySet<number>;
}

interface ControlFrame {
  readonly kind: "block" | "loop" | "if" | "else" | "func";
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
  /** Operand stack height (values) below this block's params. */
  readonly height: number;
  unreachable: boolean;
  /** Code position of a loop's head (branch target). */
  readonly head: number;
  /** Code positions of forward branch targets that the block's end patches. */
  readonly patches: number[];
  /** For an `if`: the position of its else-target immediate. */
  ifPatch: number;
}

/** Signatures of the plain numeric instructions 0x45–0xc4: operand types, then the result type. */
const numericSignatures = new Map<number, readonly ValType[]>();
function sig(from: number, to: number, ...types: ValType[]): void {
  for (let op = from; op <= to; op++) numericSignatures.set(op, types);
}
sig(0x45, 0x45, I32, I32);
sig(0x46, 0x4f, I32, I32, I32);
sig(0x50, 0x50, I64, I32);
sig(0x51, 0x5a, I64, I64, I32);
sig(0x5b, 0x60, F32, F32, I32);
sig(0x61, 0x66, F64, F64, I32);
sig(0x67, 0x69, I32, I32);
sig(0x6a, 0x78, I32, I32, I32);
sig(0x79, 0x7b, I64, I64);
sig(0x7c, 0x8a, I64, I64, I64);
sig(0x8b, 0x91, F32, F32);
sig(0x92, 0x98, F32, F32, F32);
sig(0x99, 0x9f, F64, F64);
sig(0xa0, 0xa6, F64, F64, F64);
sig(0xa7, 0xa7, I64, I32);
sig(0xa8, 0xa9, F32, I32);
sig(0xaa, 0xab, F64, I32);
sig(0xac, 0xad, I32, I64);
sig(0xae, 0xaf, F32, I64);
sig(0xb0, 0xb1, F64, I64);
sig(0xb2, 0xb3, I32, F32);
sig(0xb4, 0xb5, I64, F32);
sig(0xb6, 0xb6, F64, F32);
sig(0xb7, 0xb8, I32, F64);
sig(0xb9, 0xba, I64, F64);
sig(0xbb, 0xbb, F32, F64);
sig(0xbc, 0xbc, F32, I32);
sig(0xbd, 0xbd, F64, I64);
sig(0xbe, 0xbe, I32, F32);
sig(0xbf, 0xbf, I64, F64);
sig(0xc0, 0xc1, I32, I32);
sig(0xc2, 0xc4, I64, I64);

/** The reinterpretations and `i32.wrap_i64` change only the static type: the stack words already hold the bits. */
const noOps = new Set([0xa7, 0xbc, 0xbd, 0xbe, 0xbf]);

/** i32 binary operators that have fused forms (Op.WithLocal, Op.WithConst). */
const fusableOps = new Set([0x46, 0x47, 0x48, 0x49, 0x4a, 0x4b, 0x4c, 0x4d, 0x4e, 0x4f, 0x6a, 0x6b, 0x6c, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76]);

/** Loads and stores 0x28–0x3e: [value type, log2 of the natural alignment, is store]. */
const memoryOps: readonly (readonly [ValType, number, boolean])[] = [
  [I32, 2, false], [I64, 3, false], [F32, 2, false], [F64, 3, false],
  [I32, 0, false], [I32, 0, false], [I32, 1, false], [I32, 1, false],
  [I64, 0, false], [I64, 0, false], [I64, 1, false], [I64, 1, false], [I64, 2, false], [I64, 2, false],
  [I32, 2, true], [I64, 3, true], [F32, 2, true], [F64, 3, true],
  [I32, 0, true], [I32, 1, true], [I64, 0, true], [I64, 1, true], [I64, 2, true],
];

/** `0xFC 0`–`7`, the saturating truncations: [operand, result]. */
const saturatingOps: readonly (readonly [ValType, ValType])[] = [
  [F32, I32], [F32, I32], [F64, I32], [F64, I32], [F32, I64], [F32, I64], [F64, I64], [F64, I64],
];

/** Longest body the executor accepts: its code positions must fit an Int32Array index comfortably. */
const MAX_LOCALS = 50_000;

const wide = (t: ValType): boolean => t === I64 || t === F64;

/**
 * Validates one function body and lowers it to executor code in the same pass. Heights are static in wasm, so
 * every branch is lowered with its target position and, where the stack must shrink, the words to keep and where
 * to put them. Code after an unconditional branch is validated but never emitted.
 */
export function compileFunction(
  ctx: ValidationContext,
  type: FuncType,
  reader: BinaryReader,
  funcIndex: number,
): CompiledBody {
  const fail = (message: string): never =>
    reader.fail(`invalid function ${funcIndex}: ${message}`);

  // Locals: params, then the declared groups.
  const locals: ValType[] = [...type.params];
  const groups = reader.u32();
  for (let g = 0; g < groups; g++) {
    const count = reader.u32();
    const t = readValType(reader);
    if (locals.length + count > MAX_LOCALS) reader.fail("too many locals");
    for (let i = 0; i < count; i++) locals.push(t);
  }
  const localWords = locals.length * WORDS;

  let code = new Int32Array(64);
  let pc = 0;
  const emit = (v: number): void => {
    if (pc === code.length) {
      const grown = new Int32Array(code.length * 2);
      grown.set(code);
      code = grown;
    }
    code[pc++] = v;
  };

  const vals: ValType[] = [];
  const ctrls: ControlFrame[] = [];
  let maxHeight = 0;
  let live = true;
  // The instruction emitted just before the current one, if it may be fused with it (see Op.WithLocal).
  let fusable = -1;
  let fusableAt = -1;

  // Fuel: each straight-line run starts with `Fuel n`, n being the instructions until the next run starts.
  let fuelAt = -1;
  let fuelCount = 0;
  const startRun = (): void => {
    if (fuelAt >= 0) code[fuelAt] = fuelCount;
    fuelCount = 0;
    if (live) {
      emit(Op.Fuel);
      fuelAt = pc;
      emit(0);
    } else fuelAt = -1;
  };

  const push = (t: ValType): void => {
    vals.push(t);
    if (vals.length > maxHeight) maxHeight = vals.length;
  };
  const pop = (expect: ValType = UNKNOWN): ValType => {
    const frame = ctrls[ctrls.length - 1]!;
    if (vals.length === frame.height) {
      if (frame.unreachable) return expect;
      fail(`type mismatch: expected ${expect === UNKNOWN ? "a value" : typeName(expect)} but the stack is empty`);
    }
    const actual = vals.pop()!;
    if (expect !== UNKNOWN && actual !== UNKNOWN && actual !== expect)
      fail(`type mismatch: expected ${typeName(expect)}, found ${typeName(actual)}`);
    return actual === UNKNOWN ? expect : actual;
  };
  const popAll = (types: readonly ValType[]): void => {
    for (let i = types.length - 1; i >= 0; i--) pop(types[i]);
  };
  const pushAll = (types: readonly ValType[]): void => {
    for (const t of types) push(t);
  };
  const pushFrame = (
    kind: ControlFrame["kind"],
    params: readonly ValType[],
    results: readonly ValType[],
    head = pc,
  ): void => {
    ctrls.push({ kind, params, results, height: vals.length, unreachable: false, head, patches: [], ifPatch: -1 });
    pushAll(params);
  };
  const popFrame = (): ControlFrame => {
    const frame = ctrls[ctrls.length - 1]!;
    popAll(frame.results);
    if (vals.length !== frame.height) fail(`type mismatch: ${vals.length - frame.height} values left at the end of a block`);
    ctrls.pop();
    return frame;
  };
  const setUnreachable = (): void => {
    const frame = ctrls[ctrls.length - 1]!;
    vals.length = frame.height;
    frame.unreachable = true;
    live = false;
  };
  const labelTypes = (frame: ControlFrame): readonly ValType[] => (frame.kind === "loop" ? frame.params : frame.results);
  const label = (depth: number): ControlFrame => {
    if (depth >= ctrls.length) fail(`unknown label ${depth}`);
    return ctrls[ctrls.length - 1 - depth]!;
  };
  const wordsAt = (height: number): number => localWords + height * WORDS;
  /** Emits the target of a branch to `frame`: known for a loop, patched at the block's end otherwise. */
  const emitTarget = (frame: ControlFrame): void => {
    if (frame.kind === "loop") emit(frame.head);
    else {
      frame.patches.push(pc);
      emit(-1);
    }
  };
  /** Emits a branch (`plain` or `adjust` form) to the label at `depth`, the label's values being on the stack. */
  const emitBranch = (depth: number, plain: number, adjust: number): void => {
    const frame = label(depth);
    const arity = labelTypes(frame).length;
    if (vals.length - arity === frame.height) {
      emit(plain);
      emitTarget(frame);
    } else {
      emit(adjust);
      emitTarget(frame);
      emit(arity * WORDS);
      emit(wordsAt(frame.height));
    }
  };
  const blockType = (): FuncType | { params: readonly ValType[]; results: readonly ValType[] } => {
    const bt = reader.s33();
    if (bt >= 0) {
      if (bt >= ctx.types.length) fail(`unknown type ${bt}`);
      return ctx.types[bt]!;
    }
    if (bt === -0x40) return { params: [], results: [] };
    const t = bt + 0x80;
    if (!isNumType(t) && !isRefType(t)) reader.fail(`malformed block type 0x${(t & 0xff).toString(16)}`);
    return { params: [], results: [t] };
  };
  const memarg = (naturalAlign: number): number => {
    const align = reader.u32();
    const offset = reader.u32();
    if (ctx.memories === 0) fail("unknown memory 0");
    if (align > naturalAlign) fail(`alignment 2**${align} must not be larger than natural (2**${naturalAlign})`);
    return offset;
  };
  const zeroByte = (): void => {
    if (reader.u8() !== 0) reader.fail("zero byte expected");
  };
  const localIndex = (): number => {
    const i = reader.u32();
    if (i >= locals.length) fail(`unknown local ${i}`);
    return i;
  };
  const globalIndex = (): number => {
    const i = reader.u32();
    if (i >= ctx.globals.length) fail(`unknown global ${i}`);
    return i;
  };
  const tableIndex = (): number => {
    const i = reader.u32();
    if (i >= ctx.tables.length) fail(`unknown table ${i}`);
    return i;
  };
  const elemIndex = (): number => {
    const i = reader.u32();
    if (i >= ctx.elemTypes.length) fail(`unknown elem segment ${i}`);
    return i;
  };
  const dataIndex = (): number => {
    const i = reader.u32();
    if (ctx.dataCount === undefined) reader.fail("data count section required");
    if (i >= ctx.dataCount) fail(`unknown data segment ${i}`);
    return i;
  };

  pushFrame("func", [], type.results);
  vals.length = 0; // params live in locals, not on the operand stack
  startRun();

  while (ctrls.length > 0) {
    if (reader.pos >= reader.end) reader.fail("unexpected end of function body: missing `end`");
    const opAt = reader.pos;
    const op = reader.u8();
    fuelCount++;
    const previous = fusable;
    const previousAt = fusableAt;
    fusable = -1;
    switch (op) {
      case 0x00: // unreachable
        if (live) emit(Op.Unreachable);
        setUnreachable();
        break;
      case 0x01: // nop
        break;
      case 0x02: // block
      case 0x03: {
        // loop
        const bt = blockType();
        popAll(bt.params);
        if (op === 0x03) {
          // The loop's head is its `fuel` instruction, so that every turn is charged (and can be interrupted).
          const head = pc;
          startRun();
          pushFrame("loop", bt.params, bt.results, head);
        } else pushFrame("block", bt.params, bt.results);
        break;
      }
      case 0x04: {
        // if
        const bt = blockType();
        pop(I32);
        popAll(bt.params);
        pushFrame("if", bt.params, bt.results);
        if (live) {
          emit(Op.If);
          ctrls[ctrls.length - 1]!.ifPatch = pc;
          emit(-1);
        }
        startRun();
        break;
      }
      case 0x05: {
        // else
        const frame = ctrls[ctrls.length - 1]!;
        if (frame.kind !== "if") fail("`else` without `if`");
        popFrame();
        if (live) {
          emit(Op.Br);
          frame.patches.push(pc);
          emit(-1);
        }
        const elseFrame: ControlFrame = { ...frame, kind: "else", unreachable: false, patches: frame.patches };
        ctrls.push(elseFrame);
        pushAll(frame.params);
        live = frame.ifPatch >= 0; // the else branch runs iff the `if` itself was emitted
        if (frame.ifPatch >= 0) code[frame.ifPatch] = pc;
        elseFrame.ifPatch = -1;
        startRun();
        break;
      }
      case 0x0b: {
        // end
        const frame = popFrame();
        if (frame.kind === "if" && (frame.params.length !== frame.results.length || frame.params.some((t, i) => t !== frame.results[i])))
          fail("type mismatch: `if` without `else` must leave its params as its results");
        pushAll(frame.results);
        if (frame.kind === "func") {
          // Branches to the function's own label land on this final return.
          for (const at of frame.patches) code[at] = pc;
          if (live || frame.patches.length > 0) emit(Op.Return);
          break;
        }
        // Reachable again if the block falls through, a branch targets its end, or an `if` skips to it. Inside
        // dead code nothing was emitted, so none of these hold.
        live = live || frame.patches.length > 0 || frame.ifPatch >= 0;
        if (frame.ifPatch >= 0) code[frame.ifPatch] = pc;
        for (const at of frame.patches) code[at] = pc;
        startRun();
        break;
      }
      case 0x0c: {
        // br
        const depth = reader.u32();
        const types = labelTypes(label(depth));
        popAll(types);
        pushAll(types);
        if (live) emitBranch(depth, Op.Br, Op.BrAdjust);
        setUnreachable();
        break;
      }
      case 0x0d: {
        // br_if
        const depth = reader.u32();
        pop(I32);
        const types = labelTypes(label(depth));
        popAll(types);
        pushAll(types);
        if (live && previous === 0x45 && vals.length - labelTypes(label(depth)).length === label(depth).height) {
          pc = previousAt; // i32.eqz; br_if
          emit(Op.BrIfZero);
          emitTarget(label(depth));
        } else if (live) emitBranch(depth, Op.BrIf, Op.BrIfAdjust);
        break;
      }
      case 0x0e: {
        // br_table
        const count = reader.u32();
        if (count > reader.end - reader.pos) reader.fail("unexpected end: br_table has more labels than bytes left");
        const depths: number[] = [];
        for (let i = 0; i <= count; i++) depths.push(reader.u32());
        pop(I32);
        const arity = labelTypes(label(depths[count]!)).length;
        for (const depth of depths) {
          const types = labelTypes(label(depth));
          if (types.length !== arity) fail("type mismatch: br_table labels of different arity");
          // Each label's types must accept the values on the stack.
          const saved = vals.slice();
          popAll(types);
          vals.length = 0;
          vals.push(...saved);
        }
        popAll(labelTypes(label(depths[count]!)));
        if (live) {
          emit(Op.BrTable);
          emit(count);
          for (const depth of depths) {
            const frame = label(depth);
            emitTarget(frame);
            emit(arity * WORDS);
            emit(wordsAt(frame.height));
          }
        }
        setUnreachable();
        break;
      }
      case 0x0f: // return
        popAll(type.results);
        if (live) emit(Op.Return);
        setUnreachable();
        break;
      case 0x10: {
        // call
        const index = reader.u32();
        if (index >= ctx.funcs.length) fail(`unknown function ${index}`);
        const callee = ctx.funcs[index]!;
        popAll(callee.params);
        if (live) {
          emit(Op.Call);
          emit(index);
        }
        pushAll(callee.results);
        break;
      }
      case 0x11: {
        // call_indirect
        const typeIndex = reader.u32();
        const table = reader.u32();
        if (table >= ctx.tables.length) fail(`unknown table ${table}`);
        if (typeIndex >= ctx.types.length) fail(`unknown type ${typeIndex}`);
        if (ctx.tables[table]!.elem !== FUNCREF) fail("type mismatch: call_indirect on a table of externref");
        const callee = ctx.types[typeIndex]!;
        pop(I32);
        popAll(callee.params);
        if (live) {
          emit(Op.CallIndirect);
          emit(typeIndex);
          emit(table);
        }
        pushAll(callee.results);
        break;
      }
      case 0x1a: // drop
        pop();
        if (live) emit(Op.Drop);
        break;
      case 0x1b: {
        // select
        pop(I32);
        const t1 = pop();
        const t2 = pop(t1);
        const t = t1 === UNKNOWN ? t2 : t1;
        if (t !== UNKNOWN && !isNumType(t)) fail("type mismatch: select without a type needs numeric operands");
        push(t);
        if (live) emit(wide(t) ? Op.Select64 : Op.Select32);
        break;
      }
      case 0x1c: {
        // select t
        const n = reader.u32();
        if (n !== 1) fail("invalid result arity for typed select");
        const t = readValType(reader);
        pop(I32);
        pop(t);
        pop(t);
        push(t);
        if (live) emit(wide(t) ? Op.Select64 : Op.Select32);
        break;
      }
      case 0x20: {
        // local.get
        const i = localIndex();
        push(locals[i]!);
        if (live) {
          if (!wide(locals[i]!)) [fusable, fusableAt] = [Op.LocalGet32, pc];
          emit(wide(locals[i]!) ? Op.LocalGet64 : Op.LocalGet32);
          emit(i * WORDS);
        }
        break;
      }
      case 0x21:
      case 0x22: {
        // local.set, local.tee
        const i = localIndex();
        pop(locals[i]);
        if (op === 0x22) push(locals[i]!);
        if (live) {
          const w = wide(locals[i]!);
          emit(op === 0x21 ? (w ? Op.LocalSet64 : Op.LocalSet32) : w ? Op.LocalTee64 : Op.LocalTee32);
          emit(i * WORDS);
        }
        break;
      }
      case 0x23: {
        // global.get
        const i = globalIndex();
        push(ctx.globals[i]!.type);
        if (live) {
          emit(wide(ctx.globals[i]!.type) ? Op.GlobalGet64 : Op.GlobalGet32);
          emit(i);
        }
        break;
      }
      case 0x24: {
        // global.set
        const i = globalIndex();
        if (!ctx.globals[i]!.mutable) fail(`global ${i} is immutable`);
        pop(ctx.globals[i]!.type);
        if (live) {
          emit(wide(ctx.globals[i]!.type) ? Op.GlobalSet64 : Op.GlobalSet32);
          emit(i);
        }
        break;
      }
      case 0x25:
      case 0x26: {
        // table.get, table.set
        const t = tableIndex();
        const elem = ctx.tables[t]!.elem;
        if (op === 0x25) {
          pop(I32);
          push(elem);
        } else {
          pop(elem);
          pop(I32);
        }
        if (live) {
          emit(op);
          emit(t);
        }
        break;
      }
      case 0x3f:
      case 0x40: {
        // memory.size, memory.grow
        zeroByte();
        if (ctx.memories === 0) fail("unknown memory 0");
        if (op === 0x40) pop(I32);
        push(I32);
        if (live) emit(op);
        break;
      }
      case 0x41: {
        const v = reader.s32();
        push(I32);
        if (live) {
          [fusable, fusableAt] = [Op.Const32, pc];
          emit(Op.Const32);
          emit(v);
        }
        break;
      }
      case 0x42: {
        const [lo, hi] = reader.s64();
        push(I64);
        if (live) {
          emit(Op.Const64);
          emit(lo);
          emit(hi);
        }
        break;
      }
      case 0x43: {
        const bits = reader.f32Bits();
        push(F32);
        if (live) {
          emit(Op.Const32);
          emit(bits);
        }
        break;
      }
      case 0x44: {
        const lo = reader.f32Bits();
        const hi = reader.f32Bits();
        push(F64);
        if (live) {
          emit(Op.Const64);
          emit(lo);
          emit(hi);
        }
        break;
      }
      case 0xd0: {
        // ref.null
        const t = reader.u8();
        if (!isRefType(t)) reader.fail(`malformed reference type 0x${t.toString(16)}`);
        push(t);
        if (live) {
          emit(Op.Const32);
          emit(0);
        }
        break;
      }
      case 0xd1: {
        // ref.is_null
        const t = pop();
        if (t !== UNKNOWN && !isRefType(t)) fail(`type mismatch: ref.is_null on ${typeName(t)}`);
        push(I32);
        if (live) emit(Op.RefIsNull);
        break;
      }
      case 0xd2: {
        // ref.func
        const index = reader.u32();
        if (index >= ctx.funcs.length) fail(`unknown function ${index}`);
        if (!ctx.declaredRefs.has(index)) fail(`undeclared function reference ${index}`);
        push(FUNCREF);
        if (live) {
          emit(Op.RefFunc);
          emit(index);
        }
        break;
      }
      case 0xfc: {
        const sub = reader.u32();
        if (sub <= 7) {
          const [from, to] = saturatingOps[sub]!;
          pop(from);
          push(to);
          if (live) emit(Op.Prefixed + sub);
          break;
        }
        const imm: number[] = [];
        switch (sub) {
          case 8: // memory.init
            imm.push(dataIndex());
            zeroByte();
            if (ctx.memories === 0) fail("unknown memory 0");
            popAll([I32, I32, I32]);
            break;
          case 9: // data.drop
            imm.push(dataIndex());
            break;
          case 10: // memory.copy
            zeroByte();
            zeroByte();
            if (ctx.memories === 0) fail("unknown memory 0");
            popAll([I32, I32, I32]);
            break;
          case 11: // memory.fill
            zeroByte();
            if (ctx.memories === 0) fail("unknown memory 0");
            popAll([I32, I32, I32]);
            break;
          case 12: {
            // table.init
            const e = elemIndex();
            const t = tableIndex();
            if (ctx.elemTypes[e] !== ctx.tables[t]!.elem) fail("type mismatch: table.init between different reference types");
            imm.push(e, t);
            popAll([I32, I32, I32]);
            break;
          }
          case 13: // elem.drop
            imm.push(elemIndex());
            break;
          case 14: {
            // table.copy
            const dst = tableIndex();
            const src = tableIndex();
            if (ctx.tables[dst]!.elem !== ctx.tables[src]!.elem) fail("type mismatch: table.copy between different reference types");
            imm.push(dst, src);
            popAll([I32, I32, I32]);
            break;
          }
          case 15: {
            // table.grow
            const t = tableIndex();
            imm.push(t);
            popAll([ctx.tables[t]!.elem, I32]);
            push(I32);
            break;
          }
          case 16: // table.size
            imm.push(tableIndex());
            push(I32);
            break;
          case 17: {
            // table.fill
            const t = tableIndex();
            imm.push(t);
            popAll([I32, ctx.tables[t]!.elem, I32]);
            break;
          }
          default:
            reader.fail(`illegal opcode 0xfc ${sub}`, opAt);
        }
        if (live) {
          emit(Op.Prefixed + sub);
          for (const v of imm) emit(v);
        }
        break;
      }
      default: {
        if (op >= 0x28 && op <= 0x3e) {
          const [t, align, store] = memoryOps[op - 0x28]!;
          const offset = memarg(align);
          if (store) {
            pop(t);
            pop(I32);
          } else {
            pop(I32);
            push(t);
          }
          if (live && previous === Op.LocalGet32 && (op === 0x28 || op === 0x2d)) {
            const local = code[previousAt + 1]!;
            pc = previousAt;
            emit(Op.WithLocal + op);
            emit(local);
            emit(offset | 0);
          } else if (live) {
            emit(op);
            emit(offset | 0);
          }
          break;
        }
        const signature = numericSignatures.get(op);
        if (signature === undefined) reader.fail(`illegal opcode 0x${op.toString(16)}`, opAt);
        popAll(signature.slice(0, -1));
        push(signature[signature.length - 1]!);
        if (live && fusableOps.has(op) && (previous === Op.LocalGet32 || previous === Op.Const32)) {
          const operand = code[previousAt + 1]!;
          pc = previousAt;
          emit((previous === Op.LocalGet32 ? Op.WithLocal : Op.WithConst) + op);
          emit(operand);
        } else if (live && !noOps.has(op)) {
          if (op === 0x45) [fusable, fusableAt] = [op, pc];
          emit(op);
        }
      }
    }
  }
  if (reader.pos !== reader.end) reader.fail("section size mismatch: bytes after the function's final `end`");
  if (fuelAt >= 0) code[fuelAt] = fuelCount;
  return { code: code.slice(0, pc), localWords, frameWords: localWords + maxHeight * WORDS };
}

/** A value type byte (numbers and references; v128 is not supported). */
export function readValType(reader: BinaryReader): ValType {
  const at = reader.pos;
  const t = reader.u8();
  if (!isNumType(t) && t !== FUNCREF && t !== EXTERNREF) reader.fail(`malformed value type 0x${t.toString(16)}`, at);
  return t;
}
