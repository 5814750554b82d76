//! Small byte-level searches that stand in for `str`'s pattern APIs, each
//! of which brings a searcher's code into the wasm module per pattern type.

/// The start of the last `needle` in `hay`. A UTF-8 needle found in UTF-8
/// text always starts at a character boundary, so this is `str::rfind`.
pub fn rfind_str(hay: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (hay.as_bytes(), needle.as_bytes());
    (0..(hay.len() + 1).saturating_sub(needle.len()))
        .rev()
        .find(|&i| hay[i..].starts_with(needle))
}
