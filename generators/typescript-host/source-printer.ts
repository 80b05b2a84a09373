/**
 * Prints the generated file from its ts-morph structures in one pass, with ts-morph's writer (code-block-writer),
 * laid out as ts-morph's structure printers followed by the TypeScript formatter laid it out: the same blank
 * lines, modifiers, JSDoc blocks and separators, and multi-line code text indented by ./text-layout.ts.
 *
 * Why not a ts-morph `SourceFile`: creating one loads the TypeScript compiler and parses the printed text, and
 * `formatText` parses and formats it again; at 1,000 definitions that was four fifths of the target's time
 * (docs/performance.md). The structures are the same ts-morph structures, and
 * test/generators/typescript-printer.test.ts prints every golden, torture and fuzz schema both ways and requires
 * the same text, so a structure this printer does not lay out as ts-morph would fails there.
 *
 * It prints what the generator builds (./statement-buffer.ts): interfaces with properties and method signatures,
 * classes with properties, constructors and methods, functions, type aliases, variable statements and named
 * imports. Other structure members are rejected rather than silently dropped.
 */
import CodeBlockWriter from "code-block-writer";
import type {
  ClassDeclarationStructure,
  ConstructorDeclarationStructure,
  FunctionDeclarationStructure,
  ImportDeclarationStructure,
  InterfaceDeclarationStructure,
  JSDocStructure,
  MethodDeclarationStructure,
  MethodSignatureStructure,
  OptionalKind,
  ParameterDeclarationStructure,
  PropertyDeclarationStructure,
  PropertySignatureStructure,
  StatementStructures,
  TypeAliasDeclarationStructure,
  VariableStatementStructure,
  WriterFunction,
} from "ts-morph";
import { StructureKind } from "./structures.js";
import { layoutLines } from "./text-layout.js";

/** The generated file: a header comment line, its imports, and its statements as ./statement-buffer.ts holds them. */
export interface SourceFileParts {
  readonly header: string;
  readonly imports: readonly OptionalKind<ImportDeclarationStructure>[];
  readonly statements: readonly (StatementStructures | WriterFunction)[];
}

/** Text a structure member may hold: the printer writes strings; writer functions (ts-morph's other form) are run. */
type Text = string | WriterFunction;

/** The file's text: the header, the imports, a blank line, the statements, and a final newline. */
export function printSourceFile(file: SourceFileParts): string {
  const body = newWriter();
  printStatements(body, file.statements);
  body.conditionalNewLine(!body.isAtStartOfFirstLineOfBlock() && !body.isLastNewLine());
  const head = newWriter();
  head.write(file.header).newLine();
  for (const declaration of file.imports) {
    printImport(head, declaration);
    head.newLine();
  }
  if (file.imports.length > 0 && body.getLength() > 0) head.newLine();
  return head.toString() + body.toString();
}

function newWriter(): CodeBlockWriter {
  return new CodeBlockWriter({ indentNumberOfSpaces: 2, useTabs: false, useSingleQuote: false, newLine: "\n" });
}

// -------------------------------------------------------------------------------------------------
// Statements: the separators of ts-morph's StatementStructurePrinter.

function printStatements(writer: CodeBlockWriter, statements: readonly (StatementStructures | Text)[] | undefined): void {
  for (const statement of statements ?? []) {
    if (lastNonWhitespaceIsCloseBrace(writer)) writer.blankLineIfLastNot();
    else if (!writer.isAtStartOfFirstLineOfBlock()) writer.newLineIfLastNot();
    printStatement(writer, statement);
  }
}

function printStatement(writer: CodeBlockWriter, statement: StatementStructures | Text): void {
  if (typeof statement === "string" || typeof statement === "function") {
    writeText(writer, statement);
    return;
  }
  switch (statement.kind) {
    case StructureKind.Interface:
      blankLineUnlessFirst(writer);
      printInterface(writer, statement);
      return;
    case StructureKind.Class:
      blankLineUnlessFirst(writer);
      printClass(writer, statement);
      return;
    case StructureKind.Function:
      blankLineUnlessFirst(writer);
      printFunction(writer, statement);
      return;
    case StructureKind.TypeAlias:
      printTypeAlias(writer, statement);
      return;
    case StructureKind.VariableStatement:
      printVariableStatement(writer, statement);
      return;
    default:
      throw new Error(`source-printer: statement kind ${statement.kind} is not printed`);
  }
}

function blankLineUnlessFirst(writer: CodeBlockWriter): void {
  if (!writer.isAtStartOfFirstLineOfBlock()) writer.blankLineIfLastNot();
}

function lastNonWhitespaceIsCloseBrace(writer: CodeBlockWriter): boolean {
  return writer.iterateLastChars((c) => (c === "}" ? true : /\s/.test(c) ? undefined : false)) ?? false;
}

// -------------------------------------------------------------------------------------------------
// Declarations

function printInterface(writer: CodeBlockWriter, s: InterfaceDeclarationStructure): void {
  rejectUnprinted(s, ["typeParameters", "extends", "callSignatures", "constructSignatures", "indexSignatures", "getAccessors", "setAccessors"]);
  printDocs(writer, s.docs);
  printModifiers(writer, s);
  writer.write(`interface ${s.name} `);
  writer.inlineBlock(() => {
    if (nonEmpty(s.properties)) {
      s.properties.forEach((p, i) => {
        writer.conditionalNewLine(i > 0);
        printPropertySignature(writer, p);
      });
    }
    if (nonEmpty(s.methods)) {
      if (!writer.isAtStartOfFirstLineOfBlock()) writer.newLine();
      s.methods.forEach((m, i) => {
        writer.conditionalNewLine(i > 0);
        printMethodSignature(writer, m);
      });
    }
  });
}

function printPropertySignature(writer: CodeBlockWriter, s: OptionalKind<PropertySignatureStructure>): void {
  rejectUnprinted(s, ["initializer"]);
  printDocs(writer, s.docs);
  printModifiers(writer, s);
  writer.write(s.name);
  writer.conditionalWrite(s.hasQuestionToken, "?");
  printType(writer, ":", s.type);
  writer.write(";");
}

function printMethodSignature(writer: CodeBlockWriter, s: OptionalKind<MethodSignatureStructure>): void {
  rejectUnprinted(s, ["typeParameters"]);
  printDocs(writer, s.docs);
  writer.write(s.name);
  writer.conditionalWrite(s.hasQuestionToken, "?");
  printParameters(writer, s.parameters);
  printType(writer, ":", s.returnType);
  writer.write(";");
}

function printClass(writer: CodeBlockWriter, s: ClassDeclarationStructure): void {
  rejectUnprinted(s, ["decorators", "typeParameters", "extends", "implements", "staticBlocks", "getAccessors", "setAccessors"]);
  printDocs(writer, s.docs);
  printModifiers(writer, s);
  writer.write("class");
  if (s.name !== undefined && s.name.trim() !== "") writer.space().write(s.name);
  writer.space();
  writer.inlineBlock(() => {
    (s.properties ?? []).forEach((p, i) => {
      writer.conditionalNewLine(i > 0);
      printProperty(writer, p);
    });
    for (const ctor of s.ctors ?? []) {
      if (!writer.isAtStartOfFirstLineOfBlock()) writer.blankLine();
      printConstructor(writer, ctor);
    }
    if (nonEmpty(s.methods)) {
      if (!writer.isAtStartOfFirstLineOfBlock()) writer.blankLine();
      s.methods.forEach((m, i) => {
        if (i > 0) writer.blankLine();
        printMethod(writer, m);
      });
    }
  });
}

function printProperty(writer: CodeBlockWriter, s: OptionalKind<PropertyDeclarationStructure>): void {
  rejectUnprinted(s, ["decorators"]);
  printDocs(writer, s.docs);
  printModifiers(writer, s);
  writer.write(s.name);
  writer.conditionalWrite(s.hasQuestionToken, "?");
  writer.conditionalWrite(s.hasExclamationToken === true && s.hasQuestionToken !== true, "!");
  printType(writer, ":", s.type);
  printInitializer(writer, s.initializer);
  writer.write(";");
}

function printConstructor(writer: CodeBlockWriter, s: OptionalKind<ConstructorDeclarationStructure>): void {
  rejectUnprinted(s, ["overloads", "typeParameters", "returnType"]);
  printDocs(writer, s.docs);
  printModifiers(writer, s);
  writer.write("constructor");
  printParameters(writer, s.parameters);
  writer.space().inlineBlock(() => printStatements(writer, texts(s.statements)));
}

function printMethod(writer: CodeBlockWriter, s: OptionalKind<MethodDeclarationStructure>): void {
  rejectUnprinted(s, ["overloads", "decorators", "typeParameters", "isGenerator", "isAbstract"]);
  printDocs(writer, s.docs);
  printModifiers(writer, s);
  writer.write(s.name);
  writer.conditionalWrite(s.hasQuestionToken, "?");
  printParameters(writer, s.parameters);
  printType(writer, ":", s.returnType);
  writer.spaceIfLastNot().inlineBlock(() => printStatements(writer, texts(s.statements)));
}

function printFunction(writer: CodeBlockWriter, s: FunctionDeclarationStructure): void {
  rejectUnprinted(s, ["overloads", "typeParameters", "isGenerator", "hasDeclareKeyword"]);
  printDocs(writer, s.docs);
  printModifiers(writer, s);
  writer.write("function");
  if (s.name !== undefined && s.name.trim() !== "") writer.write(` ${s.name}`);
  printParameters(writer, s.parameters);
  printType(writer, ":", s.returnType);
  writer.space().inlineBlock(() => printStatements(writer, texts(s.statements)));
}

function printTypeAlias(writer: CodeBlockWriter, s: TypeAliasDeclarationStructure): void {
  rejectUnprinted(s, ["typeParameters", "hasDeclareKeyword"]);
  printDocs(writer, s.docs);
  printModifiers(writer, s);
  writer.write(`type ${s.name}`);
  printType(writer, " =", s.type);
  writer.write(";");
}

function printVariableStatement(writer: CodeBlockWriter, s: VariableStatementStructure): void {
  rejectUnprinted(s, ["hasDeclareKeyword"]);
  if (s.declarations.length === 0) throw new Error("source-printer: a variable statement needs a declaration");
  printDocs(writer, s.docs);
  printModifiers(writer, s);
  writer.write(`${s.declarationKind ?? "let"} `);
  s.declarations.forEach((d, i) => {
    if (i > 0) writer.write(", ");
    writer.write(d.name);
    writer.conditionalWrite(d.hasExclamationToken, "!");
    printType(writer, ":", d.type);
    printInitializer(writer, d.initializer);
  });
  writer.write(";");
}

function printImport(writer: CodeBlockWriter, s: OptionalKind<ImportDeclarationStructure>): void {
  rejectUnprinted(s, ["defaultImport", "namespaceImport", "attributes", "isTypeOnly"]);
  const named = Array.isArray(s.namedImports) ? s.namedImports : [];
  writer.write("import");
  if (named.length > 0) {
    const specifiers = named.map((n) => {
      if (typeof n !== "object") throw new Error("source-printer: named imports are printed from structures only");
      return `${n.isTypeOnly === true ? "type " : ""}${n.name}${n.alias === undefined || n.alias.trim() === "" ? "" : ` as ${n.alias}`}`;
    });
    writer.write(` { ${specifiers.join(", ")} } from`);
  }
  writer.write(" ").quote(s.moduleSpecifier).write(";");
}

// -------------------------------------------------------------------------------------------------
// Parts

interface Modifiable {
  readonly isExported?: boolean;
  readonly isDefaultExport?: boolean;
  readonly scope?: string;
  readonly isStatic?: boolean;
  readonly hasOverrideKeyword?: boolean;
  readonly isAsync?: boolean;
  readonly isReadonly?: boolean;
}

/** In ts-morph's order: `export`, scope, `static`, `override`, `async`, `readonly`. */
function printModifiers(writer: CodeBlockWriter, s: Modifiable): void {
  if (s.isDefaultExport === true) writer.write("export default ");
  else if (s.isExported === true) writer.write("export ");
  if (s.scope !== undefined) writer.write(`${s.scope} `);
  if (s.isStatic === true) writer.write("static ");
  if (s.hasOverrideKeyword === true) writer.write("override ");
  if (s.isAsync === true) writer.write("async ");
  if (s.isReadonly === true) writer.write("readonly ");
}

function printParameters(writer: CodeBlockWriter, parameters: readonly OptionalKind<ParameterDeclarationStructure>[] | undefined): void {
  writer.write("(");
  (parameters ?? []).forEach((p, i) => {
    rejectUnprinted(p, ["decorators"]);
    if (i > 0) writer.write(", ");
    printModifiers(writer, p);
    writer.conditionalWrite(p.isRestParameter, "...");
    writer.write(p.name);
    writer.conditionalWrite(p.hasQuestionToken, "?");
    printType(writer, ":", p.type ?? (p.hasQuestionToken === true ? "any" : undefined));
    printInitializer(writer, p.initializer);
  });
  writer.write(")");
}

/** `: T` (or ` = T` for a type alias), left out when there is no type, as ts-morph does. */
function printType(writer: CodeBlockWriter, separator: string, type: Text | undefined): void {
  const text = textOf(type);
  if (text.trim() === "") return;
  writer.write(`${separator} `);
  writeText(writer, text);
}

function printInitializer(writer: CodeBlockWriter, initializer: Text | undefined): void {
  const text = textOf(initializer);
  if (text.trim() === "") return;
  writer.spaceIfLastNot().write("= ");
  writeText(writer, text);
}

/**
 * The JSDoc blocks of a declaration, each followed by a line break: `/** text *\/` for one line, else one ` * line`
 * per line (` *` for an empty one).
 */
function printDocs(writer: CodeBlockWriter, docs: readonly (OptionalKind<JSDocStructure> | string)[] | undefined): void {
  for (const doc of docs ?? []) {
    if (typeof doc !== "string") throw new Error("source-printer: JSDoc is printed from strings only");
    const lines = doc.split(/\r?\n/);
    const first = lines[0]!.length === 0 ? 1 : 0;
    writer.write("/**");
    if (lines.length <= 1) {
      writer.space().write(lines[first] ?? "");
    } else {
      writer.newLine();
      for (let i = first; i < lines.length; i++) {
        writer.write(" *");
        if (lines[i]!.length > 0) writer.write(` ${lines[i]}`);
        writer.newLine();
      }
    }
    writer.spaceIfLastNot().write("*/");
    writer.newLine();
  }
}

/**
 * Writes code text at the writer's position: one line as it is, several laid out by ./text-layout.ts relative to
 * the indentation of the line the text starts on.
 */
function writeText(writer: CodeBlockWriter, text: Text): void {
  if (typeof text === "function") {
    text(writer);
    return;
  }
  if (!text.includes("\n")) {
    writer.write(text);
    return;
  }
  const base = writer.getIndentationLevel();
  layoutLines(text).forEach((line, i) => {
    if (i > 0) writer.newLine();
    if (line.text !== "") writer.withIndentationLevel(line.indent === undefined ? 0 : base + line.indent, () => writer.write(line.text));
  });
}

function textOf(text: Text | undefined): string {
  if (text === undefined) return "";
  if (typeof text === "string") return text;
  const writer = newWriter();
  text(writer);
  return writer.toString();
}

/** A body's statements: text only (the generator writes statement text, never statement structures, in bodies). */
function texts(statements: unknown): readonly Text[] | undefined {
  if (statements === undefined) return undefined;
  if (typeof statements === "string" || typeof statements === "function") return [statements as Text];
  const list = statements as readonly unknown[];
  for (const s of list) if (typeof s !== "string" && typeof s !== "function") throw new Error("source-printer: body statements are printed from text only");
  return list as readonly Text[];
}

function nonEmpty<T>(list: readonly T[] | undefined): list is readonly T[] {
  return list !== undefined && list.length > 0;
}

/** Fails on a structure member this printer does not print, so it is never dropped without notice. */
function rejectUnprinted(structure: object, members: readonly string[]): void {
  for (const member of members) {
    const value = (structure as Record<string, unknown>)[member];
    if (value !== undefined && value !== false && !(Array.isArray(value) && value.length === 0)) {
      throw new Error(`source-printer: "${member}" is not printed`);
    }
  }
}
