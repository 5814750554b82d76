//! Character classes and white-space folding shared by the constructs.
//!
//! White space is Unicode `White_Space`: besides ASCII it covers the
//! non-breaking space (U+00A0) and the ideographic space (U+3000) that
//! digests copied from web pages carry.

/// Any Unicode white space, line breaks included.
pub fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// Letters and marks that carry no case and need no spaces between words:
/// Han, kana, Hangul and the CJK punctuation block.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
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
    matches!(
        c,
        '.' | '!' | '?' | ';' | ',' | '。' | '！' | '？' | '；' | '，' | '、' | '…'
    )
}

/// Punctuation that hugs the word before it, so no space is kept before it
/// when a citation marker between the two is removed (`rose [2], then`).
pub fn is_closing_punct(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | ')'
            | ']'
            | '}'
            | '»'
            | '”'
            | '’'
            | '…'
            | '。'
            | '，'
            | '、'
            | '；'
            | '：'
            | '！'
            | '？'
            | '）'
            | '」'
            | '』'
            | '》'
            | '〉'
    )
}

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
    let piece = &s[start..end];
    let lead = piece.len() - piece.trim_start_matches(is_space).len();
    let trimmed = piece.trim_end_matches(is_space);
    (start + lead, start + trimmed.len().max(lead))
}

/// Appends `piece` to `out` with every run of white space folded to one
/// ASCII space.
pub fn push_folded(out: &mut String, piece: &str) {
    let mut in_space = out.ends_with(' ');
    for c in piece.chars() {
        if is_space(c) {
            if !in_space {
                out.push(' ');
                in_space = true;
            }
        } else {
            out.push(c);
            in_space = false;
        }
    }
}

/// `piece` folded, then trimmed at both ends.
pub fn folded(piece: &str) -> String {
    let mut out = String::with_capacity(piece.len());
    push_folded(&mut out, piece.trim_matches(is_space));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_every_kind_of_space() {
        assert_eq!(folded("  a\u{a0}\u{a0}b\r\n\tc\u{3000}d  "), "a b c d");
    }

    #[test]
    fn trims_to_a_range() {
        let s = "  ab  ";
        assert_eq!(trim_range(s, 0, s.len()), (2, 4));
        assert_eq!(trim_range(s, 0, 2), (2, 2));
    }

    #[test]
    fn full_width_digits_count() {
        assert_eq!(digit_value('７'), Some(7));
        assert_eq!(digit_value('a'), None);
    }
}
