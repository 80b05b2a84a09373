//! msgpack for widl-bindgen Rust guests: the value rules of docs/abi.md ("Values"), with no dependencies.
//!
//! The decoder reads untrusted bytes: it never panics, never allocates more than the input could describe,
//! bounds nesting depth, and reports every problem as an [`Error`] whose message the generated glue prefixes
//! with the field and type it was decoding. Integers decode from any msgpack width that fits the target type;
//! a value out of range is an error, never a wrap. The encoder writes the smallest form, as hosts do.
//!
//! This file is copied verbatim into the guest crate by the `rust-guest` target. Not every guest uses every
//! helper, hence `allow(dead_code)`.
#![allow(dead_code)]

use std::collections::BTreeMap;
// In the 2021 prelude, but not in 2018's; the runtime builds under both editions.
use std::convert::TryFrom;
use std::fmt;

/// Nesting depth beyond which the decoder gives up; deep enough for real data, shallow enough that the
/// recursive skip cannot exhaust the wasm stack.
pub const MAX_DEPTH: u32 = 256;

/// The msgpack extension type of timestamps.
pub const TIMESTAMP_EXT: i8 = -1;

/// A decode (or handler) error: a message meant for the caller, built up with context as it propagates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    message: String,
}

impl Error {
    /// An error with this message.
    pub fn new(message: impl Into<String>) -> Self {
        Error { message: message.into() }
    }

    /// A required field (or argument) absent from a map.
    pub fn missing(ty: &str, field: &str) -> Self {
        Error::new(format!("{}.{}: missing required field", ty, field))
    }

    /// Prefixes the message with the field being decoded: `Input.x: expected str, found int`.
    pub fn in_field(self, ty: &str, field: &str) -> Self {
        Error::new(format!("{}.{}: {}", ty, field, self.message))
    }

    /// Prefixes the message with a context such as a type or operation name.
    pub fn context(self, context: &str) -> Self {
        Error::new(format!("{}: {}", context, self.message))
    }

    /// The message, with its context.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// A `datetime`: seconds and nanoseconds since the Unix epoch, as the msgpack timestamp extension holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp {
    /// Whole seconds since 1970-01-01T00:00:00Z; negative before it.
    pub seconds: i64,
    /// Nanoseconds within the second, below 1 000 000 000.
    pub nanos: u32,
}

impl Timestamp {
    /// The instant `millis` milliseconds after the epoch (a JavaScript `Date`'s value).
    pub fn from_unix_millis(millis: i64) -> Self {
        Timestamp { seconds: millis.div_euclid(1000), nanos: (millis.rem_euclid(1000) as u32) * 1_000_000 }
    }

    /// Milliseconds since the epoch, rounded down, as a JavaScript `Date` holds it.
    pub fn unix_millis(&self) -> i64 {
        self.seconds.saturating_mul(1000).saturating_add(i64::from(self.nanos / 1_000_000))
    }
}

/// Pre-encoded msgpack (`raw`), passed through untouched.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Raw(pub Vec<u8>);

/// Any msgpack value (`any`, `value`).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Nil,
    Bool(bool),
    /// An integer that fits `i64`.
    Int(i64),
    /// An integer above `i64::MAX`.
    UInt(u64),
    F32(f32),
    F64(f64),
    Str(String),
    Bin(Vec<u8>),
    Array(Vec<Value>),
    /// Entries in wire order; keys may be any value.
    Map(Vec<(Value, Value)>),
    Timestamp(Timestamp),
    /// Any other extension: its type and data.
    Ext(i8, Vec<u8>),
}

/// Writes msgpack into a growing buffer. Writing cannot fail.
#[derive(Debug, Default)]
pub struct Encoder {
    buf: Vec<u8>,
}

impl Encoder {
    pub fn new() -> Self {
        Encoder { buf: Vec::new() }
    }

    pub fn with_capacity(capacity: usize) -> Self {
        Encoder { buf: Vec::with_capacity(capacity) }
    }

    /// The bytes written so far.
    pub fn into_bytes(self) -> Vec<u8> {
        self.buf
    }

    pub fn write_nil(&mut self) {
        self.buf.push(0xc0);
    }

    pub fn write_bool(&mut self, v: bool) {
        self.buf.push(if v { 0xc3 } else { 0xc2 });
    }

    /// A signed integer, in the smallest form that holds it.
    pub fn write_i64(&mut self, v: i64) {
        if v >= 0 {
            self.write_u64(v as u64);
        } else if v >= -32 {
            self.buf.push(v as u8);
        } else if v >= i64::from(i8::MIN) {
            self.buf.push(0xd0);
            self.buf.push(v as u8);
        } else if v >= i64::from(i16::MIN) {
            self.buf.push(0xd1);
            self.buf.extend_from_slice(&(v as i16).to_be_bytes());
        } else if v >= i64::from(i32::MIN) {
            self.buf.push(0xd2);
            self.buf.extend_from_slice(&(v as i32).to_be_bytes());
        } else {
            self.buf.push(0xd3);
            self.buf.extend_from_slice(&v.to_be_bytes());
        }
    }

    /// An unsigned integer, in the smallest form that holds it.
    pub fn write_u64(&mut self, v: u64) {
        if v < 0x80 {
            self.buf.push(v as u8);
        } else if v <= u64::from(u8::MAX) {
            self.buf.push(0xcc);
            self.buf.push(v as u8);
        } else if v <= u64::from(u16::MAX) {
            self.buf.push(0xcd);
            self.buf.extend_from_slice(&(v as u16).to_be_bytes());
        } else if v <= u64::from(u32::MAX) {
            self.buf.push(0xce);
            self.buf.extend_from_slice(&(v as u32).to_be_bytes());
        } else {
            self.buf.push(0xcf);
            self.buf.extend_from_slice(&v.to_be_bytes());
        }
    }

    pub fn write_i8(&mut self, v: i8) {
        self.write_i64(i64::from(v));
    }
    pub fn write_i16(&mut self, v: i16) {
        self.write_i64(i64::from(v));
    }
    pub fn write_i32(&mut self, v: i32) {
        self.write_i64(i64::from(v));
    }
    pub fn write_u8(&mut self, v: u8) {
        self.write_u64(u64::from(v));
    }
    pub fn write_u16(&mut self, v: u16) {
        self.write_u64(u64::from(v));
    }
    pub fn write_u32(&mut self, v: u32) {
        self.write_u64(u64::from(v));
    }

    pub fn write_f32(&mut self, v: f32) {
        self.buf.push(0xca);
        self.buf.extend_from_slice(&v.to_be_bytes());
    }

    pub fn write_f64(&mut self, v: f64) {
        self.buf.push(0xcb);
        self.buf.extend_from_slice(&v.to_be_bytes());
    }

    pub fn write_str(&mut self, v: &str) {
        let n = v.len();
        if n < 32 {
            self.buf.push(0xa0 | n as u8);
        } else if n <= 0xff {
            self.buf.push(0xd9);
            self.buf.push(n as u8);
        } else if n <= 0xffff {
            self.buf.push(0xda);
            self.buf.extend_from_slice(&(n as u16).to_be_bytes());
        } else {
            self.buf.push(0xdb);
            self.buf.extend_from_slice(&(n as u32).to_be_bytes());
        }
        self.buf.extend_from_slice(v.as_bytes());
    }

    pub fn write_bin(&mut self, v: &[u8]) {
        let n = v.len();
        if n <= 0xff {
            self.buf.push(0xc4);
            self.buf.push(n as u8);
        } else if n <= 0xffff {
            self.buf.push(0xc5);
            self.buf.extend_from_slice(&(n as u16).to_be_bytes());
        } else {
            self.buf.push(0xc6);
            self.buf.extend_from_slice(&(n as u32).to_be_bytes());
        }
        self.buf.extend_from_slice(v);
    }

    pub fn write_array_len(&mut self, n: usize) {
        if n < 16 {
            self.buf.push(0x90 | n as u8);
        } else if n <= 0xffff {
            self.buf.push(0xdc);
            self.buf.extend_from_slice(&(n as u16).to_be_bytes());
        } else {
            self.buf.push(0xdd);
            self.buf.extend_from_slice(&(n as u32).to_be_bytes());
        }
    }

    pub fn write_map_len(&mut self, n: usize) {
        if n < 16 {
            self.buf.push(0x80 | n as u8);
        } else if n <= 0xffff {
            self.buf.push(0xde);
            self.buf.extend_from_slice(&(n as u16).to_be_bytes());
        } else {
            self.buf.push(0xdf);
            self.buf.extend_from_slice(&(n as u32).to_be_bytes());
        }
    }

    /// An extension value with its type.
    pub fn write_ext(&mut self, ty: i8, data: &[u8]) {
        let n = data.len();
        match n {
            1 => self.buf.push(0xd4),
            2 => self.buf.push(0xd5),
            4 => self.buf.push(0xd6),
            8 => self.buf.push(0xd7),
            16 => self.buf.push(0xd8),
            _ if n <= 0xff => {
                self.buf.push(0xc7);
                self.buf.push(n as u8);
            }
            _ if n <= 0xffff => {
                self.buf.push(0xc8);
                self.buf.extend_from_slice(&(n as u16).to_be_bytes());
            }
            _ => {
                self.buf.push(0xc9);
                self.buf.extend_from_slice(&(n as u32).to_be_bytes());
            }
        }
        self.buf.push(ty as u8);
        self.buf.extend_from_slice(data);
    }

    /// A timestamp in the smallest of the three forms (32, 64 or 96 bits) that holds it.
    pub fn write_timestamp(&mut self, t: &Timestamp) {
        if t.seconds >= 0 && t.seconds >> 34 == 0 {
            let packed = (u64::from(t.nanos) << 34) | t.seconds as u64;
            if packed >> 32 == 0 {
                self.write_ext(TIMESTAMP_EXT, &(packed as u32).to_be_bytes());
            } else {
                self.write_ext(TIMESTAMP_EXT, &packed.to_be_bytes());
            }
        } else {
            let mut data = [0u8; 12];
            data[..4].copy_from_slice(&t.nanos.to_be_bytes());
            data[4..].copy_from_slice(&t.seconds.to_be_bytes());
            self.write_ext(TIMESTAMP_EXT, &data);
        }
    }

    /// Pre-encoded msgpack, appended as is; an empty `raw` is written as nil so the output stays valid.
    pub fn write_raw(&mut self, v: &Raw) {
        if v.0.is_empty() {
            self.write_nil();
        } else {
            self.buf.extend_from_slice(&v.0);
        }
    }

    pub fn write_value(&mut self, v: &Value) {
        match v {
            Value::Nil => self.write_nil(),
            Value::Bool(b) => self.write_bool(*b),
            Value::Int(i) => self.write_i64(*i),
            Value::UInt(u) => self.write_u64(*u),
            Value::F32(f) => self.write_f32(*f),
            Value::F64(f) => self.write_f64(*f),
            Value::Str(s) => self.write_str(s),
            Value::Bin(b) => self.write_bin(b),
            Value::Array(items) => {
                self.write_array_len(items.len());
                for item in items {
                    self.write_value(item);
                }
            }
            Value::Map(entries) => {
                self.write_map_len(entries.len());
                for (k, v) in entries {
                    self.write_value(k);
                    self.write_value(v);
                }
            }
            Value::Timestamp(t) => self.write_timestamp(t),
            Value::Ext(ty, data) => self.write_ext(*ty, data),
        }
    }

    /// `T?`: nil for `None`, else the value.
    pub fn write_option<T>(&mut self, v: &Option<T>, mut write: impl FnMut(&mut Self, &T)) {
        match v {
            Some(v) => write(self, v),
            None => self.write_nil(),
        }
    }

    /// `[T]`.
    pub fn write_array<T>(&mut self, items: &[T], mut write: impl FnMut(&mut Self, &T)) {
        self.write_array_len(items.len());
        for item in items {
            write(self, item);
        }
    }

    /// `{K: V}` from a sorted map, so the bytes are deterministic.
    pub fn write_map<K, V>(
        &mut self,
        map: &BTreeMap<K, V>,
        mut write_key: impl FnMut(&mut Self, &K),
        mut write_value: impl FnMut(&mut Self, &V),
    ) {
        self.write_map_len(map.len());
        for (k, v) in map {
            write_key(self, k);
            write_value(self, v);
        }
    }

    /// `{K: V}` with keys that have no order (floats), as a list of entries.
    pub fn write_entries<K, V>(
        &mut self,
        entries: &[(K, V)],
        mut write_key: impl FnMut(&mut Self, &K),
        mut write_value: impl FnMut(&mut Self, &V),
    ) {
        self.write_map_len(entries.len());
        for (k, v) in entries {
            write_key(self, k);
            write_value(self, v);
        }
    }
}

/// Reads msgpack from untrusted bytes.
pub struct Decoder<'a> {
    buf: &'a [u8],
    pos: usize,
    depth: u32,
}

/// The wire type found where another was expected, for error messages.
fn describe(byte: u8) -> &'static str {
    match byte {
        0x00..=0x7f | 0xcc..=0xcf => "positive int",
        0xe0..=0xff | 0xd0..=0xd3 => "negative int",
        0x80..=0x8f | 0xde | 0xdf => "map",
        0x90..=0x9f | 0xdc | 0xdd => "array",
        0xa0..=0xbf | 0xd9..=0xdb => "str",
        0xc0 => "nil",
        0xc2 | 0xc3 => "bool",
        0xc4..=0xc6 => "bin",
        0xc7..=0xc9 | 0xd4..=0xd8 => "ext",
        0xca | 0xcb => "float",
        _ => "reserved byte 0xc1",
    }
}

/// An integer as read from the wire, before it is narrowed to the target type.
enum WireInt {
    Signed(i64),
    Unsigned(u64),
}

impl<'a> Decoder<'a> {
    pub fn new(buf: &'a [u8]) -> Self {
        Decoder { buf, pos: 0, depth: 0 }
    }

    /// True when every byte has been read.
    pub fn is_at_end(&self) -> bool {
        self.pos >= self.buf.len()
    }

    /// Fails if bytes remain after the value: a payload holds exactly one value.
    pub fn finish(&self) -> Result<(), Error> {
        if self.is_at_end() {
            Ok(())
        } else {
            Err(Error::new(format!("{} unexpected bytes after the value", self.buf.len() - self.pos)))
        }
    }

    fn eof() -> Error {
        Error::new("unexpected end of input")
    }

    fn mismatch(expected: &str, found: u8) -> Error {
        Error::new(format!("expected {}, found {}", expected, describe(found)))
    }

    fn peek(&self) -> Result<u8, Error> {
        self.buf.get(self.pos).copied().ok_or_else(Self::eof)
    }

    fn byte(&mut self) -> Result<u8, Error> {
        let b = self.peek()?;
        self.pos += 1;
        Ok(b)
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], Error> {
        let buf: &'a [u8] = self.buf;
        let end = self.pos.checked_add(n).ok_or_else(Self::eof)?;
        let bytes = buf.get(self.pos..end).ok_or_else(Self::eof)?;
        self.pos = end;
        Ok(bytes)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], Error> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.take(N)?);
        Ok(out)
    }

    fn be_u16(&mut self) -> Result<u16, Error> {
        Ok(u16::from_be_bytes(self.array()?))
    }

    fn be_u32(&mut self) -> Result<u32, Error> {
        Ok(u32::from_be_bytes(self.array()?))
    }

    fn be_u64(&mut self) -> Result<u64, Error> {
        Ok(u64::from_be_bytes(self.array()?))
    }

    /// A length field widened to `usize`; wasm32 has 32-bit `usize`, so every u32 fits.
    fn len32(&mut self) -> Result<usize, Error> {
        Ok(self.be_u32()? as usize)
    }

    /// Consumes a nil if one is next; for `T?`.
    pub fn try_nil(&mut self) -> Result<bool, Error> {
        if self.peek()? == 0xc0 {
            self.pos += 1;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    pub fn read_nil(&mut self) -> Result<(), Error> {
        match self.byte()? {
            0xc0 => Ok(()),
            b => Err(Self::mismatch("nil", b)),
        }
    }

    pub fn read_bool(&mut self) -> Result<bool, Error> {
        match self.byte()? {
            0xc2 => Ok(false),
            0xc3 => Ok(true),
            b => Err(Self::mismatch("bool", b)),
        }
    }

    fn read_int(&mut self) -> Result<WireInt, Error> {
        let b = self.byte()?;
        Ok(match b {
            0x00..=0x7f => WireInt::Unsigned(u64::from(b)),
            0xe0..=0xff => WireInt::Signed(i64::from(b as i8)),
            0xcc => WireInt::Unsigned(u64::from(self.byte()?)),
            0xcd => WireInt::Unsigned(u64::from(self.be_u16()?)),
            0xce => WireInt::Unsigned(u64::from(self.be_u32()?)),
            0xcf => WireInt::Unsigned(self.be_u64()?),
            0xd0 => WireInt::Signed(i64::from(self.byte()? as i8)),
            0xd1 => WireInt::Signed(i64::from(self.be_u16()? as i16)),
            0xd2 => WireInt::Signed(i64::from(self.be_u32()? as i32)),
            0xd3 => WireInt::Signed(self.be_u64()? as i64),
            _ => return Err(Self::mismatch("int", b)),
        })
    }

    fn out_of_range(ty: &str, v: &WireInt) -> Error {
        match v {
            WireInt::Signed(v) => Error::new(format!("{} out of range for {}", v, ty)),
            WireInt::Unsigned(v) => Error::new(format!("{} out of range for {}", v, ty)),
        }
    }

    /// Any integer that fits `i64`.
    pub fn read_i64(&mut self) -> Result<i64, Error> {
        match self.read_int()? {
            WireInt::Signed(v) => Ok(v),
            WireInt::Unsigned(v) if v <= i64::MAX as u64 => Ok(v as i64),
            v => Err(Self::out_of_range("i64", &v)),
        }
    }

    /// Any non-negative integer.
    pub fn read_u64(&mut self) -> Result<u64, Error> {
        match self.read_int()? {
            WireInt::Unsigned(v) => Ok(v),
            WireInt::Signed(v) if v >= 0 => Ok(v as u64),
            v => Err(Self::out_of_range("u64", &v)),
        }
    }

    fn read_narrow<T: TryFrom<i64>>(&mut self, ty: &str) -> Result<T, Error> {
        let wide = self.read_int()?;
        let fitted = match wide {
            WireInt::Signed(v) => T::try_from(v).ok(),
            WireInt::Unsigned(v) => i64::try_from(v).ok().and_then(|v| T::try_from(v).ok()),
        };
        fitted.ok_or_else(|| Self::out_of_range(ty, &wide))
    }

    pub fn read_i8(&mut self) -> Result<i8, Error> {
        self.read_narrow("i8")
    }
    pub fn read_i16(&mut self) -> Result<i16, Error> {
        self.read_narrow("i16")
    }
    pub fn read_i32(&mut self) -> Result<i32, Error> {
        self.read_narrow("i32")
    }
    pub fn read_u8(&mut self) -> Result<u8, Error> {
        self.read_narrow("u8")
    }
    pub fn read_u16(&mut self) -> Result<u16, Error> {
        self.read_narrow("u16")
    }
    pub fn read_u32(&mut self) -> Result<u32, Error> {
        self.read_narrow("u32")
    }

    /// A float32, float64, or integer, as `f64`.
    pub fn read_f64(&mut self) -> Result<f64, Error> {
        match self.peek()? {
            0xca => {
                self.pos += 1;
                Ok(f64::from(f32::from_bits(self.be_u32()?)))
            }
            0xcb => {
                self.pos += 1;
                Ok(f64::from_bits(self.be_u64()?))
            }
            0x00..=0x7f | 0xcc..=0xd3 | 0xe0..=0xff => match self.read_int()? {
                WireInt::Signed(v) => Ok(v as f64),
                WireInt::Unsigned(v) => Ok(v as f64),
            },
            b => Err(Self::mismatch("float", b)),
        }
    }

    /// A float or integer, as `f32` (a float64 is rounded to the nearest `f32`).
    pub fn read_f32(&mut self) -> Result<f32, Error> {
        if self.peek()? == 0xca {
            self.pos += 1;
            return Ok(f32::from_bits(self.be_u32()?));
        }
        Ok(self.read_f64()? as f32)
    }

    fn str_len(&mut self) -> Result<usize, Error> {
        let b = self.byte()?;
        match b {
            0xa0..=0xbf => Ok(usize::from(b & 0x1f)),
            0xd9 => Ok(usize::from(self.byte()?)),
            0xda => Ok(usize::from(self.be_u16()?)),
            0xdb => self.len32(),
            _ => Err(Self::mismatch("str", b)),
        }
    }

    /// A str, borrowed from the input.
    pub fn read_str(&mut self) -> Result<&'a str, Error> {
        let n = self.str_len()?;
        let bytes = self.take(n)?;
        std::str::from_utf8(bytes).map_err(|e| Error::new(format!("invalid UTF-8 in str at byte {}", e.valid_up_to())))
    }

    pub fn read_string(&mut self) -> Result<String, Error> {
        self.read_str().map(String::from)
    }

    /// A bin, borrowed from the input.
    pub fn read_bin_slice(&mut self) -> Result<&'a [u8], Error> {
        let b = self.byte()?;
        let n = match b {
            0xc4 => usize::from(self.byte()?),
            0xc5 => usize::from(self.be_u16()?),
            0xc6 => self.len32()?,
            _ => return Err(Self::mismatch("bin", b)),
        };
        self.take(n)
    }

    pub fn read_bytes(&mut self) -> Result<Vec<u8>, Error> {
        self.read_bin_slice().map(<[u8]>::to_vec)
    }

    pub fn read_array_len(&mut self) -> Result<usize, Error> {
        let b = self.byte()?;
        match b {
            0x90..=0x9f => Ok(usize::from(b & 0x0f)),
            0xdc => Ok(usize::from(self.be_u16()?)),
            0xdd => self.len32(),
            _ => Err(Self::mismatch("array", b)),
        }
    }

    pub fn read_map_len(&mut self) -> Result<usize, Error> {
        let b = self.byte()?;
        match b {
            0x80..=0x8f => Ok(usize::from(b & 0x0f)),
            0xde => Ok(usize::from(self.be_u16()?)),
            0xdf => self.len32(),
            _ => Err(Self::mismatch("map", b)),
        }
    }

    /// An extension value: its type and data, borrowed.
    pub fn read_ext(&mut self) -> Result<(i8, &'a [u8]), Error> {
        let b = self.byte()?;
        let n = match b {
            0xd4 => 1,
            0xd5 => 2,
            0xd6 => 4,
            0xd7 => 8,
            0xd8 => 16,
            0xc7 => usize::from(self.byte()?),
            0xc8 => usize::from(self.be_u16()?),
            0xc9 => self.len32()?,
            _ => return Err(Self::mismatch("ext", b)),
        };
        let ty = self.byte()? as i8;
        Ok((ty, self.take(n)?))
    }

    /// A timestamp in any of its three forms.
    pub fn read_timestamp(&mut self) -> Result<Timestamp, Error> {
        let (ty, data) = self.read_ext()?;
        if ty != TIMESTAMP_EXT {
            return Err(Error::new(format!("expected timestamp, found ext type {}", ty)));
        }
        timestamp_from_ext(data)
    }

    /// Pre-encoded msgpack: the bytes of the next value, copied.
    pub fn read_raw(&mut self) -> Result<Raw, Error> {
        let start = self.pos;
        self.skip()?;
        Ok(Raw(self.buf[start..self.pos].to_vec()))
    }

    fn enter(&mut self) -> Result<(), Error> {
        if self.depth >= MAX_DEPTH {
            return Err(Error::new(format!("nesting deeper than {}", MAX_DEPTH)));
        }
        self.depth += 1;
        Ok(())
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    /// Skips the next value, whatever it is (unknown fields).
    pub fn skip(&mut self) -> Result<(), Error> {
        let b = self.peek()?;
        match b {
            0x80..=0x8f | 0xde | 0xdf => {
                let n = self.read_map_len()?;
                self.enter()?;
                for _ in 0..n {
                    self.skip()?;
                    self.skip()?;
                }
                self.leave();
            }
            0x90..=0x9f | 0xdc | 0xdd => {
                let n = self.read_array_len()?;
                self.enter()?;
                for _ in 0..n {
                    self.skip()?;
                }
                self.leave();
            }
            0xa0..=0xbf | 0xd9..=0xdb => {
                let n = self.str_len()?;
                self.take(n)?;
            }
            0xc4..=0xc6 => {
                self.read_bin_slice()?;
            }
            0xc7..=0xc9 | 0xd4..=0xd8 => {
                self.read_ext()?;
            }
            0xc0 | 0xc2 | 0xc3 => self.pos += 1,
            0xca => {
                self.take(5)?;
            }
            0xcb => {
                self.take(9)?;
            }
            0xc1 => return Err(Self::mismatch("a value", b)),
            _ => {
                self.read_int()?;
            }
        }
        Ok(())
    }

    /// Any value (`any`, `value`).
    pub fn read_value(&mut self) -> Result<Value, Error> {
        let b = self.peek()?;
        Ok(match b {
            0xc0 => {
                self.pos += 1;
                Value::Nil
            }
            0xc2 | 0xc3 => Value::Bool(self.read_bool()?),
            0xca => Value::F32(self.read_f32()?),
            0xcb => Value::F64(self.read_f64()?),
            0xa0..=0xbf | 0xd9..=0xdb => Value::Str(self.read_string()?),
            0xc4..=0xc6 => Value::Bin(self.read_bytes()?),
            0x90..=0x9f | 0xdc | 0xdd => {
                let n = self.read_array_len()?;
                self.enter()?;
                let mut items = Vec::with_capacity(self.capacity_for(n));
                for _ in 0..n {
                    items.push(self.read_value()?);
                }
                self.leave();
                Value::Array(items)
            }
            0x80..=0x8f | 0xde | 0xdf => {
                let n = self.read_map_len()?;
                self.enter()?;
                let mut entries = Vec::with_capacity(self.capacity_for(n));
                for _ in 0..n {
                    let k = self.read_value()?;
                    let v = self.read_value()?;
                    entries.push((k, v));
                }
                self.leave();
                Value::Map(entries)
            }
            0xc7..=0xc9 | 0xd4..=0xd8 => {
                let (ty, data) = self.read_ext()?;
                if ty == TIMESTAMP_EXT {
                    Value::Timestamp(timestamp_from_ext(data)?)
                } else {
                    Value::Ext(ty, data.to_vec())
                }
            }
            0xc1 => return Err(Self::mismatch("a value", b)),
            _ => match self.read_int()? {
                WireInt::Signed(v) => Value::Int(v),
                WireInt::Unsigned(v) => match i64::try_from(v) {
                    Ok(v) => Value::Int(v),
                    Err(_) => Value::UInt(v),
                },
            },
        })
    }

    /// A capacity to reserve for `n` elements: each takes at least one byte, so never more than remain. A
    /// hostile length cannot make us allocate beyond the input's size.
    fn capacity_for(&self, n: usize) -> usize {
        n.min(self.buf.len().saturating_sub(self.pos))
    }

    /// `T?`: nil is `None`.
    pub fn read_option<T>(&mut self, read: impl FnOnce(&mut Self) -> Result<T, Error>) -> Result<Option<T>, Error> {
        if self.try_nil()? {
            Ok(None)
        } else {
            read(self).map(Some)
        }
    }

    /// `[T]`; an element's error names its index.
    pub fn read_array<T>(&mut self, mut read: impl FnMut(&mut Self) -> Result<T, Error>) -> Result<Vec<T>, Error> {
        let n = self.read_array_len()?;
        self.enter()?;
        let mut items = Vec::with_capacity(self.capacity_for(n));
        for i in 0..n {
            items.push(read(self).map_err(|e| e.context(&format!("[{}]", i)))?);
        }
        self.leave();
        Ok(items)
    }

    /// `{K: V}` into a sorted map; a repeated key keeps its last value.
    pub fn read_map<K: Ord, V>(
        &mut self,
        mut read_key: impl FnMut(&mut Self) -> Result<K, Error>,
        mut read_value: impl FnMut(&mut Self) -> Result<V, Error>,
    ) -> Result<BTreeMap<K, V>, Error> {
        let n = self.read_map_len()?;
        self.enter()?;
        let mut map = BTreeMap::new();
        for _ in 0..n {
            let k = read_key(self).map_err(|e| e.context("map key"))?;
            let v = read_value(self).map_err(|e| e.context("map value"))?;
            map.insert(k, v);
        }
        self.leave();
        Ok(map)
    }

    /// `{K: V}` with keys that have no order (floats), as a list of entries in wire order.
    pub fn read_entries<K, V>(
        &mut self,
        mut read_key: impl FnMut(&mut Self) -> Result<K, Error>,
        mut read_value: impl FnMut(&mut Self) -> Result<V, Error>,
    ) -> Result<Vec<(K, V)>, Error> {
        let n = self.read_map_len()?;
        self.enter()?;
        let mut entries = Vec::with_capacity(self.capacity_for(n));
        for _ in 0..n {
            let k = read_key(self).map_err(|e| e.context("map key"))?;
            let v = read_value(self).map_err(|e| e.context("map value"))?;
            entries.push((k, v));
        }
        self.leave();
        Ok(entries)
    }

    /// The fields of a type (or the arguments of an operation): a map keyed by name. `field` is called with
    /// each string key and returns whether it knew it; unknown keys, and keys that are not strings, are
    /// skipped with their values. An empty payload reads as an empty map, as operations without arguments
    /// may send one.
    pub fn read_fields(
        &mut self,
        ty: &str,
        mut field: impl FnMut(&mut Self, &'a str) -> Result<bool, Error>,
    ) -> Result<(), Error> {
        if self.is_at_end() && self.pos == 0 {
            return Ok(());
        }
        let n = self.read_map_len().map_err(|e| e.context(ty))?;
        self.enter()?;
        for _ in 0..n {
            let is_str = matches!(self.peek()?, 0xa0..=0xbf | 0xd9..=0xdb);
            if !is_str {
                self.skip()?;
                self.skip()?;
                continue;
            }
            let key = self.read_str().map_err(|e| e.context(ty))?;
            if !field(self, key)? {
                self.skip()?;
            }
        }
        self.leave();
        Ok(())
    }

    /// A union: a single-key map `{TypeName: value}`. `member` reads the value for the member named by the
    /// key, or returns `None` for a name it does not know.
    pub fn read_union<T>(
        &mut self,
        ty: &str,
        member: impl FnOnce(&mut Self, &'a str) -> Result<Option<T>, Error>,
    ) -> Result<T, Error> {
        let n = self.read_map_len().map_err(|e| e.context(ty))?;
        if n != 1 {
            return Err(Error::new(format!("{}: expected a map with one key, found {} keys", ty, n)));
        }
        let key = self.read_str().map_err(|e| e.context(ty))?;
        self.enter()?;
        let value = member(self, key)?;
        self.leave();
        value.ok_or_else(|| Error::new(format!("{}: unknown member {:?}", ty, key)))
    }
}

fn timestamp_from_ext(data: &[u8]) -> Result<Timestamp, Error> {
    let mut b4 = [0u8; 4];
    let mut b8 = [0u8; 8];
    let t = match data.len() {
        4 => {
            b4.copy_from_slice(data);
            Timestamp { seconds: i64::from(u32::from_be_bytes(b4)), nanos: 0 }
        }
        8 => {
            b8.copy_from_slice(data);
            let packed = u64::from_be_bytes(b8);
            Timestamp { seconds: (packed & 0x3_ffff_ffff) as i64, nanos: (packed >> 34) as u32 }
        }
        12 => {
            b4.copy_from_slice(&data[..4]);
            b8.copy_from_slice(&data[4..]);
            Timestamp { seconds: i64::from_be_bytes(b8), nanos: u32::from_be_bytes(b4) }
        }
        n => return Err(Error::new(format!("timestamp of {} bytes; expected 4, 8 or 12", n))),
    };
    if t.nanos >= 1_000_000_000 {
        return Err(Error::new(format!("timestamp nanoseconds {} out of range", t.nanos)));
    }
    Ok(t)
}

/// Encodes one value with `write` and returns the bytes.
pub fn encode(write: impl FnOnce(&mut Encoder)) -> Vec<u8> {
    let mut e = Encoder::new();
    write(&mut e);
    e.into_bytes()
}

/// Decodes exactly one value from `bytes` with `read`; trailing bytes are an error.
pub fn decode<'a, T>(bytes: &'a [u8], read: impl FnOnce(&mut Decoder<'a>) -> Result<T, Error>) -> Result<T, Error> {
    let mut d = Decoder::new(bytes);
    let v = read(&mut d)?;
    d.finish()?;
    Ok(v)
}
