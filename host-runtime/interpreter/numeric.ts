import { RuntimeError } from "./errors.js";

/**
 * The numeric helpers the executor calls for instructions too long to inline: i64 arithmetic on (lo, hi) word
 * pairs, so that i64 code stays off BigInt, and the float conversions whose rounding or trapping needs care.
 * Each writes its result back into the stack words it is given.
 */

const TWO32 = 4294967296;

export function trap(message: string): never {
  throw new RuntimeError(message);
}

/** The high 32 bits of the unsigned 64-bit product of two u32 values, by 16-bit limbs. */
function mulHighU32(a: number, b: number): number {
  const a0 = a & 0xffff;
  const a1 = a >>> 16;
  const b0 = b & 0xffff;
  const b1 = b >>> 16;
  const t0 = a0 * b0;
  const t1 = a1 * b0 + (t0 >>> 16);
  const t2 = a0 * b1 + (t1 & 0xffff);
  return (a1 * b1 + (t1 >>> 16) + (t2 >>> 16)) | 0;
}

/** i64.mul of the values at words `at` and `at + 2`, result at `at`. */
export function i64Mul(I: Int32Array, at: number): void {
  const alo = I[at]!;
  const ahi = I[at + 1]!;
  const blo = I[at + 2]!;
  const bhi = I[at + 3]!;
  I[at + 1] = (mulHighU32(alo >>> 0, blo >>> 0) + Math.imul(alo, bhi) + Math.imul(ahi, blo)) | 0;
  I[at] = Math.imul(alo, blo);
}

/** i64.shl, i64.shr_s, i64.shr_u, i64.rotl, i64.rotr (0x86–0x8a) of the values at `at` and `at + 2`. */
export function i64Shift(I: Int32Array, at: number, op: number): void {
  let lo = I[at]!;
  let hi = I[at + 1]!;
  const n = I[at + 2]! & 63;
  if (op === 0x89 || op === 0x8a) {
    // A rotation by n is a rotation of the word pair by n % 32 after swapping the words when n >= 32.
    let k = op === 0x89 ? n : (64 - n) & 63;
    if (k >= 32) {
      const t = lo;
      lo = hi;
      hi = t;
      k -= 32;
    }
    if (k !== 0) {
      const nlo = (lo << k) | (hi >>> (32 - k));
      hi = (hi << k) | (lo >>> (32 - k));
      lo = nlo;
    }
  } else if (n !== 0) {
    if (op === 0x86) {
      if (n < 32) {
        hi = (hi << n) | (lo >>> (32 - n));
        lo <<= n;
      } else {
        hi = lo << (n - 32);
        lo = 0;
      }
    } else if (n < 32) {
      lo = (lo >>> n) | (hi << (32 - n));
      hi = op === 0x87 ? hi >> n : hi >>> n;
    } else {
      lo = op === 0x87 ? hi >> (n - 32) : hi >>> (n - 32);
      hi = op === 0x87 ? hi >> 31 : 0;
    }
  }
  I[at] = lo;
  I[at + 1] = hi;
}

/** i64.div_s, div_u, rem_s, rem_u (0x7f–0x82) on BigInt views of the stack; rare enough for BigInt. */
export function i64Divide(I: Int32Array, B: BigInt64Array, U: BigUint64Array, at: number, op: number): void {
  if (I[at + 2] === 0 && I[at + 3] === 0) trap("integer divide by zero");
  const h = at >> 1;
  switch (op) {
    case 0x7f:
      if (I[at + 2] === -1 && I[at + 3] === -1 && I[at] === 0 && I[at + 1] === -0x80000000) trap("integer overflow");
      B[h] = B[h]! / B[h + 1]!;
      break;
    case 0x80:
      U[h] = U[h]! / U[h + 1]!;
      break;
    case 0x81:
      B[h] = B[h]! % B[h + 1]!;
      break;
    default:
      U[h] = U[h]! % U[h + 1]!;
  }
}

/** The i64 at `at` as a JS number rounded once to f64 (signed or unsigned). */
export function i64ToF64(lo: number, hi: number, signed: boolean): number {
  // Both terms are exact, so the one addition rounds correctly.
  return (signed ? hi : hi >>> 0) * TWO32 + (lo >>> 0);
}

/** The i64 (lo, hi) rounded once to f32. A plain Number() then fround would round twice. */
export function i64ToF32(lo: number, hi: number, signed: boolean): number {
  let negative = false;
  if (signed && hi < 0) {
    negative = true;
    lo = -lo | 0;
    hi = lo === 0 ? -hi | 0 : ~hi;
  }
  const uhi = hi >>> 0;
  let ulo = lo >>> 0;
  if (uhi >= 0x200000) {
    // At 2^53 and above f32 rounds at bit 29 or higher: fold bits 0–10 into bit 11 as a sticky bit, which keeps
    // the rounding decision and makes the value exact in f64.
    ulo = ((ulo & 0xfffff800) | ((ulo & 0x7ff) !== 0 ? 0x800 : 0)) >>> 0;
  }
  const magnitude = Math.fround(uhi * TWO32 + ulo);
  return negative ? -magnitude : magnitude;
}

/** Truncates `x` to i32 (trapping), for i32.trunc_f32/f64_s/u. */
export function truncI32(x: number, signed: boolean): number {
  if (x !== x) trap("invalid conversion to integer");
  if (signed ? !(x > -2147483649 && x < 2147483648) : !(x > -1 && x < TWO32)) trap("integer overflow");
  return Math.trunc(x) | 0;
}

/** i32.trunc_sat_*: NaN is 0, out-of-range values clamp. */
export function truncSatI32(x: number, signed: boolean): number {
  if (x !== x) return 0;
  if (signed) return x <= -2147483648 ? -2147483648 : x >= 2147483647 ? 2147483647 : Math.trunc(x) | 0;
  return x <= 0 ? 0 : x >= 4294967295 ? -1 : Math.trunc(x) | 0;
}

/** Writes trunc(x) (an integer within the i64 or u64 range) as two words at `at`. */
function writeWords(I: Int32Array, at: number, t: number): void {
  const hi = Math.floor(t / TWO32);
  I[at] = (t - hi * TWO32) | 0;
  I[at + 1] = hi | 0;
}

/** i64.trunc_f32/f64_s/u into the words at `at`. */
export function truncI64(I: Int32Array, at: number, x: number, signed: boolean): void {
  if (x !== x) trap("invalid conversion to integer");
  if (signed ? !(x >= -9223372036854775808 && x < 9223372036854775808) : !(x > -1 && x < 18446744073709551616))
    trap("integer overflow");
  writeWords(I, at, Math.trunc(x));
}

/** i64.trunc_sat_*. */
export function truncSatI64(I: Int32Array, at: number, x: number, signed: boolean): void {
  if (x !== x) {
    I[at] = 0;
    I[at + 1] = 0;
  } else if (signed && x < -9223372036854775808) {
    I[at] = 0;
    I[at + 1] = -0x80000000;
  } else if (signed && x >= 9223372036854775808) {
    I[at] = -1;
    I[at + 1] = 0x7fffffff;
  } else if (!signed && x <= -1) {
    I[at] = 0;
    I[at + 1] = 0;
  } else if (!signed && x >= 18446744073709551616) {
    I[at] = -1;
    I[at + 1] = -1;
  } else writeWords(I, at, Math.trunc(x) || 0);
}

/** Round to nearest, ties to even, keeping the sign of zero (f32.nearest, f64.nearest). */
export function nearest(x: number): number {
  if (x !== x || x === 0 || !Number.isFinite(x)) return x;
  const r = Math.round(x); // ties go up
  const v = r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
  return v === 0 && x < 0 ? -0 : v;
}

const clz32 = Math.clz32;

export function ctz32(x: number): number {
  return x === 0 ? 32 : 31 - clz32(x & -x);
}

export function popcnt32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}
