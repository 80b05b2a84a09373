/**
 * Two more ways in for the `typescript-host` stubs, beside the synchronous in-process class:
 *
 * - a **pool client** (`<Class>.pool(source, options)` → `<Class>Pool`), whose methods return Promises and run the
 *   guest in a worker pool (timeouts, memory caps, hot reload);
 * - **local guests** (`<Class>.local(impl)`): a guest written in TypeScript, implementing `<Class>Guest`, runs
 *   in-process behind the same class.
 *
 * Both reuse the operation codecs (`$op` constants) the synchronous class uses, so there is one copy of the wire
 * logic per operation however the guest runs. The main generator calls `emitAsyncVariants` once, after it has
 * emitted the class; this file only adds declarations.
 */
import { Scope, type SourceFile } from "ts-morph";
import type { ImportRegistry } from "./import-registry.js";
import type { AsyncVariantOptions } from "./options.js";
import { parameterStructure, type ParamView } from "./params.js";

/** One operation's method, as the synchronous class declares it. */
export interface StubMethod {
  readonly method: string;
  /** The name of the operation's `OperationCodec` constant. */
  readonly codec: string;
  /** The parameters as an implementation receives them (defaults applied): the local guest's interface. */
  readonly params: readonly ParamView[];
  /** The parameters of the method the application calls, with WIDL defaults as initializers. */
  readonly callerParams: readonly ParamView[];
  /** The TS result type (`void` for none). */
  readonly returnType: string;
  readonly docs: readonly string[];
  /**
   * For the direct-ABI class, the pooled call expression (a `DirectPoolGuest.call` on `this.guest`), built by
   * ./direct.ts from the same lowering helpers as the synchronous method; absent for waPC.
   */
  readonly directPoolCall?: string;
  /** For the direct-ABI class, the local guest's export of this operation (see ./direct.ts); absent for waPC. */
  readonly directLocalExport?: string;
}

/** What the main generator shares with this file. */
export interface StubContext {
  readonly file: SourceFile;
  readonly imports: ImportRegistry;
  readonly runtime: string;
  readonly className: string;
  readonly namespace: string;
  /** The name of the `<Class>HostRoles` interface, when the guest calls host roles. */
  readonly rolesType: string | undefined;
  /** The ABI of the class: the pool client runs over the same one (`createPool`'s `abi` option). */
  readonly abi: "wapc" | "direct";
  readonly methods: readonly StubMethod[];
}

/** Adds the pool client and the local-guest entry point, as the options ask. */
export function emitAsyncVariants(ctx: StubContext, options: AsyncVariantOptions): void {
  if (options.pool === true) emitPoolClient(ctx);
  if (options.localGuest === true) emitLocalGuest(ctx);
}

function emitPoolClient(ctx: StubContext): void {
  const { file, imports, runtime, className } = ctx;
  const pool = imports.type(runtime, "Pool");
  const poolOptions = imports.type(runtime, "PoolOptions");
  const poolSource = imports.type(runtime, "PoolSource");
  const createPool = imports.value(runtime, "createPool");
  // The direct pool guest serves the methods; without operations there is nothing for it to call.
  const direct = ctx.abi === "direct" && ctx.methods.length > 0;
  const directPoolGuest = direct ? imports.value(runtime, "DirectPoolGuest") : undefined;
  const clientName = `${className}Pool`;
  const optionsName = `${className}PoolOptions`;

  file.addInterface({
    name: optionsName,
    isExported: true,
    docs: [`Options of \`${className}.pool\`.`],
    properties: [
      ...(ctx.rolesType === undefined
        ? []
        : [
            {
              name: "roles",
              type: ctx.rolesType,
              hasQuestionToken: true,
              docs: ["The host roles the guest calls; they run on the main thread. Defaults to none: every host call fails."],
            },
          ]),
      {
        name: "pool",
        // The ABI is the class's; host calls come from `roles` when the guest has any.
        type: `Omit<${poolOptions}, ${ctx.rolesType === undefined ? `"abi"` : `"abi" | "hostCall"`}>`,
        hasQuestionToken: true,
        docs: ["Pool options: size, timeoutMs, maxMemoryBytes, queueLimit, WASI grants. Defaults to the runtime's defaults."],
      },
    ],
  });

  file.addClass({
    name: clientName,
    isExported: true,
    docs: [
      `Calls the ${ctx.namespace} guest in a pool of worker threads. Each method returns a Promise; a runaway or crashing guest cannot stall the caller.`,
    ],
    properties: direct ? [{ name: "guest", type: directPoolGuest!, isReadonly: true, scope: Scope.Private }] : [],
    ctors: [
      {
        docs: [`Wraps a running pool, e.g. from \`createPool\`${direct ? ' with `abi: "direct"`' : ""}.`],
        parameters: [{ name: "pool", type: pool, isReadonly: true, scope: Scope.Public }],
        statements: direct ? [`this.guest = new ${directPoolGuest}(pool);`] : [],
      },
    ],
    methods: [
      ...ctx.methods.map((m) => {
        if (m.directPoolCall !== undefined) {
          return {
            name: m.method,
            docs: [...m.docs],
            parameters: m.callerParams.map(parameterStructure),
            returnType: `Promise<${m.returnType}>`,
            statements: [`return ${m.directPoolCall} as Promise<${m.returnType}>;`],
          };
        }
        const args = `${m.codec}.encodeArgs([${m.params.map((p) => p.name).join(", ")}])`;
        // The encoded payload is a fresh buffer nobody else holds, so it is handed to the worker, not copied.
        const invoke = `await this.pool.invoke(${m.codec}.name, ${args}, { transfer: true })`;
        return {
          name: m.method,
          isAsync: true,
          docs: [...m.docs],
          parameters: m.callerParams.map(parameterStructure),
          returnType: `Promise<${m.returnType}>`,
          statements: [m.returnType === "void" ? `${m.codec}.decodeResult(${invoke});` : `return ${m.codec}.decodeResult(${invoke});`],
        };
      }),
      {
        name: "close",
        docs: ["Waits for the calls in flight, then stops the workers."],
        returnType: "Promise<void>",
        statements: ["return this.pool.close();"],
      },
    ],
  });

  const hostCall = ctx.rolesType === undefined ? "" : `, hostCall: hostCallFor(options?.roles ?? {})`;
  file.getClassOrThrow(className).addMethod({
    name: "pool",
    isStatic: true,
    isAsync: true,
    docs: ["Starts a pool of worker threads running the guest (bytes, a file path, a URL or a compiled module)."],
    parameters: [
      { name: "source", type: poolSource },
      { name: "options", type: optionsName, hasQuestionToken: true },
    ],
    returnType: `Promise<${clientName}>`,
    statements: [`return new ${clientName}(await ${createPool}(source, { ...options?.pool${hostCall}, abi: "${ctx.abi}" }));`],
  });
}

function emitLocalGuest(ctx: StubContext): void {
  const { file, imports, runtime, className } = ctx;
  const guestName = `${className}Guest`;

  file.addInterface({
    name: guestName,
    isExported: true,
    docs: [`The ${ctx.namespace} guest's operations, for a guest written in TypeScript (see \`${className}.local\`).`],
    methods: ctx.methods.map((m) => ({
      name: m.method,
      docs: [...m.docs],
      parameters: m.params.map(parameterStructure),
      returnType: m.returnType,
    })),
  });

  if (ctx.abi === "direct") {
    emitLocalDirectGuest(ctx, guestName);
    return;
  }
  const localGuest = imports.value(runtime, "LocalGuest");
  const cases = ctx.methods.map((m) =>
    [
      `case ${m.codec}.name: {`,
      m.params.length > 0 ? `const args = ${m.codec}.decodeArgs(payload);` : `${m.codec}.decodeArgs(payload);`,
      m.returnType === "void"
        ? `guest.${m.method}(${m.params.length > 0 ? "...args" : ""});\nreturn ${m.codec}.encodeResult(undefined);`
        : `return ${m.codec}.encodeResult(guest.${m.method}(${m.params.length > 0 ? "...args" : ""}));`,
      `}`,
    ].join("\n"),
  );
  file.getClassOrThrow(className).addMethod({
    name: "local",
    isStatic: true,
    docs: [
      "Runs a guest written in TypeScript in-process. Arguments and results cross the same msgpack encoding as with a wasm guest, so ranges, optional fields and errors behave the same.",
    ],
    parameters: [{ name: "guest", type: guestName }],
    returnType: className,
    statements: [
      [
        `return new ${className}(new ${localGuest}((operation, payload) => {`,
        `switch (operation) {`,
        ...cases,
        `}`,
        `return undefined;`,
        `}));`,
      ].join("\n"),
    ],
  });
}

/**
 * `<Class>.local` for the direct-ABI class: the guest's exports written in TS over a `LocalDirectHeap`, so each
 * call crosses the class's own lowering and lifting (host-runtime/local/local-direct-guest.ts).
 */
function emitLocalDirectGuest(ctx: StubContext, guestName: string): void {
  const { file, imports, runtime, className } = ctx;
  const localDirectGuest = imports.value(runtime, "localDirectGuest");
  file.getClassOrThrow(className).addMethod({
    name: "local",
    isStatic: true,
    docs: [
      "Runs a guest written in TypeScript in-process, behind the direct ABI: arguments and results cross guest memory as with a wasm guest (composites as msgpack), so ranges, optional fields and errors behave the same.",
    ],
    parameters: [{ name: "guest", type: guestName }],
    returnType: className,
    statements: [
      [
        `return new ${className}(${localDirectGuest}<${className}Exports>((l) => ({`,
        ...ctx.methods.map((m) => `${m.directLocalExport!},`),
        `})));`,
      ].join("\n"),
    ],
  });
}
