//! How much of a digest still being written can be read now.
//!
//! Rule: a stream shows its text as the whole-text parser will read it,
//! never a guess it must take back. So two things wait:
//!
//! 1. Lines that may belong to the end of the digest: the title, the source
//!    line, a references block or footnote definitions are decided from the
//!    end (see [`super`]), so a run of such candidates closing the text
//!    (plain lines with no citation, references headings, entries) waits
//!    until a body line follows it or the stream finishes. The first line
//!    with content is the body's, and at most [`super::TAIL_LINES`] plain
//!    lines wait.
//! 2. In the unfinished last line, whatever may still turn into something
//!    else: a spaced dash at the end (a separator or a dash in a
//!    sentence?), an unclosed bracket (`[1`, `【`, `[text](htt`), an
//!    unmatched emphasis or code mark (`**`, `_`, `` ` ``), heading-like
//!    words where a heading may stand (`… [2] Local Imp`, the first words
//!    of a line), a lone `#` or bullet number forming.
//!
//! ```text
//! Key Facts - The port reopened [1] - Ships are **back   → up to "Ships are"
//! … reopened [1][2] Local Imp                             → up to "[2]"
//! Harbour Desk|Port reopens                               → waits (a title?)
//! ```
//!
//! Each look is bounded: the waiting lines by their count, the marks by
//! [`MARK_WINDOW`] bytes before the end.

use super::blocks::{classify, LineKind};
use super::chars::{find_any, rfind_any_end, rfind_str, strip_prefix_any, strip_suffix_any};
use super::headings::{self, Likeness};
use super::text::is_space;
use super::{citations, references, title};

/// How far back from the end unmatched marks are looked for: emphasis,
/// code and link text are short, and a scan per frame must not grow with
/// the point.
const MARK_WINDOW: usize = 1024;

/// The end of what may be read of `text` now, at or after `from` (a
/// checkpoint, where everything before is read already). Looks only at
/// the text after `from`, so a push costs the unfinished tail.
pub fn readable_end(text: &str, from: usize) -> usize {
    let from = from.min(text.len());
    let end = waiting_lines_start(text, from);
    if end < text.len() {
        return end; // the last line readable is finished
    }
    // The unfinished line, or the part of it after the checkpoint.
    let (start, at_line_start) = match last_break(text, from, end) {
        Some(b) => (b + 1, true),
        None => (
            from,
            from == 0 || matches!(text.as_bytes()[from - 1], b'\n' | b'\r'),
        ),
    };
    settled_line_end(text, start, end, at_line_start).max(from)
}

/// The last line break in `text[from..end]`.
fn last_break(text: &str, from: usize, end: usize) -> Option<usize> {
    // On bytes: a `str` search with a char pattern is a searcher's code.
    (from..end)
        .rev()
        .find(|&i| matches!(text.as_bytes()[i], b'\n' | b'\r'))
}

/// Where the run of possible end-of-digest lines closing `text` starts
/// (`text.len()` when there is none). Lines starting at or before `from`
/// were read as the body already, and stay so.
fn waiting_lines_start(text: &str, from: usize) -> usize {
    let mut start = text.len();
    let mut plain = 0;
    let mut line_end = text.len();
    // Last line first.
    while let Some(b) = last_break(text, from, line_end) {
        let line_start = b + 1;
        let line = super::blocks::Line {
            start: line_start,
            end: line_end,
        };
        let kind = classify(text, line);
        if kind != LineKind::Blank {
            let (s, e) = line.trimmed(text);
            let words = &text[s..e];
            let first_content = super::text::trim(&text[..line_start]).is_empty();
            let unfinished = line_end == text.len();
            let entry = references::entry_marker(words).is_some()
                || references::is_definition(words)
                || references::is_heading(words)
                // An entry's marker still being written: `[`, `[^1`, `【2`.
                || unfinished
                    && strip_prefix_any(words, &["[", "【", "［", "〔"]).is_some()
                    && find_any(words, &["]", "】", "］", "〕"]).is_none();
            let is_plain = matches!(kind, LineKind::Text { .. })
                && words.len() <= super::MAX_META_LINE
                && !citations::contains_group(words)
                || matches!(kind, LineKind::MarkedHeading { .. }) && title::is_hash_title(words);
            if first_content || !(entry || is_plain) {
                break;
            }
            if is_plain && !entry {
                plain += 1;
                if plain > super::TAIL_LINES {
                    break;
                }
            }
            start = line_start;
        }
        // Past the break before this line (`\r\n` counts once).
        line_end = b;
        if line_end > from
            && text.as_bytes()[line_end] == b'\n'
            && text.as_bytes()[line_end - 1] == b'\r'
        {
            line_end -= 1;
        }
    }
    start
}

/// The end of the settled part of the unfinished line `text[start..end]`
/// (or of its part after a checkpoint, when not `at_line_start`: its kind
/// and first words are decided then).
fn settled_line_end(text: &str, start: usize, end: usize, at_line_start: bool) -> usize {
    let line = &text[start..end];
    let trimmed = super::text::trim_start(line);
    let indent = line.len() - trimmed.len();
    // A heading or bullet still forming: `#`, `##`, `12`.
    let forming = match trimmed.as_bytes() {
        b @ [b'#', ..] => b.len() <= 6 && b.iter().all(|&c| c == b'#'),
        b @ [b'0'..=b'9', ..] => b.len() <= 3 && b.iter().all(u8::is_ascii_digit),
        _ => false,
    };
    if at_line_start && forming {
        return start;
    }
    let mut cut = end;
    cut = cut.min(start + trailing_dash(line));
    let mut window = cut.saturating_sub(MARK_WINDOW).max(start);
    while window < cut && !text.is_char_boundary(window) {
        window += 1;
    }
    cut = cut.min(unmatched_mark(text, window, cut));
    // Heading-like words where a heading may stand.
    let kind = if at_line_start {
        classify(text, super::blocks::Line { start, end })
    } else {
        // Going on after a separator: content, whatever its first words.
        LineKind::Bullet {
            marker: start,
            start,
            end,
        }
    };
    let content_start = match kind {
        LineKind::Bullet { start: s, .. } => s,
        LineKind::MarkedHeading { .. } => return cut,
        _ => start + indent,
    };
    if cut <= content_start {
        return cut;
    }
    let piece = &text[content_start..cut];
    let after_bracket = rfind_any_end(piece, &["]", "】", "］", "〕"]);
    let after_dash = last_spaced_dash(piece);
    let (segment_start, heading_may_stand) = match (after_bracket, after_dash) {
        (Some(b), Some(d)) if d > b => (d, false),
        (Some(b), _) => (b, true),
        (None, Some(d)) => (d, false),
        // The first words of a text line may be its heading.
        (None, None) => (0, matches!(kind, LineKind::Text { .. })),
    };
    let segment = &piece[segment_start..];
    let words = super::text::trim(segment);
    if words.is_empty() {
        return cut;
    }
    if heading_may_stand && headings::likeness(words) != Likeness::No {
        return content_start + segment_start;
    }
    if let Some(at) = headings::trailing_heading_start(segment) {
        if at > 0 {
            return content_start + segment_start + at;
        }
    }
    cut
}

/// The length of `line` without a spaced dash (and white space) at its end.
fn trailing_dash(line: &str) -> usize {
    // One of the three at most ends the line.
    match strip_suffix_any(super::text::trim_end(line), &["-", "–", "—"]) {
        Some(before) if before.is_empty() || super::chars::last_is(before, is_space) => {
            super::text::trim_end(before).len()
        }
        _ => line.len(),
    }
}

/// Where the text after the last spaced dash of `piece` starts.
fn last_spaced_dash(piece: &str) -> Option<usize> {
    // Found from the end on bytes: a substring search per dash pulled 2 KB
    // of two-way matching into the wasm module, for needles of three and
    // five bytes.
    rfind_any_end(piece, &[" - ", " – ", " — "])
}

/// The start of the first mark in `text[from..end]` that is opened and not
/// yet closed (`end` when every mark is closed).
fn unmatched_mark(text: &str, from: usize, end: usize) -> usize {
    let s = &text[from..end];
    let b = s.as_bytes();
    let mut cut = end;
    let mut earliest = |at: usize| cut = cut.min(from + at);
    // A pass per mark (a call each: the loop over the two marks was 22
    // bytes more of wasm).
    earliest(open_mark(b, b'*'));
    earliest(open_mark(b, b'_'));
    // Brackets: a citation, a link's text or its URL still open. (A slice
    // of pairs: a loop over an array by value was unrolled five times.)
    const BRACKETS: &[(&str, &str)] = &[
        ("[", "]"),
        ("【", "】"),
        ("［", "］"),
        ("〔", "〕"),
        ("(", ")"),
    ];
    for &(open, close) in BRACKETS {
        // The crate's byte searches: `contains` with a non-ASCII char is a
        // substring search, whose code cost the wasm module 2 KB, and
        // `rfind` with a char 0.7 KB.
        let Some(o) = rfind_str(s, open) else {
            continue;
        };
        if super::scan::find_str(&s[o..], close).is_some() {
            continue;
        }
        let at = if b[o] == b'(' {
            // Only a link's URL: `](`.
            if o > 0 && b[o - 1] == b']' {
                rfind_str(&s[..o - 1], "[").unwrap_or(o)
            } else {
                continue;
            }
        } else {
            o
        };
        earliest(at);
    }
    cut
}

/// The earliest start in `b` of code, a pair of `mark`s (strong) or a
/// single `mark` (emphasis) opened and not closed (`b.len()` when none),
/// with no vectors: a mark counts outside code, where an even number of
/// backticks precede it.
#[inline(never)]
fn open_mark(b: &[u8], mark: u8) -> usize {
    let mut at = b.len();
    let (mut in_code, mut last_tick) = (false, 0);
    // The pairs' count, the last pair, where the next pair may start
    // (`****` is two pairs, not three).
    let (mut pairs, mut last_pair, mut next_pair) = (0usize, 0, 0);
    // The last single mark opening a word (`b.len()`: none), and whether
    // a single mark after it closes one.
    let (mut opener, mut closed) = (b.len(), false);
    let mut i = 0;
    while i < b.len() {
        let byte = b[i];
        if byte == b'`' {
            in_code = !in_code;
            last_tick = i;
        }
        if byte == mark && !in_code {
            // The start and the end read as a space: no Option to unwrap.
            let next = if i + 1 < b.len() { b[i + 1] } else { b' ' };
            let prev = if i > 0 { b[i - 1] } else { b' ' };
            if next == mark && i >= next_pair {
                (pairs, last_pair, next_pair) = (pairs + 1, i, i + 2);
            }
            // A single mark opens a word after white space, a bracket, a
            // quote or the start, before a non-space.
            if next != mark && prev != mark {
                if matches!(prev, b' ' | b'(' | b'[' | b'"' | b'\'') && !next.is_ascii_whitespace()
                {
                    (opener, closed) = (i, false);
                } else if prev != b' ' {
                    closed = true;
                }
            }
        }
        i += 1;
    }
    if in_code {
        at = at.min(last_tick);
    }
    if pairs % 2 == 1 {
        at = at.min(last_pair);
    }
    if !closed {
        at = at.min(opener);
    }
    at
}

#[cfg(test)]
mod tests {
    use super::readable_end;

    fn shown(text: &str) -> &str {
        &text[..readable_end(text, 0)]
    }

    #[test]
    fn unfinished_marks_wait() {
        for (text, want) in [
            ("Ships are back [1", "Ships are back "),
            ("Ships are **back", "Ships are "),
            ("Ships are **back** now", "Ships are **back** now"),
            ("See [the report](https://exa", "See "),
            ("Ships are back 【", "Ships are back "),
            ("Ships use `code", "Ships use "),
            ("Ships are _back", "Ships are "),
            ("snake_case stays", "snake_case stays"),
            ("Ships are back [1] -", "Ships are back [1]"),
        ] {
            // After a heading: the first words of the line are decided.
            let text = format!("Key Facts - {text}");
            assert_eq!(shown(&text), format!("Key Facts - {want}"), "{text}");
        }
    }

    #[test]
    fn heading_like_words_wait_where_a_heading_may_stand() {
        assert_eq!(shown("Key Fac"), "");
        // Sentence case may be a heading too, until it reads as a sentence.
        assert_eq!(shown("Ships are back"), "");
        assert_eq!(
            shown("Ships are back, officials said"),
            "Ships are back, officials said"
        );
        assert_eq!(
            shown("Key Facts - Ships are back [1][2] Local Imp"),
            "Key Facts - Ships are back [1][2]"
        );
        assert_eq!(
            shown("Ships are back [1] and more came"),
            "Ships are back [1] and more came"
        );
        assert_eq!(shown("- Ships are back"), "- Ships are back");
    }

    #[test]
    fn possible_end_lines_wait() {
        let body = "Key Facts - Ships are back [1] - Ferries run [2]\n";
        assert_eq!(shown(&format!("{body}World Desk|Ships return")), body);
        assert_eq!(
            shown(&format!(
                "{body}World Desk|Ships return\nCourier·2025-06-09"
            )),
            body
        );
        assert_eq!(shown(&format!("{body}References\n[1] A report")), body);
        let more = format!("{body}Plain line\n- Ferries run [2]\n");
        assert_eq!(shown(&more), more);
    }
}
