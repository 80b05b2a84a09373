/**
 * UTF-8 ↔ AssemblyScript strings (UTF-16), with an ASCII fast path: 8 bytes are checked, and widened or
 * narrowed, per step instead of one byte per step; 16 per step when the guest is built with
 * `--enable simd` (`ASC_FEATURE_SIMD`, a compile-time constant: the other path is not compiled). Anything that is not ASCII goes to the standard
 * library's `String.UTF8`, which handles every case (including lone surrogates, written as WTF-8, as
 * `String.UTF8` does).
 *
 * Measured on the P1 echo guest (`echo(s: string): string`, direct ABI, guest side, 64 KiB of ASCII):
 * 77 µs with `String.UTF8` alone, 31 µs with the scalar fast path, 6 µs with SIMD
 * (`npx tsx bench/assemblyscript-strings.ts`).
 */

/** Bytes of `s` as UTF-8. */
export function utf8Length(s: string): i32 {
  const len = s.length;
  const start = changetype<usize>(s);
  const end = start + (<usize>len << 1);
  let p = start;
  if (ASC_FEATURE_SIMD) {
    // Eight units per step when built with --enable simd.
    const high = i16x8.splat(<i16>0xff80);
    while (p + 16 <= end) {
      if (v128.any_true(v128.and(v128.load(p), high))) return String.UTF8.byteLength(s);
      p += 16;
    }
  }
  // Four UTF-16 units per step: all below 0x80 means all ASCII.
  while (p + 8 <= end) {
    if ((load<u64>(p) & 0xff80ff80ff80ff80) != 0) return String.UTF8.byteLength(s);
    p += 8;
  }
  while (p < end) {
    if (load<u16>(p) >= 0x80) return String.UTF8.byteLength(s);
    p += 2;
  }
  return len;
}

/**
 * Writes `s` as UTF-8 at `dst`, which has room for `byteLength` bytes (from `utf8Length`); returns
 * `byteLength`. When it equals the number of UTF-16 units, the string is ASCII.
 */
export function writeUtf8(s: string, dst: usize, byteLength: i32): i32 {
  const len = s.length;
  if (byteLength != len) {
    String.UTF8.encodeUnsafe(changetype<usize>(s), len, dst);
    return byteLength;
  }
  let src = changetype<usize>(s);
  const end = dst + <usize>len;
  if (ASC_FEATURE_SIMD) {
    while (dst + 16 <= end) {
      v128.store(dst, i8x16.narrow_i16x8_u(v128.load(src), v128.load(src, 16)));
      src += 32;
      dst += 16;
    }
  }
  while (dst + 4 <= end) {
    const units = load<u64>(src);
    store<u32>(dst, <u32>((units & 0xff) | ((units >> 8) & 0xff00) | ((units >> 16) & 0xff0000) | ((units >> 24) & 0xff000000)));
    src += 8;
    dst += 4;
  }
  while (dst < end) {
    store<u8>(dst, <u8>load<u16>(src));
    src += 2;
    dst += 1;
  }
  return byteLength;
}

/**
 * Writes `s` at `dst` (room for `s.length` bytes) if it is all ASCII, and returns true; returns false as
 * soon as it meets a unit that is not, leaving `dst` partly written. One pass for the common case, where
 * `utf8Length` then `writeUtf8` would read the string twice.
 */
export function tryWriteAscii(s: string, dst: usize): bool {
  let src = changetype<usize>(s);
  const end = dst + <usize>s.length;
  if (ASC_FEATURE_SIMD) {
    // Sixteen units per step when built with --enable simd: check, then narrow to bytes.
    const high = i16x8.splat(<i16>0xff80);
    while (dst + 16 <= end) {
      const a = v128.load(src);
      const b = v128.load(src, 16);
      if (v128.any_true(v128.and(v128.or(a, b), high))) return false;
      v128.store(dst, i8x16.narrow_i16x8_u(a, b));
      src += 32;
      dst += 16;
    }
  }
  while (dst + 4 <= end) {
    const units = load<u64>(src);
    if ((units & 0xff80ff80ff80ff80) != 0) return false;
    store<u32>(dst, <u32>((units & 0xff) | ((units >> 8) & 0xff00) | ((units >> 16) & 0xff0000) | ((units >> 24) & 0xff000000)));
    src += 8;
    dst += 4;
  }
  while (dst < end) {
    const unit = load<u16>(src);
    if (unit >= 0x80) return false;
    store<u8>(dst, <u8>unit);
    src += 2;
    dst += 1;
  }
  return true;
}

// @ts-ignore: decorator
@inline function widen(bytes: u64): u64 {
  return (bytes & 0xff) | ((bytes & 0xff00) << 8) | ((bytes & 0xff0000) << 16) | ((bytes & 0xff000000) << 24);
}

/**
 * Decodes `len` bytes of UTF-8 at `ptr` into a new string. ASCII is checked and widened in the same pass,
 * 8 bytes per step; at the first other byte the half-built string is dropped (the collector takes it) and
 * `String.UTF8` decodes the whole input.
 */
export function readUtf8(ptr: usize, len: usize): string {
  if (len == 0) return "";
  const out = __new(len << 1, idof<String>());
  const end = ptr + len;
  let src = ptr;
  let dst = out;
  if (ASC_FEATURE_SIMD) {
    // Sixteen bytes per step when built with --enable simd: check, then widen to UTF-16 units.
    const high = i8x16.splat(<i8>0x80);
    while (src + 16 <= end) {
      const bytes = v128.load(src);
      if (v128.any_true(v128.and(bytes, high))) return String.UTF8.decodeUnsafe(ptr, len);
      v128.store(dst, i16x8.extend_low_i8x16_u(bytes));
      v128.store(dst, i16x8.extend_high_i8x16_u(bytes), 16);
      src += 16;
      dst += 32;
    }
  }
  while (src + 8 <= end) {
    const bytes = load<u64>(src);
    if ((bytes & 0x8080808080808080) != 0) return String.UTF8.decodeUnsafe(ptr, len);
    store<u64>(dst, widen(bytes & 0xffffffff));
    store<u64>(dst, widen(bytes >> 32), 8);
    src += 8;
    dst += 16;
  }
  while (src < end) {
    const b = load<u8>(src);
    if (b >= 0x80) return String.UTF8.decodeUnsafe(ptr, len);
    store<u16>(dst, <u16>b);
    src += 1;
    dst += 2;
  }
  return changetype<string>(out);
}
