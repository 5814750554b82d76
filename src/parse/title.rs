//! The title line: the article's original headline, after the body.
//!
//! Rule: an optional column, a separator (`|`, full-width `｜`, or the `丨`
//! Chinese sites use), then the headline. Before a source line any line that
//! is not a point (no bullet, no citation) is the title. With no source line
//! the last line is the title only when nothing else can be meant: it has a
//! column separator, is a `# Headline`, or dangles after a body that ended
//! with a citation.
//!
//! ```text
//! World Desk|Harbour reopens as storm damage is cleared
//! 国际观察丨港口重新开放
//! Science | Drought shrinks the valley's reservoirs
//! Harbour reopens as storm damage is cleared        (just before a source line)
//! ```

use super::chars::split_any;
use super::text::{trim, trim_start};

/// As `&str`, found on bytes: a `&[char]` pattern brought a searcher's code.
const SEPARATORS: &[&str] = &["|", "｜", "丨"];

/// Splits a title line (trimmed) into column and headline, each trimmed
/// (not folded: the caller folds what it keeps).
pub fn parse(line: &str) -> (&str, &str) {
    split(strip_hash(line))
}

/// Whether the line has a column separator with words on both sides.
pub fn has_column(line: &str) -> bool {
    !split(line).0.is_empty()
}

/// Column (empty when none) and headline: one reading for [`parse`] and
/// [`has_column`]. Trimmed before anything is decided, so that nothing is
/// folded only to be dropped.
fn split(line: &str) -> (&str, &str) {
    if let Some((column, headline)) = split_any(line, SEPARATORS) {
        let (column, headline) = (trim(column), trim(headline));
        // A stray separator with words on one side only: those words are
        // the headline.
        if !headline.is_empty() {
            return (column, headline);
        }
        if !column.is_empty() {
            return ("", column);
        }
    }
    ("", line)
}

/// A `# Headline` line (one `#` exactly).
pub fn is_hash_title(line: &str) -> bool {
    line.starts_with("# ") || line.starts_with("#\t")
}

fn strip_hash(line: &str) -> &str {
    if is_hash_title(line) {
        trim_start(&line[1..])
    } else {
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> (Option<String>, String) {
        let (column, headline) = parse(s);
        let column = super::super::text::folded(column);
        (
            (!column.is_empty()).then_some(column),
            super::super::text::folded(headline),
        )
    }

    #[test]
    fn every_separator() {
        for line in [
            "World Desk|Harbour reopens",
            "World Desk ｜ Harbour reopens",
            "World Desk丨Harbour reopens",
        ] {
            assert_eq!(
                split(line),
                (Some("World Desk".into()), "Harbour reopens".into())
            );
        }
    }

    #[test]
    fn headline_alone_or_with_a_stray_separator() {
        assert_eq!(split("Harbour reopens"), (None, "Harbour reopens".into()));
        assert_eq!(split("| Harbour reopens"), (None, "Harbour reopens".into()));
        assert_eq!(split("# Harbour reopens"), (None, "Harbour reopens".into()));
    }

    #[test]
    fn only_the_first_separator_splits() {
        assert_eq!(split("A|B|C"), (Some("A".into()), "B|C".into()));
    }
}
