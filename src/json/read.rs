//! Reading JSON text into a [`Value`] tree.
//!
//! The wasm boundary reads JavaScript objects (options, a `Digest`) by
//! turning them into JSON with the engine's `JSON.stringify` and reading that
//! here: one call across the boundary instead of one per field, and a few
//! hundred bytes of wasm instead of a reader per type. Numbers stay as
//! written: the callers want whole numbers only, and parsing floats would
//! pull the float parser into the module.
//!
//! ```
//! use digest_render::json::read::{parse, Value};
//! let v = parse(r#"{"id":3,"title":"A \"quoted\" word","x":[true,null,-1.5]}"#).unwrap();
//! assert_eq!(v.get("id").and_then(Value::whole_number), Some(3));
//! assert_eq!(v.get("title").and_then(Value::as_str), Some("A \"quoted\" word"));
//! assert!(parse("{\"a\":").is_none());
//! ```

/// A JSON value. Objects keep their members in order.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// The number as written, such as `3`, `-1` or `2.5e3`.
    Number(String),
    String(String),
    Array(Vec<Value>),
    /// Each member's key (a [`Value::String`]) and then its value, in one
    /// list: a list of pairs was a second vector type and a second copy of
    /// the reading loop.
    Object(Vec<Value>),
}

/// Deeper nesting than this is refused (a model is four levels deep), so a
/// hostile object cannot exhaust the stack.
const MAX_DEPTH: u32 = 64;

impl Value {
    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(members) => {
                let mut i = 0;
                while i + 1 < members.len() {
                    // Matched in place: `as_str() == Some(key)` cost 80
                    // bytes more.
                    if matches!(&members[i], Value::String(k) if k == key) {
                        return Some(&members[i + 1]);
                    }
                    i += 2;
                }
                None
            }
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// A number written as plain digits that fits in a `u32`.
    pub fn whole_number(&self) -> Option<u32> {
        match self {
            Value::Number(n) => parse_u32(n),
            _ => None,
        }
    }

    /// What the value is, in words, for error messages: `null`, `an array`,
    /// `number`, `string`, `boolean` or `object`, as JavaScript's `typeof`
    /// says it (except for arrays and null, which it does not tell apart).
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "an array",
            Value::Object(_) => "object",
        }
    }
}

/// Digits only, at most `u32::MAX`.
pub fn parse_u32(digits: &str) -> Option<u32> {
    if digits.is_empty() || digits.len() > 10 {
        return None;
    }
    let bytes = digits.as_bytes();
    let mut n: u64 = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !b.is_ascii_digit() {
            return None;
        }
        n = n * 10 + u64::from(b - b'0');
        i += 1;
    }
    u32::try_from(n).ok()
}

/// The value in `text`, or `None` when it is not one whole JSON value.
pub fn parse(text: &str) -> Option<Value> {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        at: 0,
    };
    let value = reader.value(0)?;
    reader.skip_space();
    (reader.at == reader.bytes.len()).then_some(value)
}

/// What [`Reader::peek`] gives past the end: a byte UTF-8 never has.
const END: u8 = 0xFF;

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    /// The byte at the cursor, or [`END`] past the last. (A byte, not an
    /// `Option`, which was returned through memory.)
    fn peek(&self) -> u8 {
        self.bytes.get(self.at).copied().unwrap_or(END)
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), b' ' | b'\t' | b'\n' | b'\r') {
            self.at += 1;
        }
    }

    /// Consumes `b` (after white space) when it comes next.
    fn eat(&mut self, b: u8) -> bool {
        self.skip_space();
        let found = self.peek() == b;
        self.at += usize::from(found);
        found
    }

    /// Consumes `word` when it comes next. (A test, not an `Option` of the
    /// value: `then_some` was an instance of its own.)
    fn word(&mut self, word: &[u8]) -> bool {
        let found = self.bytes[self.at..].starts_with(word);
        self.at += word.len();
        found
    }

    fn value(&mut self, depth: u32) -> Option<Value> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.skip_space();
        match self.peek() {
            // Objects and arrays in one loop: two copies of it cost more
            // than the test for which one this is.
            open @ (b'{' | b'[') => {
                self.at += 1;
                let keyed = open == b'{';
                let close = open + 2; // `}` and `]` come two after.
                let mut items = Vec::new();
                if !self.eat(close) {
                    loop {
                        if keyed {
                            // Read as any value, so that `string` has one
                            // caller and no copy of its call.
                            let key = self.value(depth)?;
                            if !matches!(key, Value::String(_)) || !self.eat(b':') {
                                return None;
                            }
                            items.push(key);
                        }
                        items.push(self.value(depth + 1)?);
                        if self.eat(close) {
                            break;
                        }
                        if !self.eat(b',') {
                            return None;
                        }
                    }
                }
                Some(if keyed {
                    Value::Object(items)
                } else {
                    Value::Array(items)
                })
            }
            b'"' => self.string().map(Value::String),
            b't' if self.word(b"true") => Some(Value::Bool(true)),
            b'f' if self.word(b"false") => Some(Value::Bool(false)),
            b'n' if self.word(b"null") => Some(Value::Null),
            b'-' | b'0'..=b'9' => {
                let start = self.at;
                while matches!(self.peek(), b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9') {
                    self.at += 1;
                }
                // The bytes are ASCII, so these are char boundaries.
                Some(Value::Number(self.text[start..self.at].into()))
            }
            _ => None,
        }
    }

    /// A string literal at the cursor, unescaped. Escaped lone surrogates
    /// (which `JSON.stringify` writes for broken strings) become U+FFFD.
    /// Runs between escapes are copied as they are: they end at ASCII `"`
    /// or `\\`, so they are whole characters.
    fn string(&mut self) -> Option<String> {
        // The caller saw the opening quote.
        self.at += 1;
        let mut out = String::new();
        let mut run = self.at;
        loop {
            let b = self.peek();
            if b == END {
                return None;
            }
            if b != b'"' && b != b'\\' {
                self.at += 1;
                continue;
            }
            out.push_str(&self.text[run..self.at]);
            self.at += 1;
            if b == b'"' {
                return Some(out);
            }
            // `END` is no escape.
            let e = self.peek();
            self.at += 1;
            out.push(match e {
                b'"' | b'\\' | b'/' => char::from(e),
                b'b' => '\u{8}',
                b'f' => '\u{c}',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                b'u' => {
                    let unit = self.hex4()?;
                    let mut code = u32::from(unit);
                    if (0xD800..0xDC00).contains(&unit) && self.bytes[self.at..].starts_with(b"\\u")
                    {
                        let save = self.at;
                        self.at += 2;
                        match self.hex4()? {
                            low @ 0xDC00..=0xDFFF => {
                                code =
                                    0x10000 + ((code - 0xD800) << 10) + (u32::from(low) - 0xDC00);
                            }
                            _ => self.at = save,
                        }
                    }
                    char::from_u32(code).unwrap_or('\u{FFFD}')
                }
                _ => return None,
            });
            run = self.at;
        }
    }

    fn hex4(&mut self) -> Option<u16> {
        let digits = self.bytes.get(self.at..self.at + 4)?;
        self.at += 4;
        let mut n = 0u16;
        let mut i = 0;
        while i < 4 {
            n = n * 16 + char::from(digits[i]).to_digit(16)? as u16;
            i += 1;
        }
        Some(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_json_stringify_writes() {
        let v = parse(r#" {"a":[1,-2,3.5e2,true,false,null],"b":{"c":"\u00e9\ud83d\ude00\n\\"}} "#)
            .unwrap();
        let Value::Array(items) = v.get("a").unwrap() else {
            panic!("not an array")
        };
        assert_eq!(items[0].whole_number(), Some(1));
        assert_eq!(items[1].whole_number(), None);
        assert_eq!(items[2], Value::Number("3.5e2".into()));
        assert_eq!(items[5].kind(), "null");
        assert_eq!(
            v.get("b").and_then(|b| b.get("c")).and_then(Value::as_str),
            Some("é😀\n\\")
        );
    }

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        let v = parse(r#""a\ud800b\udc00""#).unwrap();
        assert_eq!(v.as_str(), Some("a\u{FFFD}b\u{FFFD}"));
    }

    #[test]
    fn refuses_broken_or_too_deep_text() {
        for bad in [
            "", "{", "[1,]", "{\"a\"1}", "tru", "\"abc", "1 2", "\"\\x\"",
        ] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
        let deep = "[".repeat(100) + &"]".repeat(100);
        assert_eq!(parse(&deep), None);
        let ok = "[".repeat(60) + &"]".repeat(60);
        assert!(parse(&ok).is_some());
        assert_eq!(parse_u32("4294967295"), Some(u32::MAX));
        assert_eq!(parse_u32("4294967296"), None);
    }
}
