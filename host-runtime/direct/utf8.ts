/**
 * UTF-8 in and out of guest memory for the direct ABI, without intermediate copies: strings are written straight
 * into a block `__widl_malloc` returned, and results are decoded from a view of the guest's memory.
 */
const encoder = new TextEncoder();
// Fatal: a result that is not UTF-8 is a broken guest, and replacing bytes would hide it.
const fatalDecoder = new TextDecoder("utf-8", { fatal: true });

/**
 * Strings up to this many UTF-16 units are written by a JS loop while they are ASCII; longer ones are measured
 * with `Buffer.byteLength` and written by `encodeInto`. The loop wins below about 40 units and loses fast above
 * (bench/abi.ts, "string lowering / lifting": 90 vs 103 ns at 32, 134 vs 110 ns at 48).
 */
export const ASCII_LOOP_MAX = 32;

/**
 * Results up to this many bytes are decoded by a JS loop while they are ASCII, longer ones by the fatal
 * `TextDecoder`, whose fixed cost (about 60 ns) the loop beats only for the shortest strings (bench/abi.ts,
 * "string lowering / lifting": 30 vs 58 ns at 8 bytes, 89 vs 60 ns at 16).
 */
export const ASCII_DECODE_MAX = 8;

/** Node's `Buffer`, when the host has one: its native `byteLength` is the fastest way to measure. */
const nodeBuffer = (globalThis as { Buffer?: { byteLength(s: string, encoding: "utf8"): number } }).Buffer;

/** The UTF-8 length of a string: what `encodeInto` will write (a lone surrogate counts as U+FFFD, 3 bytes). */
export const utf8Length: (s: string) => number =
  nodeBuffer !== undefined ? (s) => nodeBuffer.byteLength(s, "utf8") : countUtf8;

/** `utf8Length` in plain JS, for browsers (exported for its test against `Buffer.byteLength`). */
export function countUtf8(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4; // a surrogate pair: one code point above U+FFFF
      i++;
    } else bytes += 3; // the rest of the BMP, and a lone surrogate written as U+FFFD
  }
  return bytes;
}

/**
 * Writes `s` as ASCII at `mem[ptr…ptr + s.length)` and returns true, or stops at the first non-ASCII unit and
 * returns false (what was written is garbage then).
 */
export function writeAscii(s: string, mem: Uint8Array, ptr: number): boolean {
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) return false;
    mem[ptr + i] = c;
  }
  return true;
}

/** Encodes `s` into `mem[ptr…ptr + len)`, `len` being its `utf8Length`. */
export function writeUtf8(s: string, mem: Uint8Array, ptr: number, len: number): void {
  encoder.encodeInto(s, mem.subarray(ptr, ptr + len));
}

/** Decodes `mem[ptr…ptr + len)`; throws a `TypeError` if the bytes are not UTF-8. */
export function readUtf8(mem: Uint8Array, ptr: number, len: number): string {
  if (len <= ASCII_DECODE_MAX) {
    let s = "";
    for (let i = 0; i < len; i++) {
      const c = mem[ptr + i]!;
      if (c >= 0x80) return fatalDecoder.decode(mem.subarray(ptr, ptr + len));
      s += String.fromCharCode(c);
    }
    return s;
  }
  return fatalDecoder.decode(mem.subarray(ptr, ptr + len));
}
