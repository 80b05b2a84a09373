/**
 * Runs the official WebAssembly spec suite (`.wast` converted to JSON by wabt's `wast2json`) on the interpreter.
 * Conversion results are cached under test/.out/wasm-spec, keyed by the file's content and the converter's
 * version, so a second run converts nothing.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { funcOfWrapper, invokeWords } from "../../host-runtime/interpreter/boundary.js";
import {
  CompileError,
  Global,
  Instance,
  LinkError,
  Memory,
  Module,
  RuntimeError,
  StackExhaustedError,
  Table,
} from "../../host-runtime/interpreter/index.js";
import { globalWords } from "../../host-runtime/interpreter/js-api.js";
import { externRefId, referencedValue } from "../../host-runtime/interpreter/store.js";

/** The command kinds the runner counts; text-format `assert_malformed` is counted as skipped. */
export const commandKinds = [
  "assert_return",
  "assert_trap",
  "assert_exhaustion",
  "action",
  "assert_invalid",
  "assert_malformed",
  "assert_unlinkable",
  "assert_uninstantiable",
  "skipped_text_malformed",
] as const;
export type CommandKind = (typeof commandKinds)[number];

export interface FileResult {
  readonly file: string;
  readonly passed: Record<CommandKind, number>;
  readonly failures: string[];
}

interface Value {
  readonly type: string;
  readonly value?: string;
}
interface Action {
  readonly type: "invoke" | "get";
  readonly module?: string;
  readonly field: string;
  readonly args?: readonly Value[];
}
interface Command {
  readonly type: string;
  readonly line: number;
  readonly filename?: string;
  readonly name?: string;
  readonly as?: string;
  readonly text?: string;
  readonly module_type?: "binary" | "text";
  readonly action?: Action;
  readonly expected?: readonly Value[];
}

let wast2jsonVersion: string | undefined;

/** The folder of `wast`'s JSON and modules, converting it first unless the cache has it. */
export function convert(wast: string, cacheRoot: string): string {
  wast2jsonVersion ??= execFileSync("wast2json", ["--version"], { encoding: "utf8" }).trim();
  const name = basename(wast, ".wast");
  const key = createHash("sha256").update(wast2jsonVersion).update(readFileSync(wast)).digest("hex").slice(0, 12);
  const dir = join(cacheRoot, `${name}-${key}`);
  const json = join(dir, `${name}.json`);
  if (!existsSync(json)) {
    mkdirSync(dir, { recursive: true });
    // Write the JSON last (wast2json writes modules first), so that an interrupted conversion is redone.
    execFileSync("wast2json", [wast, "-o", json], { stdio: "pipe" });
  }
  return json;
}

/** The spectest module's exports, fresh for each file. */
function spectest(): Record<string, unknown> {
  const print = (): void => {};
  return {
    print,
    print_i32: print,
    print_i64: print,
    print_f32: print,
    print_f64: print,
    print_i32_f32: print,
    print_f64_f64: print,
    global_i32: 666,
    global_i64: 666n,
    global_f32: 666.6,
    global_f64: 666.6,
    table: new Table({ element: "anyfunc", initial: 10, maximum: 20 }),
    memory: new Memory({ initial: 1, maximum: 2 }),
  };
}

/** The raw words of an argument value. */
function argWords(v: Value): [number, number] {
  const value = v.value!;
  switch (v.type) {
    case "i32":
    case "f32":
      return [Number(value) | 0, 0];
    case "i64":
    case "f64": {
      const bits = BigInt(value);
      return [Number(bits & 0xffffffffn) | 0, Number(bits >> 32n) | 0];
    }
    case "externref":
      return [value === "null" ? 0 : externRefId(Number(value)), 0];
    case "funcref":
      if (value === "null") return [0, 0];
      throw new Error(`unsupported funcref argument ${value}`);
    default:
      throw new Error(`unsupported argument type ${v.type}`);
  }
}

/** Why `words` does not match the expected value, or undefined if it does. */
function mismatch(expected: Value, lo: number, hi: number): string | undefined {
  const value = expected.value;
  const hex = (n: number): string => (n >>> 0).toString(16).padStart(8, "0");
  const got = `${expected.type} 0x${hex(hi)}${hex(lo)}`;
  switch (expected.type) {
    case "i32":
      return (Number(value) | 0) === lo ? undefined : `${got}, expected ${value}`;
    case "f32":
      if (value === "nan:canonical") return (lo & 0x7fffffff) === 0x7fc00000 ? undefined : `${got}, expected ${value}`;
      if (value === "nan:arithmetic") return (lo & 0x7fc00000) === 0x7fc00000 ? undefined : `${got}, expected ${value}`;
      return (Number(value) | 0) === lo ? undefined : `${got}, expected ${value}`;
    case "i64":
    case "f64": {
      if (value === "nan:canonical")
        return (hi & 0x7fffffff) === 0x7ff80000 && lo === 0 ? undefined : `${got}, expected ${value}`;
      if (value === "nan:arithmetic") return (hi & 0x7ff80000) === 0x7ff80000 ? undefined : `${got}, expected ${value}`;
      const [elo, ehi] = argWords(expected);
      return elo === lo && ehi === hi ? undefined : `${got}, expected ${value}`;
    }
    case "externref":
      if (value === "null") return lo === 0 ? undefined : `non-null externref, expected null`;
      return referencedValue(lo) === Number(value) ? undefined : `externref ${String(referencedValue(lo))}, expected ${value}`;
    case "funcref":
      if (value === "null") return lo === 0 ? undefined : `non-null funcref, expected null`;
      return lo !== 0 ? undefined : "null funcref, expected a function";
    default:
      return `unsupported expected type ${expected.type}`;
  }
}

/** Runs every command of one converted `.wast` file. */
export function runSpecFile(jsonPath: string): FileResult {
  const dir = jsonPath.slice(0, jsonPath.lastIndexOf("/"));
  const { commands } = JSON.parse(readFileSync(jsonPath, "utf8")) as { commands: Command[] };
  const passed = Object.fromEntries(commandKinds.map((k) => [k, 0])) as Record<CommandKind, number>;
  const failures: string[] = [];
  const registered: Record<string, unknown> = { spectest: spectest() };
  const named = new Map<string, Instance>();
  let current: Instance | undefined;
  const imports = new Proxy(registered, { get: (target, key: string) => target[key] ?? {} }) as Record<
    string,
    Record<string, unknown>
  >;
  const load = (file: string): Module => new Module(readFileSync(join(dir, file)));
  const instanceOf = (name?: string): Instance => {
    const instance = name === undefined ? current : named.get(name);
    if (instance === undefined) throw new Error(`no module ${name ?? "(current)"}`);
    return instance;
  };
  const perform = (action: Action): Int32Array => {
    const instance = instanceOf(action.module);
    const exported = instance.exports[action.field];
    if (action.type === "get") return globalWords(exported as Global);
    const func = funcOfWrapper(exported);
    if (func === undefined) throw new Error(`"${action.field}" is not an exported function`);
    return invokeWords(func, Int32Array.from((action.args ?? []).flatMap(argWords)));
  };
  const expectThrow = (fn: () => unknown, kind: new (...args: never[]) => Error): string | undefined => {
    try {
      fn();
    } catch (e) {
      return e instanceof kind ? undefined : `threw ${String(e)}, expected ${kind.name}`;
    }
    return `did not throw, expected ${kind.name}`;
  };

  for (const command of commands) {
    const where = `${basename(jsonPath, ".json")}.wast:${command.line} ${command.type}`;
    let failure: string | undefined;
    let kind: CommandKind | undefined;
    try {
      switch (command.type) {
        case "module": {
          current = new Instance(load(command.filename!), imports);
          if (command.name !== undefined) named.set(command.name, current);
          break;
        }
        case "register":
          registered[command.as!] = instanceOf(command.name).exports;
          break;
        case "action":
          kind = "action";
          perform(command.action!);
          break;
        case "assert_return": {
          kind = "assert_return";
          const words = perform(command.action!);
          const expected = command.expected!;
          if (words.length !== expected.length * 2) failure = `${words.length / 2} results, expected ${expected.length}`;
          else
            for (let i = 0; i < expected.length && failure === undefined; i++)
              failure = mismatch(expected[i]!, words[2 * i]!, words[2 * i + 1]!);
          break;
        }
        case "assert_trap":
          kind = "assert_trap";
          failure = expectThrow(() => perform(command.action!), RuntimeError);
          break;
        case "assert_exhaustion":
          kind = "assert_exhaustion";
          failure = expectThrow(() => perform(command.action!), StackExhaustedError);
          break;
        case "assert_invalid":
        case "assert_malformed":
          if (command.module_type === "text") {
            kind = "skipped_text_malformed";
            break;
          }
          kind = command.type;
          failure = expectThrow(() => load(command.filename!), CompileError);
          break;
        case "assert_unlinkable":
          kind = "assert_unlinkable";
          failure = expectThrow(() => new Instance(load(command.filename!), imports), LinkError);
          break;
        case "assert_uninstantiable":
          kind = "assert_uninstantiable";
          failure = expectThrow(() => new Instance(load(command.filename!), imports), RuntimeError);
          break;
        default:
          failure = `unknown command type ${command.type}`;
      }
    } catch (e) {
      failure = `threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
    }
    if (failure !== undefined) failures.push(`${where}: ${failure}${command.text ? ` (spec: "${command.text}")` : ""}`);
    else if (kind !== undefined) passed[kind]++;
  }
  return { file: basename(jsonPath, ".json"), passed, failures };
}
