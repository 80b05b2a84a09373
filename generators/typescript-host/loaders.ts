/**
 * The static loaders of the `typescript-host` class and their options: `<Class>.load` (the synchronous class, any
 * engine, synchronous host roles) and `<Class>.loadAsync` (the async client, on the interpreter, whose host roles
 * may return Promises). Both call the runtime's one `load(source, options)`.
 */
import type { OptionalKind, MethodDeclarationStructure } from "ts-morph";
import { derivedName, HOST_CALL_ROUTER, type StubContext } from "./context.js";

/** Which loader: the synchronous class's `load`, or the async client's `loadAsync`. */
export type LoaderKind = "load" | "loadAsync";

/** The name of a loader's options interface: `<Class>LoadOptions`, `<Class>LoadAsyncOptions`. */
function loadOptionsName(ctx: StubContext, kind: LoaderKind): string {
  return derivedName(ctx.className, kind === "load" ? "LoadOptions" : "LoadAsyncOptions");
}

/** The type of `roles` where host roles may answer with Promises: `AsyncHostRoles<<Class>HostRoles>`. */
export function asyncRolesType(ctx: StubContext, rolesType: string): string {
  return `${ctx.imports.type(ctx.runtime, "AsyncHostRoles")}<${rolesType}>`;
}

/** Emits the options interface of a loader. */
export function emitLoadOptions(ctx: StubContext, kind: LoaderKind): void {
  const { imports, runtime, rolesType } = ctx;
  const sync = kind === "load";
  const roles =
    rolesType === undefined
      ? []
      : [
          {
            name: "roles",
            type: sync ? rolesType : asyncRolesType(ctx, rolesType),
            hasQuestionToken: true,
            docs: [
              sync
                ? "The host roles the guest calls, answering synchronously. Defaults to none: every host call fails."
                : "The host roles the guest calls; a method may return a Promise, which the guest waits for. Defaults to none: every host call fails.",
            ],
          },
        ];
  ctx.file.addInterface({
    name: loadOptionsName(ctx, kind),
    isExported: true,
    docs: [`Options of \`${ctx.className}.${kind}\`.`],
    properties: [
      ...roles,
      {
        name: "writer",
        type: imports.type(runtime, "Writer"),
        hasQuestionToken: true,
        docs: ["Receives the guest's standard output (WASI fd 1) as text; its `__console_log` lines go to `host.logger`. Defaults to the process's stdout."],
      },
      sync
        ? {
            name: "engine",
            type: imports.type(runtime, "EngineOption"),
            hasQuestionToken: true,
            docs: ['The engine that runs the guest: `"v8"`, or `"interpreter"` (no WebAssembly needed; `host.fuel` and `host.timeoutMs` apply). Defaults to `host.engine`, else `"v8"`.'],
          }
        : {
            name: "engine",
            type: `"interpreter"`,
            hasQuestionToken: true,
            docs: [
              'The engine that runs the guest: the interpreter, the one that can suspend a guest while a host role\'s Promise settles. Any other engine, here or in `host.engine`, is refused with `HostOptionError`. Defaults to `"interpreter"`.',
            ],
          },
      {
        name: "host",
        type: imports.type(runtime, "HostOptions"),
        hasQuestionToken: true,
        docs: [
          sync
            ? "Host runtime options (WASI grants, limits). Defaults to the runtime's defaults."
            : "Host runtime options (WASI grants, `timeoutMs` per call, `fuel`). Defaults to the runtime's defaults.",
        ],
      },
    ],
  });
}

/**
 * The static loader method: `options` becomes one `load` options object (`host`, then the loader's own keys, the
 * host roles routed by `hostCallFor`, the class's ABI), and the guest is wrapped in `client`.
 */
export function loaderMethod(ctx: StubContext, kind: LoaderKind, client: string): OptionalKind<MethodDeclarationStructure> {
  const load = ctx.imports.value(ctx.runtime, "load");
  const sync = kind === "load";
  const roles = ctx.rolesType === undefined ? "" : "roles, ";
  // The async client's engine is checked: only one that can suspend the guest will do.
  const engine = sync ? "" : "engine = host?.engine, ";
  const engineKey = sync ? "" : `, engine: ${ctx.imports.value(ctx.runtime, "suspendingEngine")}(engine)`;
  const hostCall = ctx.rolesType === undefined ? "" : `, hostCall: ${HOST_CALL_ROUTER}(roles ?? {})`;
  const exportsType = ctx.abi === "direct" ? `<${derivedName(ctx.className, "Exports")}>` : "";
  return {
    name: kind,
    isStatic: true,
    isAsync: true,
    docs: [
      sync
        ? "Loads a guest module (bytes, a file path, a URL, a `fetch` response or a compiled module) and instantiates it."
        : "Loads a guest module (bytes, a file path, a URL, a `fetch` response or a compiled module) on the interpreter engine, for calls that may wait for host roles' Promises.",
    ],
    parameters: [
      { name: "source", type: ctx.imports.type(ctx.runtime, "GuestSource") },
      { name: "options", type: loadOptionsName(ctx, kind), initializer: "{}" },
    ],
    returnType: `Promise<${client}>`,
    statements: [
      `const { ${roles}host, ${engine}...rest } = options;`,
      `return new ${client}(await ${load}${exportsType}(source, { ...host, ...rest${engineKey}${hostCall}, abi: "${ctx.abi}" }));`,
    ],
  };
}
