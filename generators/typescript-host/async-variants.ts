/**
 * More ways in for the `typescript-host` stubs, beside the synchronous in-process class:
 *
 * - a **pool client** (`<Class>.pool(source, options)` → `<Class>Pool`), whose methods return Promises and run the
 *   guest in a worker pool (timeouts, memory caps, hot reload), with host roles that may return Promises;
 * - an **async in-process client** (`<Class>.loadAsync(source, options)` → `<Class>Async`), whose methods return
 *   Promises and run the guest on the interpreter engine, which suspends it while a host role's Promise settles:
 *   async host roles with no worker;
 * - **local guests** (`<Class>.local(impl)`): a guest written in TypeScript, implementing `<Class>Guest`, runs
 *   in-process behind the same class.
 *
 * All reuse what the synchronous class uses: the operation codecs (`$op` constants) for waPC, the lowering helpers
 * for the direct ABI (./direct.ts builds those bodies), so there is one copy of the wire logic per operation however
 * the guest runs. The main generator calls `emitAsyncVariants` once, after it has emitted the class.
 */
import type { OptionalKind, MethodDeclarationStructure } from "ts-morph";
import { Scope } from "./structures.js";
import { derivedName, HOST_CALL_ROUTER, type StubContext } from "./context.js";
import { requireOperations, type DirectVariants } from "./direct.js";
import { asyncRolesType, emitLoadOptions, loaderMethod } from "./loaders.js";
import { parameterStructure } from "./params.js";

/**
 * Adds the pool client, the async in-process client and the local-guest entry point, as the options ask.
 * `direct` holds the direct-ABI bodies, for a direct class.
 */
export function emitAsyncVariants(ctx: StubContext, direct: DirectVariants | undefined): void {
  if (ctx.variants.pool) emitPoolClient(ctx, direct);
  if (ctx.variants.loadAsync) emitAsyncClient(ctx, direct);
  if (ctx.variants.localGuest) emitLocalGuest(ctx, direct);
}

/**
 * The methods of an async client: for waPC, the codecs around `<receiver>.invoke(name, payload<extra>)`; for the
 * direct ABI, the `DirectAsyncGuest.call` on `this.guest` that ./direct.ts built.
 */
function asyncMethods(
  ctx: StubContext,
  direct: DirectVariants | undefined,
  receiver: string,
  extra: string,
): OptionalKind<MethodDeclarationStructure>[] {
  return ctx.operations.map((op) => {
    const common = {
      name: op.method,
      docs: [...op.docs],
      parameters: op.callerParams.map(parameterStructure),
      returnType: `Promise<${op.returnType}>`,
    };
    if (direct !== undefined) {
      return { ...common, statements: [`return ${direct.async.get(op.def.name)!} as Promise<${op.returnType}>;`] };
    }
    const args = `${op.codec}.encodeArgs([${op.params.map((p) => p.name).join(", ")}])`;
    const invoke = `await ${receiver}.invoke(${op.codec}.name, ${args}${extra})`;
    return {
      ...common,
      isAsync: true,
      statements: [op.returnType === "void" ? `${op.codec}.decodeResult(${invoke});` : `return ${op.codec}.decodeResult(${invoke});`],
    };
  });
}

function emitPoolClient(ctx: StubContext, direct: DirectVariants | undefined): void {
  const { file, imports, runtime, className } = ctx;
  const pool = imports.type(runtime, "Pool");
  const poolOptions = imports.type(runtime, "PoolOptions");
  const poolSource = imports.type(runtime, "PoolSource");
  const createPool = imports.value(runtime, "createPool");
  // The direct async guest serves the methods; without operations there is nothing for it to call.
  const directCalls = direct !== undefined && ctx.operations.length > 0;
  const directAsyncGuest = directCalls ? imports.value(runtime, "DirectAsyncGuest") : undefined;
  const clientName = derivedName(className, "Pool");
  const optionsName = derivedName(className, "PoolOptions");

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
              type: asyncRolesType(ctx, ctx.rolesType),
              hasQuestionToken: true,
              docs: [
                "The host roles the guest calls; they run on the main thread, and a method may return a Promise. Defaults to none: every host call fails.",
              ],
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
    properties: directCalls ? [{ name: "guest", type: directAsyncGuest!, isReadonly: true, scope: Scope.Private }] : [],
    ctors: [
      {
        docs: [`Wraps a running pool, e.g. from \`createPool\`${direct !== undefined ? ' with `abi: "direct"`' : ""}.`],
        parameters: [{ name: "pool", type: pool, isReadonly: true, scope: Scope.Public }],
        statements: directCalls ? [`this.guest = new ${directAsyncGuest}(pool);`] : [],
      },
    ],
    methods: [
      // The encoded payload is a fresh buffer nobody else holds, so it is handed to the worker, not copied.
      ...asyncMethods(ctx, direct, "this.pool", ", { transfer: true }"),
      {
        name: "close",
        docs: ["Waits for the calls in flight, then stops the workers."],
        returnType: "Promise<void>",
        statements: ["return this.pool.close();"],
      },
    ],
  });

  const hostCall = ctx.rolesType === undefined ? "" : `, hostCall: ${HOST_CALL_ROUTER}(options?.roles ?? {})`;
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

/**
 * `<Class>.loadAsync` and `<Class>Async`: the guest in-process on the interpreter, each call through `invoke`
 * (waPC) or `DirectGuest.invokeLoweredAsync` (direct), which suspend the guest on a host role's Promise.
 */
function emitAsyncClient(ctx: StubContext, direct: DirectVariants | undefined): void {
  const { file, imports, runtime, className } = ctx;
  const clientName = derivedName(className, "Async");
  emitLoadOptions(ctx, "loadAsync");
  const directCalls = direct !== undefined && ctx.operations.length > 0;
  const directAsyncGuest = directCalls ? imports.value(runtime, "DirectAsyncGuest") : undefined;
  const ctor =
    direct === undefined
      ? {
          docs: ['Wraps a guest that is already running, e.g. from `load(source, { engine: "interpreter" })`.'],
          parameters: [{ name: "guest", type: `Pick<${imports.type(runtime, "WapcHost")}, "invoke">`, isReadonly: true, scope: Scope.Public }],
        }
      : {
          docs: ['Wraps a direct-ABI guest that is already running, e.g. from `load(source, { engine: "interpreter", abi: "direct" })`.'],
          parameters: [{ name: "direct", type: `${imports.type(runtime, "DirectGuest")}<${derivedName(className, "Exports")}>` }],
          statements: [requireOperations(ctx, "direct"), ...(directCalls ? [`this.guest = new ${directAsyncGuest}(direct);`] : [])],
        };
  file.addClass({
    name: clientName,
    isExported: true,
    docs: [
      `Calls the ${ctx.namespace} guest in-process on the interpreter engine. Each method returns a Promise: the guest waits for host roles that return Promises, and runs in slices that let the event loop run (\`host.timeoutMs\` applies). Calls run one after another.`,
    ],
    properties: directCalls ? [{ name: "guest", type: directAsyncGuest!, isReadonly: true, scope: Scope.Private }] : [],
    ctors: [ctor],
    methods: asyncMethods(ctx, direct, "this.guest", ""),
  });
  file.getClassOrThrow(className).addMethod(loaderMethod(ctx, "loadAsync", clientName));
}

function emitLocalGuest(ctx: StubContext, direct: DirectVariants | undefined): void {
  const { file, imports, runtime, className } = ctx;
  const guestName = derivedName(className, "Guest");

  file.addInterface({
    name: guestName,
    isExported: true,
    docs: [`The ${ctx.namespace} guest's operations, for a guest written in TypeScript (see \`${className}.local\`).`],
    methods: ctx.operations.map((op) => ({
      name: op.method,
      docs: [...op.docs],
      parameters: op.params.map(parameterStructure),
      returnType: op.returnType,
    })),
  });

  if (direct !== undefined) {
    emitLocalDirectGuest(ctx, guestName, direct);
    return;
  }
  const localGuest = imports.value(runtime, "LocalGuest");
  const cases = ctx.operations.map((op) =>
    [
      `case ${op.codec}.name: {`,
      op.params.length > 0 ? `const args = ${op.codec}.decodeArgs(payload);` : `${op.codec}.decodeArgs(payload);`,
      op.returnType === "void"
        ? `guest.${op.method}(${op.params.length > 0 ? "...args" : ""});\nreturn ${op.codec}.encodeResult(undefined);`
        : `return ${op.codec}.encodeResult(guest.${op.method}(${op.params.length > 0 ? "...args" : ""}));`,
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
function emitLocalDirectGuest(ctx: StubContext, guestName: string, direct: DirectVariants): void {
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
        `return new ${className}(${localDirectGuest}<${derivedName(className, "Exports")}>((l) => ({`,
        ...ctx.operations.map((op) => `${direct.local.get(op.def.name)!},`),
        `})));`,
      ].join("\n"),
    ],
  });
}
