//! Text direction: which way a digest, and each part of it, reads.
//!
//! Rule (as the Unicode bidirectional algorithm's paragraph level, P2): the
//! first strong character decides. Hebrew, Arabic, Syriac, Thaana, N'Ko and
//! the other right-to-left scripts read right to left; any other letter
//! (Latin, Cyrillic, CJK…) left to right; digits, punctuation and white
//! space are neutral and skipped. A digest reads the way its body's first
//! strong character does, then its title's; a part whose own direction
//! differs from its digest's (an English publisher in an Arabic digest, a
//! Hebrew reference title in an English one) is isolated with `dir="auto"`.
//!
//! ```text
//! الحقائق الرئيسية - ارتفع منسوب المياه [1]   → rtl
//! «2025» Key Facts                            → ltr (the quotes and digits are neutral)
//! ```

use crate::model::Digest;
use crate::parse::is_letter;
use serde::Deserialize;

/// A base direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Ltr,
    Rtl,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// Whether `c` belongs to a right-to-left script (Unicode bidi classes R
/// and AL: the blocks below hold nothing else that is strong).
fn is_rtl(c: char) -> bool {
    matches!(c as u32,
        0x0590..=0x08FF     // Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic, Arabic Extended
        | 0xFB1D..=0xFDFF   // Hebrew and Arabic presentation forms A
        | 0xFE70..=0xFEFF   // Arabic presentation forms B
        | 0x10800..=0x10FFF // Cypriot to Old Uyghur, and other historic right-to-left scripts
        | 0x1E800..=0x1EFFF // Mende Kikakui, Adlam, Arabic mathematical letters
    )
}

/// The direction of the first strong character of `text`, if it has one.
/// Reads only as far as that character, so calling it once per part of a
/// digest is linear in the digest.
pub fn first_strong(text: &str) -> Option<Direction> {
    for c in text.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphabetic() {
                return Some(Direction::Ltr);
            }
        } else if is_rtl(c) {
            // Arabic digits and marks in these blocks are not letters:
            // skip them as neutral, as the algorithm does.
            if is_letter(c) {
                return Some(Direction::Rtl);
            }
        } else if is_letter(c) {
            return Some(Direction::Ltr);
        }
    }
    None
}

/// The digest's base direction: its body's first strong character, then its
/// title's; left to right when neither has one.
pub fn of_digest(digest: &Digest) -> Direction {
    // Plain loops: a chain of iterators was a copy of its own in each
    // place it was folded.
    for section in &digest.sections {
        if let Some(d) = section.heading.as_ref().and_then(|h| first_strong(&h.text)) {
            return d;
        }
        for point in &section.points {
            if let Some(d) = first_strong(&point.text) {
                return d;
            }
        }
    }
    digest
        .title
        .as_ref()
        .and_then(|t| first_strong(&t.headline))
        .unwrap_or(Direction::Ltr)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_strong_character_decides() {
        assert_eq!(first_strong("ارتفع منسوب [1]"), Some(Direction::Rtl));
        assert_eq!(first_strong("«2025» — שלום"), Some(Direction::Rtl));
        assert_eq!(first_strong("12, 13 — Key"), Some(Direction::Ltr));
        assert_eq!(first_strong("港口"), Some(Direction::Ltr));
        assert_eq!(first_strong("Кратко"), Some(Direction::Ltr));
        // Arabic-Indic digits are neutral, like ASCII ones.
        assert_eq!(first_strong("٢٠٢٥ - 2025"), None);
        assert_eq!(first_strong(""), None);
    }

    #[test]
    fn a_digest_reads_as_its_body_then_its_title() {
        let d = crate::parse("الحقائق - ارتفع المنسوب [1]\nDesk|Headline");
        assert_eq!(of_digest(&d), Direction::Rtl);
        let d = crate::parse("Facts - The level rose [1]\nמדור|כותרת");
        assert_eq!(of_digest(&d), Direction::Ltr);
        assert_eq!(of_digest(&crate::parse("")), Direction::Ltr);
    }
}
