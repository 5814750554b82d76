//! Letters, digits and case, from a few ranges.
//!
//! The parser asks rough questions of characters: is this a word character
//! (emphasis next to it, the host of a bare link, a heading's start), is it
//! a letter (the text's direction and script), does a word start in upper or
//! lower case (headings, sentence starts). core's `char::is_alphanumeric`,
//! `is_alphabetic`, `is_uppercase` and `is_lowercase` answer them from the
//! full Unicode tables; these answer them from a few ranges, 3.9 KB less of
//! the wasm module (2.5 KB gzip):
//!
//! - Word characters: ASCII letters and digits, and every other character
//!   outside the blocks of punctuation, symbols, combining marks, white space and
//!   private use. `é`, `ж`, `ש`, `ب`, `क`, `港` and `٣` are; `—`, `«`, `€`,
//!   `²`, `①`, `、` and emoji are not.
//! - Letters: word characters but the digits of Arabic, N'Ko and fullwidth
//!   forms (ASCII digits aside), which the bidirectional algorithm reads as
//!   numbers, not as letters.
//! - Case: Latin (ASCII, Latin-1, Extended-A, most of Extended-B, IPA,
//!   Extended Additional, ligatures, fullwidth), Greek, Cyrillic, Armenian,
//!   Georgian and Cherokee. Every other script reads as caseless, as Han
//!   and Arabic are.
//!
//! A unit test compares them with core's over every character of the blocks
//! they cover.

/// Blocks and runs of characters that are not word characters, sorted, each
/// `(first, last)`: Latin-1 symbols, modifier symbols and combining marks,
/// the punctuation of Greek, Armenian, Hebrew, Arabic, Indic and Thai, the
/// general punctuation, symbol, arrow, math and box blocks, CJK punctuation,
/// surrogates and private use, presentation and fullwidth punctuation,
/// and the specials. Beyond U+FFFF, emoji and the planes of tags and private
/// use are checked in code: `u16`s halve the table.
const NOT_WORD: &[(u16, u16)] = &[
    (0x80, 0xA9),
    (0xAB, 0xB4),
    (0xB6, 0xB9),
    (0xBB, 0xBF),
    (0xD7, 0xD7),
    (0xF7, 0xF7),
    (0x2C2, 0x2C5),
    (0x2D2, 0x2DF),
    (0x2E5, 0x2EB),
    (0x2ED, 0x2ED),
    (0x2EF, 0x344),
    (0x346, 0x36F),
    (0x375, 0x375),
    (0x37E, 0x37E),
    (0x384, 0x385),
    (0x387, 0x387),
    (0x3F6, 0x3F6),
    (0x482, 0x489),
    (0x55A, 0x55F),
    (0x589, 0x5AF),
    (0x5BE, 0x5BE),
    (0x5C0, 0x5C0),
    (0x5C3, 0x5C3),
    (0x5C6, 0x5C6),
    (0x5F3, 0x60F),
    (0x61B, 0x61F),
    (0x66A, 0x66D),
    (0x6D4, 0x6D4),
    (0x6DD, 0x6DE),
    (0x6E9, 0x6E9),
    (0x964, 0x965),
    (0x970, 0x970),
    (0xE3F, 0xE3F),
    (0xE4F, 0xE4F),
    (0xE5A, 0xE5B),
    (0x1680, 0x1680),
    (0x2000, 0x2BFF),
    (0x2E00, 0x2E7F),
    (0x2FF0, 0x3004),
    (0x3008, 0x3020),
    (0x3030, 0x3030),
    (0x303D, 0x303F),
    (0x309B, 0x309C),
    (0x30A0, 0x30A0),
    (0x30FB, 0x30FB),
    (0xD800, 0xF8FF),
    (0xFD3E, 0xFD3F),
    (0xFE00, 0xFE6F),
    (0xFEFF, 0xFEFF),
    (0xFF01, 0xFF0F),
    (0xFF1A, 0xFF20),
    (0xFF3B, 0xFF40),
    (0xFF5B, 0xFF65),
    (0xFFE0, 0xFFFF),
];

/// A letter or digit of any script, as the module's rules read one.
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    let c = c as u32;
    if c > 0xFFFF {
        return !matches!(c, 0x1F000..=0x1FBFF | 0xE0000..);
    }
    // A binary search: the table is sorted and its runs do not overlap.
    let (mut low, mut high) = (0, NOT_WORD.len());
    while low < high {
        let mid = (low + high) / 2;
        let (first, last) = (u32::from(NOT_WORD[mid].0), u32::from(NOT_WORD[mid].1));
        if c < first {
            high = mid;
        } else if c > last {
            low = mid + 1;
        } else {
            return false;
        }
    }
    true
}

/// A letter of any script: a word character that is not a digit.
pub fn is_letter(c: char) -> bool {
    is_word_char(c)
        && !c.is_ascii_digit()
        && !matches!(c as u32, 0x660..=0x669 | 0x6F0..=0x6F9 | 0x7C0..=0x7C9 | 0xFF10..=0xFF19)
}

/// How the letters of a run of [`CASES`] take their case.
#[derive(Clone, Copy)]
enum Run {
    Upper,
    Lower,
    /// Pairs: the even code point upper case, the odd one its lower case.
    EvenUpper,
    /// Pairs starting on an odd code point.
    OddUpper,
}

/// A run packed in a `u32`, a third of a `(u32, u32, Run)`: its first code
/// point (all are below U+10000), its length less one (all below 256), and
/// how it takes case.
const fn run(first: u32, last: u32, run: Run) -> u32 {
    (first << 16) | ((last - first) << 8) | run as u32
}

/// The cased runs beyond ASCII, sorted.
const CASES: &[u32] = &[
    run(0xAA, 0xAA, Run::Lower),
    run(0xB5, 0xB5, Run::Lower),
    run(0xBA, 0xBA, Run::Lower),
    run(0xC0, 0xD6, Run::Upper),
    run(0xD8, 0xDE, Run::Upper),
    run(0xDF, 0xF6, Run::Lower),
    run(0xF8, 0xFF, Run::Lower),
    run(0x100, 0x137, Run::EvenUpper),
    run(0x138, 0x138, Run::Lower),
    run(0x139, 0x148, Run::OddUpper),
    run(0x149, 0x149, Run::Lower),
    run(0x14A, 0x177, Run::EvenUpper),
    run(0x178, 0x178, Run::Upper),
    run(0x179, 0x17E, Run::OddUpper),
    run(0x17F, 0x17F, Run::Lower),
    run(0x1CD, 0x1DC, Run::OddUpper),
    run(0x1DD, 0x1DD, Run::Lower),
    run(0x1DE, 0x1EF, Run::EvenUpper),
    run(0x1F8, 0x233, Run::EvenUpper),
    run(0x234, 0x239, Run::Lower),
    run(0x250, 0x293, Run::Lower),
    run(0x296, 0x2B8, Run::Lower),
    run(0x370, 0x373, Run::EvenUpper),
    run(0x376, 0x377, Run::EvenUpper),
    run(0x37A, 0x37D, Run::Lower),
    run(0x37F, 0x37F, Run::Upper),
    run(0x386, 0x386, Run::Upper),
    run(0x388, 0x38A, Run::Upper),
    run(0x38C, 0x38C, Run::Upper),
    run(0x38E, 0x38F, Run::Upper),
    run(0x390, 0x390, Run::Lower),
    run(0x391, 0x3A1, Run::Upper),
    run(0x3A3, 0x3AB, Run::Upper),
    run(0x3AC, 0x3CE, Run::Lower),
    run(0x3CF, 0x3CF, Run::Upper),
    run(0x3D8, 0x3EF, Run::EvenUpper),
    run(0x400, 0x42F, Run::Upper),
    run(0x430, 0x45F, Run::Lower),
    run(0x460, 0x481, Run::EvenUpper),
    run(0x48A, 0x4BF, Run::EvenUpper),
    run(0x4C0, 0x4C0, Run::Upper),
    run(0x4C1, 0x4CE, Run::OddUpper),
    run(0x4CF, 0x4CF, Run::Lower),
    run(0x4D0, 0x52F, Run::EvenUpper),
    run(0x531, 0x556, Run::Upper),
    run(0x560, 0x588, Run::Lower),
    run(0x10A0, 0x10C5, Run::Upper),
    run(0x10C7, 0x10C7, Run::Upper),
    run(0x10CD, 0x10CD, Run::Upper),
    run(0x10D0, 0x10FA, Run::Lower),
    run(0x10FD, 0x10FF, Run::Lower),
    run(0x13A0, 0x13F5, Run::Upper),
    run(0x13F8, 0x13FD, Run::Lower),
    run(0x1C90, 0x1CBA, Run::Upper),
    run(0x1CBD, 0x1CBF, Run::Upper),
    run(0x1E00, 0x1E95, Run::EvenUpper),
    run(0x1E96, 0x1E9D, Run::Lower),
    run(0x1E9E, 0x1E9E, Run::Upper),
    run(0x1E9F, 0x1E9F, Run::Lower),
    run(0x1EA0, 0x1EFF, Run::EvenUpper),
    run(0xFB00, 0xFB06, Run::Lower),
    run(0xFB13, 0xFB17, Run::Lower),
    run(0xFF21, 0xFF3A, Run::Upper),
    run(0xFF41, 0xFF5A, Run::Lower),
];

/// `Some(true)` for an upper case letter, `Some(false)` for a lower case
/// one, `None` for anything caseless.
fn case(c: char) -> Option<bool> {
    if c.is_ascii() {
        return match c {
            'A'..='Z' => Some(true),
            'a'..='z' => Some(false),
            _ => None,
        };
    }
    let c = c as u32;
    let mut i = 0;
    while i < CASES.len() {
        let first = CASES[i] >> 16;
        if c < first {
            return None;
        }
        if c <= first + ((CASES[i] >> 8) & 0xFF) {
            // In the order of `Run`'s variants.
            return Some(match CASES[i] & 0xFF {
                0 => true,
                1 => false,
                2 => c % 2 == 0,
                _ => c % 2 == 1,
            });
        }
        i += 1;
    }
    None
}

/// An upper case letter (of the scripts above).
pub fn is_upper(c: char) -> bool {
    case(c) == Some(true)
}

/// A lower case letter (of the scripts above).
pub fn is_lower(c: char) -> bool {
    case(c) == Some(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(from: u32, to: u32) -> impl Iterator<Item = char> {
        (from..=to).filter_map(char::from_u32)
    }

    #[test]
    fn the_tables_are_sorted_and_apart() {
        for pair in NOT_WORD.windows(2) {
            assert!(pair[0].0 <= pair[0].1 && pair[0].1 < pair[1].0, "{pair:x?}");
        }
        for pair in CASES.windows(2) {
            assert!((pair[0] >> 16) + ((pair[0] >> 8) & 0xFF) < pair[1] >> 16);
        }
    }

    /// Blocks (or their assigned parts) where these classes and core's agree
    /// on every character.
    const WORDS_AS_CORE: &[(u32, u32)] = &[
        (0x00, 0xB1),
        (0xB4, 0xB8),
        (0xBA, 0xBB),
        (0xBF, 0x24F),
        (0x391, 0x3A1),
        (0x3A3, 0x3CE),
        (0x400, 0x52F),
        (0x531, 0x556),
        (0x559, 0x58A),
        (0x5D0, 0x5EA),
        (0x5F0, 0x5F4),
        (0x600, 0x657),
        (0x660, 0x6D5),
        (0x904, 0x939),
        (0x1E00, 0x1EFF),
        (0x2010, 0x2027),
        (0x2030, 0x205E),
        (0x20A0, 0x20C0),
        (0x2190, 0x21FF),
        (0x3000, 0x3004),
        (0x3008, 0x3020),
        (0x3041, 0x3096),
        (0x30A1, 0x30FA),
        (0x4E00, 0x9FFF),
        (0xAC00, 0xD7A3),
        (0xFF01, 0xFF5E),
        (0x1F300, 0x1F64F),
    ];

    const CASES_AS_CORE: &[(u32, u32)] = &[
        (0x00, 0x17F),
        (0x1CD, 0x1EF),
        (0x1F8, 0x239),
        (0x250, 0x2AF),
        (0x370, 0x377),
        (0x37A, 0x3CF),
        (0x400, 0x52F),
        (0x531, 0x58A),
        (0x10A0, 0x10C5),
        (0x10D0, 0x10FA),
        (0x13A0, 0x13F5),
        (0x1E00, 0x1EFF),
        (0xFB00, 0xFB06),
        (0xFF01, 0xFF5E),
    ];

    #[test]
    fn they_agree_with_core_where_digests_are_written() {
        for &(from, to) in WORDS_AS_CORE {
            for c in chars(from, to) {
                assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
                assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
            }
        }
        for &(from, to) in CASES_AS_CORE {
            for c in chars(from, to) {
                assert_eq!(is_upper(c), c.is_uppercase(), "{c:?}");
                assert_eq!(is_lower(c), c.is_lowercase(), "{c:?}");
            }
        }
    }

    #[test]
    fn where_they_differ_from_core() {
        // Numbers that are not digits read as symbols.
        for c in ['²', '½', '①', 'Ⅻ'] {
            assert!(c.is_alphanumeric() && !is_word_char(c), "{c:?}");
        }
        // Marks read as part of their word.
        assert!(!'\u{94D}'.is_alphanumeric() && is_word_char('\u{94D}'));
        // Scripts outside the case table read as caseless.
        for c in ['ἀ', 'Ⰰ', '𐐀', '𝐀'] {
            assert!(c.is_alphabetic() && !is_upper(c) && !is_lower(c), "{c:?}");
        }
        // Ends of the tables and planes.
        assert!(is_word_char('𝐀') && is_word_char('𠀀') && !is_word_char('😀'));
        assert!(!is_word_char('\u{E0041}') && !is_word_char('\u{F0000}'));
        assert!(is_upper('Ａ') && is_lower('ｚ') && !is_upper('ｚ'));
    }
}
