/**
 * The executor's instruction set. A lowered body is an Int32Array of opcodes, each followed by its immediates.
 * Opcodes below 0x100 keep the meaning and number of the wasm instruction they stand for (their operands are
 * the same), so that the executor's `switch` reads like the spec; 0x100 and up are the interpreter's own forms.
 * The executor switches on numeric literals, not on these names, so that V8 builds a jump table: keep the two
 * in step (each `case` there names its opcode in a comment).
 *
 * Immediates (after the opcode):
 * - `If` else-target; `Br` target; `BrIf` target; `BrAdjust`/`BrIfAdjust` target, kept words, base words;
 *   `BrTable` count, then count + 1 triples (target, kept words, base words), the last being the default;
 * - `Call` function index; `CallIndirect` type index, table index;
 * - loads and stores: offset; `LocalGet*`/`LocalSet*`/`LocalTee*`: word offset in the frame;
 * - `Const32` the bits; `Const64` lo, hi; `Fuel` units of the straight-line run that starts here.
 */
export const Op = {
  Unreachable: 0x00,
  If: 0x04,
  Br: 0x0c,
  BrIf: 0x0d,
  BrTable: 0x0e,
  Return: 0x0f,
  Call: 0x10,
  CallIndirect: 0x11,
  Select64: 0x1b,
  TableGet: 0x25,
  TableSet: 0x26,
  MemorySize: 0x3f,
  MemoryGrow: 0x40,
  RefIsNull: 0xd1,
  RefFunc: 0xd2,
  LocalGet32: 0x100,
  LocalGet64: 0x101,
  LocalSet32: 0x102,
  LocalSet64: 0x103,
  LocalTee32: 0x104,
  LocalTee64: 0x105,
  GlobalGet32: 0x106,
  GlobalGet64: 0x107,
  GlobalSet32: 0x108,
  GlobalSet64: 0x109,
  BrAdjust: 0x10a,
  BrIfAdjust: 0x10b,
  Fuel: 0x10c,
  Select32: 0x10d,
  Const32: 0x10e,
  Const64: 0x10f,
  Drop: 0x110,
  /** `0xFC n` instructions become `Prefixed + n`. */
  Prefixed: 0x120,
  /** `i32.eqz; br_if` (plain form): branch when the operand is zero. Immediate: target. */
  BrIfZero: 0x111,
  /**
   * Fused forms the lowering makes of the commonest pairs (they cut dispatches, the interpreter's main cost):
   * `local.get x; <i32 binary op>` becomes `WithLocal + op` (immediate: x's word offset), `i32.const k; <i32
   * binary op>` becomes `WithConst + op` (immediate: k), and `local.get x; i32.load / i32.load8_u` becomes
   * `WithLocal + 0x28 / 0x2d` (immediates: x's word offset, the load's offset). Only for the operators the
   * executor lists; never across a branch target, since targets are always `Fuel` instructions.
   */
  WithLocal: 0x200,
  WithConst: 0x300,
} as const;
