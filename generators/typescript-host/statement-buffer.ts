/**
 * Collects the generated file's top-level statement structures (ts-morph's) so the file is printed once, by
 * ./source-printer.ts. Adding each statement to a live `SourceFile` re-parses the growing file per call, which made
 * generation quadratic.
 */
import type {
  ClassDeclarationStructure,
  FunctionDeclarationStructure,
  InterfaceDeclarationStructure,
  MethodDeclarationStructure,
  OptionalKind,
  StatementStructures,
  TypeAliasDeclarationStructure,
  VariableStatementStructure,
  WriterFunction,
} from "ts-morph";
import { StructureKind } from "./structures.js";

/** Kinds that `SourceFile.add*` puts on consecutive lines when one follows another of the same kind. */
const RUNS_WITHOUT_BLANK_LINE: ReadonlySet<StatementStructures["kind"]> = new Set([StructureKind.TypeAlias, StructureKind.VariableStatement]);

/** The `SourceFile` `add*` calls the generator uses, recorded as structures in order. */
export class StatementBuffer {
  /** The statements in file order, with blank-line writers where `SourceFile.add*` would put a blank line. */
  readonly statements: (StatementStructures | WriterFunction)[] = [];
  private readonly classes = new Map<string, ClassDeclarationStructure>();
  private lastKind: StatementStructures["kind"] | undefined;

  /**
   * Appends a statement, preceded by a blank line as `SourceFile.add*` spaces them (the structure printer alone
   * only leaves one after a closing brace), so the output keeps its layout.
   */
  private push(s: StatementStructures): void {
    if (this.lastKind !== undefined && !(s.kind === this.lastKind && RUNS_WITHOUT_BLANK_LINE.has(s.kind))) {
      this.statements.push((writer) => writer.blankLineIfLastNot());
    }
    this.statements.push(s);
    this.lastKind = s.kind;
  }

  addInterface(s: OptionalKind<InterfaceDeclarationStructure>): void {
    this.push({ ...s, kind: StructureKind.Interface });
  }

  addClass(s: OptionalKind<ClassDeclarationStructure>): void {
    const cls: ClassDeclarationStructure = { ...s, kind: StructureKind.Class, methods: [...(s.methods ?? [])] };
    this.push(cls);
    if (cls.name !== undefined) this.classes.set(cls.name, cls);
  }

  addTypeAlias(s: OptionalKind<TypeAliasDeclarationStructure>): void {
    this.push({ ...s, kind: StructureKind.TypeAlias });
  }

  addFunction(s: OptionalKind<FunctionDeclarationStructure>): void {
    this.push({ ...s, kind: StructureKind.Function });
  }

  addVariableStatement(s: OptionalKind<VariableStatementStructure>): void {
    this.push({ ...s, kind: StructureKind.VariableStatement });
  }

  /** A class added earlier, to append methods to (as `SourceFile.getClassOrThrow(name).addMethod`). */
  getClassOrThrow(name: string): { addMethod(m: OptionalKind<MethodDeclarationStructure>): void } {
    const cls = this.classes.get(name);
    if (cls === undefined) throw new Error(`no generated class named "${name}"`);
    return { addMethod: (m) => (cls.methods as OptionalKind<MethodDeclarationStructure>[]).push(m) };
  }
}
