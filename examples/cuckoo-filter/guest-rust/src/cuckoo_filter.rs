//! A cuckoo filter (Fan, Andersen, Kaminsky, Mitzenmacher: "Cuckoo Filter: Practically Better Than Bloom",
//! 2014): a set that answers "maybe present" or "certainly absent", supports deletion, and stays small.
//!
//! - Each word is hashed once: 64-bit FNV-1a, then MurmurHash3's 64-bit finalizer. FNV-1a alone mixes its last
//!   bytes poorly into the high bits, so words that differ only at the end ("word-1", "word-2") would crowd
//!   into a few buckets and the filter would fill at half its capacity. The low 12 bits give the fingerprint
//!   (never 0, which marks an empty slot); the high 32 bits give the first bucket.
//! - Buckets hold 4 fingerprints. The alternate bucket is `i ^ hash(fingerprint)`, so either bucket can be found
//!   from the other and the fingerprint alone: that is what makes relocation (and delete) possible without the
//!   word.
//! - When both buckets are full, a random resident is kicked to its own alternate bucket, up to `MAX_KICKS`
//!   times. A fingerprint still homeless after that is kept as the single "victim", and the filter reports
//!   itself full.
//!
//! The AssemblyScript guest (guest-as/assembly/cuckoo-filter.ts) is the same algorithm with the same constants
//! and the same seeded kick sequence, so both guests answer identically, false positives included.

pub const BUCKET_SIZE: usize = 4;
pub const FINGERPRINT_BITS: u32 = 12;
pub const MAX_KICKS: u32 = 500;

const FINGERPRINT_MASK: u64 = (1 << FINGERPRINT_BITS) - 1;
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;
/// MurmurHash2's multiplier: spreads a 12-bit fingerprint over the bucket index bits.
const FP_MIX: u32 = 0x5bd1_e995;

/// 64-bit FNV-1a of a string's UTF-8 bytes, finished with MurmurHash3's fmix64 so every bit avalanches.
pub fn hash_word(word: &str) -> u64 {
    let mut h = FNV_OFFSET;
    for &b in word.as_bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(FNV_PRIME);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    h
}

pub struct CuckooStats {
    pub items: u32,
    pub capacity: u32,
    pub buckets: u32,
    pub load_factor: f64,
    pub fingerprint_bits: u8,
}

pub struct CuckooFilter {
    slots: Vec<u16>,
    bucket_mask: u32,
    count: u32,
    victim_fingerprint: u16,
    victim_bucket: u32,
    /// xorshift32 state: a fixed seed keeps kicks (and so every answer) reproducible.
    rng: u32,
}

impl CuckooFilter {
    /// `2^bucket_count_log2` buckets of 4 slots: 12 gives 4096 buckets, 16384 fingerprints.
    pub fn new(bucket_count_log2: u32) -> Self {
        let buckets = 1u32 << bucket_count_log2;
        CuckooFilter {
            slots: vec![0; buckets as usize * BUCKET_SIZE],
            bucket_mask: buckets - 1,
            count: 0,
            victim_fingerprint: 0,
            victim_bucket: 0,
            rng: 2_463_534_242,
        }
    }

    fn next_random(&mut self) -> u32 {
        let mut x = self.rng;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        self.rng = x;
        x
    }

    fn fingerprint_of(h: u64) -> u16 {
        let fp = (h & FINGERPRINT_MASK) as u16;
        if fp == 0 {
            1
        } else {
            fp
        }
    }

    fn alt_bucket(&self, bucket: u32, fp: u16) -> u32 {
        (bucket ^ ((fp as u32).wrapping_mul(FP_MIX) >> 16)) & self.bucket_mask
    }

    fn buckets_of(&self, word: &str) -> (u16, u32, u32) {
        let h = hash_word(word);
        let fp = Self::fingerprint_of(h);
        let i1 = ((h >> 32) as u32) & self.bucket_mask;
        (fp, i1, self.alt_bucket(i1, fp))
    }

    fn bucket(&mut self, bucket: u32) -> &mut [u16] {
        let base = bucket as usize * BUCKET_SIZE;
        &mut self.slots[base..base + BUCKET_SIZE]
    }

    fn bucket_has(&self, bucket: u32, fp: u16) -> bool {
        let base = bucket as usize * BUCKET_SIZE;
        self.slots[base..base + BUCKET_SIZE].contains(&fp)
    }

    fn bucket_insert(&mut self, bucket: u32, fp: u16) -> bool {
        match self.bucket(bucket).iter_mut().find(|s| **s == 0) {
            Some(slot) => {
                *slot = fp;
                true
            }
            None => false,
        }
    }

    fn bucket_delete(&mut self, bucket: u32, fp: u16) -> bool {
        match self.bucket(bucket).iter_mut().find(|s| **s == fp) {
            Some(slot) => {
                *slot = 0;
                true
            }
            None => false,
        }
    }

    /// Adds a word; false when the filter is full (a victim is already waiting).
    pub fn add(&mut self, word: &str) -> bool {
        if self.victim_fingerprint != 0 {
            return false;
        }
        let (fp, i1, i2) = self.buckets_of(word);
        if self.bucket_insert(i1, fp) || self.bucket_insert(i2, fp) {
            self.count += 1;
            return true;
        }
        let mut bucket = if self.next_random() & 1 == 0 { i1 } else { i2 };
        let mut homeless = fp;
        for _ in 0..MAX_KICKS {
            let slot = bucket as usize * BUCKET_SIZE + (self.next_random() % BUCKET_SIZE as u32) as usize;
            let evicted = self.slots[slot];
            self.slots[slot] = homeless;
            homeless = evicted;
            bucket = self.alt_bucket(bucket, homeless);
            if self.bucket_insert(bucket, homeless) {
                self.count += 1;
                return true;
            }
        }
        // The word itself is in; the last fingerprint evicted waits in the victim slot.
        self.victim_fingerprint = homeless;
        self.victim_bucket = bucket;
        self.count += 1;
        true
    }

    /// True when the word may be in the set; false means it certainly is not.
    pub fn contains(&self, word: &str) -> bool {
        let (fp, i1, i2) = self.buckets_of(word);
        self.bucket_has(i1, fp)
            || self.bucket_has(i2, fp)
            || (self.victim_fingerprint == fp && (self.victim_bucket == i1 || self.victim_bucket == i2))
    }

    /// Removes one copy of a word added before; false when it is not there. Deleting a word never added may
    /// remove another word that shares its fingerprint and buckets, as in every cuckoo filter.
    pub fn delete(&mut self, word: &str) -> bool {
        let (fp, i1, i2) = self.buckets_of(word);
        if self.bucket_delete(i1, fp) || self.bucket_delete(i2, fp) {
            self.count -= 1;
            self.reinsert_victim();
            return true;
        }
        if self.victim_fingerprint == fp && (self.victim_bucket == i1 || self.victim_bucket == i2) {
            self.victim_fingerprint = 0;
            self.count -= 1;
            return true;
        }
        false
    }

    /// A slot was freed: the victim may fit now.
    fn reinsert_victim(&mut self) {
        if self.victim_fingerprint == 0 {
            return;
        }
        let (fp, bucket) = (self.victim_fingerprint, self.victim_bucket);
        let alt = self.alt_bucket(bucket, fp);
        if self.bucket_insert(bucket, fp) || self.bucket_insert(alt, fp) {
            self.victim_fingerprint = 0;
        }
    }

    pub fn stats(&self) -> CuckooStats {
        let capacity = self.slots.len() as u32;
        CuckooStats {
            items: self.count,
            capacity,
            buckets: self.bucket_mask + 1,
            load_factor: self.count as f64 / capacity as f64,
            fingerprint_bits: FINGERPRINT_BITS as u8,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_added_words_and_forgets_deleted_ones() {
        let mut f = CuckooFilter::new(4);
        assert!(f.add("foo"));
        assert!(f.contains("foo"));
        assert!(f.delete("foo"));
        assert!(!f.contains("foo"));
    }
}
