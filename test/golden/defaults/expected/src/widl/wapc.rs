//! The waPC protocol for widl-bindgen Rust guests (docs/abi.md, "waPC"): the `wapc` host imports, the
//! `__guest_call` entry the generated glue exports, and guest→host calls.
//!
//! Only the functions a guest uses end up imported: the linker drops imports nothing calls, so a direct-ABI
//! guest that calls the host imports just `__host_call` and its companions.
//!
//! This file is copied verbatim into the guest crate by the `rust-guest` target. Not every guest uses every
//! helper, hence `allow(dead_code)`.
#![allow(dead_code)]

#[cfg(target_arch = "wasm32")]
#[link(wasm_import_module = "wapc")]
extern "C" {
    fn __guest_request(op_ptr: *mut u8, payload_ptr: *mut u8);
    fn __guest_response(ptr: *const u8, len: usize);
    fn __guest_error(ptr: *const u8, len: usize);
    fn __host_call(
        bd_ptr: *const u8,
        bd_len: usize,
        ns_ptr: *const u8,
        ns_len: usize,
        op_ptr: *const u8,
        op_len: usize,
        ptr: *const u8,
        len: usize,
    ) -> usize;
    fn __host_response(ptr: *mut u8);
    fn __host_response_len() -> usize;
    fn __host_error(ptr: *mut u8);
    fn __host_error_len() -> usize;
    fn __console_log(ptr: *const u8, len: usize);
}

/// The operation dispatcher the generated glue supplies: operation name and payload in, response payload or
/// error message out.
pub type Dispatch = fn(&str, &[u8]) -> Result<Vec<u8>, String>;

/// The body of the guest's `__guest_call` export: fetches the request, dispatches it, and hands back the
/// response (`1`) or the error message (`0`).
#[cfg(target_arch = "wasm32")]
pub fn guest_call(op_len: i32, payload_len: i32, dispatch: Dispatch) -> i32 {
    install_panic_hook();
    // Lengths arrive as i32 but are byte counts; reinterpret rather than sign-extend.
    let mut op = vec![0u8; op_len as u32 as usize];
    let mut payload = vec![0u8; payload_len as u32 as usize];
    // SAFETY: the host copies exactly `op_len` and `payload_len` bytes to these addresses (waPC contract),
    // and both buffers are that long and live across the call.
    unsafe { __guest_request(op.as_mut_ptr(), payload.as_mut_ptr()) };
    let result = match std::str::from_utf8(&op) {
        Ok(op) => dispatch(op, &payload),
        Err(_) => Err(String::from("operation name is not UTF-8")),
    };
    match result {
        Ok(response) => {
            // SAFETY: the host copies `len` bytes out of `ptr` before returning; the slice is live.
            unsafe { __guest_response(response.as_ptr(), response.len()) };
            1
        }
        Err(message) => {
            set_error(&message);
            0
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn set_error(message: &str) {
    // SAFETY: the host copies `len` bytes out of `ptr` before returning; the str is live.
    unsafe { __guest_error(message.as_ptr(), message.len()) };
}

/// Routes a panic's message to `__guest_error` before the abort traps, so the caller sees why the guest
/// failed rather than a bare "unreachable". Installed on the first call.
#[cfg(target_arch = "wasm32")]
fn install_panic_hook() {
    use std::sync::Once;
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let message = info.to_string();
            set_error(&message);
        }));
    });
}

/// Calls the host with (binding, namespace, operation, payload); returns the host's response, or its
/// error message.
#[cfg(target_arch = "wasm32")]
pub fn host_call(binding: &str, namespace: &str, operation: &str, payload: &[u8]) -> Result<Vec<u8>, String> {
    // SAFETY: every pointer/length pair describes a live slice, which the host only reads during the call.
    let ok = unsafe {
        __host_call(
            binding.as_ptr(),
            binding.len(),
            namespace.as_ptr(),
            namespace.len(),
            operation.as_ptr(),
            operation.len(),
            payload.as_ptr(),
            payload.len(),
        )
    };
    if ok == 1 {
        // SAFETY: the host reports the response's length, then copies exactly that many bytes into the
        // buffer, which is that long.
        let response = unsafe {
            let mut buf = vec![0u8; __host_response_len()];
            __host_response(buf.as_mut_ptr());
            buf
        };
        Ok(response)
    } else {
        // SAFETY: as for the response, with the error message.
        let message = unsafe {
            let mut buf = vec![0u8; __host_error_len()];
            __host_error(buf.as_mut_ptr());
            buf
        };
        Err(String::from_utf8_lossy(&message).into_owned())
    }
}

/// Writes a line to the host's log (`__console_log`).
#[cfg(target_arch = "wasm32")]
pub fn console_log(message: &str) {
    // SAFETY: the host reads `len` bytes from `ptr` during the call; the str is live.
    unsafe { __console_log(message.as_ptr(), message.len()) };
}

// Off wasm (unit tests of a guest's logic on the build machine) there is no host: calls fail and logs go
// to stderr, so the crate still builds and its pure functions can be tested natively.
#[cfg(not(target_arch = "wasm32"))]
pub fn host_call(_binding: &str, _namespace: &str, operation: &str, _payload: &[u8]) -> Result<Vec<u8>, String> {
    Err(format!("no waPC host to call {} outside wasm32", operation))
}

#[cfg(not(target_arch = "wasm32"))]
pub fn console_log(message: &str) {
    eprintln!("{}", message);
}

#[cfg(not(target_arch = "wasm32"))]
pub fn guest_call(_op_len: i32, _payload_len: i32, _dispatch: Dispatch) -> i32 {
    0
}
