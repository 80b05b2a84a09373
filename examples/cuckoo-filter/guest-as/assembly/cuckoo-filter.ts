/**
 * A cuckoo filter (Fan, Andersen, Kaminsky, Mitzenmacher: "Cuckoo Filter: Practically Better Than Bloom", 2014):
 * a set that answers "maybe present" or "certainly absent", supports deletion, and stays small.
 *
 * - Each word is hashed once: 64-bit FNV-1a, then MurmurHash3's 64-bit finalizer. FNV-1a alone mixes its last
 *   bytes poorly into the high bits, so words that differ only at the end ("word-1", "word-2") would crowd into
 *   a few buckets and the filter would fill at half its capacity. The low 12 bits give the fingerprint (never 0,
 *   which marks an empty slot); the high 32 bits give the first bucket.
 * - Buckets hold 4 fingerprints. The alternate bucket is `i ^ hash(fingerprint)`, so either bucket can be found
 *   from the other and the fingerprint alone: that is what makes relocation (and delete) possible without the word.
 * - When both buckets are full, a random resident is kicked to its own alternate bucket, up to MAX_KICKS times.
 *   A fingerprint still homeless after that is kept as the single "victim" and the filter reports itself full.
 *
 * The Rust guest (guest-rust/src/cuckoo_filter.rs) is the same algorithm with the same constants and the same
 * seeded kick sequence, so both guests answer identically, false positives included.
 */

export const BUCKET_SIZE: i32 = 4;
export const FINGERPRINT_BITS: i32 = 12;
export const MAX_KICKS: i32 = 500;

const FINGERPRINT_MASK: u64 = (1 << FINGERPRINT_BITS) - 1;
const FNV_OFFSET: u64 = 0xcbf29ce484222325;
const FNV_PRIME: u64 = 0x100000001b3;
// MurmurHash2's multiplier: spreads a 12-bit fingerprint over the bucket index bits.
const FP_MIX: u32 = 0x5bd1e995;

/** 64-bit FNV-1a of a string's UTF-8 bytes, finished with MurmurHash3's fmix64 so every bit avalanches. */
export function hashWord(word: string): u64 {
  const utf8 = String.UTF8.encode(word);
  const ptr = changetype<usize>(utf8);
  let h = FNV_OFFSET;
  for (let i = 0, n = utf8.byteLength; i < n; i++) {
    h ^= <u64>load<u8>(ptr + <usize>i);
    h *= FNV_PRIME;
  }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccd;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53;
  h ^= h >> 33;
  return h;
}

export class CuckooStats {
  constructor(
    public items: u32,
    public capacity: u32,
    public buckets: u32,
    public loadFactor: f64,
    public fingerprintBits: u8,
  ) {}
}

export class CuckooFilter {
  private readonly slots: StaticArray<u16>;
  private readonly bucketMask: u32;
  private count: u32 = 0;
  private victimFingerprint: u16 = 0;
  private victimBucket: u32 = 0;
  // xorshift32 state: a fixed seed keeps kicks (and so every answer) reproducible.
  private rng: u32 = 2463534242;

  /** `bucketCountLog2` buckets of 4 slots: 12 gives 4096 buckets, 16384 fingerprints. */
  constructor(bucketCountLog2: i32) {
    const buckets = <u32>1 << <u32>bucketCountLog2;
    this.bucketMask = buckets - 1;
    this.slots = new StaticArray<u16>(<i32>buckets * BUCKET_SIZE);
  }

  private nextRandom(): u32 {
    let x = this.rng;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    this.rng = x;
    return x;
  }

  private fingerprintOf(h: u64): u16 {
    const fp = <u16>(h & FINGERPRINT_MASK);
    return fp == 0 ? 1 : fp;
  }

  private altBucket(bucket: u32, fp: u16): u32 {
    return (bucket ^ ((<u32>fp * FP_MIX) >> 16)) & this.bucketMask;
  }

  private bucketHas(bucket: u32, fp: u16): bool {
    const base = <i32>bucket * BUCKET_SIZE;
    for (let s = 0; s < BUCKET_SIZE; s++) if (unchecked(this.slots[base + s]) == fp) return true;
    return false;
  }

  private bucketInsert(bucket: u32, fp: u16): bool {
    const base = <i32>bucket * BUCKET_SIZE;
    for (let s = 0; s < BUCKET_SIZE; s++) {
      if (unchecked(this.slots[base + s]) == 0) {
        unchecked((this.slots[base + s] = fp));
        return true;
      }
    }
    return false;
  }

  private bucketDelete(bucket: u32, fp: u16): bool {
    const base = <i32>bucket * BUCKET_SIZE;
    for (let s = 0; s < BUCKET_SIZE; s++) {
      if (unchecked(this.slots[base + s]) == fp) {
        unchecked((this.slots[base + s] = 0));
        return true;
      }
    }
    return false;
  }

  /** Adds a word; false when the filter is full (a victim is already waiting). */
  add(word: string): bool {
    if (this.victimFingerprint != 0) return false;
    const h = hashWord(word);
    const fp = this.fingerprintOf(h);
    const i1 = <u32>(h >> 32) & this.bucketMask;
    const i2 = this.altBucket(i1, fp);
    if (this.bucketInsert(i1, fp) || this.bucketInsert(i2, fp)) {
      this.count++;
      return true;
    }
    let bucket = (this.nextRandom() & 1) == 0 ? i1 : i2;
    let homeless = fp;
    for (let kick = 0; kick < MAX_KICKS; kick++) {
      const slot = <i32>bucket * BUCKET_SIZE + <i32>(this.nextRandom() % <u32>BUCKET_SIZE);
      const evicted = unchecked(this.slots[slot]);
      unchecked((this.slots[slot] = homeless));
      homeless = evicted;
      bucket = this.altBucket(bucket, homeless);
      if (this.bucketInsert(bucket, homeless)) {
        this.count++;
        return true;
      }
    }
    // The word itself is in; the last fingerprint evicted waits in the victim slot.
    this.victimFingerprint = homeless;
    this.victimBucket = bucket;
    this.count++;
    return true;
  }

  /** True when the word may be in the set; false means it certainly is not. */
  contains(word: string): bool {
    const h = hashWord(word);
    const fp = this.fingerprintOf(h);
    const i1 = <u32>(h >> 32) & this.bucketMask;
    const i2 = this.altBucket(i1, fp);
    if (this.bucketHas(i1, fp) || this.bucketHas(i2, fp)) return true;
    return this.victimFingerprint == fp && (this.victimBucket == i1 || this.victimBucket == i2);
  }

  /** Removes one copy of a word added before; false when it is not there. Deleting a word never added may remove another word that shares its fingerprint and buckets, as in every cuckoo filter. */
  delete(word: string): bool {
    const h = hashWord(word);
    const fp = this.fingerprintOf(h);
    const i1 = <u32>(h >> 32) & this.bucketMask;
    const i2 = this.altBucket(i1, fp);
    if (this.bucketDelete(i1, fp) || this.bucketDelete(i2, fp)) {
      this.count--;
      this.reinsertVictim();
      return true;
    }
    if (this.victimFingerprint == fp && (this.victimBucket == i1 || this.victimBucket == i2)) {
      this.victimFingerprint = 0;
      this.count--;
      return true;
    }
    return false;
  }

  /** A slot was freed: the victim may fit now. */
  private reinsertVictim(): void {
    if (this.victimFingerprint == 0) return;
    const fp = this.victimFingerprint;
    const bucket = this.victimBucket;
    if (this.bucketInsert(bucket, fp) || this.bucketInsert(this.altBucket(bucket, fp), fp)) this.victimFingerprint = 0;
  }

  stats(): CuckooStats {
    const capacity = <u32>this.slots.length;
    return new CuckooStats(this.count, capacity, this.bucketMask + 1, <f64>this.count / <f64>capacity, <u8>FINGERPRINT_BITS);
  }
}
