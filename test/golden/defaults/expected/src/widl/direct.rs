//! The direct ABI for widl-bindgen Rust guests (docs/abi.md, "direct"): the allocator exports, the return
//! area, and the helpers the generated `__widl_op_<name>` exports use to take their arguments and hand back
//! results.
//!
//! Ownership follows the contract: a `(ptr, len)` argument was allocated by the host with
//! `__widl_malloc(len, 1)` and now belongs to us, so we adopt it as a `Vec<u8>` (no copy) and Rust frees it
//! when it is dropped; a `(ptr, len)` result is a boxed slice we leak to the host, which frees it with
//! `__widl_free(ptr, len, 1)`. Both sides therefore use the global allocator with the layout `(len, 1)`.
//!
//! This file is copied verbatim into the guest crate by the `rust-guest` target. Not every guest uses every
//! helper, hence `allow(dead_code)`.
#![allow(dead_code)]

use std::alloc::{alloc, dealloc, Layout};
// In the 2021 prelude, but not in 2018's; the runtime builds under both editions.
use std::convert::TryFrom;

use super::msgpack::Error;

/// The return area: 16 bytes, 8-aligned, at a fixed address for the life of the instance.
#[repr(C, align(8))]
struct RetArea([u8; 16]);

static mut RET_AREA: RetArea = RetArea([0; 16]);

/// Allocates `size` bytes aligned to `align` for the host. Traps on an invalid layout or when memory is
/// exhausted, as the contract says.
#[no_mangle]
pub extern "C" fn __widl_malloc(size: usize, align: usize) -> *mut u8 {
    let layout = match Layout::from_size_align(size, align) {
        Ok(layout) if size > 0 => layout,
        _ => trap(),
    };
    // SAFETY: the layout has a non-zero size (checked above).
    let ptr = unsafe { alloc(layout) };
    if ptr.is_null() {
        std::alloc::handle_alloc_error(layout);
    }
    ptr
}

/// Frees a block from [`__widl_malloc`] with the size and alignment it was allocated with.
#[no_mangle]
pub extern "C" fn __widl_free(ptr: *mut u8, size: usize, align: usize) {
    if ptr.is_null() || size == 0 {
        return;
    }
    if let Ok(layout) = Layout::from_size_align(size, align) {
        // SAFETY: the contract says `ptr` came from `__widl_malloc(size, align)` (or from a result we handed
        // over with layout `(len, 1)`) and is freed once.
        unsafe { dealloc(ptr, layout) };
    }
}

/// The address of the return area.
#[no_mangle]
pub extern "C" fn __widl_ret_area() -> *mut u8 {
    // SAFETY: only the address is taken; no reference to the static mut is formed.
    unsafe { std::ptr::addr_of_mut!(RET_AREA) as *mut u8 }
}

fn trap() -> ! {
    #[cfg(target_arch = "wasm32")]
    core::arch::wasm32::unreachable();
    #[cfg(not(target_arch = "wasm32"))]
    std::process::abort();
}

fn write_ret(offset: usize, bytes: &[u8]) {
    // SAFETY: wasm guests are single-threaded and the host reads the area only after the export returns, so
    // nothing else touches RET_AREA while we write; offset + len stays within its 16 bytes (callers write at
    // most 8 bytes at offset 0, or 4 at offset 4).
    unsafe {
        let area = &mut *std::ptr::addr_of_mut!(RET_AREA);
        area.0[offset..offset + bytes.len()].copy_from_slice(bytes);
    }
}

/// Adopts a `(ptr, len)` argument allocated by the host with `__widl_malloc(len, 1)`. `(0, 0)` is empty.
pub fn take_bytes(ptr: i32, len: i32) -> Vec<u8> {
    let len = len as u32 as usize;
    if len == 0 {
        return Vec::new();
    }
    // SAFETY: by the contract the host allocated exactly `len` bytes at `ptr` with layout `(len, 1)` through
    // `__widl_malloc`, wrote them all, and handed the block to us; a Vec of capacity `len` and `u8` elements
    // owns that very allocation and frees it with the same layout.
    unsafe { Vec::from_raw_parts(ptr as u32 as usize as *mut u8, len, len) }
}

/// A string argument's bytes as a `String`; invalid UTF-8 is an error, not a panic.
pub fn into_string(bytes: Vec<u8>) -> Result<String, Error> {
    String::from_utf8(bytes).map_err(|e| Error::new(format!("invalid UTF-8 at byte {}", e.utf8_error().valid_up_to())))
}

/// An `i8`, `u8`, `i16` or `u16` argument, which arrives as an `i32`: out of range is an error, not a wrap.
pub fn narrow<T: TryFrom<i32>>(v: i32) -> Result<T, Error> {
    T::try_from(v).map_err(|_| Error::new(format!("{} out of range for {}", v, std::any::type_name::<T>())))
}

/// Success with no result.
pub fn ok_void() -> i32 {
    0
}

/// Success with an `i32`-class result (bool, the small integers, `u32` as its bits, enums).
pub fn ok_i32(v: i32) -> i32 {
    write_ret(0, &v.to_le_bytes());
    0
}

/// Success with an `i64` result (`u64` as its bits).
pub fn ok_i64(v: i64) -> i32 {
    write_ret(0, &v.to_le_bytes());
    0
}

pub fn ok_f32(v: f32) -> i32 {
    write_ret(0, &v.to_le_bytes());
    0
}

pub fn ok_f64(v: f64) -> i32 {
    write_ret(0, &v.to_le_bytes());
    0
}

/// Hands `bytes` to the host as `(ptr, len)` in the return area; the host frees it with
/// `__widl_free(ptr, len, 1)`.
fn hand_over(bytes: Vec<u8>) {
    let len = bytes.len();
    let ptr = if len == 0 {
        0
    } else {
        // A boxed slice has capacity == len, so its allocation has exactly the layout `(len, 1)`.
        Box::into_raw(bytes.into_boxed_slice()) as *mut u8 as usize as u32
    };
    write_ret(0, &ptr.to_le_bytes());
    write_ret(4, &(len as u32).to_le_bytes());
}

/// Success with a `(ptr, len)` result: string, bytes, or msgpack.
pub fn ok_bytes(bytes: Vec<u8>) -> i32 {
    hand_over(bytes);
    0
}

/// Failure with a message.
pub fn error(message: String) -> i32 {
    hand_over(message.into_bytes());
    1
}
