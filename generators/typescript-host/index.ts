/**
 * Target `typescript-host`: typed TypeScript stubs that call a guest through `@widl-bindgen/host`.
 *
 * For the schema it emits the types (interfaces, const-object enums, discriminated unions, type
 * aliases), one wire descriptor per type the operations use, one `OperationCodec` per operation, a
 * class named after the namespace with `static load(…)` and one synchronous method per operation, and
 * for each host role a handler interface wired into `hostCall`. All wire rules live in the runtime's
 * codec; the generated code only declares types. Built as ts-morph structures and printed once by
 * ./source-printer.ts with ts-morph's writer, laid out as ts-morph and the TypeScript formatter did.
 */
import { hostRoleDefs } from "../operation-sides.js";
import { printSourceFile, type SourceFileParts } from "./source-printer.js";
import { StatementBuffer } from "./statement-buffer.js";
import { Scope, VariableDeclarationKind } from "./structures.js";
import {
  collectNamedTypes,
  typeToWidl,
  type Model,
  type ModelValue,
  type OperationDef,
  type ReturnType,
  type RoleDef,
  type TypeExpr,
} from "../model.js";
import { checkDefaults, defaultOf, widlValueText, type DefaultLiteral } from "../defaults.js";
import { CLASS_NAME_SUFFIXES } from "../names/assign.js";
import { NameScope } from "../names/scope.js";
import { TS_GLOBALS, TS_KEYWORDS } from "../names/typescript.js";
import { CodegenConfigError } from "../options.js";
import { defaultSchemaName, filePreamble } from "../preamble.js";
import { emitAsyncVariants } from "./async-variants.js";
import { derivedName, HOST_CALL_ROUTER, type StubContext } from "./context.js";
import { emitLoadOptions, loaderMethod } from "./loaders.js";
import { emitDirectClass } from "./direct.js";
import { parameterStructure, type ParamView } from "./params.js";
import { ImportRegistry } from "./import-registry.js";
import { type ResolvedTypescriptHostOptions, type TypescriptHostOptions, withTypescriptHostDefaults } from "./options.js";

export { typescriptHostOptions, type TypescriptHostOptions } from "./options.js";

/** Escapes text for a JSDoc block. */
const doc = (text: string | undefined): string[] => (text === undefined ? [] : [text.replace(/\*\//g, "*\\/")]);

/** Generates the stubs as formatted TypeScript source. */
export function generateTypescriptHost(model: Model, options: TypescriptHostOptions = {}): string {
  return printSourceFile(typescriptHostSource(model, options));
}

/** The stubs as ts-morph structures, before printing (test/generators/typescript-printer.test.ts prints them with ts-morph too). */
export function typescriptHostSource(model: Model, options: TypescriptHostOptions = {}): SourceFileParts {
  return new TypescriptHostGenerator(model, options).generate();
}

class TypescriptHostGenerator {
  private readonly imports = new ImportRegistry();
  /**
   * The module's codec constants (`$Input` for a type's descriptor, `$checkWordExists` for an operation's codec)
   * share one scope: a type and an operation whose names have no letter to case (`_1`) would otherwise meet.
   */
  private readonly constants = new NameScope((id) => id, () => "");
  private readonly constantNames = new Map<string, string>();
  private readonly runtime: string;
  private readonly file = new StatementBuffer();
  private readonly className: string;
  private readonly hostRoles: readonly RoleDef[];
  private readonly options: ResolvedTypescriptHostOptions;

  constructor(
    private readonly model: Model,
    options: TypescriptHostOptions,
  ) {
    this.options = withTypescriptHostDefaults(options);
    this.runtime = this.options.runtimeModule;
    this.className = options.className === undefined ? model.namespace.id.ts : checkClassName(model, options.className);
    const wanted = options.hostRoles ?? model.roles.map((r) => r.name);
    this.hostRoles = wanted.map((name) => {
      const role = model.roles.find((r) => r.name === name);
      if (role === undefined) throw new CodegenConfigError(`hostRoles: the schema has no role "${name}"`);
      return role;
    });
    // Two host roles with one operation name: the host could not route the guest's call (WIDL2024).
    hostRoleDefs(model, wanted);

    this.reserveNames();
  }

  /**
   * Reserves, before any import is asked for, every name the file declares from the schema and every parameter
   * (which would shadow an import in a method body), so runtime imports named like them are aliased.
   */
  private reserveNames(): void {
    const c = this.className;
    this.imports.reserve(
      c,
      ...CLASS_NAME_SUFFIXES.map((suffix) => derivedName(c, suffix)),
      HOST_CALL_ROUTER,
      ...this.model.types.map((t) => t.id.ts),
      ...this.hostRoles.map((r) => r.id.ts),
      ...[...this.model.interface.operations, ...this.hostRoles.flatMap((r) => r.operations)].flatMap((op) =>
        op.params.map((p) => p.id.ts),
      ),
    );
  }

  generate(): SourceFileParts {
    checkDefaults(this.model);
    const ops = this.model.interface.operations;
    const hostOps = this.hostRoles.flatMap((r) => r.operations);
    const direct = this.options.abi === "direct" || this.options.abi === "both";
    this.emitTypes();
    this.emitDescriptors([...ops, ...hostOps]);
    // The direct classes call exports, not codecs; host roles always use codecs.
    if (!direct) this.emitOperationCodecs(ops, "");
    for (const role of this.hostRoles) this.emitOperationCodecs(role.operations, `${role.id.ts}$`);
    this.emitRoles();
    const ctx = this.context(ops, direct);
    emitLoadOptions(ctx, "load");
    const variants = direct ? emitDirectClass(ctx) : undefined;
    if (!direct) this.emitClass(ctx);
    emitAsyncVariants(ctx, variants);
    // The structures are printed once, by ./source-printer.ts.
    return {
      header: filePreamble({ target: "typescript-host", settings: [`abi ${this.options.abi}`], from: this.options.schemaFile ?? defaultSchemaName(this.model) }),
      imports: this.imports.declarations(this.file.statements),
      statements: this.file.statements,
    };
  }

  // -------------------------------------------------------------------------------------------
  // Types

  /** The TS type of a WIDL type. */
  private ts(t: ReturnType): string {
    switch (t.kind) {
      case "void":
        return "void";
      case "scalar":
        return t.name === "bool" ? "boolean" : t.name === "i64" || t.name === "u64" ? "bigint" : "number";
      case "string":
        return "string";
      case "bytes":
      case "raw":
        return "Uint8Array";
      case "datetime":
        return "Date";
      case "any":
        return "unknown";
      case "list": {
        const item = this.ts(t.item);
        return /[|&]/.test(item) ? `(${item})[]` : `${item}[]`;
      }
      case "map":
        return `Map<${this.ts(t.key)}, ${this.ts(t.value)}>`;
      case "optional":
        return `${this.ts(t.inner)} | undefined`;
      case "struct":
      case "enum":
      case "union":
      case "alias":
        return t.def.id.ts;
    }
  }

  private emitTypes(): void {
    for (const def of this.model.types) {
      const name = def.id.ts;
      const docs = doc(def.description);
      switch (def.kind) {
        case "struct":
          this.file.addInterface({
            name,
            isExported: true,
            docs,
            properties: def.fields.map((f) => ({
              name: f.id.ts,
              type: this.ts(f.type),
              hasQuestionToken: f.optional,
              docs: doc(fieldDoc(f.description, f.default)),
            })),
          });
          break;
        case "enum": {
          const members = def.values
            .map((v) => {
              const text = [v.description, v.display === undefined ? undefined : `Displayed as "${v.display}".`]
                .filter((s) => s !== undefined)
                .join(" ");
              const comment = text === "" ? "" : `/** ${doc(text)[0]} */\n`;
              return `${comment}${v.id.ts}: ${v.value},`;
            })
            .join("\n");
          this.file.addVariableStatement({
            isExported: true,
            docs,
            declarationKind: VariableDeclarationKind.Const,
            declarations: [{ name, initializer: `{\n${members}\n} as const` }],
          });
          this.file.addTypeAlias({ name, isExported: true, type: `(typeof ${name})[keyof typeof ${name}]` });
          break;
        }
        case "union":
          this.file.addTypeAlias({
            name,
            isExported: true,
            docs: doc(def.description ?? `One of ${def.members.map((m) => m.name).join(", ")}.`),
            type: def.members.map((m) => `{ kind: "${m.name}"; value: ${this.ts(m.type)} }`).join(" | "),
          });
          break;
        case "alias":
          this.file.addTypeAlias({ name, isExported: true, docs, type: this.ts(def.type) });
          break;
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Wire descriptors

  /** The descriptor expression of a type. We name descriptors `$Type` because `$` cannot occur in WIDL names. */
  private wire(t: TypeExpr): string {
    const w = this.imports.value(this.runtime, "wire");
    switch (t.kind) {
      case "scalar":
        return `${w}.${t.name}`;
      case "string":
      case "bytes":
      case "datetime":
      case "raw":
        return `${w}.${t.kind}`;
      case "any":
        return `${w}.any`;
      case "list":
        return `${w}.list(${this.wire(t.item)})`;
      case "map":
        return `${w}.map(${this.wire(t.key)}, ${this.wire(t.value)})`;
      case "optional":
        return `${w}.optional(${this.wire(t.inner)})`;
      case "alias":
        return this.wire(t.def.type);
      case "struct":
      case "enum":
      case "union":
        return this.constant(`type ${t.def.name}`, `$${t.def.id.ts}`);
    }
  }

  /** The constant for `key`, named `base` unless that is taken (then numbered), the same on every call. */
  private constant(key: string, base: string): string {
    let name = this.constantNames.get(key);
    if (name === undefined) {
      name = this.constants.claim(base);
      this.constantNames.set(key, name);
    }
    return name;
  }

  private emitDescriptors(ops: readonly OperationDef[]): void {
    const used = collectNamedTypes(ops.flatMap((o) => [...o.params.map((p) => p.type), o.returnType]));
    const w = () => this.imports.value(this.runtime, "wire");
    // Schema order, so the output does not depend on which operation reached a type first.
    for (const def of this.model.types.filter((t) => used.has(t))) {
      const name = this.constant(`type ${def.name}`, `$${def.id.ts}`);
      let initializer: string;
      if (def.kind === "struct") {
        const fields = def.fields.map((f) =>
          this.fieldTuple(f.name, f.type, f.id.ts, defaultOf(f, { kind: "field", type: def.name })),
        );
        initializer = `${w()}.struct(${JSON.stringify(def.name)}, () => [\n${fields.map((f) => `${f},\n`).join("")}])`;
      } else if (def.kind === "enum") {
        initializer = `${w()}.enumeration(${JSON.stringify(def.name)}, [${def.values.map((v) => v.value).join(", ")}])`;
      } else if (def.kind === "union") {
        const members = def.members.map((m) => `[${JSON.stringify(m.name)}, ${this.wire(m.type)}]`);
        initializer = `${w()}.union(${JSON.stringify(def.name)}, () => [${members.join(", ")}])`;
      } else {
        continue; // aliases are written as what they name
      }
      this.file.addVariableStatement({
        declarationKind: VariableDeclarationKind.Const,
        declarations: [{ name, initializer }],
      });
    }
  }

  /**
   * A field's or parameter's descriptor tuple: `["name", type]`, `["load_factor", type, "loadFactor"]`, or with a
   * WIDL default `["retries", type, { default: 3 }]` (`{ prop: "…", default: … }` when the name differs too). The
   * codec fills a missing key with it; lists and maps are written as functions, so no two values share one.
   */
  private fieldTuple(wireName: string, type: TypeExpr, prop: string, literal: DefaultLiteral | undefined): string {
    const head = `${JSON.stringify(wireName)}, ${this.wire(type)}`;
    if (literal === undefined || literal.kind === "none") return `[${head}${prop === wireName ? "" : `, ${JSON.stringify(prop)}`}]`;
    const inner = literal.kind === "some" ? literal.inner : literal;
    const value = this.tsDefault(literal);
    const d = inner.kind === "list" || inner.kind === "emptyMap" ? `() => ${value}` : value;
    return `[${head}, { ${prop === wireName ? "" : `prop: ${JSON.stringify(prop)}, `}default: ${d} }]`;
  }

  private codecName(prefix: string, op: OperationDef): string {
    return this.constant(`operation ${prefix}${op.name}`, `$${prefix}${op.id.ts}`);
  }

  /**
   * The parameters as an implementation receives them (codec tuples, role and local-guest interfaces): every
   * default already applied by the caller, so only trailing optional parameters may be missing.
   */
  private paramList(op: OperationDef): ParamView[] {
    let firstOptionalTail = op.params.length;
    while (firstOptionalTail > 0 && op.params[firstOptionalTail - 1]!.optional) firstOptionalTail--;
    return op.params.map((p, i) => ({ name: p.id.ts, type: this.ts(p.type), optional: i >= firstOptionalTail }));
  }

  /**
   * The parameters of a method the application calls. A parameter with a WIDL default takes it as a TS
   * default initializer, applied before the arguments are encoded: trailing ones may be left out, and one
   * before a required parameter accepts `undefined` (TS's own rule for initialized parameters). Trailing
   * optional parameters without a default may be left out, as before.
   */
  private callerParams(op: OperationDef): ParamView[] {
    const omittable = (i: number): boolean => op.params[i]!.optional || op.params[i]!.default !== undefined;
    let tail = op.params.length;
    while (tail > 0 && omittable(tail - 1)) tail--;
    return op.params.map((p, i) => {
      const literal = defaultOf(p, { kind: "parameter", operation: op.name });
      const initializer = literal === undefined || literal.kind === "none" ? undefined : this.tsDefault(literal);
      const view: ParamView = { name: p.id.ts, type: this.ts(p.type), optional: initializer === undefined && i >= tail };
      return initializer === undefined ? view : { ...view, initializer };
    });
  }

  /** A WIDL default as a TS expression of its type (a fresh value each time it is evaluated). */
  private tsDefault(d: DefaultLiteral): string {
    switch (d.kind) {
      case "int":
        return d.type === "i64" || d.type === "u64" ? `${d.value}n` : `${d.value}`;
      case "float":
        return Object.is(d.value, -0) ? "-0" : String(d.value);
      case "bool":
        return String(d.value);
      case "string":
        return JSON.stringify(d.value);
      case "enum":
        return `${d.def.id.ts}.${d.member.id.ts}`;
      case "none":
        return "undefined";
      case "some":
        return this.tsDefault(d.inner);
      case "list":
        return `[${d.items.map((item) => this.tsDefault(item)).join(", ")}]`;
      case "emptyMap":
        return `new Map<${this.ts(d.keyType)}, ${this.ts(d.valueType)}>()`;
    }
  }

  private emitOperationCodecs(ops: readonly OperationDef[], prefix: string): void {
    if (ops.length === 0) return;
    const codec = this.imports.value(this.runtime, "OperationCodec");
    for (const op of ops) {
      const tuple = this.paramList(op)
        .map((p) => `${p.name}${p.optional ? "?" : ""}: ${p.type}`)
        .join(", ");
      const params = op.params.map((p) =>
        this.fieldTuple(p.name, p.type, p.id.ts, defaultOf(p, { kind: "parameter", operation: op.name })),
      );
      const result = op.returnType.kind === "void" ? "undefined" : this.wire(op.returnType);
      this.file.addVariableStatement({
        declarationKind: VariableDeclarationKind.Const,
        declarations: [
          {
            name: this.codecName(prefix, op),
            initializer: `new ${codec}<[${tuple}], ${this.ts(op.returnType)}>(${JSON.stringify(op.name)}, "${op.wire}", [${params.join(", ")}], ${result})`,
          },
        ],
      });
    }
  }

  // -------------------------------------------------------------------------------------------
  // Host roles

  private rolesTypeName(): string {
    return derivedName(this.className, "HostRoles");
  }

  private emitRoles(): void {
    if (this.hostRoles.length === 0) return;
    for (const role of this.hostRoles) {
      this.file.addInterface({
        name: role.id.ts,
        isExported: true,
        docs: doc(
          [role.description, `The host side of role ${role.name}: the host application implements it, the guest calls it.`]
            .filter((s) => s !== undefined)
            .join("\n\n"),
        ),
        methods: role.operations.map((op) => ({
          name: op.id.ts,
          docs: doc(op.description),
          parameters: this.paramList(op).map((p) => ({ name: p.name, type: p.type, hasQuestionToken: p.optional })),
          returnType: this.ts(op.returnType),
        })),
      });
    }
    this.file.addInterface({
      name: this.rolesTypeName(),
      isExported: true,
      docs: ["The implementations of the host roles the guest calls; a role left out answers the guest with an error."],
      properties: this.hostRoles.map((r) => ({ name: r.property.ts, type: r.id.ts, hasQuestionToken: true })),
    });

    const hostCall = this.imports.type(this.runtime, "HostCall");
    const asyncRoles = this.imports.type(this.runtime, "AsyncHostRoles");
    const notImplemented = this.imports.value(this.runtime, "HostCallNotImplementedError");
    const cases = this.hostRoles.flatMap((role) =>
      role.operations.map((op) => {
        const codec = this.codecName(`${role.id.ts}$`, op);
        const args = op.params.map((_, i) => `args[${i}]`).join(", ");
        const call = `impl.${op.id.ts}(${args})`;
        return [
          `case ${JSON.stringify(op.name)}: {`,
          `const impl = roles.${role.property.ts};`,
          `if (impl === undefined) break;`,
          op.params.length > 0 ? `const args = ${codec}.decodeArgs(payload);` : `${codec}.decodeArgs(payload);`,
          // A Promise is answered later where the guest can wait for it (a pool, loadAsync); see `encodeAnswer`.
          `return ${codec}.encodeAnswer(${call});`,
          `}`,
        ].join("\n");
      }),
    );
    this.file.addFunction({
      name: HOST_CALL_ROUTER,
      docs: [
        `Routes the guest's host calls in namespace "${this.model.namespace.name}" to the role implementations; anything else is answered with an error.`,
      ],
      // Synchronous roles are async roles that never return a Promise: every client routes through this one.
      parameters: [{ name: "roles", type: `${asyncRoles}<${this.rolesTypeName()}>` }],
      returnType: hostCall,
      // One statement: ts-morph puts a blank line between the statements of a list.
      statements: [
        [
          `return (binding, namespace, operation, payload) => {`,
          `if (namespace === ${JSON.stringify(this.model.namespace.name)}) {`,
          `switch (operation) {`,
          ...cases,
          `}`,
          `}`,
          `throw new ${notImplemented}(binding, namespace, operation);`,
          `};`,
        ].join("\n"),
      ],
    });
  }

  // -------------------------------------------------------------------------------------------
  // The class

  /** The context the class and its companions are printed from (./context.ts). */
  private context(ops: readonly OperationDef[], direct: boolean): StubContext {
    return {
      file: this.file,
      imports: this.imports,
      runtime: this.runtime,
      className: this.className,
      namespace: this.model.namespace.name,
      abi: direct ? "direct" : "wapc",
      variants: {
        pool: this.options.pool,
        localGuest: this.options.localGuest,
        loadAsync: this.options.loadAsync,
      },
      rolesType: this.hostRoles.length > 0 ? this.rolesTypeName() : undefined,
      classDocs: doc(
        [this.model.interface.description, `Calls the ${this.model.namespace.name} guest. Each method is synchronous: it runs the guest in-process.`]
          .filter((s) => s !== undefined)
          .join("\n\n"),
      ),
      operations: ops.map((op) => ({
        def: op,
        method: op.id.ts,
        codec: this.codecName("", op),
        params: this.paramList(op),
        callerParams: this.callerParams(op),
        returnType: this.ts(op.returnType),
        docs: doc(methodDoc(op)),
      })),
      ts: (t) => this.ts(t),
      wire: (t) => this.wire(t),
    };
  }

  /** The class for `abi: wapc`; the one for `abi: direct` is in ./direct.ts. */
  private emitClass(ctx: StubContext): void {
    const wapcHost = this.imports.type(this.runtime, "WapcHost");
    this.file.addClass({
      name: this.className,
      isExported: true,
      docs: [...ctx.classDocs],
      ctors: [
        {
          docs: ["Wraps a guest that is already running, e.g. from `load`."],
          parameters: [{ name: "guest", type: `Pick<${wapcHost}, "invokeSync">`, isReadonly: true, scope: Scope.Public }],
        },
      ],
      methods: [
        loaderMethod(ctx, "load", this.className),
        ...ctx.operations.map((op) => {
          const invoke = `this.guest.invokeSync(${op.codec}.name, ${op.codec}.encodeArgs([${op.callerParams.map((p) => p.name).join(", ")}]))`;
          return {
            name: op.method,
            docs: [...op.docs],
            parameters: op.callerParams.map(parameterStructure),
            returnType: op.returnType,
            statements: [op.returnType === "void" ? `${op.codec}.decodeResult(${invoke});` : `return ${op.codec}.decodeResult(${invoke});`],
          };
        }),
      ],
    });
  }
}

/**
 * A `className` the user chose: a legal identifier that, with the names made from it (`<Class>LoadOptions`…), names
 * no schema type or role; the default (`model.namespace.id.ts`) is chosen that way by the model.
 */
function checkClassName(model: Model, className: string): string {
  if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(className) || TS_KEYWORDS.has(className) || TS_GLOBALS.has(className)) {
    throw new CodegenConfigError(`invalid option "className": "${className}" is not a usable TypeScript class name`);
  }
  const taken = new Map([...model.types, ...model.roles].map((d) => [d.id.ts, d.name]));
  for (const name of [className, ...CLASS_NAME_SUFFIXES.map((s) => className + s)]) {
    const owner = taken.get(name);
    if (owner !== undefined) {
      throw new CodegenConfigError(`invalid option "className": the generated ${name} would clash with the schema's ${owner}; choose another class name`);
    }
  }
  return className;
}

function fieldDoc(description: string | undefined, dflt: ModelValue | undefined): string | undefined {
  const parts = [description];
  if (dflt !== undefined) parts.push(`Schema default: ${widlValueText(dflt)}.`);
  const text = parts.filter((s) => s !== undefined).join(" ");
  return text === "" ? undefined : text;
}

function methodDoc(op: OperationDef): string {
  const param = (p: OperationDef["params"][number]): string =>
    `${p.name}: ${typeToWidl(p.type)}${p.default === undefined ? "" : ` = ${widlValueText(p.default)}`}`;
  const sig = `${op.name}(${op.params.map(param).join(", ")}): ${typeToWidl(op.returnType)}`;
  return [op.description, `WIDL: \`${sig}\``].filter((s) => s !== undefined).join("\n\n");
}

