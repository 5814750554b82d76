//! Small byte-level searches that stand in for `str`'s pattern APIs, each
//! of which brings a searcher's code into the wasm module per pattern type.

/// Whether every byte of `bytes` is ASCII: a plain loop, where
/// `<[u8]>::is_ascii`, a word at a time, was 168 bytes of wasm. Natively
/// that one stays: it is the faster, and size does not matter there.
pub fn is_ascii(bytes: &[u8]) -> bool {
    if cfg!(not(target_arch = "wasm32")) {
        return bytes.is_ascii();
    }
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] >= 0x80 {
            return false;
        }
        i += 1;
    }
    true
}

/// The start of the last `needle` in `hay`. A UTF-8 needle found in UTF-8
/// text always starts at a character boundary, so this is `str::rfind`.
pub fn rfind_str(hay: &str, needle: &str) -> Option<usize> {
    rfind_any_end(hay, &[needle]).map(|end| end - needle.len())
}

/// The end of the last of `needles` in `hay` (of the one ending last):
/// one backward search for several needles, on bytes.
pub fn rfind_any_end(hay: &str, needles: &[&str]) -> Option<usize> {
    let hay = hay.as_bytes();
    let mut end = hay.len();
    loop {
        if needles.iter().any(|n| hay[..end].ends_with(n.as_bytes())) {
            return Some(end);
        }
        end = end.checked_sub(1)?;
    }
}

/// `s` without the first of `prefixes` that starts it. Prefixes as `&str`
/// and compared as bytes: a `[char; N]` pattern is a searcher per `N`.
pub fn strip_prefix_any<'a>(s: &'a str, prefixes: &[&str]) -> Option<&'a str> {
    let p = prefixes
        .iter()
        .find(|p| s.as_bytes().starts_with(p.as_bytes()))?;
    s.get(p.len()..)
}

/// `s` without the first of `suffixes` that ends it.
pub fn strip_suffix_any<'a>(s: &'a str, suffixes: &[&str]) -> Option<&'a str> {
    let p = suffixes
        .iter()
        .find(|p| s.as_bytes().ends_with(p.as_bytes()))?;
    s.get(..s.len() - p.len())
}

/// Where the first of `needles` first occurs in `s`: `str::find` for a set
/// of characters, each needle a character as `&str`, without a searcher.
pub fn find_any(s: &str, needles: &[&str]) -> Option<usize> {
    split_any(s, needles).map(|(before, _)| before.len())
}

/// `s` around the first of `needles` found in it: what comes before the
/// needle and what comes after it.
pub fn split_any<'a>(s: &'a str, needles: &[&str]) -> Option<(&'a str, &'a str)> {
    let bytes = s.as_bytes();
    // A needle's first byte is compared before the rest of it.
    (0..bytes.len()).find_map(|i| {
        let n = needles.iter().find(|n| {
            let n = n.as_bytes();
            n.first() == Some(&bytes[i]) && bytes[i..].starts_with(n)
        })?;
        Some((s.get(..i)?, s.get(i + n.len()..)?))
    })
}

/// `s` without trailing colons, `:` or fullwidth `：`: `trim_end_matches`
/// with a `[char; 2]` brought two searchers of its own.
pub fn trim_colons(mut s: &str) -> &str {
    while let Some(t) = strip_suffix_any(s, &[":", "："]) {
        s = t;
    }
    s
}

/// Whether `s` ends with a colon, `:` or `：`.
pub fn ends_with_colon(s: &str) -> bool {
    trim_colons(s).len() < s.len()
}

/// How often the byte `b` occurs in `s`: a plain loop, where
/// `str::matches(c).count()` brought a searcher and `memchr` with it.
pub fn count_byte(s: &str, b: u8) -> usize {
    let (bytes, mut count, mut i) = (s.as_bytes(), 0, 0);
    while i < bytes.len() {
        count += usize::from(bytes[i] == b);
        i += 1;
    }
    count
}

/// Whether `s` starts with a char `f` accepts: `str::starts_with(f)` is a
/// searcher instance per `f`, this one function for all.
pub fn first_is(s: &str, f: fn(char) -> bool) -> bool {
    s.chars().next().is_some_and(f)
}

/// Whether `s` ends with a char `f` accepts.
pub fn last_is(s: &str, f: fn(char) -> bool) -> bool {
    s.chars().next_back().is_some_and(f)
}
