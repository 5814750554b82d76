//! Citation groups.
//!
//! Rule: a citation group is one or more bracketed id lists, adjacent or
//! separated by spaces only. A list holds ids or ranges separated by commas
//! (`,` `，` `、` `;`); an id is 1 to 9 digits, ASCII or full-width; a range is
//! `lo-hi` (also `–`, `—`, `~`, `～`) and expands to every id in it.
//!
//! ```text
//! [1][2]   [1] [2]   [1, 2]   [3-5]   【1】【2】   ［４］   [^7]
//! ```
//!
//! Brackets holding anything else are text: `[sic]`, `[in full]`, `[2025 data]`.
//! A list whose closing bracket never comes (`fell sharply [12`) is read as
//! a citation when nothing but the end of the line, another group or a point
//! separator follows, with a warning; `[12 people` stays text.
//!
//! Every scan moves forward only and stops at the first character that cannot
//! continue the list, so scanning is linear even over megabytes of `[`.
//! The one look-ahead (is the bracket right after an unclosed list the start
//! of a closed one?) reads that one next list and never looks further: a
//! list it reads is closed or not, whatever follows it. So there is no
//! recursion, and each list is read at most twice, however many unclosed
//! lists are chained (`[1[1[1…`).

use super::text::digit_value;

/// Ranges longer than this are kept as their two ends, with a warning:
/// `[1-999999]` is a typo, not a request for a million tooltips, and a cap
/// keeps the model linear in the input.
pub const MAX_RANGE: u32 = 32;
const MAX_DIGITS: usize = 9;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// Byte range of the whole group in the scanned text.
    pub start: usize,
    pub end: usize,
    /// Ids in written order, ranges expanded, repeats kept.
    pub ids: Vec<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    Unclosed,
    Range,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Problem {
    pub kind: ProblemKind,
    pub start: usize,
    pub end: usize,
}

/// A bracket that cannot be a citation because an id is too long: kept as
/// text, reported once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rejected {
    pub start: usize,
    pub end: usize,
}

pub fn is_open(c: char) -> bool {
    matches!(c, '[' | '【' | '［' | '〔')
}

fn closes(open: char, c: char) -> bool {
    matches!(
        (open, c),
        ('[', ']') | ('【', '】') | ('［', '］') | ('〔', '〕')
    )
}

/// Whether what follows an opening bracket (at byte `at`) can start an id
/// list: a digit, `^`, or a space. A cheap test that spares the full scan
/// for the brackets of ordinary text (`[sic]`) and for runs of `[`.
pub fn may_open_list(bytes: &[u8], at: usize) -> bool {
    match bytes.get(at) {
        Some(b'0'..=b'9' | b'^' | b' ') => true,
        // Full-width digits start with 0xEF.
        Some(&b) => b == 0xEF,
        None => false,
    }
}

/// Outcome of scanning at an opening bracket.
pub enum Scan {
    /// A group, and the problems met reading it (apart from the group,
    /// which is moved about as a token while they are reported at once).
    Group(Group, Vec<Problem>),
    /// Looked like a citation but an id had too many digits.
    Rejected(Rejected),
    /// Not a citation: the bracket is text.
    Text,
}

/// A group being read.
#[derive(Default)]
struct Draft {
    ids: Vec<u32>,
    problems: Vec<Problem>,
}

impl Draft {
    /// Notes a problem, for a diagnostic (none in a markup-only build:
    /// see [`crate::model::MARKUP_ONLY`]). Inlined: a call cost the full
    /// module 65 bytes.
    #[inline(always)]
    fn problem(&mut self, kind: ProblemKind, start: usize, end: usize) {
        if !crate::model::MARKUP_ONLY {
            self.problems.push(Problem { kind, start, end });
        }
    }
}

/// Scans a citation group starting at byte `at` of `s` (an opening bracket).
pub fn scan(s: &str, at: usize) -> Scan {
    // Room for a group's usual few ids at once: growing from empty took
    // the slower path on the first push.
    let mut draft = Draft {
        ids: Vec::with_capacity(4),
        problems: Vec::new(),
    };
    let mut end = match scan_list(s, at, &mut draft, Unclosed::Accept) {
        List::Closed(end) | List::Unclosed(end) => end,
        List::TooLong(end) => return Scan::Rejected(Rejected { start: at, end }),
        List::Absent => return Scan::Text,
    };
    // Closed lists after spaces join the group: `[1] [2]`.
    loop {
        let after = skip_inline_space(s, end);
        if !super::chars::first_is(&s[after..], is_open) {
            break;
        }
        // A list refused leaves nothing behind (see `scan_list`).
        match scan_list(s, after, &mut draft, Unclosed::Refuse) {
            List::Closed(next) => end = next,
            _ => break,
        }
    }
    Scan::Group(
        Group {
            start: at,
            end,
            ids: draft.ids,
        },
        draft.problems,
    )
}

/// Whether a list may end without its closing bracket.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Unclosed {
    /// Where a reader would accept it (see [`unclosed`]).
    Accept,
    /// Never: the caller only wants closed lists. Deciding about an unclosed
    /// list may look at the next list, so refusing here is what keeps that
    /// look-ahead one list deep instead of a chain as long as the input.
    Refuse,
}

enum List {
    /// Closed list ending at this byte offset.
    Closed(usize),
    /// Unclosed but accepted, ending after its last digit.
    Unclosed(usize),
    TooLong(usize),
    /// Not a citation list at all.
    Absent,
}

fn skip_inline_space(s: &str, mut at: usize) -> usize {
    // On bytes: ' ', '\t', U+00A0 (C2 A0) and U+3000 (E3 80 80), without
    // decoding characters.
    let bytes = s.as_bytes();
    loop {
        at += match bytes.get(at..) {
            Some([b' ' | b'\t', ..]) => 1,
            Some([0xC2, 0xA0, ..]) => 2,
            Some([0xE3, 0x80, 0x80, ..]) => 3,
            _ => return at,
        };
    }
}

/// One bracketed list at `at`. Its ids and problems are appended to `group`
/// when it is accepted, and nothing is left behind when it is not.
fn scan_list(s: &str, at: usize, group: &mut Draft, accept: Unclosed) -> List {
    let kept = (group.ids.len(), group.problems.len());
    let outcome = read_list(s, at, group, accept);
    if matches!(outcome, List::TooLong(_) | List::Absent) {
        group.ids.truncate(kept.0);
        group.problems.truncate(kept.1);
    }
    outcome
}

/// A position in the text, read a byte at a time; only non-ASCII bytes are
/// decoded as characters (full-width brackets and digits).
struct Cursor<'a> {
    s: &'a str,
    pos: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<char> {
        let b = *self.s.as_bytes().get(self.pos)?;
        if b < 0x80 {
            Some(char::from(b))
        } else {
            self.s[self.pos..].chars().next()
        }
    }

    fn bump(&mut self) {
        if let Some(c) = self.peek() {
            self.pos += c.len_utf8();
        }
    }

    fn skip_spaces(&mut self) {
        while self.s.as_bytes().get(self.pos) == Some(&b' ') {
            self.pos += 1;
        }
    }

    fn number(&mut self) -> Number {
        let mut value = 0u32;
        let mut digits = 0usize;
        while let Some(d) = self.peek().and_then(digit_value) {
            self.bump();
            digits += 1;
            if digits <= MAX_DIGITS {
                value = value * 10 + d;
            }
        }
        match digits {
            0 => Number::None,
            n if n > MAX_DIGITS => Number::TooLong(self.pos),
            _ => Number::Value(value),
        }
    }
}

fn read_list(s: &str, at: usize, group: &mut Draft, accept: Unclosed) -> List {
    // The common form, `[12]`, read at once on bytes; the loop below reads
    // it the same, a character at a time.
    if let [b'[', rest @ ..] = &s.as_bytes()[at..] {
        // An indexed loop (an iterator chain was code of its own), read up
        // to one digit too many, which rules the fast path out.
        let (mut digits, mut id) = (0, 0u32);
        while digits <= MAX_DIGITS {
            let Some(&b @ b'0'..=b'9') = rest.get(digits) else {
                break;
            };
            id = id.wrapping_mul(10).wrapping_add(u32::from(b - b'0'));
            digits += 1;
        }
        if (1..=MAX_DIGITS).contains(&digits) && rest.get(digits) == Some(&b']') {
            group.ids.push(id);
            return List::Closed(at + 2 + digits);
        }
    }
    let mut cursor = Cursor { s, pos: at };
    let Some(open) = cursor.peek() else {
        return List::Absent;
    };
    cursor.bump();
    if open == '[' && cursor.peek() == Some('^') {
        cursor.bump();
    }
    loop {
        // Spaces inside the brackets: `[ 1, 2 ]`.
        cursor.skip_spaces();
        let item_start = cursor.pos;
        let lo = match cursor.number() {
            Number::Value(v) => v,
            Number::TooLong(end) => return List::TooLong(end),
            Number::None => return List::Absent,
        };
        let lo_end = cursor.pos;
        // Pushed at once, whatever follows (a list not taken is truncated
        // by `scan_list`): one push for every form.
        group.ids.push(lo);
        cursor.skip_spaces();
        if let Some('-' | '–' | '—' | '~' | '～') = cursor.peek() {
            cursor.bump();
            cursor.skip_spaces();
            let hi = match cursor.number() {
                Number::Value(v) => v,
                Number::TooLong(end) => return List::TooLong(end),
                // `[12 - The union …`: no range, an unclosed list before a separator.
                Number::None => return unclosed(s, at, lo_end, group, accept),
            };
            // The rest of the range, or its other end alone if too long.
            let mut next = lo + 1;
            if !(lo <= hi && hi - lo < MAX_RANGE) {
                next = hi;
                group.problem(ProblemKind::Range, item_start, cursor.pos);
            }
            for id in next..=hi {
                group.ids.push(id);
            }
        }
        cursor.skip_spaces();
        match cursor.peek() {
            Some(',' | '，' | '、' | ';' | '；') => cursor.bump(),
            Some(c) if closes(open, c) => return List::Closed(cursor.pos + c.len_utf8()),
            _ => {
                // A byte loop: `trim_end_matches(char)` is a char searcher.
                let mut end = cursor.pos;
                while end > 0 && s.as_bytes()[end - 1] == b' ' {
                    end -= 1;
                }
                return unclosed(s, at, end, group, accept);
            }
        }
    }
}

/// A list with no closing bracket, ending at `end`. Accepted only where a
/// reader would: at the end of the line, or before another group or a
/// separator.
fn unclosed(s: &str, at: usize, end: usize, group: &mut Draft, accept: Unclosed) -> List {
    if accept == Unclosed::Refuse || !unclosed_ends_here(s, end) {
        return List::Absent;
    }
    group.problem(ProblemKind::Unclosed, at, end);
    List::Unclosed(end)
}

/// Whether a full, closed list starts at `at`. Reads that one list only.
fn list_follows(s: &str, at: usize) -> bool {
    matches!(
        scan_list(s, at, &mut Draft::default(), Unclosed::Refuse),
        List::Closed(_)
    )
}

fn unclosed_ends_here(s: &str, end: usize) -> bool {
    let after = skip_inline_space(s, end);
    let mut rest = s[after..].chars();
    match rest.next() {
        None | Some('\n' | '\r') => true,
        Some(c) if is_open(c) => after > end || list_follows(s, after),
        // A separator (` - `, ` – `, ` — `) or a dangling dash at the end:
        // the point ends here.
        Some('-' | '–' | '—') => after > end && rest.next().is_none_or(char::is_whitespace),
        _ => false,
    }
}

enum Number {
    Value(u32),
    TooLong(usize),
    None,
}

/// Whether `text` holds a citation group anywhere.
pub fn contains_group(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut next = 0;
    loop {
        let pos = super::scan::bracket_start(bytes, next);
        // Read as the list scan reads: one function for both.
        let Some(c) = (Cursor { s: text, pos }).peek() else {
            return false;
        };
        next = pos + c.len_utf8();
        if is_open(c) && may_open_list(bytes, next) {
            // The first list decides, as in `scan`; reading only it, into
            // a draft that is thrown away, builds no group.
            match scan_list(text, pos, &mut Draft::default(), Unclosed::Accept) {
                List::Closed(_) | List::Unclosed(_) => return true,
                List::TooLong(end) => next = end,
                List::Absent => {}
            }
        }
    }
}

/// Whether `text` (trimmed) ends with a citation group.
pub fn ends_with_group(text: &str) -> bool {
    // On bytes: a `char` array pattern and `rfind` were a searcher each,
    // and a closure for `last_is` a function of its own.
    if super::chars::strip_suffix_any(text, &["]", "】", "］", "〕"]).is_none() {
        return false;
    }
    // Walk back over adjacent groups to the first bracket of the run, the
    // last opening one. The wide ones start with 0xE3 or 0xEF, lead bytes
    // (so char boundaries).
    let bytes = text.as_bytes();
    let mut at = bytes.len();
    loop {
        if at == 0 {
            return false;
        }
        at -= 1;
        if matches!(bytes[at], b'[' | 0xE3 | 0xEF) && super::chars::first_is(&text[at..], is_open) {
            break;
        }
    }
    matches!(scan(text, at), Scan::Group(g, _) if g.end == text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(s: &str) -> Option<(Vec<u32>, &str)> {
        match scan(s, 0) {
            Scan::Group(g, _) => Some((g.ids, &s[g.start..g.end])),
            _ => None,
        }
    }

    #[test]
    fn every_written_form() {
        assert_eq!(ids("[1][2] x"), Some((vec![1, 2], "[1][2]")));
        assert_eq!(ids("[1] [2] x"), Some((vec![1, 2], "[1] [2]")));
        assert_eq!(ids("[1, 2]"), Some((vec![1, 2], "[1, 2]")));
        assert_eq!(ids("[3-5]"), Some((vec![3, 4, 5], "[3-5]")));
        assert_eq!(ids("【1】【2】后"), Some((vec![1, 2], "【1】【2】")));
        assert_eq!(ids("［４］"), Some((vec![4], "［４］")));
        assert_eq!(ids("[^7]"), Some((vec![7], "[^7]")));
        assert_eq!(ids("【1，2、3】"), Some((vec![1, 2, 3], "【1，2、3】")));
    }

    #[test]
    fn words_in_brackets_are_text() {
        assert!(ids("[sic]").is_none());
        assert!(ids("[in full]").is_none());
        assert!(ids("[2025 data]").is_none());
        assert!(ids("[12 people were hurt").is_none());
        assert!(ids("[]").is_none());
        assert!(ids("[").is_none());
    }

    #[test]
    fn a_word_after_a_group_is_not_joined() {
        assert_eq!(ids("[1] [note]"), Some((vec![1], "[1]")));
    }

    #[test]
    fn unclosed_at_the_end_is_a_citation_with_a_warning() {
        let Scan::Group(g, problems) = scan("[12", 0) else {
            panic!("not a group")
        };
        assert_eq!(g.ids, vec![12]);
        assert_eq!(problems[0].kind, ProblemKind::Unclosed);
        for line in ["[12 - next", "[12 – next", "[12 — next"] {
            let Scan::Group(g, _) = scan(line, 0) else {
                panic!("not a group: {line}")
            };
            assert_eq!((g.start, g.end), (0, 3), "{line}");
        }
        // A doubled dash is inside a sentence: the bracket is text.
        assert!(matches!(scan("[12 —— next", 0), Scan::Text));
    }

    #[test]
    fn backwards_and_huge_ranges_keep_their_ends() {
        let Scan::Group(g, problems) = scan("[9-2]", 0) else {
            panic!()
        };
        assert_eq!(g.ids, vec![9, 2]);
        assert_eq!(problems[0].kind, ProblemKind::Range);
        let Scan::Group(g, _) = scan("[1-999999]", 0) else {
            panic!()
        };
        assert_eq!(g.ids, vec![1, 999999]);
    }

    #[test]
    fn ids_longer_than_nine_digits_are_rejected() {
        assert!(matches!(scan("[1234567890]", 0), Scan::Rejected(_)));
    }
}
