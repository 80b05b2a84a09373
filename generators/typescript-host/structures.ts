/**
 * The values of ts-morph's structure vocabulary the generator uses (`Scope.Public`, `VariableDeclarationKind.Const`,
 * the statement kinds), typed as ts-morph's own enums, so the structures the generator builds are ts-morph
 * structures while the generator loads neither ts-morph nor the TypeScript compiler under it (a third of the
 * target's time at 1,000 definitions, docs/performance.md). Only types are imported from ts-morph;
 * test/generators/typescript-printer.test.ts checks each value against ts-morph's enums.
 */
import type { Scope as ScopeEnum, StructureKind as StructureKindEnum, VariableDeclarationKind as DeclarationKindEnum } from "ts-morph";

/** ts-morph's `Scope`. */
export const Scope = {
  Public: "public" as ScopeEnum.Public,
  Private: "private" as ScopeEnum.Private,
} as const;

/** ts-morph's `VariableDeclarationKind`. */
export const VariableDeclarationKind = {
  Const: "const" as DeclarationKindEnum.Const,
} as const;

/** The kinds of ts-morph's `StructureKind` that the generated file's top-level statements have. */
export const StructureKind = {
  Class: 2 as StructureKindEnum.Class,
  Function: 13 as StructureKindEnum.Function,
  Interface: 19 as StructureKindEnum.Interface,
  TypeAlias: 38 as StructureKindEnum.TypeAlias,
  VariableStatement: 41 as StructureKindEnum.VariableStatement,
} as const;
