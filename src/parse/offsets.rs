//! Byte offsets to UTF-16 offsets.
//!
//! The parser works in bytes; JavaScript indexes strings in UTF-16 code
//! units. Up to the first non-ASCII byte the two are the same, so that
//! prefix (often all of the body, with only the source line's `·` after
//! it) needs no table at all. After it a checkpoint every [`STRIDE`] bytes
//! bounds each lookup to a short forward scan, so converting all spans
//! stays linear in the input; the table costs a quarter of the rest's
//! size. (With 64-byte strides, converting spans took a tenth of
//! parseDigest's time in wasm.)

const STRIDE: usize = 16;
/// Longest rest after the ASCII prefix counted without checkpoints.
const SHORT_REST: usize = 4 * STRIDE;

pub struct Utf16Index<'a> {
    text: &'a str,
    /// Length of the ASCII prefix: offsets up to it map to themselves.
    ascii: usize,
    /// UTF-16 offset of the first char boundary at or after
    /// `ascii + i * STRIDE`.
    checkpoints: Vec<u32>,
}

impl<'a> Utf16Index<'a> {
    /// The index of `text`, whose first non-ASCII byte is at `ascii` (its
    /// length when it has none).
    pub fn new(text: &'a str, ascii: usize) -> Self {
        let bytes = text.as_bytes();
        // UTF-16 units before each stride: one per char, two for a char
        // outside the BMP. Counting bytes that start a char (and the 4-byte
        // leads) gives the same without decoding.
        let rest = &bytes[ascii..];
        let mut checkpoints = Vec::new();
        // A short rest (often the source line's `·` and date) needs no
        // table: each lookup counts it from the prefix, at most
        // `SHORT_REST` bytes, and the table's allocation is saved.
        if rest.len() > SHORT_REST {
            checkpoints.reserve(rest.len() / STRIDE + 2);
            let mut units = ascii as u32;
            for chunk in rest.chunks(STRIDE) {
                // A stride that starts inside a char maps to the boundary
                // after it; that char's units were counted with its first byte.
                checkpoints.push(units);
                units += super::scan::utf16_len(chunk);
            }
            if rest.len() % STRIDE == 0 {
                checkpoints.push(units);
            }
        }
        Self {
            text,
            ascii,
            checkpoints,
        }
    }

    /// Bytes before the first non-ASCII one: each offset up to this one is
    /// its own UTF-16 offset.
    pub fn ascii_prefix(&self) -> usize {
        self.ascii
    }

    /// The UTF-16 offset of byte offset `at`, which must be a char boundary.
    pub fn utf16(&self, at: usize) -> u32 {
        if at <= self.ascii {
            return at as u32;
        }
        if self.checkpoints.is_empty() {
            let rest = &self.text.as_bytes()[self.ascii..at];
            return self.ascii as u32 + super::scan::utf16_len(rest);
        }
        let slot = (at - self.ascii) / STRIDE;
        let mut pos = self.ascii + slot * STRIDE;
        // The checkpoint belongs to the first boundary at or after `pos`.
        while pos < self.text.len() && !self.text.is_char_boundary(pos) {
            pos += 1;
        }
        let mut units = self.checkpoints[slot];
        if pos < at {
            units += super::scan::utf16_len(&self.text.as_bytes()[pos..at]);
        }
        units
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_a_direct_count_at_every_boundary() {
        // Rests short enough to count directly, and long enough for a table.
        for (prefix, times) in [
            ("", 20),
            ("a", 20),
            ("plain ascii before the rest: ", 20),
            ("a", 1),
            ("", 2),
        ] {
            let text = [prefix, &"ab·2025【1】😀 — é\u{a0}".repeat(times)].concat();
            let ascii = text.bytes().position(|b| b >= 0x80).unwrap_or(text.len());
            let index = Utf16Index::new(&text, ascii);
            for (i, _) in text.char_indices().chain([(text.len(), ' ')]) {
                let direct: usize = text[..i].chars().map(char::len_utf16).sum();
                assert_eq!(index.utf16(i), direct as u32, "at byte {i}");
            }
        }
    }

    #[test]
    fn ascii_is_identity() {
        let index = Utf16Index::new("plain text", 10);
        assert_eq!(index.utf16(5), 5);
        assert_eq!(index.utf16(10), 10);
    }
}
