/**
 * What `widl-bindgen inspect` reports about a guest: its sections, imports, exports, memories, and which
 * ABIs it speaks (docs/abi.md, "Detection"). The report is plain data (it is also the `--json` output);
 * `formatInspectReport` turns it into the text a person reads.
 */
import {
  formatFuncType,
  readWasmModule,
  type Limits,
  type WasmExport,
  type WasmImport,
  type WasmModuleInfo,
} from "./wasm-binary.js";
import { DIRECT_EXPORT_PREFIX } from "./vocabulary.js";

/** An interface a module speaks, as `inspectModule` detects it from its exports and imports. */
export type GuestAbi = "wapc" | "direct" | "wasi";

/** What `inspectModule` reads from a binary; `formatInspectReport` prints it. */
export interface InspectReport {
  readonly file?: string;
  readonly byteLength: number;
  readonly sections: readonly { readonly name: string; readonly offset: number; readonly size: number }[];
  readonly imports: readonly {
    readonly module: string;
    readonly name: string;
    readonly kind: string;
    /** Signature for functions, limits for memories and tables, the value type for globals. */
    readonly signature: string;
  }[];
  readonly exports: readonly { readonly name: string; readonly kind: string; readonly signature: string }[];
  readonly memories: readonly {
    readonly name: string;
    readonly imported: boolean;
    readonly minPages: number;
    readonly maxPages: number | null;
    readonly shared: boolean;
  }[];
  /** The ABIs the module speaks, in the order waPC, direct, WASI; empty for none. */
  readonly abis: readonly GuestAbi[];
  /** For a direct-ABI module, the operations it exports (`__widl_op_<name>`). */
  readonly directOperations: readonly string[];
  /** Which WASI snapshot it imports, when it does. */
  readonly wasiModule?: string;
  /** Problems a host would hit, e.g. a waPC export with the wrong signature. */
  readonly warnings: readonly string[];
}

const PAGE = 65536;
const WASI_MODULES = ["wasi_snapshot_preview1", "wasi_unstable"];

const WAPC_EXPORT_SIGNATURE = "(i32, i32) -> i32";
const DIRECT_EXPORTS: Readonly<Record<string, string>> = {
  __widl_malloc: "(i32, i32) -> i32",
  __widl_free: "(i32, i32, i32) -> nil",
  __widl_ret_area: "() -> i32",
};

function formatLimits(limits: Limits, unit: string): string {
  const max = limits.max === undefined ? "no max" : `max ${limits.max} ${unit}`;
  return `min ${limits.min} ${unit}, ${max}${limits.shared ? ", shared" : ""}${limits.memory64 ? ", memory64" : ""}`;
}

function importSignature(i: WasmImport): string {
  switch (i.kind) {
    case "func":
    case "tag":
      return formatFuncType(i.type);
    case "memory":
      return formatLimits(i.limits, "pages");
    case "table":
      return `${i.elementType}, ${formatLimits(i.limits, "elements")}`;
    case "global":
      return `${i.global.mutable ? "mut " : ""}${i.global.valueType}`;
  }
}

function exportSignature(e: WasmExport): string {
  if (e.type !== undefined) return formatFuncType(e.type);
  if (e.limits !== undefined) return formatLimits(e.limits, "pages");
  if (e.global !== undefined) return `${e.global.mutable ? "mut " : ""}${e.global.valueType}`;
  return `#${e.index}`;
}

/** Builds the report for a module already read by `readWasmModule`. */
export function inspectModuleInfo(info: WasmModuleInfo, file?: string): InspectReport {
  const exportsByName = new Map(info.exports.map((e) => [e.name, e]));
  const warnings: string[] = [];
  const abis: GuestAbi[] = [];

  const guestCall = exportsByName.get("__guest_call");
  if (guestCall !== undefined) {
    abis.push("wapc");
    const sig = exportSignature(guestCall);
    if (guestCall.kind !== "func" || sig !== WAPC_EXPORT_SIGNATURE) {
      warnings.push(`__guest_call is ${guestCall.kind} ${sig}, expected func ${WAPC_EXPORT_SIGNATURE}`);
    }
  }

  const directPresent = Object.keys(DIRECT_EXPORTS).filter((n) => exportsByName.has(n));
  if (directPresent.length === Object.keys(DIRECT_EXPORTS).length) {
    abis.push("direct");
    for (const [name, expected] of Object.entries(DIRECT_EXPORTS)) {
      const sig = exportSignature(exportsByName.get(name)!);
      if (sig !== expected) warnings.push(`${name} is ${sig}, expected ${expected}`);
    }
  } else if (directPresent.length > 0) {
    const missing = Object.keys(DIRECT_EXPORTS).filter((n) => !exportsByName.has(n));
    warnings.push(`exports ${directPresent.join(", ")} but not ${missing.join(", ")}: not a complete direct-ABI guest`);
  }
  const directOperations = info.exports
    .filter((e) => e.kind === "func" && e.name.startsWith(DIRECT_EXPORT_PREFIX))
    .map((e) => e.name.slice(DIRECT_EXPORT_PREFIX.length));

  const wasiModule = WASI_MODULES.find((m) => info.imports.some((i) => i.module === m));
  if (wasiModule !== undefined) abis.push("wasi");

  const memories: InspectReport["memories"][number][] = [];
  const memoryExportName = (index: number) =>
    info.exports.find((e) => e.kind === "memory" && e.index === index)?.name ?? `memory[${index}]`;
  let memIndex = 0;
  for (const i of info.imports) {
    if (i.kind !== "memory") continue;
    memories.push({
      name: `${i.module}.${i.name}`,
      imported: true,
      minPages: i.limits.min,
      maxPages: i.limits.max ?? null,
      shared: i.limits.shared,
    });
    memIndex++;
  }
  for (const m of info.memories) {
    memories.push({ name: memoryExportName(memIndex), imported: false, minPages: m.min, maxPages: m.max ?? null, shared: m.shared });
    memIndex++;
  }
  if ((abis.includes("wapc") || abis.includes("direct")) && !exportsByName.has("memory")) {
    warnings.push("no export named `memory`: a host cannot read or write the guest's memory");
  }

  return {
    ...(file === undefined ? {} : { file }),
    byteLength: info.byteLength,
    sections: info.sections.map((s) => ({ name: s.name, offset: s.offset, size: s.size })),
    imports: info.imports.map((i) => ({ module: i.module, name: i.name, kind: i.kind, signature: importSignature(i) })),
    exports: info.exports.map((e) => ({ name: e.name, kind: e.kind, signature: exportSignature(e) })),
    memories,
    abis,
    directOperations,
    ...(wasiModule === undefined ? {} : { wasiModule }),
    warnings,
  };
}

/** Reads a module's bytes and builds its report; throws WasmBinaryError on a malformed module. */
export function inspectModule(bytes: Uint8Array, file?: string): InspectReport {
  return inspectModuleInfo(readWasmModule(bytes), file);
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / (1024 * 1024)).toFixed(2)} MiB`;
}

function table(rows: readonly (readonly string[])[], indent = "  "): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => indent + row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join("  "));
}

const ABI_LABELS: Readonly<Record<GuestAbi, string>> = { wapc: "waPC", direct: "direct", wasi: "WASI" };

/** The human-readable form of a report. `invokeCommand` is how to call the CLI, for the waPC hint. */
export function formatInspectReport(report: InspectReport, invokeCommand = "widl-bindgen"): string {
  const lines: string[] = [];
  const title = report.file ?? "module";
  lines.push(`${title}: ${report.byteLength} bytes (${formatBytes(report.byteLength)})`);
  const abi = report.abis.length === 0 ? "none (no waPC, direct-ABI or WASI interface)" : report.abis.map((a) => ABI_LABELS[a]).join(" + ");
  lines.push(`ABI: ${abi}${report.wasiModule !== undefined ? ` (imports ${report.wasiModule})` : ""}`);

  lines.push("", `Sections (${report.sections.length}):`);
  lines.push(...table(report.sections.map((s) => [s.name, `${s.size} bytes`, `@0x${s.offset.toString(16)}`])));

  lines.push("", `Imports (${report.imports.length}):`);
  if (report.imports.length === 0) lines.push("  (none)");
  lines.push(...table(report.imports.map((i) => [`${i.module}.${i.name}`, i.kind, i.signature])));

  lines.push("", `Exports (${report.exports.length}):`);
  if (report.exports.length === 0) lines.push("  (none)");
  lines.push(...table(report.exports.map((e) => [e.name, e.kind, e.signature])));

  lines.push("", "Memory:");
  if (report.memories.length === 0) lines.push("  (none)");
  for (const m of report.memories) {
    const max = m.maxPages === null ? "no maximum (up to 4 GiB)" : `max ${m.maxPages} pages (${formatBytes(m.maxPages * PAGE)})`;
    lines.push(`  ${m.name}${m.imported ? " (imported)" : ""}: min ${m.minPages} pages (${formatBytes(m.minPages * PAGE)}), ${max}${m.shared ? ", shared" : ""}`);
  }

  if (report.directOperations.length > 0) {
    lines.push("", `Direct-ABI operations: ${report.directOperations.join(", ")}`);
  }
  for (const w of report.warnings) lines.push("", `warning: ${w}`);
  if (report.abis.includes("wapc")) {
    lines.push("", `This is a waPC guest. Call an operation with:`);
    lines.push(`  ${invokeCommand} invoke ${report.file ?? "<guest.wasm>"} <operation> '<json arguments>'`);
  }
  return lines.join("\n");
}
