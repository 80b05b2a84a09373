import type { FuncType, ValType } from "./types.js";

/** What one decoded, validated and lowered module holds; shared read-only by all its instances. */

export const enum ExternKind {
  Func = 0,
  Table = 1,
  Memory = 2,
  Global = 3,
}

export interface Limits {
  readonly min: number;
  readonly max: number | undefined;
}

export interface TableType extends Limits {
  readonly elem: ValType;
}

export interface GlobalType {
  readonly type: ValType;
  readonly mutable: boolean;
}

/** A constant expression: a value given by its two stack words, a `global.get`, a `ref.func` or a `ref.null`. */
export type ConstExpr =
  | { readonly kind: "value"; readonly lo: number; readonly hi: number }
  | { readonly kind: "global"; readonly index: number }
  | { readonly kind: "func"; readonly index: number }
  | { readonly kind: "null" };

export type Import =
  | { readonly module: string; readonly name: string; readonly kind: ExternKind.Func; readonly type: FuncType }
  | { readonly module: string; readonly name: string; readonly kind: ExternKind.Table; readonly type: TableType }
  | { readonly module: string; readonly name: string; readonly kind: ExternKind.Memory; readonly type: Limits }
  | { readonly module: string; readonly name: string; readonly kind: ExternKind.Global; readonly type: GlobalType };

export interface Export {
  readonly name: string;
  readonly kind: ExternKind;
  readonly index: number;
}

export interface ElemSegment {
  readonly mode: "active" | "passive" | "declarative";
  readonly table: number;
  readonly offset: ConstExpr | undefined;
  readonly type: ValType;
  readonly inits: readonly ConstExpr[];
}

export interface DataSegment {
  readonly mode: "active" | "passive";
  readonly offset: ConstExpr | undefined;
  readonly bytes: Uint8Array;
}

/** A function body lowered to the executor's code (see opcodes.ts). */
export interface CompiledBody {
  readonly code: Int32Array;
  /** Stack words of params plus locals. */
  readonly localWords: number;
  /** Stack words the frame may use at most: locals plus the deepest operand stack. */
  readonly frameWords: number;
}

export interface ModuleInfo {
  readonly types: readonly FuncType[];
  readonly imports: readonly Import[];
  /** Types of all functions, imported ones first. */
  readonly funcs: readonly FuncType[];
  readonly importedFuncs: number;
  readonly tables: readonly TableType[];
  readonly importedTables: number;
  readonly memories: readonly Limits[];
  readonly importedMemories: number;
  readonly globals: readonly GlobalType[];
  readonly importedGlobals: number;
  readonly globalInits: readonly ConstExpr[];
  readonly exports: readonly Export[];
  readonly start: number | undefined;
  readonly elems: readonly ElemSegment[];
  readonly datas: readonly DataSegment[];
  readonly bodies: readonly CompiledBody[];
  readonly customSections: readonly { readonly name: string; readonly data: Uint8Array }[];
}
