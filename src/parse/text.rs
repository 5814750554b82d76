//! Character classes and white-space folding shared by the constructs.
//!
//! White space is Unicode `White_Space`: besides ASCII it covers the
//! non-breaking space (U+00A0) and the ideographic space (U+3000) that
//! digests copied from web pages carry.

/// Any Unicode white space, line breaks included: what `str::trim` and its
/// kin remove, so the parser trims with those (one copy in the wasm module,
/// where a `trim_matches(is_space)` per call site was a copy each).
pub fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// The length in bytes of the white space character ([`is_space`])
/// starting at byte `at` of `s`, or 0 if none starts there (nor any
/// character: `at` may be inside one, so a scan can step through other
/// characters a byte at a time).
pub fn space_len(s: &str, at: usize) -> usize {
    match s.get(at..).and_then(|rest| rest.chars().next()) {
        Some(c) if is_space(c) => c.len_utf8(),
        _ => 0,
    }
}

/// The length in bytes of the white space character ending at byte `end`
/// of `s`, or 0.
pub fn space_before(s: &str, end: usize) -> usize {
    match s.get(..end).and_then(|rest| rest.chars().next_back()) {
        Some(c) if is_space(c) => c.len_utf8(),
        _ => 0,
    }
}

/// Letters and marks that carry no case and need no spaces between words:
/// Han, kana, Hangul and the CJK punctuation block.
pub fn is_cjk(c: char) -> bool {
    // Everything below U+3000 (all of ASCII and Latin) is out at once.
    let c = c as u32;
    c >= 0x3000
        && matches!(c,
        0x3000..=0x303F   // CJK symbols and punctuation
        | 0x3040..=0x30FF // kana
        | 0x3400..=0x4DBF // Han extension A
        | 0x4E00..=0x9FFF // Han
        | 0xAC00..=0xD7AF // Hangul
        | 0xF900..=0xFAFF // Han compatibility
        | 0xFF00..=0xFFEF // full-width forms
        | 0x20000..=0x2FFFF)
}

/// Ends a sentence or a clause: a heading never contains one of these at a
/// word's end.
pub fn is_sentence_punct(c: char) -> bool {
    SENTENCE_PUNCT.contains(&c)
}

// Sets of characters as slices: one `contains` for all of them, where a
// `matches!` per set compiled to a chain of comparisons each.
const SENTENCE_PUNCT: &[char] = &[
    '.', '!', '?', ';', ',', '。', '！', '？', '；', '，', '、', '…',
];

/// Punctuation that hugs the word before it, so no space is kept before it
/// when a citation marker between the two is removed (`rose [2], then`).
pub fn is_closing_punct(c: char) -> bool {
    CLOSING_PUNCT.contains(&c)
}

const CLOSING_PUNCT: &[char] = &[
    '.', ',', ';', ':', '!', '?', ')', ']', '}', '»', '”', '’', '…', '。', '，', '、', '；', '：',
    '！', '？', '）', '」', '』', '》', '〉',
];

/// The value of an ASCII or full-width decimal digit.
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// `s` without leading and trailing white space, as a byte range of `s`.
pub fn trim_range(s: &str, start: usize, end: usize) -> (usize, usize) {
    // Byte loops: a `str` trim decodes every character through a pattern
    // searcher, several times slower.
    let bytes = s.as_bytes();
    // Most ranges have no white space at either end: decided by one look
    // at each, before the loops.
    // So have most of the others once one ASCII space is off each end
    // (text between separators and citations: ` rose `).
    let solid = |b: u8| (0x21..0x80).contains(&b);
    let first = start + usize::from(start < end && bytes[start] == b' ');
    let last = end - usize::from(first < end && bytes[end - 1] == b' ');
    if first < last && solid(bytes[first]) && solid(bytes[last - 1]) {
        return (first, last);
    }
    trim_spaces(s, start, end)
}

/// [`trim_range`] character by character: out of line, so that its fast
/// path stays a leaf function (natively 0.5% of a parse's instructions
/// went to saving registers for this part).
#[inline(never)]
fn trim_spaces(s: &str, start: usize, end: usize) -> (usize, usize) {
    let mut first = start;
    while first < end {
        match space_len(s, first) {
            0 => break,
            n => first += n,
        }
    }
    let mut last = end;
    while last > first {
        match space_before(s, last) {
            0 => break,
            n => last -= n,
        }
    }
    (first, last)
}

/// Where the white space starting at byte `at` of `s` ends.
pub fn skip_spaces(s: &str, mut at: usize) -> usize {
    loop {
        match space_len(s, at) {
            0 => return at,
            n => at += n,
        }
    }
}

/// Where the white space ending at byte `end` of `s` starts.
pub fn skip_spaces_back(s: &str, mut end: usize) -> usize {
    loop {
        match space_before(s, end) {
            0 => return end,
            n => end -= n,
        }
    }
}

/// `s` without leading and trailing white space: [`trim_range`] as a slice.
pub fn trim(s: &str) -> &str {
    let (start, end) = trim_range(s, 0, s.len());
    &s[start..end]
}

/// `s` without leading white space. This and [`trim_end`] stand for the
/// `str` methods everywhere the module trims, so that the `str` trims'
/// white-space searchers (three trims, two searcher directions) are not
/// in it at all.
pub fn trim_start(s: &str) -> &str {
    &s[skip_spaces(s, 0)..]
}

/// `s` without trailing white space.
pub fn trim_end(s: &str) -> &str {
    &s[..skip_spaces_back(s, s.len())]
}

/// Appends `piece` to `out` with every run of white space folded to one
/// ASCII space. Copies whole runs of ordinary text at once: this is the
/// parser's hottest loop.
pub fn push_folded(out: &mut String, piece: &str) {
    let bytes = piece.as_bytes();
    let mut in_space = out.as_bytes().last() == Some(&b' ');
    if !super::scan::needs_folding(bytes, in_space) {
        out.push_str(piece);
        return;
    }
    let mut copy_from = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let space = if b > b' ' && b < 0x80 {
            0
        } else {
            space_len(piece, i)
        };
        if space == 0 {
            // Other characters are stepped through a byte at a time.
            in_space = false;
            i += 1;
            continue;
        }
        if b == b' ' && !in_space {
            // A single ASCII space stays as it is.
            in_space = true;
        } else {
            out.push_str(&piece[copy_from..i]);
            if !in_space {
                out.push(' ');
                in_space = true;
            }
            copy_from = i + space;
        }
        i += space;
    }
    out.push_str(&piece[copy_from..]);
}

/// `piece` folded, then trimmed at both ends.
pub fn folded(piece: &str) -> String {
    let mut out = String::with_capacity(piece.len());
    push_folded(&mut out, trim(piece));
    out
}

/// For each id, whether no earlier id equals it. The ids are sorted with
/// their positions, so hostile input stays O(n log n). (No hash set: its
/// code costs the wasm module more than this whole function; a table of
/// flags for small ids, linear, was a second way to the same answer.)
pub fn first_occurrences(ids: &[u32]) -> Vec<bool> {
    // Plain loops into one vector of flags: collecting through iterator
    // chains was a copy of the loop per chain.
    let mut first = vec![false; ids.len()];
    // (id, position) packed in a u64: the parser's one sort instance.
    let mut order: Vec<u64> = Vec::with_capacity(ids.len());
    let mut i = 0;
    while i < ids.len() {
        order.push(super::pack(ids[i], i as u32));
        i += 1;
    }
    order.sort_unstable();
    // Read in place (no owning iterator to drop); ids are `u32`, so no
    // id's high half is `u64::MAX`.
    let mut previous = u64::MAX;
    for &key in &order {
        if key >> 32 != previous {
            first[key as u32 as usize] = true;
            previous = key >> 32;
        }
    }
    first
}

/// `ids` without repeats, in order of first appearance, in place.
pub fn dedup_in_order(mut ids: Vec<u32>) -> Vec<u32> {
    // A point cites a handful of ids: comparing each with those kept costs
    // less than the two vectors of `first_occurrences`, which longer lists
    // need to stay linear.
    const SHORT: usize = 16;
    let first = if ids.len() > SHORT {
        first_occurrences(&ids)
    } else {
        Vec::new()
    };
    let mut kept = 0;
    for i in 0..ids.len() {
        let id = ids[i];
        let is_first = match first.get(i) {
            Some(&flag) => flag,
            None => !ids[..kept].contains(&id),
        };
        if is_first {
            ids[kept] = id;
            kept += 1;
        }
    }
    ids.truncate(kept);
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_every_kind_of_space() {
        assert_eq!(folded("  a\u{a0}\u{a0}b\r\n\tc\u{3000}d  "), "a b c d");
    }

    #[test]
    fn folds_runs_at_piece_edges() {
        let mut out = String::from("a ");
        push_folded(&mut out, "  b\t\tc \u{a0}d ");
        assert_eq!(out, "a b c d ");
        let mut out = String::new();
        push_folded(&mut out, "x  \u{3000}");
        assert_eq!(out, "x ");
    }

    #[test]
    fn white_space_on_bytes_is_is_space() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let s = format!("a{c}b");
            let len = c.len_utf8();
            let want = if is_space(c) { len } else { 0 };
            assert_eq!(space_len(&s, 1), want, "{c:?}");
            assert_eq!(space_before(&s, 1 + len), want, "{c:?}");
            // Never inside a character.
            for at in 2..=len {
                assert_eq!(space_len(&s, at), 0, "{c:?}");
                assert_eq!(space_before(&s, at), 0, "{c:?}");
            }
        }
    }

    #[test]
    fn trims_to_a_range() {
        let s = "  ab  ";
        assert_eq!(trim_range(s, 0, s.len()), (2, 4));
        assert_eq!(trim_range(s, 0, 2), (2, 2));
        for s in [
            "",
            " ",
            "\u{a0}\u{3000} 港口 \u{85}\t",
            "\x0b\x0cx\r\n",
            "é",
            " \u{2003}a\u{2003}b\u{2029}",
            "\u{1f600} ",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
    }

    #[test]
    fn first_occurrences_short_and_long() {
        assert_eq!(dedup_in_order(vec![3, 1, 3, 2, 1]), vec![3, 1, 2]);
        let long: Vec<u32> = (0..100).map(|i| (i * 7) % 40).collect();
        let expected: Vec<u32> = {
            let mut seen = Vec::new();
            for &id in &long {
                if !seen.contains(&id) {
                    seen.push(id);
                }
            }
            seen
        };
        assert_eq!(dedup_in_order(long), expected);
        assert_eq!(dedup_in_order(vec![5; 17]), vec![5]);
    }

    #[test]
    fn full_width_digits_count() {
        assert_eq!(digit_value('７'), Some(7));
        assert_eq!(digit_value('a'), None);
    }
}
