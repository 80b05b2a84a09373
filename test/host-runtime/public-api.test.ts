/**
 * The public API of @widl-bindgen/host, entry by entry: exactly these names (anything else would be an internal
 * leaking out), each with JSDoc. Read through the TypeScript compiler, as an editor shows them to a user.
 */
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../cli/run-cli.js";

const core = [
  "AsyncHostCallError", "AsyncHostRoles", "AsyncRole", "DecodeError", "DirectExports", "DirectGuest", "EncodeError", "EngineName", "EngineOption", "Guest", "GuestAbi",
  "GuestAbort", "GuestError", "GuestFuelExhaustedError", "GuestInitTimeoutError", "GuestLimits", "GuestProtocolError",
  "GuestSource", "GuestTimeoutError", "GuestTrapError", "HostAbi",
  "HostCall", "HostCallMap", "HostCallNotImplementedError", "HostOperation", "HostOptionError", "HostOptions",
  "InspectReport", "InvalidWasm", "LoadOptions", "MemoryAccessError", "MemoryLimitError", "ModuleSource",
  "PoolClosedError", "PoolOverloadedError", "ReentrantCallError", "StreamingFailure", "WapcHost", "WasiExitError", "WasiOptions",
  "WasmBinaryError", "WebAssemblyEngine", "WidlHostError", "WidlHostErrorOptions", "WorkerCrashError", "Writer",
  "clearModuleCache", "engineNames", "formatInspectReport", "inspectModule", "instantiate", "instantiateStreaming", "load",
];
const codegen = [
  "AsyncHostRoles", "DirectAsyncGuest", "DirectExports", "DirectGuest", "EngineOption", "GuestSource", "HostCall",
  "HostCallNotImplementedError", "HostOptions", "LocalDirectHeap", "LocalGuest", "OperationCodec", "StructWire",
  "UnionWire", "WapcHost", "WireField", "WireFieldInput", "WireFieldOptions", "WireType", "Writer", "load",
  "localDirectGuest", "suspendingEngine", "wire",
];
const nodePool = ["AsyncHostCall", "AsyncHostCallMap", "InvokeOptions", "Pool", "PoolOptions", "PoolSource", "PoolStats", "createPool", "registerErrorClass"];

/** Entry file → the names it must export. */
const entries: Record<string, string[]> = {
  "host-runtime/index.ts": core,
  "host-runtime/node.ts": [...core, ...nodePool],
  "host-runtime/codegen.ts": codegen,
  "host-runtime/codegen-node.ts": [...codegen, "Pool", "PoolOptions", "PoolSource", "createPool"],
  "host-runtime/wapc.ts": ["WapcHost", "errors", "instantiate", "instantiateStreaming"],
  "host-runtime/http/index.ts": [
    "ArgumentError", "GuestServerOptionError", "GuestServerOptions", "OperationCodec", "ServeGuestOptions",
    "ServingGuest", "ServingMode", "UnknownOperationError", "formatJson", "formatResultText", "genericCodec",
    "parseJsonArguments", "serveGuest", "servingMode",
  ],
  "host-runtime/vocabulary.ts": ["DIRECT_EXPORT_PREFIX", "EngineName", "INTEGER_RANGES", "IntegerName", "SmallIntegerName", "WireShape", "directExportName", "engineNames"],
  "host-runtime/interpreter-api.ts": [
    "CallOptions", "CompileError", "FuelExhaustedError", "Global", "Instance", "InterruptedError", "LinkError",
    "Memory", "Module", "RuntimeError", "StackExhaustedError", "SuspensionError", "Table", "compile", "instantiate",
    "interpreter", "isInterpreterInstance", "validate",
  ],
};

const files = Object.keys(entries).map((file) => join(repoRoot, file));
const program = ts.createProgram(files, {
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2022,
  lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
  types: ["node"],
  typeRoots: [join(repoRoot, "node_modules/@types")],
  skipLibCheck: true,
  noEmit: true,
});
const checker = program.getTypeChecker();

/**
 * Whether a symbol has JSDoc: its declaration's, or for a re-exported namespace (`export { wire }`,
 * `export * as errors`), the comment on the export statement.
 */
function documented(symbol: ts.Symbol): boolean {
  if (ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim() !== "") return true;
  return (symbol.declarations ?? []).some((d) => {
    let node: ts.Node = d;
    while (!ts.isSourceFile(node.parent) && !ts.isModuleBlock(node.parent)) node = node.parent;
    return ts.getJSDocCommentsAndTags(node).length > 0 || ((node as { jsDoc?: unknown[] }).jsDoc?.length ?? 0) > 0;
  });
}

/** Each export of a file, with whether it, or anything along its chain of re-exports, has JSDoc. */
function exportsOf(file: string): { name: string; documented: boolean }[] {
  const module = checker.getSymbolAtLocation(program.getSourceFile(join(repoRoot, file))!)!;
  return checker.getExportsOfModule(module).map((symbol) => {
    const chain = [symbol];
    for (let s = symbol; s.flags & ts.SymbolFlags.Alias; ) {
      const next = checker.getImmediateAliasedSymbol(s);
      if (next === undefined || chain.includes(next)) break;
      chain.push((s = next));
    }
    if (symbol.flags & ts.SymbolFlags.Alias) chain.push(checker.getAliasedSymbol(symbol));
    return { name: symbol.name, documented: chain.some(documented) };
  });
}

describe("the public API", () => {
  it.each(Object.entries(entries))("%s exports exactly its names", (file, names) => {
    expect(exportsOf(file).map((e) => e.name).sort()).toEqual([...names].sort());
  });

  it.each(Object.keys(entries))("%s documents every export", (file) => {
    expect(exportsOf(file).filter((e) => !e.documented).map((e) => e.name)).toEqual([]);
  });
});
