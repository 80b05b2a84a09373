import { StackExhaustedError, SuspensionError } from "./errors.js";
import {
  ctz32,
  i64Divide,
  i64Mul,
  i64Shift,
  i64ToF32,
  i64ToF64,
  nearest,
  popcnt32,
  trap,
  truncI32,
  truncI64,
  truncSatI32,
  truncSatI64,
} from "./numeric.js";
import { type FuncInst, funcRefId, type MemoryInst, PAGE, referencedValue } from "./store.js";
import { MAX_FRAMES, type Thread } from "./thread.js";

/** Why `run` returned. */
export const enum RunStatus {
  /** The frame at `stopDepth` returned; its results are on the stack at the thread's `sp`. */
  Done = 0,
  /** The budget (slice or fuel) ran out before a straight-line run; call again after refilling. */
  OutOfBudget = 1,
  /** A host import returned a Promise (`thread.pending`); complete it, then call again. */
  Suspended = 2,
}

const noBytes = new Uint8Array(0);
const noWords = new Int32Array(0);

/**
 * Memory is read through an Int32Array for 4-byte-aligned words and byte by byte otherwise. Typed arrays use the
 * host's byte order, so on a big-endian host `ALIGNED` is a value `a & 3` never takes and every access goes the
 * byte-by-byte way. (DataView would spare the two paths, but V8 11 does not inline DataView access to a resizable
 * buffer: it cost the cuckoo bench 15%.)
 */
const ALIGNED = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1 ? 0 : 4;

function load32(m: Uint8Array, a: number): number {
  return m[a]! | (m[a + 1]! << 8) | (m[a + 2]! << 16) | (m[a + 3]! << 24);
}

function store32(m: Uint8Array, a: number, v: number): void {
  m[a] = v;
  m[a + 1] = v >> 8;
  m[a + 2] = v >> 16;
  m[a + 3] = v >> 24;
}

/** Math.floor and friends hand a NaN argument back bit for bit; the spec wants a quiet NaN. */
const quiet = (x: number): number => (x === x ? x : NaN);
const clz32 = Math.clz32;

/**
 * Pushes a frame for `callee` whose arguments are at the top of the thread's stack. The executor does the same
 * inline for `call`; this is the entry from outside.
 */
export function enterFrame(t: Thread, callee: FuncInst): void {
  if (t.depth >= MAX_FRAMES) throw new StackExhaustedError("call stack exhausted: too many frames");
  const d = t.depth++;
  t.frameFunc[d] = t.func;
  t.framePc[d] = t.pc;
  t.frameFp[d] = t.fp;
  const fp = t.sp - callee.paramWords;
  t.ensure(fp + callee.frameWords);
  t.I.fill(0, t.sp, fp + callee.localWords);
  t.sp = fp + callee.localWords;
  t.fp = fp;
  t.func = callee;
  t.pc = 0;
}

function memoryTrap(): never {
  trap("out of bounds memory access");
}

function tableTrap(): never {
  trap("out of bounds table access");
}

/**
 * The executor: runs the thread's current frame until the frame at depth `stopDepth` returns, the budget runs
 * out, or a host import suspends. A flat loop over the lowered code with every register in a local; traps throw
 * RuntimeError with the thread left for the caller to unwind.
 */
export function run(t: Thread, stopDepth: number): RunStatus {
  let I = t.I;
  let F32 = t.F32;
  let F64 = t.F64;
  let fn = t.func!;
  let c = fn.code;
  let inst = fn.instance!;
  let G = inst.globals;
  let pc = t.pc;
  let sp = t.sp;
  let fp = t.fp;
  let depth = t.depth;
  let budget = t.budget;
  let mem: MemoryInst | undefined = inst.memory;
  let M8 = mem === undefined ? noBytes : mem.bytes;
  let M32 = mem === undefined ? noWords : mem.words;
  let msize = M8.length;
  const frameFunc = t.frameFunc;
  const framePc = t.framePc;
  const frameFp = t.frameFp;



  for (;;) {
    switch (c[pc++]) {
      case 0x10c: {
        // fuel
        const n = c[pc]!;
        if (budget < n) {
          pc--;
          t.pc = pc;
          t.sp = sp;
          t.fp = fp;
          t.func = fn;
          t.depth = depth;
          t.budget = budget;
          return RunStatus.OutOfBudget;
        }
        budget -= n;
        pc++;
        break;
      }
      case 0x100: // local.get (1 word)
        I[sp] = I[fp + c[pc++]!]!;
        sp += 2;
        break;
      case 0x101: {
        // local.get (2 words)
        const a = fp + c[pc++]!;
        I[sp] = I[a]!;
        I[sp + 1] = I[a + 1]!;
        sp += 2;
        break;
      }
      case 0x102: // local.set
        sp -= 2;
        I[fp + c[pc++]!] = I[sp]!;
        break;
      case 0x103: {
        sp -= 2;
        const a = fp + c[pc++]!;
        I[a] = I[sp]!;
        I[a + 1] = I[sp + 1]!;
        break;
      }
      case 0x104: // local.tee
        I[fp + c[pc++]!] = I[sp - 2]!;
        break;
      case 0x105: {
        const a = fp + c[pc++]!;
        I[a] = I[sp - 2]!;
        I[a + 1] = I[sp - 1]!;
        break;
      }
      case 0x106: // global.get
        I[sp] = G[c[pc++]!]!.words[0]!;
        sp += 2;
        break;
      case 0x107: {
        const w = G[c[pc++]!]!.words;
        I[sp] = w[0]!;
        I[sp + 1] = w[1]!;
        sp += 2;
        break;
      }
      case 0x108: // global.set
        sp -= 2;
        G[c[pc++]!]!.words[0] = I[sp]!;
        break;
      case 0x109: {
        sp -= 2;
        const w = G[c[pc++]!]!.words;
        w[0] = I[sp]!;
        w[1] = I[sp + 1]!;
        break;
      }
      case 0x10e: // const (1 word)
        I[sp] = c[pc++]!;
        sp += 2;
        break;
      case 0x10f: // const (2 words)
        I[sp] = c[pc]!;
        I[sp + 1] = c[pc + 1]!;
        pc += 2;
        sp += 2;
        break;
      case 0x110: // drop
        sp -= 2;
        break;
      case 0x10d: // select (1 word)
        sp -= 4;
        if (I[sp + 2] === 0) I[sp - 2] = I[sp]!;
        break;
      case 0x1b: // select (2 words)
        sp -= 4;
        if (I[sp + 2] === 0) {
          I[sp - 2] = I[sp]!;
          I[sp - 1] = I[sp + 1]!;
        }
        break;
      case 0x00: // unreachable
        trap("unreachable");
      // Each branch lands on a straight-line run's `fuel` instruction (but for a function's final `return`) and
      // pays for the run itself when the budget allows, sparing that instruction's dispatch: fuel was 11% of the
      // dispatches in the cuckoo bench. Short of budget, it leaves the `fuel` instruction to stop the slice.
      case 0x04: // if
        sp -= 2;
        pc = I[sp] === 0 ? c[pc]! : pc + 1;
        if (c[pc] === 0x10c && budget >= c[pc + 1]!) {
          budget -= c[pc + 1]!;
          pc += 2;
        }
        break;
      case 0x0c: // br
        pc = c[pc]!;
        if (c[pc] === 0x10c && budget >= c[pc + 1]!) {
          budget -= c[pc + 1]!;
          pc += 2;
        }
        break;
      case 0x0d: // br_if
        sp -= 2;
        if (I[sp] !== 0) {
          pc = c[pc]!;
          if (c[pc] === 0x10c && budget >= c[pc + 1]!) {
            budget -= c[pc + 1]!;
            pc += 2;
          }
        } else pc++;
        break;
      case 0x10b: // br_if with stack adjustment
      case 0x10a: {
        // br with stack adjustment
        if (c[pc - 1] === 0x10b) {
          sp -= 2;
          if (I[sp] === 0) {
            pc += 3;
            break;
          }
        }
        const keep = c[pc + 1]!;
        const base = fp + c[pc + 2]!;
        const from = sp - keep;
        for (let k = 0; k < keep; k++) I[base + k] = I[from + k]!;
        sp = base + keep;
        pc = c[pc]!;
        if (c[pc] === 0x10c && budget >= c[pc + 1]!) {
          budget -= c[pc + 1]!;
          pc += 2;
        }
        break;
      }
      case 0x0e: {
        // br_table
        const n = c[pc]!;
        sp -= 2;
        let i = I[sp]! >>> 0;
        if (i > n) i = n;
        const e = pc + 1 + i * 3;
        const keep = c[e + 1]!;
        const base = fp + c[e + 2]!;
        const from = sp - keep;
        if (base !== from) for (let k = 0; k < keep; k++) I[base + k] = I[from + k]!;
        sp = base + keep;
        pc = c[e]!;
        if (c[pc] === 0x10c && budget >= c[pc + 1]!) {
          budget -= c[pc + 1]!;
          pc += 2;
        }
        break;
      }
      case 0x0f: {
        // return
        const rw = fn.resultWords;
        const from = sp - rw;
        if (from !== fp) for (let k = 0; k < rw; k++) I[fp + k] = I[from + k]!;
        sp = fp + rw;
        depth--;
        if (depth === stopDepth) {
          pc = framePc[depth]!;
          fp = frameFp[depth]!;
          const caller = frameFunc[depth];
          t.pc = pc;
          t.sp = sp;
          t.fp = fp;
          t.func = caller;
          t.depth = depth;
          t.budget = budget;
          return RunStatus.Done;
        }
        fn = frameFunc[depth]!;
        pc = framePc[depth]!;
        fp = frameFp[depth]!;
        c = fn.code;
        if (fn.instance !== inst) {
          inst = fn.instance!;
          G = inst.globals;
          mem = inst.memory;
        }
        M8 = mem === undefined ? noBytes : mem.bytes;
        M32 = mem === undefined ? noWords : mem.words;
        msize = M8.length;
        break;
      }
      case 0x11: // call_indirect
      case 0x10: {
        // call
        let callee: FuncInst;
        if (c[pc - 1] === 0x10) callee = inst.funcs[c[pc++]!]!;
        else {
          const typeId = inst.typeIds[c[pc]!]!;
          const table = inst.tables[c[pc + 1]!]!;
          pc += 2;
          sp -= 2;
          const i = I[sp]! >>> 0;
          if (i >= table.elems.length) {
            trap("undefined element");
          }
          const ref = table.elems[i]!;
          if (ref === 0) {
            trap("uninitialized element");
          }
          callee = referencedValue(ref) as FuncInst;
          if (callee.type.id !== typeId) {
            trap("indirect call type mismatch");
          }
        }
        const adapter = callee.host;
        if (adapter !== undefined) {
          const at = sp - callee.paramWords;
          t.pc = pc;
          t.sp = sp;
          t.fp = fp;
          t.func = fn;
          t.depth = depth;
          t.budget = budget;
          t.sp = at;
          const pending = adapter.call(t, at);
          if (pending !== undefined) {
            if (!t.canSuspend) {
              throw new SuspensionError(
                "a host import returned a Promise during a synchronous call: call the export with callAsync to let the guest wait for it",
              );
            }
            t.pending = pending;
            t.pendingFunc = callee;
            return RunStatus.Suspended;
          }
          // The import may have run guest code on this thread (growing its stack) or grown a memory.
          I = t.I;
          F32 = t.F32;
          F64 = t.F64;
          budget = t.budget;
          sp = at + callee.resultWords;
          M8 = mem === undefined ? noBytes : mem.bytes;
          M32 = mem === undefined ? noWords : mem.words;
          msize = M8.length;
          break;
        }
        if (depth >= MAX_FRAMES) {
          t.pc = pc;
          t.sp = sp;
          t.fp = fp;
          t.func = fn;
          t.depth = depth;
          t.budget = budget;
          throw new StackExhaustedError("call stack exhausted: too many frames");
        }
        frameFunc[depth] = fn;
        framePc[depth] = pc;
        frameFp[depth] = fp;
        depth++;
        fp = sp - callee.paramWords;
        const top = fp + callee.frameWords;
        if (top > I.length) {
          t.pc = pc;
          t.sp = sp;
          t.fp = fp;
          t.func = fn;
          t.depth = depth;
          t.budget = budget;
          t.ensure(top);
          I = t.I;
          F32 = t.F32;
          F64 = t.F64;
        }
        const end = fp + callee.localWords;
        for (let k = sp; k < end; k++) I[k] = 0;
        sp = end;
        fn = callee;
        c = callee.code;
        pc = 0;
        if (c[pc] === 0x10c && budget >= c[pc + 1]!) {
          budget -= c[pc + 1]!;
          pc += 2;
        }
        if (callee.instance !== inst) {
          inst = callee.instance!;
          G = inst.globals;
          mem = inst.memory;
          M8 = mem === undefined ? noBytes : mem.bytes;
          M32 = mem === undefined ? noWords : mem.words;
          msize = M8.length;
        }
        break;
      }

      // Memory. Addresses are u32 plus the u32 offset, so their sum is exact in a double.
      case 0x28: // i32.load
      case 0x2a: {
        // f32.load (as bits)
        const a = (I[sp - 2]! >>> 0) + (c[pc++]! >>> 0);
        if (a + 4 > msize) memoryTrap();
        I[sp - 2] = ((a & 3) === ALIGNED ? M32[a >>> 2]! : load32(M8, a));
        break;
      }
      case 0x29: // i64.load
      case 0x2b: {
        const a = (I[sp - 2]! >>> 0) + (c[pc++]! >>> 0);
        if (a + 8 > msize) memoryTrap();
        I[sp - 2] = ((a & 3) === ALIGNED ? M32[a >>> 2]! : load32(M8, a));
        I[sp - 1] = ((a & 3) === ALIGNED ? M32[(a + 4) >>> 2]! : load32(M8, a + 4));
        break;
      }
      case 0x2c: {
        const a = (I[sp - 2]! >>> 0) + (c[pc++]! >>> 0);
        if (a + 1 > msize) memoryTrap();
        I[sp - 2] = (M8[a]! << 24) >> 24;
        break;
      }
      case 0x2d: {
        const a = (I[sp - 2]! >>> 0) + (c[pc++]! >>> 0);
        if (a + 1 > msize) memoryTrap();
        I[sp - 2] = M8[a]!;
        break;
      }
      case 0x2e: {
        const a = (I[sp - 2]! >>> 0) + (c[pc++]! >>> 0);
        if (a + 2 > msize) memoryTrap();
        I[sp - 2] = ((M8[a]! | (M8[a + 1]! << 8)) << 16) >> 16;
        break;
      }
      case 0x2f: {
        const a = (I[sp - 2]! >>> 0) + (c[pc++]! >>> 0);
        if (a + 2 > msize) memoryTrap();
        I[sp - 2] = (M8[a]! | (M8[a + 1]! << 8));
        break;
      }
      case 0x30: {
        const a = (I[sp - 2]! >>> 0) + (c[pc++]! >>> 0);
        if (a + 1 > msize) memoryTrap();
        const v = (M8[a]! << 24) >> 24;
        I[sp - 2] = v;
        I[sp - 1] = v >> 31;
        break;
      }
      case 0x31: {
        const a = (I[sp - 2]! >>> 0) + (c[pc++]! >>> 0);
        if (a + 1 > msize) memoryTrap();
        I[sp - 2] = M8[a]!;
        I[sp - 1] = 0;
        break;
      }
      case 0x32: {
        const a = (I[sp - 2]! >>> 0) + (c[pc++]! >>> 0);
        if (a + 2 > msize) memoryTrap();
        const v = ((M8[a]! | (M8[a + 1]! << 8)) << 16) >> 16;
        I[sp - 2] = v;
        I[sp - 1] = v >> 31;
        break;
      }
      case 0x33: {
        const a = (I[sp - 2]! >>> 0) + (c[pc++]! >>> 0);
        if (a + 2 > msize) memoryTrap();
        I[sp - 2] = (M8[a]! | (M8[a + 1]! << 8));
        I[sp - 1] = 0;
        break;
      }
      case 0x34: {
        const a = (I[sp - 2]! >>> 0) + (c[pc++]! >>> 0);
        if (a + 4 > msize) memoryTrap();
        const v = ((a & 3) === ALIGNED ? M32[a >>> 2]! : load32(M8, a));
        I[sp - 2] = v;
        I[sp - 1] = v >> 31;
        break;
      }
      case 0x35: {
        const a = (I[sp - 2]! >>> 0) + (c[pc++]! >>> 0);
        if (a + 4 > msize) memoryTrap();
        I[sp - 2] = ((a & 3) === ALIGNED ? M32[a >>> 2]! : load32(M8, a));
        I[sp - 1] = 0;
        break;
      }
      case 0x36: // i32.store
      case 0x38: {
        // f32.store
        sp -= 4;
        const a = (I[sp]! >>> 0) + (c[pc++]! >>> 0);
        if (a + 4 > msize) memoryTrap();
        if ((a & 3) === ALIGNED) M32[a >>> 2] = I[sp + 2]!;
        else store32(M8, a, I[sp + 2]!);
        break;
      }
      case 0x37: // i64.store
      case 0x39: {
        sp -= 4;
        const a = (I[sp]! >>> 0) + (c[pc++]! >>> 0);
        if (a + 8 > msize) memoryTrap();
        if ((a & 3) === ALIGNED) {
          M32[a >>> 2] = I[sp + 2]!;
          M32[(a >>> 2) + 1] = I[sp + 3]!;
        } else {
          store32(M8, a, I[sp + 2]!);
          store32(M8, a + 4, I[sp + 3]!);
        }
        break;
      }
      case 0x3a: // i32.store8
      case 0x3c: {
        sp -= 4;
        const a = (I[sp]! >>> 0) + (c[pc++]! >>> 0);
        if (a + 1 > msize) memoryTrap();
        M8[a] = I[sp + 2]!;
        break;
      }
      case 0x3b: // i32.store16
      case 0x3d: {
        sp -= 4;
        const a = (I[sp]! >>> 0) + (c[pc++]! >>> 0);
        if (a + 2 > msize) memoryTrap();
        const v = I[sp + 2]!;
        M8[a] = v;
        M8[a + 1] = v >> 8;
        break;
      }
      case 0x3e: {
        // i64.store32
        sp -= 4;
        const a = (I[sp]! >>> 0) + (c[pc++]! >>> 0);
        if (a + 4 > msize) memoryTrap();
        if ((a & 3) === ALIGNED) M32[a >>> 2] = I[sp + 2]!;
        else store32(M8, a, I[sp + 2]!);
        break;
      }
      case 0x3f: // memory.size
        I[sp] = msize / PAGE;
        sp += 2;
        break;
      case 0x40: {
        // memory.grow
        const delta = I[sp - 2]! >>> 0;
        I[sp - 2] = mem!.grow(delta);
        M8 = mem!.bytes;
        M32 = mem!.words;
        msize = M8.length;
        break;
      }

      // i32
      case 0x45:
        I[sp - 2] = I[sp - 2] === 0 ? 1 : 0;
        break;
      case 0x46:
        sp -= 2;
        I[sp - 2] = I[sp - 2] === I[sp] ? 1 : 0;
        break;
      case 0x47:
        sp -= 2;
        I[sp - 2] = I[sp - 2] !== I[sp] ? 1 : 0;
        break;
      case 0x48:
        sp -= 2;
        I[sp - 2] = I[sp - 2]! < I[sp]! ? 1 : 0;
        break;
      case 0x49:
        sp -= 2;
        I[sp - 2] = I[sp - 2]! >>> 0 < I[sp]! >>> 0 ? 1 : 0;
        break;
      case 0x4a:
        sp -= 2;
        I[sp - 2] = I[sp - 2]! > I[sp]! ? 1 : 0;
        break;
      case 0x4b:
        sp -= 2;
        I[sp - 2] = I[sp - 2]! >>> 0 > I[sp]! >>> 0 ? 1 : 0;
        break;
      case 0x4c:
        sp -= 2;
        I[sp - 2] = I[sp - 2]! <= I[sp]! ? 1 : 0;
        break;
      case 0x4d:
        sp -= 2;
        I[sp - 2] = I[sp - 2]! >>> 0 <= I[sp]! >>> 0 ? 1 : 0;
        break;
      case 0x4e:
        sp -= 2;
        I[sp - 2] = I[sp - 2]! >= I[sp]! ? 1 : 0;
        break;
      case 0x4f:
        sp -= 2;
        I[sp - 2] = I[sp - 2]! >>> 0 >= I[sp]! >>> 0 ? 1 : 0;
        break;

      // i64 comparisons on word pairs
      case 0x50:
        I[sp - 2] = I[sp - 2] === 0 && I[sp - 1] === 0 ? 1 : 0;
        break;
      case 0x51:
        sp -= 2;
        I[sp - 2] = I[sp - 2] === I[sp] && I[sp - 1] === I[sp + 1] ? 1 : 0;
        break;
      case 0x52:
        sp -= 2;
        I[sp - 2] = I[sp - 2] !== I[sp] || I[sp - 1] !== I[sp + 1] ? 1 : 0;
        break;
      case 0x53: // lt_s
      case 0x54: // lt_u
      case 0x55: // gt_s
      case 0x56: // gt_u
      case 0x57: // le_s
      case 0x58: // le_u
      case 0x59: // ge_s
      case 0x5a: {
        // ge_u
        const op = c[pc - 1]!;
        sp -= 2;
        const signed = (op & 1) === 1;
        const ah = signed ? I[sp - 1]! : I[sp - 1]! >>> 0;
        const bh = signed ? I[sp + 1]! : I[sp + 1]! >>> 0;
        const al = I[sp - 2]! >>> 0;
        const bl = I[sp]! >>> 0;
        const cmp = ah < bh ? -1 : ah > bh ? 1 : al < bl ? -1 : al > bl ? 1 : 0;
        I[sp - 2] = (op <= 0x54 ? cmp < 0 : op <= 0x56 ? cmp > 0 : op <= 0x58 ? cmp <= 0 : cmp >= 0) ? 1 : 0;
        break;
      }

      // f32 / f64 comparisons
      case 0x5b:
        sp -= 2;
        I[sp - 2] = F32[sp - 2] === F32[sp] ? 1 : 0;
        break;
      case 0x5c:
        sp -= 2;
        I[sp - 2] = F32[sp - 2] !== F32[sp] ? 1 : 0;
        break;
      case 0x5d:
        sp -= 2;
        I[sp - 2] = F32[sp - 2]! < F32[sp]! ? 1 : 0;
        break;
      case 0x5e:
        sp -= 2;
        I[sp - 2] = F32[sp - 2]! > F32[sp]! ? 1 : 0;
        break;
      case 0x5f:
        sp -= 2;
        I[sp - 2] = F32[sp - 2]! <= F32[sp]! ? 1 : 0;
        break;
      case 0x60:
        sp -= 2;
        I[sp - 2] = F32[sp - 2]! >= F32[sp]! ? 1 : 0;
        break;
      case 0x61:
        sp -= 2;
        I[sp - 2] = F64[(sp >> 1) - 1] === F64[sp >> 1] ? 1 : 0;
        break;
      case 0x62:
        sp -= 2;
        I[sp - 2] = F64[(sp >> 1) - 1] !== F64[sp >> 1] ? 1 : 0;
        break;
      case 0x63:
        sp -= 2;
        I[sp - 2] = F64[(sp >> 1) - 1]! < F64[sp >> 1]! ? 1 : 0;
        break;
      case 0x64:
        sp -= 2;
        I[sp - 2] = F64[(sp >> 1) - 1]! > F64[sp >> 1]! ? 1 : 0;
        break;
      case 0x65:
        sp -= 2;
        I[sp - 2] = F64[(sp >> 1) - 1]! <= F64[sp >> 1]! ? 1 : 0;
        break;
      case 0x66:
        sp -= 2;
        I[sp - 2] = F64[(sp >> 1) - 1]! >= F64[sp >> 1]! ? 1 : 0;
        break;

      // i32 arithmetic
      case 0x67:
        I[sp - 2] = clz32(I[sp - 2]!);
        break;
      case 0x68:
        I[sp - 2] = ctz32(I[sp - 2]!);
        break;
      case 0x69:
        I[sp - 2] = popcnt32(I[sp - 2]!);
        break;
      case 0x6a:
        sp -= 2;
        I[sp - 2] = (I[sp - 2]! + I[sp]!) | 0;
        break;
      case 0x6b:
        sp -= 2;
        I[sp - 2] = (I[sp - 2]! - I[sp]!) | 0;
        break;
      case 0x6c:
        sp -= 2;
        I[sp - 2] = Math.imul(I[sp - 2]!, I[sp]!);
        break;
      case 0x6d: {
        sp -= 2;
        const b = I[sp]!;
        if (b === 0) trap("integer divide by zero");
        const a = I[sp - 2]!;
        if (a === -0x80000000 && b === -1) trap("integer overflow");
        I[sp - 2] = (a / b) | 0;
        break;
      }
      case 0x6e: {
        sp -= 2;
        const b = I[sp]! >>> 0;
        if (b === 0) trap("integer divide by zero");
        I[sp - 2] = ((I[sp - 2]! >>> 0) / b) | 0;
        break;
      }
      case 0x6f: {
        sp -= 2;
        const b = I[sp]!;
        if (b === 0) trap("integer divide by zero");
        I[sp - 2] = I[sp - 2]! % b | 0;
        break;
      }
      case 0x70: {
        sp -= 2;
        const b = I[sp]! >>> 0;
        if (b === 0) trap("integer divide by zero");
        I[sp - 2] = (I[sp - 2]! >>> 0) % b | 0;
        break;
      }
      case 0x71:
        sp -= 2;
        I[sp - 2] = I[sp - 2]! & I[sp]!;
        break;
      case 0x72:
        sp -= 2;
        I[sp - 2] = I[sp - 2]! | I[sp]!;
        break;
      case 0x73:
        sp -= 2;
        I[sp - 2] = I[sp - 2]! ^ I[sp]!;
        break;
      case 0x74:
        sp -= 2;
        I[sp - 2] = I[sp - 2]! << I[sp]!;
        break;
      case 0x75:
        sp -= 2;
        I[sp - 2] = I[sp - 2]! >> I[sp]!;
        break;
      case 0x76:
        sp -= 2;
        I[sp - 2] = I[sp - 2]! >>> I[sp]!;
        break;
      case 0x77: {
        sp -= 2;
        const a = I[sp - 2]!;
        const n = I[sp]! & 31;
        I[sp - 2] = (a << n) | (a >>> (32 - n));
        break;
      }
      case 0x78: {
        sp -= 2;
        const a = I[sp - 2]!;
        const n = I[sp]! & 31;
        I[sp - 2] = (a >>> n) | (a << (32 - n));
        break;
      }

      // i64 arithmetic on word pairs
      case 0x79: {
        const hi = I[sp - 1]!;
        I[sp - 2] = hi !== 0 ? clz32(hi) : 32 + clz32(I[sp - 2]!);
        I[sp - 1] = 0;
        break;
      }
      case 0x7a: {
        const lo = I[sp - 2]!;
        I[sp - 2] = lo !== 0 ? ctz32(lo) : 32 + ctz32(I[sp - 1]!);
        I[sp - 1] = 0;
        break;
      }
      case 0x7b:
        I[sp - 2] = popcnt32(I[sp - 2]!) + popcnt32(I[sp - 1]!);
        I[sp - 1] = 0;
        break;
      case 0x7c: {
        sp -= 2;
        const lo = (I[sp - 2]! >>> 0) + (I[sp]! >>> 0);
        I[sp - 1] = (I[sp - 1]! + I[sp + 1]! + (lo > 0xffffffff ? 1 : 0)) | 0;
        I[sp - 2] = lo | 0;
        break;
      }
      case 0x7d: {
        sp -= 2;
        const lo = (I[sp - 2]! >>> 0) - (I[sp]! >>> 0);
        I[sp - 1] = (I[sp - 1]! - I[sp + 1]! - (lo < 0 ? 1 : 0)) | 0;
        I[sp - 2] = lo | 0;
        break;
      }
      case 0x7e:
        sp -= 2;
        i64Mul(I, sp - 2);
        break;
      case 0x7f:
      case 0x80:
      case 0x81:
      case 0x82:
        sp -= 2;
        i64Divide(I, t.B, t.U, sp - 2, c[pc - 1]!);
        break;
      case 0x83:
        sp -= 2;
        I[sp - 2] &= I[sp]!;
        I[sp - 1] &= I[sp + 1]!;
        break;
      case 0x84:
        sp -= 2;
        I[sp - 2] |= I[sp]!;
        I[sp - 1] |= I[sp + 1]!;
        break;
      case 0x85:
        sp -= 2;
        I[sp - 2] ^= I[sp]!;
        I[sp - 1] ^= I[sp + 1]!;
        break;
      case 0x86:
      case 0x87:
      case 0x88:
      case 0x89:
      case 0x8a:
        sp -= 2;
        i64Shift(I, sp - 2, c[pc - 1]!);
        break;

      // f32 arithmetic: a Float32Array store rounds the double result once, which is exact for + - * / sqrt
      case 0x8b:
        I[sp - 2] = I[sp - 2]! & 0x7fffffff;
        break;
      case 0x8c:
        I[sp - 2] = I[sp - 2]! ^ -0x80000000;
        break;
      case 0x8d:
        F32[sp - 2] = Math.ceil(F32[sp - 2]!);
        break;
      case 0x8e:
        F32[sp - 2] = Math.floor(F32[sp - 2]!);
        break;
      case 0x8f:
        F32[sp - 2] = Math.trunc(F32[sp - 2]!);
        break;
      case 0x90:
        F32[sp - 2] = nearest(F32[sp - 2]!);
        break;
      case 0x91:
        F32[sp - 2] = Math.sqrt(F32[sp - 2]!);
        break;
      case 0x92:
        sp -= 2;
        F32[sp - 2] = F32[sp - 2]! + F32[sp]!;
        break;
      case 0x93:
        sp -= 2;
        F32[sp - 2] = F32[sp - 2]! - F32[sp]!;
        break;
      case 0x94:
        sp -= 2;
        F32[sp - 2] = F32[sp - 2]! * F32[sp]!;
        break;
      case 0x95:
        sp -= 2;
        F32[sp - 2] = F32[sp - 2]! / F32[sp]!;
        break;
      case 0x96:
        sp -= 2;
        F32[sp - 2] = Math.min(F32[sp - 2]!, F32[sp]!);
        break;
      case 0x97:
        sp -= 2;
        F32[sp - 2] = Math.max(F32[sp - 2]!, F32[sp]!);
        break;
      case 0x98:
        sp -= 2;
        I[sp - 2] = (I[sp - 2]! & 0x7fffffff) | (I[sp]! & -0x80000000);
        break;

      // f64 arithmetic
      case 0x99:
        I[sp - 1] = I[sp - 1]! & 0x7fffffff;
        break;
      case 0x9a:
        I[sp - 1] = I[sp - 1]! ^ -0x80000000;
        break;
      case 0x9b:
        F64[(sp >> 1) - 1] = quiet(Math.ceil(F64[(sp >> 1) - 1]!));
        break;
      case 0x9c:
        F64[(sp >> 1) - 1] = quiet(Math.floor(F64[(sp >> 1) - 1]!));
        break;
      case 0x9d:
        F64[(sp >> 1) - 1] = quiet(Math.trunc(F64[(sp >> 1) - 1]!));
        break;
      case 0x9e:
        F64[(sp >> 1) - 1] = quiet(nearest(F64[(sp >> 1) - 1]!));
        break;
      case 0x9f:
        F64[(sp >> 1) - 1] = Math.sqrt(F64[(sp >> 1) - 1]!);
        break;
      case 0xa0:
        sp -= 2;
        F64[(sp >> 1) - 1] = F64[(sp >> 1) - 1]! + F64[sp >> 1]!;
        break;
      case 0xa1:
        sp -= 2;
        F64[(sp >> 1) - 1] = F64[(sp >> 1) - 1]! - F64[sp >> 1]!;
        break;
      case 0xa2:
        sp -= 2;
        F64[(sp >> 1) - 1] = F64[(sp >> 1) - 1]! * F64[sp >> 1]!;
        break;
      case 0xa3:
        sp -= 2;
        F64[(sp >> 1) - 1] = F64[(sp >> 1) - 1]! / F64[sp >> 1]!;
        break;
      case 0xa4:
        sp -= 2;
        F64[(sp >> 1) - 1] = Math.min(F64[(sp >> 1) - 1]!, F64[sp >> 1]!);
        break;
      case 0xa5:
        sp -= 2;
        F64[(sp >> 1) - 1] = Math.max(F64[(sp >> 1) - 1]!, F64[sp >> 1]!);
        break;
      case 0xa6:
        sp -= 2;
        I[sp - 1] = (I[sp - 1]! & 0x7fffffff) | (I[sp + 1]! & -0x80000000);
        break;

      // conversions (the reinterpretations and i32.wrap_i64 are never emitted)
      case 0xa8:
        I[sp - 2] = truncI32(F32[sp - 2]!, true);
        break;
      case 0xa9:
        I[sp - 2] = truncI32(F32[sp - 2]!, false);
        break;
      case 0xaa:
        I[sp - 2] = truncI32(F64[(sp >> 1) - 1]!, true);
        break;
      case 0xab:
        I[sp - 2] = truncI32(F64[(sp >> 1) - 1]!, false);
        break;
      case 0xac:
        I[sp - 1] = I[sp - 2]! >> 31;
        break;
      case 0xad:
        I[sp - 1] = 0;
        break;
      case 0xae:
        truncI64(I, sp - 2, F32[sp - 2]!, true);
        break;
      case 0xaf:
        truncI64(I, sp - 2, F32[sp - 2]!, false);
        break;
      case 0xb0:
        truncI64(I, sp - 2, F64[(sp >> 1) - 1]!, true);
        break;
      case 0xb1:
        truncI64(I, sp - 2, F64[(sp >> 1) - 1]!, false);
        break;
      case 0xb2:
        F32[sp - 2] = I[sp - 2]!;
        break;
      case 0xb3:
        F32[sp - 2] = I[sp - 2]! >>> 0;
        break;
      case 0xb4:
        F32[sp - 2] = i64ToF32(I[sp - 2]!, I[sp - 1]!, true);
        break;
      case 0xb5:
        F32[sp - 2] = i64ToF32(I[sp - 2]!, I[sp - 1]!, false);
        break;
      case 0xb6:
        F32[sp - 2] = F64[(sp >> 1) - 1]!;
        break;
      case 0xb7:
        F64[(sp >> 1) - 1] = I[sp - 2]!;
        break;
      case 0xb8:
        F64[(sp >> 1) - 1] = I[sp - 2]! >>> 0;
        break;
      case 0xb9:
        F64[(sp >> 1) - 1] = i64ToF64(I[sp - 2]!, I[sp - 1]!, true);
        break;
      case 0xba:
        F64[(sp >> 1) - 1] = i64ToF64(I[sp - 2]!, I[sp - 1]!, false);
        break;
      case 0xbb:
        F64[(sp >> 1) - 1] = F32[sp - 2]!;
        break;
      case 0xc0:
        I[sp - 2] = (I[sp - 2]! << 24) >> 24;
        break;
      case 0xc1:
        I[sp - 2] = (I[sp - 2]! << 16) >> 16;
        break;
      case 0xc2:
        I[sp - 2] = (I[sp - 2]! << 24) >> 24;
        I[sp - 1] = I[sp - 2]! >> 31;
        break;
      case 0xc3:
        I[sp - 2] = (I[sp - 2]! << 16) >> 16;
        I[sp - 1] = I[sp - 2]! >> 31;
        break;
      case 0xc4:
        I[sp - 1] = I[sp - 2]! >> 31;
        break;

      // references and tables
      case 0xd1:
        I[sp - 2] = I[sp - 2] === 0 ? 1 : 0;
        break;
      case 0xd2:
        I[sp] = funcRefId(inst.funcs[c[pc++]!]!);
        sp += 2;
        break;
      case 0x25: {
        // table.get
        const table = inst.tables[c[pc++]!]!;
        const i = I[sp - 2]! >>> 0;
        if (i >= table.elems.length) tableTrap();
        I[sp - 2] = table.elems[i]!;
        break;
      }
      case 0x26: {
        // table.set
        const table = inst.tables[c[pc++]!]!;
        sp -= 4;
        const i = I[sp]! >>> 0;
        if (i >= table.elems.length) tableTrap();
        table.elems[i] = I[sp + 2]!;
        break;
      }

      // 0xFC: saturating truncations, bulk memory, tables
      case 0x120:
        I[sp - 2] = truncSatI32(F32[sp - 2]!, true);
        break;
      case 0x121:
        I[sp - 2] = truncSatI32(F32[sp - 2]!, false);
        break;
      case 0x122:
        I[sp - 2] = truncSatI32(F64[(sp >> 1) - 1]!, true);
        break;
      case 0x123:
        I[sp - 2] = truncSatI32(F64[(sp >> 1) - 1]!, false);
        break;
      case 0x124:
        truncSatI64(I, sp - 2, F32[sp - 2]!, true);
        break;
      case 0x125:
        truncSatI64(I, sp - 2, F32[sp - 2]!, false);
        break;
      case 0x126:
        truncSatI64(I, sp - 2, F64[(sp >> 1) - 1]!, true);
        break;
      case 0x127:
        truncSatI64(I, sp - 2, F64[(sp >> 1) - 1]!, false);
        break;
      case 0x128: {
        // memory.init
        sp -= 6;
        const data = inst.datas[c[pc++]!]!;
        const d = I[sp]! >>> 0;
        const s = I[sp + 2]! >>> 0;
        const n = I[sp + 4]! >>> 0;
        if (s + n > data.length || d + n > msize) memoryTrap();
        budget -= n >>> BULK_UNITS_SHIFT;
        M8.set(data.subarray(s, s + n), d);
        break;
      }
      case 0x129: // data.drop
        inst.datas[c[pc++]!] = emptyBytes;
        break;
      case 0x12a: {
        // memory.copy
        sp -= 6;
        const d = I[sp]! >>> 0;
        const s = I[sp + 2]! >>> 0;
        const n = I[sp + 4]! >>> 0;
        if (s + n > msize || d + n > msize) memoryTrap();
        budget -= n >>> BULK_UNITS_SHIFT;
        M8.copyWithin(d, s, s + n);
        break;
      }
      case 0x12b: {
        // memory.fill
        sp -= 6;
        const d = I[sp]! >>> 0;
        const n = I[sp + 4]! >>> 0;
        if (d + n > msize) memoryTrap();
        budget -= n >>> BULK_UNITS_SHIFT;
        M8.fill(I[sp + 2]! & 0xff, d, d + n);
        break;
      }
      case 0x12c: {
        // table.init
        sp -= 6;
        const elem = inst.elems[c[pc]!]!;
        const table = inst.tables[c[pc + 1]!]!;
        pc += 2;
        const d = I[sp]! >>> 0;
        const s = I[sp + 2]! >>> 0;
        const n = I[sp + 4]! >>> 0;
        if (s + n > elem.length || d + n > table.elems.length) tableTrap();
        budget -= n >>> BULK_UNITS_SHIFT;
        for (let k = 0; k < n; k++) table.elems[d + k] = elem[s + k]!;
        break;
      }
      case 0x12d: // elem.drop
        inst.elems[c[pc++]!] = [];
        break;
      case 0x12e: {
        // table.copy
        sp -= 6;
        const dst = inst.tables[c[pc]!]!.elems;
        const src = inst.tables[c[pc + 1]!]!.elems;
        pc += 2;
        const d = I[sp]! >>> 0;
        const s = I[sp + 2]! >>> 0;
        const n = I[sp + 4]! >>> 0;
        if (s + n > src.length || d + n > dst.length) tableTrap();
        budget -= n >>> BULK_UNITS_SHIFT;
        if (d <= s) for (let k = 0; k < n; k++) dst[d + k] = src[s + k]!;
        else for (let k = n - 1; k >= 0; k--) dst[d + k] = src[s + k]!;
        break;
      }
      case 0x12f: {
        // table.grow
        sp -= 2;
        const table = inst.tables[c[pc++]!]!;
        const n = I[sp]! >>> 0;
        budget -= n >>> BULK_UNITS_SHIFT;
        I[sp - 2] = table.grow(n, I[sp - 2]!);
        break;
      }
      case 0x130: // table.size
        I[sp] = inst.tables[c[pc++]!]!.elems.length;
        sp += 2;
        break;
      case 0x131: {
        // table.fill
        sp -= 6;
        const table = inst.tables[c[pc++]!]!;
        const d = I[sp]! >>> 0;
        const n = I[sp + 4]! >>> 0;
        if (d + n > table.elems.length) tableTrap();
        budget -= n >>> BULK_UNITS_SHIFT;
        table.elems.fill(I[sp + 2]!, d, d + n);
        break;
      }
      // Fused forms (see opcodes.ts): an i32 binary operator whose right operand is a local or a constant.
      case 0x246: {
        // i32.eq, right operand a local
        const a = I[sp - 2]!;
        const b = I[fp + c[pc++]!]!;
        I[sp - 2] = a === b ? 1 : 0;
        break;
      }
      case 0x247: {
        // i32.ne, right operand a local
        const a = I[sp - 2]!;
        const b = I[fp + c[pc++]!]!;
        I[sp - 2] = a !== b ? 1 : 0;
        break;
      }
      case 0x248: {
        // i32.lt_s, right operand a local
        const a = I[sp - 2]!;
        const b = I[fp + c[pc++]!]!;
        I[sp - 2] = a < b ? 1 : 0;
        break;
      }
      case 0x249: {
        // i32.lt_u, right operand a local
        const a = I[sp - 2]!;
        const b = I[fp + c[pc++]!]!;
        I[sp - 2] = a >>> 0 < b >>> 0 ? 1 : 0;
        break;
      }
      case 0x24a: {
        // i32.gt_s, right operand a local
        const a = I[sp - 2]!;
        const b = I[fp + c[pc++]!]!;
        I[sp - 2] = a > b ? 1 : 0;
        break;
      }
      case 0x24b: {
        // i32.gt_u, right operand a local
        const a = I[sp - 2]!;
        const b = I[fp + c[pc++]!]!;
        I[sp - 2] = a >>> 0 > b >>> 0 ? 1 : 0;
        break;
      }
      case 0x24c: {
        // i32.le_s, right operand a local
        const a = I[sp - 2]!;
        const b = I[fp + c[pc++]!]!;
        I[sp - 2] = a <= b ? 1 : 0;
        break;
      }
      case 0x24d: {
        // i32.le_u, right operand a local
        const a = I[sp - 2]!;
        const b = I[fp + c[pc++]!]!;
        I[sp - 2] = a >>> 0 <= b >>> 0 ? 1 : 0;
        break;
      }
      case 0x24e: {
        // i32.ge_s, right operand a local
        const a = I[sp - 2]!;
        const b = I[fp + c[pc++]!]!;
        I[sp - 2] = a >= b ? 1 : 0;
        break;
      }
      case 0x24f: {
        // i32.ge_u, right operand a local
        const a = I[sp - 2]!;
        const b = I[fp + c[pc++]!]!;
        I[sp - 2] = a >>> 0 >= b >>> 0 ? 1 : 0;
        break;
      }
      case 0x26a: {
        // i32.add, right operand a local
        const a = I[sp - 2]!;
        const b = I[fp + c[pc++]!]!;
        I[sp - 2] = (a + b) | 0;
        break;
      }
      case 0x26b: {
        // i32.sub, right operand a local
        const a = I[sp - 2]!;
        const b = I[fp + c[pc++]!]!;
        I[sp - 2] = (a - b) | 0;
        break;
      }
      case 0x26c: {
        // i32.mul, right operand a local
        const a = I[sp - 2]!;
        const b = I[fp + c[pc++]!]!;
        I[sp - 2] = Math.imul(a, b);
        break;
      }
      case 0x271: {
        // i32.and, right operand a local
        const a = I[sp - 2]!;
        const b = I[fp + c[pc++]!]!;
        I[sp - 2] = a & b;
        break;
      }
      case 0x272: {
        // i32.or, right operand a local
        const a = I[sp - 2]!;
        const b = I[fp + c[pc++]!]!;
        I[sp - 2] = a | b;
        break;
      }
      case 0x273: {
        // i32.xor, right operand a local
        const a = I[sp - 2]!;
        const b = I[fp + c[pc++]!]!;
        I[sp - 2] = a ^ b;
        break;
      }
      case 0x274: {
        // i32.shl, right operand a local
        const a = I[sp - 2]!;
        const b = I[fp + c[pc++]!]!;
        I[sp - 2] = a << b;
        break;
      }
      case 0x275: {
        // i32.shr_s, right operand a local
        const a = I[sp - 2]!;
        const b = I[fp + c[pc++]!]!;
        I[sp - 2] = a >> b;
        break;
      }
      case 0x276: {
        // i32.shr_u, right operand a local
        const a = I[sp - 2]!;
        const b = I[fp + c[pc++]!]!;
        I[sp - 2] = a >>> b;
        break;
      }
      case 0x346: {
        // i32.eq, right operand a constant
        const a = I[sp - 2]!;
        const b = c[pc++]!;
        I[sp - 2] = a === b ? 1 : 0;
        break;
      }
      case 0x347: {
        // i32.ne, right operand a constant
        const a = I[sp - 2]!;
        const b = c[pc++]!;
        I[sp - 2] = a !== b ? 1 : 0;
        break;
      }
      case 0x348: {
        // i32.lt_s, right operand a constant
        const a = I[sp - 2]!;
        const b = c[pc++]!;
        I[sp - 2] = a < b ? 1 : 0;
        break;
      }
      case 0x349: {
        // i32.lt_u, right operand a constant
        const a = I[sp - 2]!;
        const b = c[pc++]!;
        I[sp - 2] = a >>> 0 < b >>> 0 ? 1 : 0;
        break;
      }
      case 0x34a: {
        // i32.gt_s, right operand a constant
        const a = I[sp - 2]!;
        const b = c[pc++]!;
        I[sp - 2] = a > b ? 1 : 0;
        break;
      }
      case 0x34b: {
        // i32.gt_u, right operand a constant
        const a = I[sp - 2]!;
        const b = c[pc++]!;
        I[sp - 2] = a >>> 0 > b >>> 0 ? 1 : 0;
        break;
      }
      case 0x34c: {
        // i32.le_s, right operand a constant
        const a = I[sp - 2]!;
        const b = c[pc++]!;
        I[sp - 2] = a <= b ? 1 : 0;
        break;
      }
      case 0x34d: {
        // i32.le_u, right operand a constant
        const a = I[sp - 2]!;
        const b = c[pc++]!;
        I[sp - 2] = a >>> 0 <= b >>> 0 ? 1 : 0;
        break;
      }
      case 0x34e: {
        // i32.ge_s, right operand a constant
        const a = I[sp - 2]!;
        const b = c[pc++]!;
        I[sp - 2] = a >= b ? 1 : 0;
        break;
      }
      case 0x34f: {
        // i32.ge_u, right operand a constant
        const a = I[sp - 2]!;
        const b = c[pc++]!;
        I[sp - 2] = a >>> 0 >= b >>> 0 ? 1 : 0;
        break;
      }
      case 0x36a: {
        // i32.add, right operand a constant
        const a = I[sp - 2]!;
        const b = c[pc++]!;
        I[sp - 2] = (a + b) | 0;
        break;
      }
      case 0x36b: {
        // i32.sub, right operand a constant
        const a = I[sp - 2]!;
        const b = c[pc++]!;
        I[sp - 2] = (a - b) | 0;
        break;
      }
      case 0x36c: {
        // i32.mul, right operand a constant
        const a = I[sp - 2]!;
        const b = c[pc++]!;
        I[sp - 2] = Math.imul(a, b);
        break;
      }
      case 0x371: {
        // i32.and, right operand a constant
        const a = I[sp - 2]!;
        const b = c[pc++]!;
        I[sp - 2] = a & b;
        break;
      }
      case 0x372: {
        // i32.or, right operand a constant
        const a = I[sp - 2]!;
        const b = c[pc++]!;
        I[sp - 2] = a | b;
        break;
      }
      case 0x373: {
        // i32.xor, right operand a constant
        const a = I[sp - 2]!;
        const b = c[pc++]!;
        I[sp - 2] = a ^ b;
        break;
      }
      case 0x374: {
        // i32.shl, right operand a constant
        const a = I[sp - 2]!;
        const b = c[pc++]!;
        I[sp - 2] = a << b;
        break;
      }
      case 0x375: {
        // i32.shr_s, right operand a constant
        const a = I[sp - 2]!;
        const b = c[pc++]!;
        I[sp - 2] = a >> b;
        break;
      }
      case 0x376: {
        // i32.shr_u, right operand a constant
        const a = I[sp - 2]!;
        const b = c[pc++]!;
        I[sp - 2] = a >>> b;
        break;
      }
      case 0x228: {
        // local.get + i32.load
        const a = (I[fp + c[pc]!]! >>> 0) + (c[pc + 1]! >>> 0);
        pc += 2;
        if (a + 4 > msize) memoryTrap();
        I[sp] = ((a & 3) === ALIGNED ? M32[a >>> 2]! : load32(M8, a));
        sp += 2;
        break;
      }
      case 0x22d: {
        // local.get + i32.load8_u
        const a = (I[fp + c[pc]!]! >>> 0) + (c[pc + 1]! >>> 0);
        pc += 2;
        if (a + 1 > msize) memoryTrap();
        I[sp] = M8[a]!;
        sp += 2;
        break;
      }
      case 0x111: // i32.eqz + br_if
        sp -= 2;
        if (I[sp] === 0) {
          pc = c[pc]!;
          if (c[pc] === 0x10c && budget >= c[pc + 1]!) {
            budget -= c[pc + 1]!;
            pc += 2;
          }
        } else pc++;
        break;
      default:
        throw new Error(`interpreter bug: unknown internal opcode 0x${c[pc - 1]!.toString(16)} at ${pc - 1}`);
    }
  }
}

const emptyBytes = new Uint8Array(0);

/**
 * Bulk instructions (memory.fill/copy/init, table.*) cost one unit per 2^BULK_UNITS_SHIFT elements on top of
 * their instruction's unit, so that fuel bounds the work they do. The charge may take the budget below zero; the
 * next `fuel` instruction then stops.
 */
const BULK_UNITS_SHIFT = 6;
