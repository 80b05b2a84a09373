//! The cuckoo filter guest in Rust: the book's `check_word_exists` and `handle_input`, plus the filter's own
//! `add_word`, `delete_word` and `stats`, over the glue the `rust-guest` target generates into `src/widl/`.
//! Built with plain rustc (no Cargo, no crates):
//! `rustc --edition 2021 --target wasm32-unknown-unknown --crate-type cdylib -O src/lib.rs`.
#![deny(warnings)]

pub mod widl;
mod cuckoo_filter;

use cuckoo_filter::CuckooFilter;
use std::cell::RefCell;
use widl::{HandlerError, Input, Stats};

/// 4096 buckets × 4 slots: room for 16,384 fingerprints, enough for the host app's 10,000 words.
const BUCKET_COUNT_LOG2: u32 = 12;
/// The words the book preloads.
const PRELOADED: [&str; 4] = ["foo", "bar", "xylophone", "milagro"];

thread_local! {
    /// The one filter; a wasm guest is single-threaded, so this is a plain global.
    static FILTER: RefCell<CuckooFilter> = RefCell::new(preloaded());
}

fn preloaded() -> CuckooFilter {
    let mut filter = CuckooFilter::new(BUCKET_COUNT_LOG2);
    for word in PRELOADED {
        filter.add(word);
    }
    filter
}

pub struct Cuckoo;

impl widl::Handlers for Cuckoo {
    fn check_word_exists(name: String) -> Result<String, HandlerError> {
        // The book answers the strings "true" and "false", not a bool.
        let found = FILTER.with(|f| f.borrow().contains(&name));
        Ok(if found { "true" } else { "false" }.to_string())
    }

    fn handle_input(inp: Input) -> Result<String, HandlerError> {
        Ok(inp.x)
    }

    fn add_word(word: String) -> Result<bool, HandlerError> {
        Ok(FILTER.with(|f| f.borrow_mut().add(&word)))
    }

    fn delete_word(word: String) -> Result<bool, HandlerError> {
        Ok(FILTER.with(|f| f.borrow_mut().delete(&word)))
    }

    fn stats() -> Result<Stats, HandlerError> {
        let s = FILTER.with(|f| f.borrow().stats());
        Ok(Stats {
            items: s.items,
            capacity: s.capacity,
            buckets: s.buckets,
            load_factor: s.load_factor,
            fingerprint_bits: s.fingerprint_bits,
        })
    }
}

widl::export_guest!(Cuckoo);
