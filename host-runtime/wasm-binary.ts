/**
 * A small reader (and one surgical writer) for the WebAssembly binary format: enough to list a module's
 * sections with their sizes, its types, imports, functions, exports and memories, and to rewrite the
 * maximum of its memories. `inspect` uses the reader; the pool uses `withMemoryMaximum` to cap guest memory
 * before compiling, since a running module cannot be told to grow less than its own declared maximum.
 *
 * The bytes are untrusted: every length and index is checked against the buffer, and a malformed module
 * raises a WasmBinaryError naming the byte offset, never a RangeError from deep inside a DataView.
 * Only the MVP encodings plus the flags later proposals added to limits (shared, memory64) are decoded;
 * the code and data sections are skipped, not parsed.
 */

/** Thrown for bytes that are not a well-formed WebAssembly module (or use an encoding this reader does not know). */
export class WasmBinaryError extends Error {
  /** Byte offset in the module where reading failed. */
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(`${message} (at byte 0x${offset.toString(16)})`);
    this.name = "WasmBinaryError";
    this.offset = offset;
  }
}

export type ValueType = "i32" | "i64" | "f32" | "f64" | "v128" | "funcref" | "externref";

export interface FuncType {
  readonly params: readonly ValueType[];
  readonly results: readonly ValueType[];
}

/** Limits of a memory (in 64 KiB pages) or a table (in elements). */
export interface Limits {
  readonly min: number;
  /** Absent when the module declares no maximum. */
  readonly max?: number;
  readonly shared: boolean;
  readonly memory64: boolean;
}

export interface GlobalType {
  readonly valueType: ValueType;
  readonly mutable: boolean;
}

export type ExternalKind = "func" | "table" | "memory" | "global" | "tag";

export type ImportDesc =
  | { readonly kind: "func"; readonly typeIndex: number; readonly type: FuncType }
  | { readonly kind: "table"; readonly elementType: ValueType; readonly limits: Limits }
  | { readonly kind: "memory"; readonly limits: Limits }
  | { readonly kind: "global"; readonly global: GlobalType }
  | { readonly kind: "tag"; readonly typeIndex: number; readonly type: FuncType };

export type WasmImport = { readonly module: string; readonly name: string } & ImportDesc;

export interface WasmExport {
  readonly name: string;
  readonly kind: ExternalKind;
  readonly index: number;
  /** For a function export, its signature; for a memory export, its limits; resolved through imports too. */
  readonly type?: FuncType;
  readonly limits?: Limits;
  readonly global?: GlobalType;
}

export interface WasmSection {
  /** Numeric section id (0 = custom). */
  readonly id: number;
  /** `type`, `import`, …, or `custom:<name>` for a custom section. */
  readonly name: string;
  /** Offset of the section id byte. */
  readonly offset: number;
  /** Offset of the first content byte, after the id and the size. */
  readonly contentOffset: number;
  /** Content size in bytes, as declared. */
  readonly size: number;
}

export interface WasmModuleInfo {
  readonly byteLength: number;
  readonly version: number;
  readonly sections: readonly WasmSection[];
  readonly types: readonly FuncType[];
  readonly imports: readonly WasmImport[];
  /** Type index of each function defined in the module (not the imported ones). */
  readonly functions: readonly number[];
  readonly tables: readonly { readonly elementType: ValueType; readonly limits: Limits }[];
  /** Memories defined in the module (imported memories are in `imports`). */
  readonly memories: readonly Limits[];
  readonly globals: readonly GlobalType[];
  readonly exports: readonly WasmExport[];
  /** Function index of the start function, when there is one. */
  readonly start?: number;
}

const SECTION_NAMES: Readonly<Record<number, string>> = {
  0: "custom",
  1: "type",
  2: "import",
  3: "function",
  4: "table",
  5: "memory",
  6: "global",
  7: "export",
  8: "start",
  9: "element",
  10: "code",
  11: "data",
  12: "datacount",
  13: "tag",
};

const VALUE_TYPES: Readonly<Record<number, ValueType>> = {
  0x7f: "i32",
  0x7e: "i64",
  0x7d: "f32",
  0x7c: "f64",
  0x7b: "v128",
  0x70: "funcref",
  0x6f: "externref",
};

const EXTERNAL_KINDS: readonly ExternalKind[] = ["func", "table", "memory", "global", "tag"];

/** The four-byte magic `\0asm`. */
const MAGIC = 0x6d736100;

/** A bounds-checked cursor over a byte range. */
class ByteReader {
  pos: number;
  constructor(
    private readonly bytes: Uint8Array,
    start: number,
    readonly end: number,
  ) {
    this.pos = start;
  }

  fail(message: string, at = this.pos): never {
    throw new WasmBinaryError(message, at);
  }

  byte(): number {
    if (this.pos >= this.end) this.fail("unexpected end of data");
    return this.bytes[this.pos++]!;
  }

  /** An unsigned LEB128 of at most `bits` bits, returned as a number (u64 values above 2^53 lose precision). */
  uleb(bits = 32): number {
    const start = this.pos;
    let result = 0;
    let scale = 1;
    for (let i = 0; i < Math.ceil(bits / 7); i++) {
      const b = this.byte();
      result += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) return result;
      scale *= 128;
    }
    return this.fail(`LEB128 integer longer than ${bits} bits`, start);
  }

  bytesOf(length: number): Uint8Array {
    if (length > this.end - this.pos) this.fail(`length ${length} runs past the end of its section`);
    const out = this.bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }

  name(): string {
    const at = this.pos;
    const raw = this.bytesOf(this.uleb());
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(raw);
    } catch {
      return this.fail("name is not valid UTF-8", at);
    }
  }

  /** A vector count, checked against the bytes left so a hostile count cannot make us loop for long. */
  count(minBytesPerItem = 1): number {
    const at = this.pos;
    const n = this.uleb();
    if (n * minBytesPerItem > this.end - this.pos) this.fail(`vector of ${n} items cannot fit in its section`, at);
    return n;
  }

  valueType(): ValueType {
    const at = this.pos;
    const b = this.byte();
    const t = VALUE_TYPES[b];
    if (t === undefined) this.fail(`unknown value type 0x${b.toString(16)}`, at);
    return t;
  }

  limits(): Limits {
    const at = this.pos;
    const flags = this.byte();
    if (flags > 0x07) this.fail(`unknown limits flags 0x${flags.toString(16)}`, at);
    const memory64 = (flags & 0x04) !== 0;
    const bits = memory64 ? 64 : 32;
    const min = this.uleb(bits);
    const hasMax = (flags & 0x01) !== 0;
    const max = hasMax ? this.uleb(bits) : undefined;
    return max === undefined
      ? { min, shared: (flags & 0x02) !== 0, memory64 }
      : { min, max, shared: (flags & 0x02) !== 0, memory64 };
  }

  globalType(): GlobalType {
    const valueType = this.valueType();
    const mut = this.byte();
    if (mut > 1) this.fail(`bad global mutability ${mut}`, this.pos - 1);
    return { valueType, mutable: mut === 1 };
  }
}

/** Lists the sections of a module without decoding them: ids, names, offsets and sizes. */
export function readSections(bytes: Uint8Array): WasmSection[] {
  if (bytes.length < 8) throw new WasmBinaryError("too short to be a WebAssembly module", 0);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw new WasmBinaryError("not a WebAssembly module (bad magic number)", 0);
  const version = view.getUint32(4, true);
  if (version !== 1) throw new WasmBinaryError(`unsupported binary version ${version} (a component?)`, 4);
  const r = new ByteReader(bytes, 8, bytes.length);
  const sections: WasmSection[] = [];
  while (r.pos < r.end) {
    const offset = r.pos;
    const id = r.byte();
    const size = r.uleb();
    const contentOffset = r.pos;
    if (size > r.end - contentOffset) r.fail(`section of ${size} bytes runs past the end of the module`, offset);
    let name = SECTION_NAMES[id];
    if (name === undefined) r.fail(`unknown section id ${id}`, offset);
    if (id === 0) {
      const inner = new ByteReader(bytes, contentOffset, contentOffset + size);
      name = `custom:${inner.name()}`;
    }
    sections.push({ id, name, offset, contentOffset, size });
    r.pos = contentOffset + size;
  }
  return sections;
}

/** Reads a module's structure: sections, types, imports, functions, tables, memories, globals, exports, start. */
export function readWasmModule(bytes: Uint8Array): WasmModuleInfo {
  const sections = readSections(bytes);
  const types: FuncType[] = [];
  const imports: WasmImport[] = [];
  const functions: number[] = [];
  const tables: { elementType: ValueType; limits: Limits }[] = [];
  const memories: Limits[] = [];
  const globals: GlobalType[] = [];
  const rawExports: { name: string; kind: ExternalKind; index: number }[] = [];
  let start: number | undefined;

  const typeAt = (r: ByteReader, index: number, at: number): FuncType => {
    const t = types[index];
    if (t === undefined) r.fail(`type index ${index} out of range (${types.length} types)`, at);
    return t;
  };

  for (const s of sections) {
    const r = new ByteReader(bytes, s.contentOffset, s.contentOffset + s.size);
    switch (s.id) {
      case 1: {
        for (let i = 0, n = r.count(3); i < n; i++) {
          const at = r.pos;
          const form = r.byte();
          if (form !== 0x60) r.fail(`unsupported type form 0x${form.toString(16)} (only function types are read)`, at);
          const params = Array.from({ length: r.count() }, () => r.valueType());
          const results = Array.from({ length: r.count() }, () => r.valueType());
          types.push({ params, results });
        }
        break;
      }
      case 2: {
        for (let i = 0, n = r.count(4); i < n; i++) {
          const module = r.name();
          const name = r.name();
          const at = r.pos;
          const kind = r.byte();
          switch (kind) {
            case 0x00: {
              const typeIndex = r.uleb();
              imports.push({ module, name, kind: "func", typeIndex, type: typeAt(r, typeIndex, at + 1) });
              break;
            }
            case 0x01:
              imports.push({ module, name, kind: "table", elementType: r.valueType(), limits: r.limits() });
              break;
            case 0x02:
              imports.push({ module, name, kind: "memory", limits: r.limits() });
              break;
            case 0x03:
              imports.push({ module, name, kind: "global", global: r.globalType() });
              break;
            case 0x04: {
              r.byte(); // tag attribute: always 0 (exception)
              const typeIndex = r.uleb();
              imports.push({ module, name, kind: "tag", typeIndex, type: typeAt(r, typeIndex, at + 2) });
              break;
            }
            default:
              r.fail(`unknown import kind 0x${kind.toString(16)}`, at);
          }
        }
        break;
      }
      case 3:
        for (let i = 0, n = r.count(); i < n; i++) {
          const at = r.pos;
          const typeIndex = r.uleb();
          typeAt(r, typeIndex, at);
          functions.push(typeIndex);
        }
        break;
      case 4:
        for (let i = 0, n = r.count(2); i < n; i++) tables.push({ elementType: r.valueType(), limits: r.limits() });
        break;
      case 5:
        for (let i = 0, n = r.count(2); i < n; i++) memories.push(r.limits());
        break;
      case 6:
        // Only the types are read; each global's init expression is skipped up to its `end` (0x0b).
        for (let i = 0, n = r.count(3); i < n; i++) {
          globals.push(r.globalType());
          skipConstExpr(r);
        }
        break;
      case 7:
        for (let i = 0, n = r.count(3); i < n; i++) {
          const name = r.name();
          const at = r.pos;
          const kindByte = r.byte();
          const kind = EXTERNAL_KINDS[kindByte];
          if (kind === undefined) r.fail(`unknown export kind 0x${kindByte.toString(16)}`, at);
          rawExports.push({ name, kind, index: r.uleb() });
        }
        break;
      case 8:
        start = r.uleb();
        break;
      default:
        break;
    }
  }

  const importsOf = (kind: ExternalKind) => imports.filter((i) => i.kind === kind);
  const funcImports = importsOf("func") as Extract<WasmImport, { kind: "func" }>[];
  const memImports = importsOf("memory") as Extract<WasmImport, { kind: "memory" }>[];
  const globalImports = importsOf("global") as Extract<WasmImport, { kind: "global" }>[];

  const exports: WasmExport[] = rawExports.map((e) => {
    switch (e.kind) {
      case "func": {
        const imported = funcImports[e.index];
        const local = functions[e.index - funcImports.length];
        const type = imported?.type ?? (local === undefined ? undefined : types[local]);
        return type === undefined ? e : { ...e, type };
      }
      case "memory": {
        const limits = memImports[e.index]?.limits ?? memories[e.index - memImports.length];
        return limits === undefined ? e : { ...e, limits };
      }
      case "global": {
        const global = globalImports[e.index]?.global ?? globals[e.index - globalImports.length];
        return global === undefined ? e : { ...e, global };
      }
      default:
        return e;
    }
  });

  const version = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
  return {
    byteLength: bytes.length,
    version,
    sections,
    types,
    imports,
    functions,
    tables,
    memories,
    globals,
    exports,
    ...(start === undefined ? {} : { start }),
  };
}

/** Skips a constant expression (global initializer) up to and including its `end` opcode. */
function skipConstExpr(r: ByteReader): void {
  for (;;) {
    const at = r.pos;
    const op = r.byte();
    switch (op) {
      case 0x0b:
        return;
      case 0x41: // i32.const
      case 0x42: // i64.const
        r.uleb(64); // signed LEB, but only its length matters here
        break;
      case 0x43:
        r.bytesOf(4);
        break;
      case 0x44:
        r.bytesOf(8);
        break;
      case 0x23: // global.get
      case 0xd2: // ref.func
        r.uleb();
        break;
      case 0xd0: // ref.null t
        r.byte();
        break;
      case 0x6a: // i32.add / sub / mul and the i64 ones (extended-const)
      case 0x6b:
      case 0x6c:
      case 0x7c:
      case 0x7d:
      case 0x7e:
        break;
      default:
        r.fail(`unsupported opcode 0x${op.toString(16)} in a constant expression`, at);
    }
  }
}

/** A function signature as text, in wasm-objdump's style: `(i32, i32) -> i32`. */
export function formatFuncType(type: FuncType): string {
  const results = type.results.length === 0 ? "nil" : type.results.length === 1 ? type.results[0]! : `(${type.results.join(", ")})`;
  return `(${type.params.join(", ")}) -> ${results}`;
}

function encodeUleb(value: number): number[] {
  const out: number[] = [];
  do {
    let b = value % 128;
    value = Math.floor(value / 128);
    if (value !== 0) b |= 0x80;
    out.push(b);
  } while (value !== 0);
  return out;
}

/**
 * Returns a copy of the module whose defined memories have their maximum set to `maxPages` (64 KiB pages),
 * or lowered to it when the module declares a larger one; a smaller declared maximum is kept. A minimum above
 * the cap is an error: such a module could not start within it. Imported memories are left alone; whoever
 * provides them sets their maximum. A module without a memory section is returned unchanged (same bytes).
 */
export function withMemoryMaximum(bytes: Uint8Array, maxPages: number): Uint8Array {
  if (!Number.isInteger(maxPages) || maxPages < 0 || maxPages > 65536) {
    throw new RangeError(`maxPages must be an integer from 0 to 65536, got ${maxPages}`);
  }
  const section = readSections(bytes).find((s) => s.id === 5);
  if (section === undefined) return bytes;
  const r = new ByteReader(bytes, section.contentOffset, section.contentOffset + section.size);
  const content: number[] = [];
  const n = r.count(2);
  content.push(...encodeUleb(n));
  for (let i = 0; i < n; i++) {
    const at = r.pos;
    const limits = r.limits();
    if (limits.memory64) r.fail("memory64 memories cannot be capped by this reader", at);
    if (limits.min > maxPages) {
      throw new WasmBinaryError(`memory ${i} needs at least ${limits.min} pages, above the cap of ${maxPages}`, at);
    }
    const max = limits.max === undefined ? maxPages : Math.min(limits.max, maxPages);
    content.push(0x01 | (limits.shared ? 0x02 : 0), ...encodeUleb(limits.min), ...encodeUleb(max));
  }
  const header = [5, ...encodeUleb(content.length)];
  const sectionEnd = section.contentOffset + section.size;
  const out = new Uint8Array(section.offset + header.length + content.length + (bytes.length - sectionEnd));
  out.set(bytes.subarray(0, section.offset), 0);
  out.set(header, section.offset);
  out.set(content, section.offset + header.length);
  out.set(bytes.subarray(sectionEnd), section.offset + header.length + content.length);
  return out;
}
