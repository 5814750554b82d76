//! Headings: what text can be a section heading.
//!
//! Rule: a heading is short and is not a sentence. Strongly heading-like is
//! Title Case: every word capitalised, a number, `&`, or a lower-case joining
//! word (`of`, `and`, `for` ...), or a short CJK phrase with no sentence
//! punctuation. Weakly heading-like is sentence case: a capitalised first
//! word and a few more words; it counts only where the text after it starts
//! like a new sentence.
//!
//! ```text
//! Core Facts   Market Reaction & Q3 Outlook   Risks for the 2026 Season   市场反应
//! Key points   (weak)
//! the port     Officials said it would reopen.     (not headings)
//! ```
//!
//! Marks around a heading are not part of it: `## Heading`, `**Heading**`,
//! `__Heading__`, `**Heading:**`, `**Heading**:`, `### **Heading**`,
//! `Heading:`.
//!
//! Lead-in headings: a line may open with its section's heading, a colon
//! and then the section's first point:
//!
//! ```text
//! Key Facts: The bridge reopened [1]; tolls stay the same [2]
//! **Key Facts:** The bridge reopened [1]      __Outlook__: Traffic …
//! 核心观点：港口恢复作业【1】
//! ```
//!
//! The words before the colon are a heading when they sit at the start of a
//! line that begins a paragraph or follows a finished point (one ending in a
//! citation), are strongly heading-like by [`likeness`] (Title Case in at
//! most ten words, or a CJK phrase of at most 24 characters), contain no
//! emphasis marks but the pair around them, and are followed by the line's
//! first colon (within [`MAX_CHARS`] characters), then white space (none is
//! needed after a full-width `：`), then words that start like a sentence
//! (not a lower-case letter). So these stay text:
//!
//! ```text
//! The minister said: the port stays open [1]   (sentence case, lower case after)
//! Revenue: up 12% [1]                          (lower case after the colon)
//! Doors open at 10:30 [1]   See https://…      (no space after the colon)
//! 部长表示：港口保持开放【1】                     (ends in a verb of saying)
//! ```
//!
//! What it does not catch: a sentence-case lead-in (`Key points: The …`),
//! which reads too much like reported speech (`Officials said: The …`); a
//! lead-in inside a bullet (`- Revenue: Up 12%` is a point with a label); one
//! in mid-line after a citation (`… [2] Outlook: Traffic …`); one on a line
//! that continues a point without a citation (a wrapped sentence). A Title
//! Case name before a colon reads as a heading (`Lena Kovač: We will …`),
//! as does a short CJK clause that ends in anything but the listed verbs of
//! saying.
//!
//! Every check looks at no more than [`MAX_CHARS`] characters, so testing a
//! candidate costs a constant, however long the line.

use super::chars::{strip_prefix_any, strip_suffix_any};
use super::letters::{is_lower, is_upper, is_word_char};
use super::text::{
    is_cjk, is_sentence_punct, is_space, skip_spaces, skip_spaces_back, space_before, space_len,
    trim, trim_end, trim_start,
};

pub const MAX_CHARS: usize = 80;
const MAX_WORDS: usize = 10;
const MAX_WEAK_WORDS: usize = 6;
const MAX_CJK_CHARS: usize = 24;
/// Longest heading in bytes: four bytes for each of [`MAX_CHARS`].
pub const MAX_BYTES: usize = MAX_CHARS * 4;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Likeness {
    No,
    /// Sentence case: a heading only if what follows starts a sentence.
    Weak,
    /// Title Case or a CJK phrase.
    Strong,
}

/// Lower-case joining words a Title Case heading may contain (`Risks for
/// the 2026 Season`), compared without regard to case.
fn is_joiner(word: &str) -> bool {
    // A word list searched at run time: as a `match` on byte strings it
    // compiled to 1.4 KB of comparisons in the wasm module. Grouped by
    // length, a word is compared only with those of its own, stepping from
    // one to the next without looking for the spaces between them.
    let Some(joiners) = JOINERS_BY_LEN.get(word.len()) else {
        return false;
    };
    let len = word.len();
    joiners
        .as_bytes()
        .chunks(len + 1)
        .any(|joiner| joiner[..len].eq_ignore_ascii_case(word.as_bytes()))
}

/// The joining words by their length in bytes (`–` and `—` are three), one
/// space apart.
const JOINERS_BY_LEN: [&str; 7] = [
    "",
    "a & + / x",
    "an as at by de in of on or to vs",
    "and for per the via vs. – —",
    "from into amid over than with",
    "after under",
    "before versus",
];

/// How heading-like `text` is (already trimmed of marks).
pub fn likeness(text: &str) -> Likeness {
    if text.is_empty() || text.len() > MAX_BYTES {
        return Likeness::No;
    }
    let text = strip_marks(text);
    // One pass for the length, brackets and CJK, checked in that order,
    // and for what ends a CJK phrase's chance (sentence punctuation and
    // colons); on the bytes of ASCII text (most headings): decoding each
    // character cost more than the rest of the test.
    let (mut chars, mut bracket, mut cjk, mut punct) = (0, false, false, false);
    if super::chars::is_ascii(text.as_bytes()) {
        chars = text.len();
        // An indexed loop: `bytes().any()` with a closure was code of its own.
        let mut i = 0;
        while i < chars {
            bracket |= matches!(text.as_bytes()[i], b'[' | b']');
            i += 1;
        }
    } else {
        for c in text.chars() {
            chars += 1;
            bracket |= matches!(c, '[' | ']' | '【' | '】');
            cjk |= is_cjk(c);
            punct |= is_sentence_punct(c) || matches!(c, ':' | '：');
        }
    }
    if text.is_empty() || chars > MAX_CHARS || bracket {
        return Likeness::No;
    }
    if !super::chars::first_is(text, |c| {
        !is_lower(c) && (is_word_char(c) || is_cjk(c) || is_opening(c))
    }) {
        return Likeness::No;
    }
    // A CJK phrase: short, with no sentence punctuation or colon.
    if cjk {
        return if chars > MAX_CJK_CHARS || punct {
            Likeness::No
        } else {
            Likeness::Strong
        };
    }
    let mut words = 0;
    let mut title_case = true;
    // False once a word shows the text is no heading.
    let mut fits = |word: &str| {
        words += 1;
        if words > MAX_WORDS || ends_sentence(word) {
            return false;
        }
        title_case &= word_is_title_case(word);
        true
    };
    // Words split at white space, found on bytes (U+00A0, U+3000 ... too).
    let bytes = text.as_bytes();
    let (mut word_start, mut at) = (0, 0);
    let all_fit = loop {
        // Printable ASCII is no space: skipped without the test below.
        while bytes.get(at).is_some_and(|&b| b > b' ' && b < 0x80) {
            at += 1;
        }
        let space = space_len(text, at);
        if space == 0 && at < bytes.len() {
            at += 1; // inside a word
            continue;
        }
        if word_start < at && !fits(&text[word_start..at]) {
            break false;
        }
        if at == bytes.len() {
            break true;
        }
        at += space;
        word_start = at;
    };
    if !all_fit {
        Likeness::No
    } else if title_case {
        Likeness::Strong
    } else if words <= MAX_WEAK_WORDS {
        Likeness::Weak
    } else {
        Likeness::No
    }
}

fn is_opening(c: char) -> bool {
    ['"', '\'', '“', '‘', '(', '«', '「', '《'].contains(&c)
}

/// Whether `word` ends a sentence or a clause: it ends in sentence
/// punctuation that is no abbreviation's dot. (One function for both
/// callers, through the shared `last_is`: the `str` pattern calls were a
/// searcher each, and `is_some_and` an instance of its own.)
#[inline(always)]
fn ends_sentence(word: &str) -> bool {
    super::chars::last_is(word, is_sentence_punct) && !is_abbreviation(word)
}

/// `U.S.`, `Jan.`, `St.`: a dot that ends a short capitalised word is not a
/// full stop.
fn is_abbreviation(word: &str) -> bool {
    word.ends_with(".")
        && word.len() <= 5
        && super::chars::first_is(word, is_upper)
        // (The final dot passes this test too: no need to cut it off.)
        && !word.chars().any(|c| c != '.' && is_sentence_punct(c))
}

/// `s` without the emphasis marks (`*`, `_`) opening it.
fn skip_emphasis(s: &str) -> &str {
    let mut t = s;
    while let Some(rest) = strip_prefix_any(t, &["*", "_"]) {
        t = rest;
    }
    t
}

/// A word that can sit in a Title Case heading.
pub fn word_is_title_case(word: &str) -> bool {
    // The common case, decided without the trims below: nothing they strip
    // is a capital letter.
    if word.as_bytes().first().is_some_and(u8::is_ascii_uppercase) {
        return true;
    }
    // Opening quotes and brackets off, in a loop on chars: a
    // `trim_start_matches` with a function was a searcher of its own.
    let mut core = word;
    while let Some(c) = core.chars().next().filter(|&c| is_opening(c)) {
        core = &core[c.len_utf8()..];
    }
    // `**Next` opens a bold heading glued to a point: `… repairs **Next Steps** - …`.
    // Marks alone (`**`) are no word of a heading.
    let inner = skip_emphasis(core);
    if !inner.is_empty() {
        core = inner;
    }
    core.is_empty()
        || super::chars::first_is(core, |c| is_upper(c) || c.is_ascii_digit() || is_cjk(c))
        || is_joiner(core)
}

/// Removes heading marks: `## `, `**…**`, `__…__`, a trailing colon
/// inside the emphasis or after it (`**Key Facts:**`, `**Key Facts**:`).
pub fn strip_marks(text: &str) -> &str {
    // Most text opens and closes with a letter or digit: no white space,
    // `#`, emphasis mark or colon at either end, so nothing comes off.
    let bytes = text.as_bytes();
    if bytes.first().is_some_and(u8::is_ascii_alphanumeric)
        && bytes.last().is_some_and(u8::is_ascii_alphanumeric)
    {
        return text;
    }
    // Trimmed again only where a mark came off: most text has none.
    let mut t = trim(text);
    let mut hashes = 0;
    while t.as_bytes().get(hashes) == Some(&b'#') {
        hashes += 1;
    }
    t = trim_if_cut(t, &t[hashes..]);
    t = trim_if_cut(t, super::chars::trim_colons(t));
    let marked = t;
    t = super::chars::trim_colons(strip_pair(strip_pair(t, "**"), "__"));
    trim_if_cut(marked, t)
}

/// `t` without `mark` at both ends, if it has both and more between them.
fn strip_pair<'a>(t: &'a str, mark: &str) -> &'a str {
    if t.len() > 2 * mark.len() && t.starts_with(mark) && t.ends_with(mark) {
        &t[mark.len()..t.len() - mark.len()]
    } else {
        t
    }
}

/// `cut`, a piece of `whole` with marks taken off, trimmed again if
/// anything did come off.
fn trim_if_cut<'a>(whole: &str, cut: &'a str) -> &'a str {
    if cut.len() < whole.len() {
        trim(cut)
    } else {
        cut
    }
}

/// A heading that opens a line, followed by a colon and the line's first
/// point: see the module's rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LeadIn {
    /// The heading's words.
    pub start: usize,
    pub end: usize,
    /// Where the rest of the line starts, after the colon and closing marks.
    pub rest: usize,
}

/// The lead-in heading opening `src[start..end]` (a trimmed line), if any.
/// The colon is looked for among the first [`MAX_CHARS`] characters only, so
/// a long line without one costs a constant.
pub fn lead_in(src: &str, start: usize, end: usize) -> Option<LeadIn> {
    let line = &src[start..end];
    // Matched on bytes: an array's `into_iter().find` was a loop and a
    // closure of its own.
    let mark = match line.as_bytes() {
        [b'*', b'*', ..] => "**",
        [b'_', b'_', ..] => "__",
        _ => "",
    };
    let words_start = mark.len();
    // The colon must come within a heading's length (and its marks).
    let (colon, colon_char) =
        first_colon(&line.as_bytes()[words_start..]).map(|(i, c)| (words_start + i, c))?;
    let mut words_end = colon;
    let mut rest = colon + colon_char.len_utf8();
    if !mark.is_empty() {
        if line[rest..].starts_with(mark) {
            rest += mark.len(); // `**Key Facts:**`
        } else if line[words_start..colon].ends_with(mark) {
            words_end = colon - mark.len(); // `**Key Facts**:`
        } else {
            return None;
        }
    }
    let after = &line[rest..];
    // `10:30`, `https://`: a colon inside a word.
    if colon_char == ':' && !super::chars::first_is(after, is_space) {
        return None;
    }
    // Nothing after the colon: a heading line, read as such elsewhere.
    let next = trim_start(after);
    if next.is_empty() || super::chars::first_is(next, is_lower) {
        return None;
    }
    let words = &line[words_start..words_end];
    if words_end <= words_start
        || (!mark.is_empty() && super::scan::find_str(words, mark).is_some())
        || likeness(words) != Likeness::Strong
        || ends_in_saying(words)
    {
        return None;
    }
    let (s, e) = super::text::trim_range(src, start + words_start, start + words_end);
    Some(LeadIn {
        start: s,
        end: e,
        rest: start + rest,
    })
}

/// The first `:` or `：` among the first [`MAX_CHARS`] + 1 characters of
/// `bytes` (UTF-8): its offset and which it is. Counts characters by their
/// first bytes instead of decoding them.
fn first_colon(bytes: &[u8]) -> Option<(usize, char)> {
    const FULL_WIDTH: &[u8] = "：".as_bytes();
    // Over ASCII, characters are bytes: the token scan (which stops at `:`
    // and at non-ASCII bytes) skips to the colon, a word at a time, instead
    // of counting every byte. The loop below counts on from the first
    // non-ASCII byte.
    let ascii_end = bytes.len().min(MAX_CHARS + 1);
    let mut at = super::scan::token_start(bytes, 0, ascii_end);
    while at < ascii_end && bytes[at] < 0x80 {
        if bytes[at] == b':' {
            return Some((at, ':'));
        }
        at = super::scan::token_start(bytes, at + 1, ascii_end);
    }
    // An indexed loop: `enumerate().skip()` was an adapter of its own.
    let mut chars = at;
    let mut i = at;
    while i < bytes.len() {
        let b = bytes[i];
        // Not inside a character:
        if b & 0xC0 != 0x80 {
            chars += 1;
            if chars > MAX_CHARS + 1 {
                return None;
            }
            if b == b':' {
                return Some((i, ':'));
            }
            if b == FULL_WIDTH[0] && bytes[i..].starts_with(FULL_WIDTH) {
                return Some((i, '：'));
            }
        }
        i += 1;
    }
    None
}

/// A CJK clause ending in a verb of saying (`部长表示`, `专家认为`): what
/// follows its colon is what was said, not a section.
fn ends_in_saying(words: &str) -> bool {
    const VERBS: [&str; 9] = [
        "表示", "指出", "认为", "强调", "透露", "写道", "坦言", "称", "说",
    ];
    strip_suffix_any(trim_end(words), &VERBS).is_some()
}

/// Byte range of the heading text inside `text[start..end]` once marks are
/// stripped, so a heading's span is its words alone.
pub fn strip_marks_range(src: &str, start: usize, end: usize) -> (usize, usize) {
    let piece = &src[start..end];
    let inner = strip_marks(piece);
    if inner.is_empty() {
        return (start, start);
    }
    // `inner` is a sub-slice of `piece`: recover its offset from the pointers.
    let offset = inner.as_ptr() as usize - piece.as_ptr() as usize;
    (start + offset, start + offset + inner.len())
}

/// Where a heading begins at the end of `tail`: the longest run of Title
/// Case words (or a CJK phrase after a space or a full stop) that closes
/// `tail` and leaves point text before it. Used when a point with no
/// citation runs straight into the next inline heading:
/// `no date was given for the repairs Next Steps - ...`.
///
/// Returns the byte offset in `tail` where the heading starts.
pub fn trailing_heading_start(tail: &str) -> Option<usize> {
    let trimmed = trim_end(tail);
    // Look at the last MAX_BYTES only: headings are short.
    let mut window_start = trimmed.len().saturating_sub(MAX_BYTES);
    while !trimmed.is_char_boundary(window_start) {
        window_start += 1;
    }
    let window = &trimmed[window_start..];
    if super::chars::last_is(window, |c| is_cjk(c) && !is_sentence_punct(c)) {
        return cjk_trailing_start(trimmed, window_start);
    }
    // Where the heading starts: at the run's first word that is no joining
    // word (`on Monday` is not a heading), or at its last word if all are.
    // Tracked on the way back, so no second pass reads the run forward.
    let mut start = None;
    let mut words = 0;
    let mut end = window.len();
    // The run must end at a word that cannot be in a heading (or a full
    // stop): a run cut off by the word limit is prose in Title Case.
    let mut bounded = false;
    loop {
        let word_end = skip_spaces_back(window, end);
        // Back a byte at a time: a space ends only where a character does.
        let mut word_start = word_end;
        while word_start > 0 && space_before(window, word_start) == 0 {
            word_start -= 1;
        }
        let word = &window[word_start..word_end];
        if word.is_empty() {
            break;
        }
        if word_start == 0 && window_start > 0 || words >= MAX_WORDS {
            break;
        }
        if !word_is_title_case(word) || ends_sentence(word) {
            bounded = true;
            break;
        }
        words += 1;
        if start.is_none() || !is_joiner(word) {
            start = Some(word_start);
        }
        end = word_start;
        if word_start == 0 {
            break;
        }
    }
    if !bounded {
        return None;
    }
    let start = start?;
    let heading = &window[start..];
    if !super::chars::first_is(skip_emphasis(heading), |c| is_upper(c) || is_cjk(c)) {
        return None;
    }
    // Something must be left for the point.
    if is_blank(&trimmed[..window_start + start]) {
        return None;
    }
    Some(window_start + start)
}

/// Whether `s` is empty or white space only.
fn is_blank(s: &str) -> bool {
    skip_spaces(s, 0) == s.len()
}

fn cjk_trailing_start(trimmed: &str, window_start: usize) -> Option<usize> {
    let window = &trimmed[window_start..];
    // Only a space or a full stop can end the point: after a comma the
    // sentence goes on (`…万标箱，预计周末前完成` has no heading).
    // A loop on chars: `rfind` with a closure was a searcher of its own.
    let mut cut = window.len();
    loop {
        let c = window[..cut].chars().next_back()?;
        if is_space(c) || matches!(c, '。' | '！' | '？' | '；' | '.' | '!' | '?' | ';') {
            break;
        }
        cut -= c.len_utf8();
    }
    let start = window_start + cut;
    let heading = &trimmed[start..];
    if heading.is_empty() || likeness(heading) == Likeness::No {
        return None;
    }
    if is_blank(&trimmed[..start]) {
        return None;
    }
    Some(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joiners_sit_in_the_group_of_their_length() {
        // Each group's words step by their length plus the space.
        for (len, group) in JOINERS_BY_LEN.iter().enumerate() {
            assert!(group.split(' ').all(|j| j.len() == len), "{group:?}");
        }
        let all = "a an and as at by de for from in into of on or per the to via vs vs. \
                   with amid over after before under than versus & + / x – —";
        for word in all.split(' ') {
            assert!(is_joiner(word), "{word}");
        }
        let grouped: usize = JOINERS_BY_LEN.iter().map(|g| g.split(' ').count()).sum();
        assert_eq!(grouped, all.split(' ').count() + 1); // plus the empty group
        assert!(is_joiner("VERSUS") && is_joiner("vs.") && is_joiner("—"));
        assert!(!is_joiner("") && !is_joiner("Outlook"));
    }

    #[test]
    fn title_case_headings_are_strong() {
        for h in [
            "Core Facts",
            "Market Reaction & Q3 Outlook",
            "Risks for the 2026 Season",
            "U.S. Response",
            "What Comes Next",
            "市场反应",
            "## Background",
            "**Next Steps**",
            "Outlook:",
        ] {
            assert_eq!(likeness(h), Likeness::Strong, "{h}");
        }
    }

    #[test]
    fn sentence_case_is_weak() {
        assert_eq!(likeness("Key points"), Likeness::Weak);
        assert_eq!(likeness("Market reaction"), Likeness::Weak);
    }

    #[test]
    fn sentences_are_not_headings() {
        for h in [
            "the port",
            "Officials said it would reopen.",
            "The index rose sharply after the central bank cut its key rate again",
            "港口于周二重新开放，航运公司预计周五前恢复。",
            "Prices [1]",
            "",
        ] {
            assert_eq!(likeness(h), Likeness::No, "{h}");
        }
    }

    #[test]
    fn finds_a_heading_glued_to_a_point() {
        let tail = "no date was given for the repairs Next Steps";
        assert_eq!(
            trailing_heading_start(tail).map(|i| &tail[i..]),
            Some("Next Steps")
        );
        let tail = "repairs are planned. Risks for the 2026 Season";
        assert_eq!(
            trailing_heading_start(tail).map(|i| &tail[i..]),
            Some("Risks for the 2026 Season")
        );
        let tail = "修复工作尚无时间表。 后续安排";
        assert_eq!(
            trailing_heading_start(tail).map(|i| &tail[i..]),
            Some("后续安排")
        );
    }

    #[test]
    fn marks_and_colons_around_a_heading_go() {
        for h in [
            "**Key Facts**",
            "__Key Facts__",
            "**Key Facts:**",
            "**Key Facts**:",
            "**Key Facts** ：",
            "## **Key Facts**",
            "Key Facts:",
        ] {
            assert_eq!(strip_marks(h), "Key Facts", "{h}");
        }
    }

    /// The lead-in's heading and the rest of the line.
    fn split_lead_in(line: &str) -> Option<(&str, &str)> {
        lead_in(line, 0, line.len()).map(|l| (&line[l.start..l.end], &line[l.rest..]))
    }

    #[test]
    fn lead_in_headings_open_a_line() {
        assert_eq!(
            split_lead_in("Key Facts: The bridge reopened [1]"),
            Some(("Key Facts", " The bridge reopened [1]"))
        );
        assert_eq!(
            split_lead_in("**Key Facts:** The bridge"),
            Some(("Key Facts", " The bridge"))
        );
        assert_eq!(
            split_lead_in("__Key Facts__: The bridge"),
            Some(("Key Facts", " The bridge"))
        );
        assert_eq!(
            split_lead_in("核心观点：港口恢复作业【1】"),
            Some(("核心观点", "港口恢复作业【1】"))
        );
        assert_eq!(
            split_lead_in("Costs & Funding:\u{a0}12 million [3]"),
            Some(("Costs & Funding", "\u{a0}12 million [3]"))
        );
    }

    #[test]
    fn sentences_with_a_colon_have_no_lead_in() {
        for line in [
            "The minister said: the port stays open [1]",
            "The minister said: The port stays open [1]",
            "Revenue: up 12% [1]",
            "Doors open at 10:30 [1]",
            "Update at 10:30: The bridge [1]",
            "See https://example.com/a [1]",
            "部长表示：港口保持开放【1】",
            "专家认为：港口保持开放【1】",
            "Key Facts:",
            "Key Facts:   ",
            "**Key Facts: The bridge",
            "**A** and **B**: The bridge",
            "**:** The bridge",
            "****: The bridge",
            ": The bridge",
            "Prices [1]: The bridge",
        ] {
            assert_eq!(split_lead_in(line), None, "{line}");
        }
    }

    #[test]
    fn a_lead_in_colon_is_looked_for_near_the_start_only() {
        let far = format!("{}: The bridge", "Harbour ".repeat(200));
        assert_eq!(split_lead_in(&far), None);
    }

    #[test]
    fn a_bold_heading_glued_to_a_point_keeps_its_marks_for_the_caller() {
        let tail = "towns prepared. **Next Steps** ";
        assert_eq!(
            trailing_heading_start(tail).map(|i| &tail[i..]),
            Some("**Next Steps** ")
        );
    }

    #[test]
    fn no_heading_without_point_text_before_it() {
        assert_eq!(trailing_heading_start("Next Steps"), None);
        assert_eq!(trailing_heading_start("the port"), None);
        // A run never starts with a joining word; a proper noun at the end of
        // a point stays ambiguous, which is why callers also look at what follows.
        let tail = "they met on Monday";
        assert_eq!(
            trailing_heading_start(tail).map(|i| &tail[i..]),
            Some("Monday")
        );
    }
}
