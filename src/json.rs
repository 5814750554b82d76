//! JSON text for any `Serialize` value, through the same serde attributes
//! the wasm boundary uses, so the CLI's JSON and the JavaScript objects
//! cannot disagree. Small on purpose: the model needs strings, integers,
//! options, sequences, structs and unit variants.

pub mod read;

use serde::ser::{self, Serialize};
use std::fmt::{self, Write as _};

/// Compact JSON, or indented by two spaces when `pretty`.
pub fn to_string<T: Serialize + ?Sized>(value: &T, pretty: bool) -> String {
    let mut writer = Writer {
        out: String::new(),
        pretty,
        depth: 0,
    };
    // The model holds nothing JSON cannot express, and writing to a String
    // cannot fail, so an error here is a bug in this module.
    if let Err(e) = value.serialize(&mut writer) {
        unreachable!("JSON serialisation failed: {e}");
    }
    writer.out
}

#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

struct Writer {
    out: String,
    pretty: bool,
    depth: usize,
}

impl Writer {
    fn newline(&mut self) {
        if self.pretty {
            self.out.push('\n');
            for _ in 0..self.depth {
                self.out.push_str("  ");
            }
        }
    }

    /// A JSON string. Bytes that need no escape (nearly all of them) are
    /// copied in runs; only `"`, `\\`, control characters and U+2028/U+2029
    /// (which break JavaScript string literals) are written escaped.
    fn string(&mut self, s: &str) {
        self.out.reserve(s.len() + 2);
        self.out.push('"');
        let bytes = s.as_bytes();
        let mut plain_from = 0;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let escaped: &str = match b {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0..=0x1f => "",
                // U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
                0xE2 if bytes.get(i + 1) == Some(&0x80)
                    && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9)) =>
                {
                    ""
                }
                _ => {
                    i += 1;
                    continue;
                }
            };
            self.out.push_str(&s[plain_from..i]);
            if escaped.is_empty() {
                let code = if b == 0xE2 {
                    0x2028 + u32::from(bytes[i + 2] - 0xA8)
                } else {
                    u32::from(b)
                };
                self.out.push_str("\\u");
                for shift in [12, 8, 4, 0] {
                    self.out.push(char::from(
                        b"0123456789abcdef"[((code >> shift) & 15) as usize],
                    ));
                }
                i += if b == 0xE2 { 3 } else { 1 };
            } else {
                self.out.push_str(escaped);
                i += 1;
            }
            plain_from = i;
        }
        self.out.push_str(&s[plain_from..]);
        self.out.push('"');
    }

    fn unsigned(&mut self, n: u64) {
        crate::render::html::push_decimal(&mut self.out, n);
    }
}

pub struct Compound<'a> {
    writer: &'a mut Writer,
    first: bool,
    close: char,
}

impl Compound<'_> {
    fn element(&mut self) {
        if !self.first {
            self.writer.out.push(',');
        }
        self.first = false;
        self.writer.newline();
    }

    fn key(&mut self, key: &str) {
        self.element();
        self.writer.string(key);
        self.writer.out.push(':');
        if self.writer.pretty {
            self.writer.out.push(' ');
        }
    }

    fn end(self) {
        self.writer.depth -= 1;
        if !self.first {
            self.writer.newline();
        }
        self.writer.out.push(self.close);
    }
}

impl<'a> Writer {
    fn open(&'a mut self, open: char, close: char) -> Compound<'a> {
        self.out.push(open);
        self.depth += 1;
        Compound {
            writer: self,
            first: true,
            close,
        }
    }
}

macro_rules! display_number {
    ($($method:ident: $t:ty),*) => {$(
        fn $method(self, v: $t) -> Result<(), Error> {
            let _ = write!(self.out, "{v}");
            Ok(())
        }
    )*};
}

impl<'a> ser::Serializer for &'a mut Writer {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    display_number!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64);

    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.unsigned(v.into());
        Ok(())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.unsigned(v.into());
        Ok(())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.unsigned(v.into());
        Ok(())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.unsigned(v);
        Ok(())
    }

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        if v.is_finite() {
            let _ = write!(self.out, "{v}");
        } else {
            self.out.push_str("null");
        }
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        let mut seq = self.open('[', ']');
        for b in v {
            seq.element();
            seq.writer.unsigned(u64::from(*b));
        }
        seq.end();
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.out.push_str("null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.string(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        let mut map = self.open('{', '}');
        map.key(variant);
        value.serialize(&mut *map.writer)?;
        map.end();
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(self.open('[', ']'))
    }
    fn serialize_tuple(self, _: usize) -> Result<Compound<'a>, Error> {
        Ok(self.open('[', ']'))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, Error> {
        Ok(self.open('[', ']'))
    }
    fn serialize_tuple_variant(
        self,
        name: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(ser::Error::custom(format!(
            "tuple variants are not supported ({name})"
        )))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(self.open('{', '}'))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'a>, Error> {
        Ok(self.open('{', '}'))
    }
    fn serialize_struct_variant(
        self,
        name: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(ser::Error::custom(format!(
            "struct variants are not supported ({name})"
        )))
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element();
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self);
        Ok(())
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self);
        Ok(())
    }
}

impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self);
        Ok(())
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.element();
        // Keys must be strings: serialise, then quote anything that is not one.
        let mut probe = Writer {
            out: String::new(),
            pretty: false,
            depth: 0,
        };
        key.serialize(&mut probe)?;
        if probe.out.starts_with('"') {
            self.writer.out.push_str(&probe.out);
        } else {
            self.writer.string(&probe.out);
        }
        self.writer.out.push(':');
        if self.writer.pretty {
            self.writer.out.push(' ');
        }
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self);
        Ok(())
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.key(key);
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_json_and_script_contexts_need() {
        assert_eq!(
            to_string("a\"b\\c\n\u{1}\u{2028}é", false),
            r#""a\"b\\c\n\u0001\u2028é""#
        );
    }

    #[test]
    fn compact_and_pretty() {
        let v: Vec<Option<u32>> = vec![Some(1), None];
        assert_eq!(to_string(&v, false), "[1,null]");
        assert_eq!(to_string(&v, true), "[\n  1,\n  null\n]");
        let empty: Vec<u32> = vec![];
        assert_eq!(to_string(&empty, true), "[]");
    }
}
