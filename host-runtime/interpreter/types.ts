/** Value types and function types as the binary format spells them, and their layout on the interpreter's stacks. */

export const I32 = 0x7f;
export const I64 = 0x7e;
export const F32 = 0x7d;
export const F64 = 0x7c;
export const FUNCREF = 0x70;
export const EXTERNREF = 0x6f;
/** The validator's "any type" that an unreachable (polymorphic) stack yields. */
export const UNKNOWN = 0;

export type ValType = number;

export interface FuncType {
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
  /** Process-wide id shared by all structurally equal types: `call_indirect` compares these. */
  readonly id: number;
}

/** Stack words (32-bit) a value of this type takes: every value gets two, so that f64 slots stay 8-byte aligned. */
export const WORDS = 2;

export function isNumType(t: ValType): boolean {
  return t === I32 || t === I64 || t === F32 || t === F64;
}

export function isRefType(t: ValType): boolean {
  return t === FUNCREF || t === EXTERNREF;
}

export function typeName(t: ValType): string {
  switch (t) {
    case I32:
      return "i32";
    case I64:
      return "i64";
    case F32:
      return "f32";
    case F64:
      return "f64";
    case FUNCREF:
      return "funcref";
    case EXTERNREF:
      return "externref";
    case UNKNOWN:
      return "unknown";
    default:
      return `0x${t.toString(16)}`;
  }
}

const typeIds = new Map<string, number>();

/** The function type `params -> results`, with its process-wide structural id. */
export function funcType(params: readonly ValType[], results: readonly ValType[]): FuncType {
  const key = `${params.join(",")}>${results.join(",")}`;
  let id = typeIds.get(key);
  if (id === undefined) typeIds.set(key, (id = typeIds.size + 1));
  return { params, results, id };
}

export function funcTypeName(t: FuncType): string {
  return `[${t.params.map(typeName).join(" ")}] -> [${t.results.map(typeName).join(" ")}]`;
}
