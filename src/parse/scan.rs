//! Byte scans for the parser's hot loops, eight bytes at a time.
//!
//! Most of a digest is plain ASCII text in which nothing happens. These
//! helpers skip such runs a word (`u64`) at a time with bit tricks exact
//! for what each asks (a search: the first byte it looks for; a check:
//! whether there is any), so the passes that must touch every byte
//! (finding lines, finding tokens, folding white space, counting UTF-16
//! units) cost about one instruction per byte instead of a branchy loop per
//! character.

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// For searches: high bits (read through `HI`, as [`find`] does) set in
/// the bytes of `x` below `n` (1..=128), and maybe in bytes after such a
/// one (a borrow runs on), never before one. Exact for the first flagged
/// byte, which is all a search asks, in three operations where the exact
/// tests take five. (`n` = 1 flags zero bytes.)
#[inline]
fn first_below(x: u64, n: u8) -> u64 {
    x.wrapping_sub(LO * u64::from(n)) & !x
}

/// [`first_below`] for bytes equal to `c`.
#[inline]
fn first_eq(x: u64, c: u8) -> u64 {
    first_below(x ^ (LO * u64::from(c)), 1)
}

#[inline(always)]
fn word(bytes: &[u8], at: usize) -> u64 {
    // A slice pattern, not `copy_from_slice`: in the size-tuned wasm build
    // that stayed a call to `memcpy` per word, a sixth of parseDigest.
    match bytes.get(at..at + 8) {
        Some(&[a, b, c, d, e, f, g, h]) => u64::from_le_bytes([a, b, c, d, e, f, g, h]),
        _ => 0,
    }
}

/// Index of the first byte in `bytes[from..]` that `mask` marks (in the
/// high bit of its byte of the word; other bits are ignored) or `single`
/// accepts, else `bytes.len()`.
#[inline]
fn find(
    bytes: &[u8],
    from: usize,
    mask: impl Fn(u64) -> u64,
    single: impl Fn(u8) -> bool,
) -> usize {
    let mut i = from;
    // Whole words from an iterator: no bounds check per word, and a loop
    // the compiler reads as one of whole words (2.8% fewer instructions
    // in a parse than indexing each word).
    let mut words = bytes.get(from..).unwrap_or_default().chunks_exact(8);
    for w in &mut words {
        let m = mask(w.first_chunk().map_or(0, |w| u64::from_le_bytes(*w))) & HI;
        if m != 0 {
            return i + (m.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    for &b in words.remainder() {
        if single(b) {
            return i;
        }
        i += 1;
    }
    i
}

/// Where `needle` (a few bytes) first occurs in `hay`. A byte loop: the
/// standard library's substring search is two-way string matching, about
/// 1.5 KB of wasm for the three short needles this crate looks for.
pub fn find_str(hay: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (hay.as_bytes(), needle.as_bytes());
    (0..(hay.len() + 1).saturating_sub(needle.len())).find(|&i| hay[i..].starts_with(needle))
}

/// Whether `bytes` holds ` - `, ` – ` or ` — ` (ASCII spaces around a
/// hyphen, en dash or em dash): one scan for the dashes (`-`, and
/// non-ASCII bytes, among them the lead byte 0xE2 of `–` and `—`), then a
/// look at their two sides, instead of a substring search per dash.
pub fn has_spaced_dash(bytes: &[u8]) -> bool {
    // Token starts include both kinds of dash; reusing their scan keeps one
    // copy of the word loop in the wasm module.
    let next_dash = |from: usize| token_start(bytes, from, bytes.len());
    let mut at = next_dash(0);
    while at < bytes.len() {
        let dash_len = match bytes[at..] {
            [b'-', ..] => 1,
            [0xE2, 0x80, 0x93 | 0x94, ..] => 3,
            _ => 0,
        };
        if dash_len > 0
            && at > 0
            && bytes[at - 1] == b' '
            && bytes.get(at + dash_len) == Some(&b' ')
        {
            return true;
        }
        at = next_dash(at + 1);
    }
    false
}

/// The next `\n` or `\r` at or after `from`. While `*non_ascii` is
/// `usize::MAX`, the search stops at non-ASCII bytes too, and stores the
/// first one passed there: splitting a text into lines finds its ASCII
/// prefix (see [`super::offsets`]) without a pass of its own.
pub fn line_break(bytes: &[u8], from: usize, non_ascii: &mut usize) -> usize {
    let mut at = from;
    loop {
        let track = if *non_ascii == usize::MAX { HI } else { 0 };
        // Both breaks are below 0x0E: one test finds them, and the rare
        // other control characters, which are stepped over.
        at = find(
            bytes,
            at,
            |w| first_below(w, 0x0E) | (w & track),
            |b| b < 0x0E || b & track as u8 != 0,
        );
        if at >= bytes.len() || matches!(bytes[at], b'\n' | b'\r') {
            return at;
        }
        if bytes[at] >= 0x80 {
            *non_ascii = at; // only stopped at while looking for one
        }
        at += 1;
    }
}

/// The next byte at or after `from` (before `end`) that can start a token:
/// `[`, `-`, or the first byte of a non-ASCII character (which may be a
/// full-width bracket); or a Markdown mark, as [`inline_mark`] finds, so
/// that reading a line also tells which of its text holds marks.
pub fn token_start(bytes: &[u8], from: usize, end: usize) -> usize {
    let bytes = &bytes[..end];
    find(
        bytes,
        from,
        |w| mark_bytes(w) | first_eq(w, b'-') | w,
        |b| matches!(b, b'-' | b'`' | b'*' | b'_' | b'[' | b':' | 0x80..),
    )
}

/// For searches ([`first_below`]): the bytes of `w` that are `` ` ``, `*`,
/// `_`, `[` or `:`.
#[inline]
fn mark_bytes(w: u64) -> u64 {
    // Marks one bit apart share a test: `*` (0x2A) and `:` (0x3A) differ in
    // bit 4 only, `[` (0x5B) and `_` (0x5F) in bit 2 only.
    first_eq(w | (LO * 0x10), b':') | first_eq(w & !(LO * 0x04), b'[') | first_eq(w, b'`')
}

/// The next byte at or after `from` that can open a citation: `[`, or the
/// first byte of a non-ASCII character (full-width brackets).
pub fn bracket_start(bytes: &[u8], from: usize) -> usize {
    find(
        bytes,
        from,
        |w| first_eq(w, b'[') | w,
        |b| b == b'[' || b >= 0x80,
    )
}

/// The next byte at or after `from` (before `end`) that may begin a
/// Markdown mark inside a point: `` ` ``, `*`, `_`, `[`, or the `:` of a
/// bare URL's `://`.
pub fn inline_mark(bytes: &[u8], from: usize, end: usize) -> usize {
    let bytes = &bytes[..end];
    find(bytes, from, mark_bytes, |b| {
        matches!(b, b'`' | b'*' | b'_' | b'[' | b':')
    })
}

/// The next byte at or after `from` that HTML escaping must replace:
/// `&`, `<`, `>`, `"`, `'` or NUL.
pub fn html_special(bytes: &[u8], from: usize) -> usize {
    find(
        bytes,
        from,
        |w| {
            first_eq(w, b'&')
                | first_eq(w, b'<')
                | first_eq(w, b'>')
                | first_eq(w, b'"')
                | first_eq(w, b'\'')
                | first_below(w, 1)
        },
        |b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'' | 0),
    )
}

/// Whether folding white space would change `bytes` (appended after text
/// that ends in a space when `after_space`): a control or non-ASCII byte,
/// two spaces in a row, or a space where one is already.
pub fn needs_folding(bytes: &[u8], after_space: bool) -> bool {
    let mut i = 0;
    // The previous word's bytes xor space (only its last byte is used, zero
    // for a space): a space already written counts as one just before the
    // first byte.
    let mut prev = if after_space { 0 } else { u64::MAX };
    while i + 8 <= bytes.len() {
        let w = word(bytes, i);
        // Bytes below 0x20 or from 0x80. Only whether there is any is
        // asked, which the borrow forms answer exactly.
        let odd = first_below(w, 0x20) | w;
        // Each byte xor space, or'ed with the byte before it: zero where a
        // space follows a space, inside the word or across its start.
        let x = w ^ (LO * u64::from(b' '));
        let doubled = first_below(x | (x << 8) | (prev >> 56), 1);
        if (odd | doubled) & HI != 0 {
            return true;
        }
        prev = x;
        i += 8;
    }
    let mut prev_space = prev >> 56 == 0;
    for &b in &bytes[i..] {
        if !(0x20..0x80).contains(&b) || (b == b' ' && prev_space) {
            return true;
        }
        prev_space = b == b' ';
    }
    false
}

/// How many bytes of `mask` have their high bit set. A multiply adds the
/// bytes' flags together: cheaper than `count_ones` on CPUs without `popcnt`.
#[inline]
fn sum_flags(mask: u64) -> u32 {
    ((mask >> 7).wrapping_mul(LO) >> 56) as u32
}

/// UTF-16 code units in `bytes` (valid UTF-8): one per character, two for
/// those outside the Basic Multilingual Plane.
pub fn utf16_len(bytes: &[u8]) -> u32 {
    let mut units = 0u32;
    let mut i = 0;
    while i + 8 <= bytes.len() {
        let w = word(bytes, i);
        i += 8;
        if w & HI == 0 {
            units += 8; // all ASCII: the common case
            continue;
        }
        // Continuation bytes are 10xxxxxx: high bit set, next bit clear.
        let continuation = w & !(w << 1) & HI;
        // Leads of 4-byte sequences are 11110xxx: the top four bits set.
        let four = w & (w << 1) & (w << 2) & (w << 3) & HI;
        units += 8 - sum_flags(continuation) + sum_flags(four);
    }
    for &b in &bytes[i..] {
        units += u32::from(b & 0xC0 != 0x80) + u32::from(b >= 0xF0);
    }
    units
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLES: &[&str] = &[
        "",
        "plain ascii text with single spaces only, nothing else at all",
        "two  spaces",
        "tab\there and more text to fill the words up",
        "a line\nbreak and\r\nanother one in the middle of text",
        "non-ascii · middle dot and 【1】 and 😀 emoji and é",
        "        ",
        "[1] starts with a bracket and has - dashes - inside",
        "abcdefg  hijklmn",
        "abcdefgh ijklmnop",
        "abcdefg\u{a0}x",
        "**strong** and _emphasis_ and `code` in [a link](https://x.com/a_b)",
        "abcdefgh`ijklmno*pqrstuv_wxyz:",
        "a – b",
        "a — b and c - d",
        "港口——码头 2025–26 well—known a- b -c",
        "-",
        " - ",
        "control\x01\x0b\x0c bytes\tbefore a\rbreak:*[_` and ;+{z",
        "ab ! cd !!x y ! !",
        "abcdefg !bcdefgh  ! x",
    ];

    #[test]
    fn word_scans_agree_with_byte_loops() {
        for s in SAMPLES {
            let b = s.as_bytes();
            for from in 0..=b.len() {
                let naive = (from..b.len())
                    .find(|&i| b[i] == b'\n' || b[i] == b'\r')
                    .unwrap_or(b.len());
                assert_eq!(line_break(b, from, &mut 0), naive, "{s:?} from {from}");
                let mut non_ascii = usize::MAX;
                assert_eq!(line_break(b, from, &mut non_ascii), naive);
                let first = (from..naive).find(|&i| b[i] >= 0x80);
                assert_eq!(non_ascii, first.unwrap_or(usize::MAX), "{s:?} from {from}");
                let naive = (from..b.len())
                    .find(|&i| matches!(b[i], b'[' | b'-' | b'`' | b'*' | b'_' | b':' | 0x80..))
                    .unwrap_or(b.len());
                assert_eq!(token_start(b, from, b.len()), naive, "{s:?} from {from}");
                let naive = (from..b.len())
                    .find(|&i| matches!(b[i], b'`' | b'*' | b'_' | b'[' | b':'))
                    .unwrap_or(b.len());
                assert_eq!(inline_mark(b, from, b.len()), naive, "{s:?} from {from}");
            }
            let dashed = [" - ", " – ", " — "].iter().any(|d| s.contains(d));
            assert_eq!(has_spaced_dash(b), dashed, "{s:?}");
            let units: usize = s.chars().map(char::len_utf16).sum();
            assert_eq!(utf16_len(b) as usize, units, "{s:?}");
            for after_space in [false, true] {
                let mut folded = String::from(if after_space { "x " } else { "x" });
                let before = folded.clone();
                super::super::text::push_folded(&mut folded, s);
                let changes = folded[before.len()..] != **s;
                // Exact for ASCII; for other text a conservative "maybe".
                if s.is_ascii() {
                    assert_eq!(
                        needs_folding(b, after_space),
                        changes,
                        "{s:?} after_space={after_space}"
                    );
                } else {
                    assert!(!changes || needs_folding(b, after_space), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn search_masks_find_the_first_byte() {
        // Every pair of bytes, at every place in the word, among bytes
        // that match nothing and bytes that match.
        let first = |m: u64, f: &dyn Fn(u8) -> bool, w: u64| {
            let want = w.to_le_bytes().iter().position(|&x| f(x)).map_or(8, |i| i);
            assert_eq!(((m & HI).trailing_zeros() / 8) as usize, want, "{w:016x}");
        };
        for a in 0..=255u8 {
            for b in 0..=255u8 {
                for at in 0..7 {
                    let mut bytes = [b'a'; 8];
                    bytes[at] = a;
                    bytes[at + 1] = b;
                    let w = u64::from_le_bytes(bytes);
                    first(first_below(w, 0x0E), &|x| x < 0x0E, w);
                    first(first_below(w, 1), &|x| x == 0, w);
                    first(first_eq(w, b'-'), &|x| x == b'-', w);
                    let marks = |x| matches!(x, b'`' | b'*' | b'_' | b'[' | b':');
                    first(mark_bytes(w), &marks, w);
                }
            }
        }
    }
}
