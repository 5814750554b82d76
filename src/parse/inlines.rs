//! Markdown marks inside a point: strong, emphasis, code and links.
//!
//! Rule: inside a point, `**strong**` (or `__strong__`), `*emphasis*` (or
//! `_emphasis_`), `` `code` `` and `[text](https://…)` are inlines of their
//! own. The point's `text` keeps their words without the marks.
//!
//! ```text
//! The reservoir rose **sharply** [1]          strong; text `The reservoir rose sharply`
//! Crews *expect* _delays_                      emphasis, with either mark
//! Run `make test` first                        code
//! See [the report](https://example.com/r)      a link
//! ***both***   **a *b* c**   [**a**](https://example.com)   **prices rose [1]**
//! ```
//!
//! - Emphasis marks flank words as in CommonMark, but more strictly, so
//!   that no mark inside a word is ever emphasis. A run of one to three `*`
//!   (or `_`) opens when it follows white space, punctuation, a CJK character
//!   or the start of the point, and a non-space follows it; it closes when a
//!   non-space precedes it and white space, punctuation, a CJK character or
//!   the end follows. It pairs with the nearest open run of the same mark
//!   before it: two marks on each side make strong, one makes emphasis, three
//!   make both. CJK counts as a boundary because CJK text has no spaces
//!   between words (`港口**恢复**作业`).
//! - An inline never contains one of its own kind: in `**a **b** c**` the
//!   inner pair is strong and the outer marks stay text. Citation groups may
//!   sit inside strong and emphasis, never inside link text.
//! - Code: a run of one or two backticks, closed by the next run of the same
//!   length. Everything between is literal: no marks, no links, no
//!   citations (`` `items[0]` `` is code, and `[0]` no citation). Code binds
//!   tighter than any other mark.
//! - Links: `[text](url)` where the `[` does not start a citation group, the
//!   text (at most [`MAX_LINK_TEXT`] bytes, not blank) has no `[` or `]`, and
//!   the URL (at most [`MAX_URL`] bytes) has no white space or backtick and
//!   ends at the first `)`. Only an `http:` or `https:` URL makes a link; any
//!   other leaves the whole `[text](url)` as text, marks and all. Link text
//!   may hold strong, emphasis and code.
//! - A bare `http://` or `https://` URL is text up to the next white space,
//!   less trailing punctuation, so marks inside it stay text
//!   (`https://example.com/_drafts_/a`).
//!
//! These stay text:
//!
//! ```text
//! 2*3*4   snake_case_words   https://example.com/a_b_c   a * b   **unclosed   `unclosed
//! [text]   [text](javascript:alert(1))   [text](   [text](https://example.com
//! ```
//!
//! Cost: linear in the point's length. Backtick runs are counted in one pass
//! and paired in a second. Emphasis runs are matched against one stack of open
//! runs per mark, looking only at its top. A link's search for its `]` stops at
//! the next `[` (so no two searches cover the same bytes) and after
//! [`MAX_LINK_TEXT`] bytes; the search for its `)` remembers where it last
//! stopped, so no byte is searched twice. The tree is built with an explicit
//! stack; a link's text is scanned by the same loop one level down, and holds
//! no links, so that is as deep as it goes.

use super::chars::{count_byte, first_is, last_is};
use super::citations::Group;
use super::letters::is_word_char;
use super::points::{byte_span, Item};
use super::scan;
use super::text::{
    is_cjk, is_closing_punct, is_space, push_folded, skip_spaces, space_len, trim_range, trim_start,
};
use super::url::safe_url;
use crate::model::{Diagnostic, DiagnosticCode, Inline, Point, Span};

/// Longest link text, in bytes: where the search for a link's `]` gives up.
pub const MAX_LINK_TEXT: usize = 300;
/// Longest link URL, in bytes.
pub const MAX_URL: usize = 2048;

/// Reads the point made of `items` (its text and citation groups in source
/// order) into `points`, leaving `items` empty for reuse: the end of its
/// span, which starts at `span_start`. White space at the point's two ends
/// is not part of it. `may_be_marked`: false when reading the text found
/// no Markdown mark in it, which spares it the scan for marks. Citation
/// problems inside its code spans are withdrawn from `diagnostics`. (The
/// model's point is made here, not returned in a struct of its parts.)
pub fn build(
    src: &str,
    items: &mut Vec<Item>,
    may_be_marked: bool,
    span_start: usize,
    diagnostics: &mut Vec<Diagnostic>,
    points: &mut Vec<Point>,
) -> usize {
    // White space off the point's ends: the first item's start (when it is
    // text) and the last's end.
    if let Some(Item::Text { start, end }) = items.first_mut() {
        *start = trim_range(src, *start, *end).0;
    }
    if let Some(Item::Text { start, end }) = items.last_mut() {
        *end = trim_range(src, *start, *end).1;
    }
    let count = items.len();
    // The first item opened the point: text that is not blank, or a
    // citation. Only the last can be blank (` ` after a citation), and is
    // left out once trimmed (a `retain` was an instance of its own).
    let mut live = count;
    if matches!(items.last(), Some(&Item::Text { start, end }) if start >= end) {
        live -= 1;
    }
    let live = &mut items[..live];
    let point_start = live.first().map_or(0, |i| i.bounds().0);
    let end = live.last().map(|i| i.bounds().1);

    let mut tree = Tree {
        src,
        root: Vec::with_capacity(live.len()),
        frames: Vec::new(),
        pending: None,
        // Never longer than the point's source: folding and dropping
        // markers only shrink it. One allocation instead of a doubling run.
        text: String::with_capacity(end.unwrap_or(0).saturating_sub(point_start)),
        after_cite: false,
        // Most groups cite one id or two, and most items are groups or
        // text between them: room for the usual point without counting
        // its ids first (a loop over the items of its own).
        ids: Vec::with_capacity(count),
    };
    if may_be_marked {
        read_marked(
            src,
            live,
            &mut tree,
            point_start,
            end.unwrap_or(0),
            diagnostics,
        );
    } else {
        // No mark anywhere: the items go to the tree as they stand, and
        // the scanner is not even set up.
        for slot in live {
            match take_item(slot) {
                Item::Text { start, end } => tree.add_text(start, end),
                Item::Cite(group) => tree.cite(group),
            }
        }
    }
    items.clear();
    let end = end.unwrap_or(span_start);
    points.push(tree.finish(byte_span(span_start, end)));
    end
}

/// The item in `slot`, moved out (an empty text left in its place). The
/// loops over a point's items take each so and clear the list after:
/// `drain` was an iterator type with a drop of its own.
fn take_item(slot: &mut Item) -> Item {
    std::mem::replace(slot, Item::Text { start: 0, end: 0 })
}

/// Reads `items` (a point's, spanning `point_start..point_end`), which may
/// hold Markdown marks, into `tree`, and withdraws the citation problems
/// inside its code spans from `diagnostics`.
fn read_marked<'a>(
    src: &'a str,
    items: &mut [Item],
    tree: &mut Tree<'a>,
    point_start: usize,
    point_end: usize,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut scanner = Scanner {
        src,
        point_start,
        point_end,
        code: code_spans(src, point_start, point_end),
        next_code: 0,
        code_until: 0,
        tokens: Vec::new(),
        runs: Vec::new(),
        last_pair_open: [None; 2],
        url_search: None,
    };
    let mut openers = Openers::default();
    for slot in items.iter_mut() {
        match take_item(slot) {
            // Inside code a citation is literal text, already in the code's.
            Item::Cite(group) if group.start < scanner.code_until => {}
            Item::Cite(group) => scanner.tokens.push(Token::Cite(group)),
            Item::Text { start, end } => {
                let start = start.max(scanner.code_until);
                if start < end {
                    scanner.scan_text(start, end, &mut openers, false);
                }
            }
        }
    }

    let runs = &scanner.runs;
    // Each token moved out of its slot (a run left in its place): the
    // vector's owning iterator was a type with a drop of its own.
    for slot in &mut scanner.tokens {
        match std::mem::replace(slot, Token::Run(0)) {
            Token::Text { start, end } => tree.add_text(start, end),
            Token::Cite(group) => tree.cite(group),
            Token::Run(i) => {
                let run = &runs[i];
                // An unpaired run (nothing used, all marks left) is text
                // either way.
                let used = &run.used[..run.pairs];
                if run.opener {
                    // Unpaired marks stay on the outside, the pairs' marks
                    // nearest the words, the innermost pair's last.
                    let mut at = run.at + run.left;
                    tree.add_text(run.at, at);
                    for &kind in used.iter().rev() {
                        tree.open(kind.container(), at);
                        at += kind.width();
                    }
                } else {
                    let mut at = run.at;
                    for &kind in used {
                        at += kind.width();
                        tree.close(at);
                    }
                    tree.add_text(at, run.at + run.len);
                }
            }
            Token::Code(code) => tree.code(&code),
            Token::LinkOpen { start, url } => tree.open(Container::Link(url), start),
            Token::LinkClose { end } => tree.close(end),
        }
    }
    withdraw_inside(diagnostics, &scanner.code);
}

/// Removes the citation problems (reported while the line was read) that
/// lie inside the code spans `code` (in order): there the brackets are
/// code, not citations. They were the last ones reported, so only
/// the tail of `diagnostics` is looked at.
fn withdraw_inside(diagnostics: &mut Vec<Diagnostic>, code: &[CodeSpan]) {
    if crate::model::MARKUP_ONLY {
        return;
    }
    let Some(first) = code.first() else {
        return;
    };
    let mut tail = diagnostics.len();
    while tail > 0 && diagnostics[tail - 1].span.byte_start as usize >= first.start {
        tail -= 1;
    }
    let mut range = 0;
    let mut kept = tail;
    for i in tail..diagnostics.len() {
        let d = &diagnostics[i];
        let (d_start, d_end) = (d.span.byte_start as usize, d.span.byte_end as usize);
        while code.get(range).is_some_and(|c| c.end <= d_start) {
            range += 1;
        }
        let inside = code
            .get(range)
            .is_some_and(|c| c.start <= d_start && d_end <= c.end);
        let about_citations = matches!(
            d.code,
            DiagnosticCode::UnclosedCitation
                | DiagnosticCode::InvalidRange
                | DiagnosticCode::InvalidCitation
        );
        if !(inside && about_citations) {
            diagnostics.swap(kept, i);
            kept += 1;
        }
    }
    diagnostics.truncate(kept);
}

/// A code span: backticks at `start` and before `end`, `ticks` on each side.
#[derive(Clone, Copy, Debug)]
struct CodeSpan {
    start: usize,
    end: usize,
    ticks: usize,
}

/// Pairs each run of one or two backticks in `start..end` (a point's bytes)
/// with the next run of the same length, left to right. One pass counts
/// the runs of each length; a second takes the pairs: a run opens a span
/// when a run of its length is still to come, and the next such run closes
/// it (runs of the other length between are inside). No list of runs is
/// kept. The point's bytes are read straight through, not item by item:
/// between its texts lie only citation groups and white space (line
/// breaks), neither of which holds a backtick.
fn code_spans(src: &str, start: usize, end: usize) -> Vec<CodeSpan> {
    let bytes = src.as_bytes();
    let mut spans = Vec::new();
    // Runs of one and of two backticks not yet passed; longer runs are text.
    let mut left = [0usize; 2];
    let mut open: Option<(usize, usize)> = None;
    // Two passes, counting then pairing: an indexed loop, not one over an
    // array (an iterator type of its own).
    let mut pass = 0;
    while pass < 2 {
        let counting = pass == 0;
        pass += 1;
        // No length with two runs: no pair, and no second pass.
        if !counting && left[0] < 2 && left[1] < 2 {
            break;
        }
        // A plain byte loop: text dense with other marks (`[[[[…`)
        // must not cost a scanner restart per byte.
        let mut at = start;
        while at < end {
            if bytes[at] != b'`' {
                at += 1;
                continue;
            }
            let run = at;
            while at < end && bytes[at] == b'`' {
                at += 1;
            }
            let ticks = at - run;
            if ticks > 2 {
                continue;
            }
            let slot = &mut left[ticks - 1];
            if counting {
                *slot += 1;
                continue;
            }
            *slot -= 1;
            match open {
                Some((start, open_ticks)) if open_ticks == ticks => {
                    spans.push(CodeSpan {
                        start,
                        end: at,
                        ticks,
                    });
                    open = None;
                }
                None if *slot > 0 => open = Some((run, ticks)),
                _ => {}
            }
        }
    }
    spans
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Strong,
    Emphasis,
}

impl Kind {
    fn width(self) -> usize {
        match self {
            Kind::Strong => 2,
            Kind::Emphasis => 1,
        }
    }

    fn container(self) -> Container<'static> {
        match self {
            Kind::Strong => Container::Strong,
            Kind::Emphasis => Container::Emphasis,
        }
    }
}

/// A run of one to three `*` or `_` that may open or close.
struct Run {
    at: usize,
    len: usize,
    /// Marks not paired (yet).
    left: usize,
    /// What its paired marks made, innermost first: a run of three marks
    /// pairs at most three times.
    used: [Kind; 3],
    pairs: usize,
    /// Paired as an opening run (its marks from the right), not a closing
    /// one (from the left).
    opener: bool,
}

/// Open runs waiting for a closing one: one stack for `*`, one for `_`,
/// each in source order. Run indexes as `u32`: the parser's other index
/// vectors are `Vec<u32>`, and a `Vec<usize>` was vector code of its own.
#[derive(Default)]
struct Openers([Vec<u32>; 2]);

#[derive(Debug)]
enum Token<'a> {
    Text {
        start: usize,
        end: usize,
    },
    Cite(Group),
    /// An index into the runs.
    Run(usize),
    Code(CodeSpan),
    /// A link's `[`, with its URL (already found safe).
    LinkOpen {
        start: usize,
        url: &'a str,
    },
    /// A link's `](url)`, ending at `end`.
    LinkClose {
        end: usize,
    },
}

/// A link found by [`Scanner::link_at`]: `[` … `text_end` `](` url `)` `end`.
struct LinkShape {
    text_end: usize,
    url: (usize, usize),
    end: usize,
}

/// Reads a point's pieces into tokens, pairing emphasis runs as it goes.
struct Scanner<'a> {
    src: &'a str,
    /// The point's first and last byte: flanking treats them as white space.
    point_start: usize,
    point_end: usize,
    code: Vec<CodeSpan>,
    /// The first code span not yet reached.
    next_code: usize,
    /// End of a code span that runs on past the piece it opened in.
    code_until: usize,
    tokens: Vec<Token<'a>>,
    runs: Vec<Run>,
    /// By kind, the rightmost opening mark of a finished pair: a pair
    /// opening before it would contain it.
    last_pair_open: [Option<usize>; 2],
    /// Where the last search for a URL's end started, and where it stopped.
    url_search: Option<(usize, usize)>,
}

impl Scanner<'_> {
    /// Scans `start..end` of one piece of text (or of a link's text, when
    /// `in_link`), pairing runs on `openers`.
    fn scan_text(&mut self, start: usize, end: usize, openers: &mut Openers, in_link: bool) {
        let bytes = self.src.as_bytes();
        let mut text_from = start;
        let mut at = start;
        loop {
            at = scan::inline_mark(bytes, at, end);
            if at >= end {
                break;
            }
            match bytes[at] {
                b'`' => {
                    let Some(code) = self.code_at(at) else {
                        at += 1;
                        continue;
                    };
                    self.text(text_from, at);
                    self.tokens.push(Token::Code(code));
                    at = code.end;
                    text_from = at;
                    if at > end {
                        // The code runs on over citations and line breaks.
                        self.code_until = at;
                        return;
                    }
                }
                mark @ (b'*' | b'_') => {
                    let mut len = 1;
                    while at + len < end && bytes[at + len] == mark {
                        len += 1;
                    }
                    let (can_open, can_close) = self.flanks(at, len);
                    if len <= 3 && (can_open || can_close) {
                        self.text(text_from, at);
                        let run = self.runs.len();
                        self.runs.push(Run {
                            at,
                            len,
                            left: len,
                            used: [Kind::Emphasis; 3],
                            pairs: 0,
                            opener: false,
                        });
                        let stack = usize::from(mark == b'_');
                        let closed = can_close && self.close(run, stack, openers);
                        if !closed && can_open {
                            self.runs[run].opener = true;
                            openers.0[stack].push(run as u32);
                        }
                        self.tokens.push(Token::Run(run));
                        text_from = at + len;
                    }
                    at += len;
                }
                b'[' if !in_link => match self.link_at(at, end) {
                    Some(link) => {
                        let src = self.src;
                        // Otherwise the whole `[text](url)` stays text.
                        if let Some(url) = safe_url(&src[link.url.0..link.url.1]) {
                            self.text(text_from, at);
                            self.tokens.push(Token::LinkOpen { start: at, url });
                            // Marks inside the text pair among themselves.
                            let mut inner = Openers::default();
                            self.scan_text(at + 1, link.text_end, &mut inner, true);
                            self.tokens.push(Token::LinkClose { end: link.end });
                            text_from = link.end;
                        }
                        at = link.end;
                    }
                    None => at += 1,
                },
                b':' => at = self.bare_url(at, text_from, end),
                _ => at += 1,
            }
        }
        self.text(text_from, end);
    }

    fn text(&mut self, start: usize, end: usize) {
        if start < end {
            self.tokens.push(Token::Text { start, end });
        }
    }

    /// The code span opening at `at`, if one does. Code spans are met in
    /// order, so passed ones are skipped for good.
    fn code_at(&mut self, at: usize) -> Option<CodeSpan> {
        self.next_code = self.code_from(self.next_code, at);
        let code = *self.code.get(self.next_code).filter(|c| c.start == at)?;
        self.next_code += 1;
        Some(code)
    }

    /// The index of the first code span from index `i` on that does not
    /// start before `at` (the spans are in order): one loop for the three
    /// searches.
    fn code_from(&self, mut i: usize, at: usize) -> usize {
        while self.code.get(i).is_some_and(|c| c.start < at) {
            i += 1;
        }
        i
    }

    /// Whether the run `at..at + len` may open and whether it may close.
    fn flanks(&self, at: usize, len: usize) -> (bool, bool) {
        // The point's ends are no characters: sliced off, not tested. Each
        // side asked through the shared first_is/last_is, where decoding
        // the two characters here was code of its own.
        let before = &self.src[self.point_start..at];
        let after = &self.src[at + len..self.point_end];
        let can_open = !last_is(before, is_inner_word_char) && first_is(after, is_solid);
        let can_close = last_is(before, is_solid) && !first_is(after, is_inner_word_char);
        (can_open, can_close)
    }

    /// Pairs the run `run` with open runs of its mark, nearest first, for as
    /// long as both have marks left; whether it paired at all.
    fn close(&mut self, run: usize, stack: usize, openers: &mut Openers) -> bool {
        let mut closed = false;
        while self.runs[run].left > 0 {
            let Some(&open) = openers.0[stack].last() else {
                break;
            };
            let open = open as usize;
            let Run {
                at: open_start,
                left: open_left,
                ..
            } = self.runs[open];
            let width = if self.runs[run].left >= 2 && open_left >= 2 {
                2
            } else {
                1
            };
            let kind = if width == 2 {
                Kind::Strong
            } else {
                Kind::Emphasis
            };
            let open_at = open_start + open_left - width;
            let slot = &mut self.last_pair_open[kind as usize];
            if slot.is_some_and(|inner| inner > open_at) {
                // It would contain a pair of its own kind: both stay text,
                // and any earlier opener would contain that pair too.
                break;
            }
            // Any pair there was opens before this one (else it broke off).
            *slot = Some(open_at);
            // Open runs of the other mark inside the pair can no longer
            // close outside it.
            let other = &mut openers.0[1 - stack];
            while other
                .last()
                .is_some_and(|&o| self.runs[o as usize].at > open_start)
            {
                other.pop();
            }
            // Both runs (`open` is an earlier one), by hand: a loop over
            // `[open, run]` was an array iterator type of its own.
            let mut r = open;
            loop {
                let paired = &mut self.runs[r];
                paired.left -= width;
                paired.used[paired.pairs] = kind;
                paired.pairs += 1;
                if r == run {
                    break;
                }
                r = run;
            }
            if open_left == width {
                openers.0[stack].pop();
            }
            closed = true;
        }
        closed
    }

    /// The link whose `[` is at `open`, if `[text](url)` is there within
    /// `..end` (its piece of text). Looks at no more than
    /// [`MAX_LINK_TEXT`] bytes for the `]`, and stops at a `[`.
    fn link_at(&mut self, open: usize, end: usize) -> Option<LinkShape> {
        let bytes = self.src.as_bytes();
        let limit = (open + 1 + MAX_LINK_TEXT).min(end);
        let mut at = open + 1;
        let mut code = self.next_code;
        loop {
            if at >= limit {
                return None;
            }
            match bytes[at] {
                b'[' => return None,
                b']' => break,
                b'`' => {
                    // A code span in the text is part of it, `]` and all.
                    code = self.code_from(code, at);
                    match self.code.get(code) {
                        Some(c) if c.start == at => at = c.end,
                        _ => at += 1,
                    }
                }
                _ => at += 1,
            }
        }
        let text_end = at;
        if text_end + 1 >= end || bytes[text_end + 1] != b'(' {
            return None;
        }
        // Blank: white space all the way to the `]`.
        if skip_spaces(self.src, open + 1) >= text_end {
            return None;
        }
        let url_start = text_end + 2;
        let stop = self.url_end(url_start, end);
        if stop >= end || bytes[stop] != b')' || stop - url_start > MAX_URL {
            return None;
        }
        Some(LinkShape {
            text_end,
            url: (url_start, stop),
            end: stop + 1,
        })
    }

    /// The first `)`, backtick or white space at or after `from` in
    /// `..end`, or `end`. Searches start further on each time, so the last
    /// answer still holds for a start before it.
    fn url_end(&mut self, from: usize, end: usize) -> usize {
        if let Some((last_from, stop)) = self.url_search {
            if last_from <= from && from <= stop && stop <= end {
                return stop;
            }
        }
        let bytes = self.src.as_bytes();
        let mut at = from;
        while at < end && !matches!(bytes[at], b')' | b'`') && space_len(self.src, at) == 0 {
            at += 1;
        }
        self.url_search = Some((from, at));
        at
    }

    /// At the `:` of a possible `http://` or `https://`: where its URL ends
    /// (everything up to there stays text), or the byte after the colon.
    fn bare_url(&self, colon: usize, text_from: usize, end: usize) -> usize {
        let bytes = self.src.as_bytes();
        let not_url = colon + 1;
        if !bytes[colon..end].starts_with(b"://") {
            return not_url;
        }
        // `http`, with an `s` before the colon if there is one: the scheme
        // tested on bytes, where a find over the two names was a closure.
        let secure = usize::from(colon > 0 && bytes[colon - 1] | 0x20 == b's');
        let Some(start) = colon.checked_sub(4 + secure) else {
            return not_url;
        };
        if !bytes[start..start + 4].eq_ignore_ascii_case(b"http")
            || start < text_from
            || last_is(&self.src[..start], is_word_char)
        {
            return not_url;
        }
        // Up to white space, the piece's end, or a code span (which binds tighter).
        let mut limit = end;
        if let Some(code) = self.code.get(self.code_from(self.next_code, colon + 1)) {
            limit = limit.min(code.start);
        }
        let mut stop = colon + 3;
        while stop < limit && space_len(self.src, stop) == 0 {
            stop += 1;
        }
        // Less trailing punctuation, and a `)` with no `(` to match.
        let url = &self.src[start..stop];
        let mut unmatched = count_byte(url, b')').saturating_sub(count_byte(url, b'('));
        // All ASCII: a URL ending in another character keeps it.
        while stop > colon + 3 {
            let b = bytes[stop - 1];
            let trailing = matches!(
                b,
                b'.' | b',' | b':' | b';' | b'!' | b'?' | b'*' | b'_' | b'~' | b'\'' | b'"' | b'>'
            );
            if b == b')' && unmatched > 0 {
                unmatched -= 1;
            } else if !trailing {
                break;
            }
            stop -= 1;
        }
        stop
    }
}

/// A word character a mark next to it is inside of: CJK characters are
/// word characters but a boundary (white space is no word character).
fn is_inner_word_char(c: char) -> bool {
    is_word_char(c) && !is_cjk(c)
}

/// Anything but white space.
fn is_solid(c: char) -> bool {
    !is_space(c)
}

enum Container<'a> {
    Strong,
    Emphasis,
    Link(&'a str),
}

/// An open container: its children are the inlines from `first` on.
/// (Borrowed and indexes only: a frame has no drop of its own.)
struct Frame<'a> {
    container: Container<'a>,
    start: usize,
    first: usize,
}

/// Builds the inline tree from the tokens, with an explicit stack of open
/// containers, and the point's text and ids alongside.
struct Tree<'a> {
    src: &'a str,
    /// The point's own inlines, then the children of each open container.
    root: Vec<Inline>,
    /// Open containers, innermost last (none for most points, so no
    /// allocation for them).
    frames: Vec<Frame<'a>>,
    /// Text not yet made an inline: neighbouring pieces become one.
    pending: Option<(usize, usize)>,
    text: String,
    /// The last thing added to the text was a citation marker's place.
    after_cite: bool,
    ids: Vec<u32>,
}

impl<'a> Tree<'a> {
    fn add_text(&mut self, start: usize, end: usize) {
        if start < end {
            self.pending = Some(match self.pending {
                Some((s, _)) => (s, end),
                None => (start, end),
            });
        }
    }

    fn flush(&mut self) {
        let Some((start, end)) = self.pending.take() else {
            return;
        };
        let mut piece = String::with_capacity(end - start);
        push_folded(&mut piece, &self.src[start..end]);
        // `piece` is folded already: only a space at the seam can double,
        // and none opens the point's text (so none is cut off at the end).
        // Across a removed citation marker none is kept before closing
        // punctuation either (`rose [2], then` gives `rose, then`).
        // Byte tests: `starts_with(char)` encodes the char as UTF-8 first.
        let last = self.text.as_bytes().last().copied();
        let seam = last.is_none_or(|b| b == b' ') && piece.as_bytes().first() == Some(&b' ');
        let body = &piece[usize::from(seam)..];
        if self.after_cite && last == Some(b' ') && first_is(body, is_closing_punct) {
            // The space, one byte: no char decoded to drop it.
            self.text.truncate(self.text.len() - 1);
        }
        self.text.push_str(body);
        self.after_cite = false;
        self.root.push(Inline::Text {
            text: piece,
            span: byte_span(start, end),
        });
    }

    fn cite(&mut self, group: Group) {
        self.flush();
        self.ids.extend_from_slice(&group.ids);
        self.after_cite = true;
        self.root.push(Inline::Cite {
            ids: group.ids,
            span: byte_span(group.start, group.end),
        });
    }

    fn code(&mut self, code: &CodeSpan) {
        self.flush();
        let text = &self.src[code.start + code.ticks..code.end - code.ticks];
        // No space opens the point's text (see `flush`).
        let folded = if self.text.is_empty() {
            trim_start(text)
        } else {
            text
        };
        push_folded(&mut self.text, folded);
        self.after_cite = false;
        self.root.push(Inline::Code {
            text: text.to_string(),
            span: byte_span(code.start, code.end),
        });
    }

    fn open(&mut self, container: Container<'a>, start: usize) {
        self.flush();
        self.frames.push(Frame {
            container,
            start,
            first: self.root.len(),
        });
    }

    /// Closes the innermost open container at `end`.
    fn close(&mut self, end: usize) {
        self.flush();
        // Pairs nest properly; nothing to close is a bug, not a panic.
        let Some(frame) = self.frames.pop() else {
            return;
        };
        let span = byte_span(frame.start, end);
        let children = self.root.split_off(frame.first);
        let inline = match frame.container {
            Container::Strong => Inline::Strong { children, span },
            Container::Emphasis => Inline::Emphasis { children, span },
            Container::Link(url) => Inline::Link {
                url: url.to_string(),
                children,
                span,
            },
        };
        self.root.push(inline);
    }

    /// The model's point, spanning `span`.
    fn finish(mut self, span: Span) -> Point {
        self.flush();
        // Every opening is paired, and pairs nest: nothing is left open.
        debug_assert!(self.frames.is_empty());
        let mut text = self.text;
        // A space is one byte: cut off, no char decoded.
        if text.as_bytes().last() == Some(&b' ') {
            text.truncate(text.len() - 1);
        }
        Point {
            text,
            citations: super::text::dedup_in_order(self.ids),
            inlines: self.root,
            span,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Inline;

    /// `input` as a bullet point (so that a line in bold is no heading).
    fn point(input: &str) -> crate::model::Point {
        let digest = crate::parse(&format!("- {input}"));
        digest.sections[0].points[0].clone()
    }

    /// The point's inlines in a compact notation: text as written (folded),
    /// `[1,2]` for a group, `S(…)`, `E(…)`, `C(…)`, `L(url|…)`.
    fn shape(input: &str) -> String {
        let point = point(input);
        let mut out = String::new();
        write(&mut out, &point.inlines);
        out
    }

    fn write(out: &mut String, inlines: &[Inline]) {
        for inline in inlines {
            match inline {
                Inline::Text { text, .. } => out.push_str(text),
                Inline::Cite { ids, .. } => {
                    let ids: Vec<String> = ids.iter().map(u32::to_string).collect();
                    out.push_str(&format!("[{}]", ids.join(",")));
                }
                Inline::Code { text, .. } => out.push_str(&format!("C({text})")),
                Inline::Strong { children, .. } => {
                    out.push_str("S(");
                    write(out, children);
                    out.push(')');
                }
                Inline::Emphasis { children, .. } => {
                    out.push_str("E(");
                    write(out, children);
                    out.push(')');
                }
                Inline::Link { url, children, .. } => {
                    out.push_str(&format!("L({url}|"));
                    write(out, children);
                    out.push(')');
                }
            }
        }
    }

    fn text(input: &str) -> String {
        point(input).text
    }

    /// Asserts each input is one text inline equal to the input.
    fn stays_text(inputs: &[&str]) {
        for input in inputs {
            let point = point(input);
            assert_eq!(point.inlines.len(), 1, "{input}: {:?}", point.inlines);
            assert_eq!(shape(input), *input, "{input}");
        }
    }

    #[test]
    fn two_marks_make_strong_and_the_text_drops_them() {
        assert_eq!(
            shape("The reservoir rose **sharply** [1]"),
            "The reservoir rose S(sharply) [1]"
        );
        assert_eq!(
            text("The reservoir rose **sharply** [1]"),
            "The reservoir rose sharply"
        );
        assert_eq!(shape("__Ferries__ resumed"), "S(Ferries) resumed");
    }

    #[test]
    fn one_mark_makes_emphasis_with_either_character() {
        assert_eq!(
            shape("Crews *expect* _delays_."),
            "Crews E(expect) E(delays)."
        );
        assert_eq!(text("Crews *expect* _delays_."), "Crews expect delays.");
    }

    #[test]
    fn three_marks_make_both_and_pairs_nest() {
        assert_eq!(shape("***both***"), "E(S(both))");
        assert_eq!(shape("**a *b* c**"), "S(a E(b) c)");
        assert_eq!(shape("*a **b** c*"), "E(a S(b) c)");
        assert_eq!(shape("***a* b**"), "S(E(a) b)");
        assert_eq!(shape("__a _b_ c__"), "S(a E(b) c)");
        assert_eq!(shape("**a _b_ c**"), "S(a E(b) c)");
    }

    #[test]
    fn no_inline_holds_its_own_kind() {
        assert_eq!(shape("**a **b** c**"), "**a S(b) c**");
        assert_eq!(shape("*a *b* c*"), "*a E(b) c*");
        assert_eq!(shape("_a *b* c_"), "_a E(b) c_");
        // Not through another kind either.
        assert_eq!(shape("**a *b **c** d* e**"), "**a E(b S(c) d) e**");
        assert_eq!(
            shape("**a [**b**](https://x.org) c**"),
            "**a L(https://x.org|S(b)) c**"
        );
    }

    #[test]
    fn citations_may_sit_inside_strong_and_emphasis() {
        assert_eq!(
            shape("**prices rose [1]** after"),
            "S(prices rose [1]) after"
        );
        assert_eq!(text("**prices rose [1]**, then"), "prices rose, then");
        assert_eq!(shape("*fell [1][2]*"), "E(fell [1,2])");
        let digest = crate::parse("Rates - **prices rose [1]**");
        assert_eq!(digest.sections[0].points[0].citations, vec![1]);
        assert_eq!(digest.citations[0].id, 1);
    }

    #[test]
    fn marks_inside_words_or_between_spaces_stay_text() {
        stays_text(&[
            "2*3*4 is 24",
            "set snake_case_words here",
            "see https://example.com/a_b_c for more",
            "a * b",
            "a _ b",
            "rates*",
            "x**y**z",
            "in__side__words",
            "****four****",
            "** spaced **",
        ]);
    }

    #[test]
    fn marks_without_a_partner_stay_text() {
        stays_text(&[
            "**unclosed",
            "*unclosed",
            "_unclosed",
            "closed** only",
            "**a *b",
        ]);
        assert_eq!(shape("**a* b"), "*E(a) b");
        assert_eq!(shape("*a** b"), "E(a)* b");
    }

    #[test]
    fn cjk_text_is_a_word_boundary() {
        assert_eq!(shape("港口**恢复**作业"), "港口S(恢复)作业");
        assert_eq!(text("港口**恢复**作业【1】"), "港口恢复作业");
    }

    #[test]
    fn bare_urls_keep_their_marks() {
        stays_text(&["see https://example.com/_drafts_/a now"]);
        assert_eq!(
            shape("**https://example.com/a_b**"),
            "S(https://example.com/a_b)"
        );
        assert_eq!(
            shape("_see https://example.com/x_y now_"),
            "E(see https://example.com/x_y now)"
        );
        assert_eq!(
            shape("(see https://example.com/_x_) *yes*"),
            "(see https://example.com/_x_) E(yes)"
        );
    }

    #[test]
    fn code_is_literal_and_binds_tightest() {
        assert_eq!(shape("Run `make test` first"), "Run C(make test) first");
        assert_eq!(text("Run `make  test` first"), "Run make test first");
        assert_eq!(shape("``a ` b``"), "C(a ` b)");
        assert_eq!(shape("`**not strong**`"), "C(**not strong**)");
        assert_eq!(shape("*a `b* c`"), "*a C(b* c)");
        assert_eq!(shape("**`x` rose**"), "S(C(x) rose)");
        // Its text is as written.
        assert_eq!(shape("`a  b`"), "C(a  b)");
    }

    #[test]
    fn code_swallows_citations_and_their_problems() {
        let digest = crate::parse("Use `items[0]` and `a[9-2]b` here [1]");
        let point = &digest.sections[0].points[0];
        assert_eq!(point.citations, vec![1]);
        assert_eq!(point.text, "Use items[0] and a[9-2]b here");
        assert!(digest.diagnostics.is_empty(), "{:?}", digest.diagnostics);
        // Outside code the same range is reported.
        assert!(!crate::parse("Use a[9-2]b here [1]").diagnostics.is_empty());
        assert_eq!(shape("Use `items[0]` here [1]"), "Use C(items[0]) here [1]");
    }

    #[test]
    fn backticks_without_a_partner_stay_text() {
        stays_text(&["`unclosed", "a ` b", "```three```", "``a`"]);
        assert_eq!(shape("`a ``b``"), "`a C(b)");
    }

    #[test]
    fn http_links_become_links() {
        assert_eq!(
            shape("See [the report](https://example.com/r) now"),
            "See L(https://example.com/r|the report) now"
        );
        assert_eq!(
            text("See [the report](https://example.com/r) now"),
            "See the report now"
        );
        assert_eq!(
            shape("[**bold** and `code`](http://x.org)"),
            "L(http://x.org|S(bold) and C(code))"
        );
        assert_eq!(
            shape("**see [a](https://x.org/a_b)**"),
            "S(see L(https://x.org/a_b|a))"
        );
        assert_eq!(
            shape("[a `]` b](https://x.org)"),
            "L(https://x.org|a C(]) b)"
        );
    }

    #[test]
    fn other_links_stay_text_whole() {
        stays_text(&[
            "[click](javascript:alert(1))",
            "[a](ftp://x.org/_b_)",
            "[a]()",
            "[text] alone",
            "[text](",
            "[text](https://example.com",
            "[text] (https://example.com)",
            "[a b](https://x.org/ c)",
            "[ ](https://x.org)",
        ]);
        assert_eq!(shape("[[a](https://x.org)"), "[L(https://x.org|a)");
        // The URL ends at the first `)`.
        assert_eq!(
            shape("[a](https://x.org/f_(b)) c"),
            "L(https://x.org/f_(b|a)) c"
        );
    }

    #[test]
    fn a_citation_is_never_link_text() {
        assert_eq!(shape("[1](https://x.org)"), "[1](https://x.org)");
        assert_eq!(point("[see 【1】](https://x.org)").citations, vec![1]);
        assert!(shape("[see 【1】](https://x.org)").starts_with("[see [1]"));
    }

    #[test]
    fn links_and_text_have_length_limits() {
        let long_text = "a".repeat(super::MAX_LINK_TEXT);
        let input = format!("[{long_text}](https://x.org)");
        assert_eq!(shape(&input), input);
        let ok = format!("[{}](https://x.org)", &long_text[1..]);
        assert!(shape(&ok).starts_with("L("));
        let long_url = format!("https://x.org/{}", "b".repeat(super::MAX_URL));
        let input = format!("[a]({long_url})");
        assert_eq!(shape(&input), input);
    }

    #[test]
    fn spans_cover_the_marks_and_text_spans_the_words() {
        let input = "Rates **rose [1]** and `x` [in](https://x.org)";
        let digest = crate::parse(input);
        let inlines = &digest.sections[0].points[0].inlines;
        let slice = |i: &Inline| &input[i.span().bytes()];
        assert_eq!(slice(&inlines[1]), "**rose [1]**");
        assert_eq!(slice(&inlines[1].children()[0]), "rose ");
        assert_eq!(slice(&inlines[1].children()[1]), "[1]");
        assert_eq!(slice(&inlines[3]), "`x`");
        assert_eq!(slice(&inlines[5]), "[in](https://x.org)");
        assert_eq!(slice(&inlines[5].children()[0]), "in");
        crate::check::invariants(input, &digest).unwrap();
    }

    #[test]
    fn points_without_marks_read_as_before() {
        let point = point("Rose [1], then [sic] fell [2] after");
        assert_eq!(point.text, "Rose, then [sic] fell after");
        assert_eq!(
            shape("Rose [1], then [sic] fell [2] after"),
            "Rose [1], then [sic] fell [2] after"
        );
        assert_eq!(point.inlines.len(), 5);
    }

    #[test]
    fn hostile_runs_stay_linear_and_text() {
        for unit in [
            "[",
            "[a](",
            "[a](x",
            "`",
            "` ",
            "**a ",
            "*_",
            "**_*",
            "_*",
            "[a](https://x",
        ] {
            let input = unit.repeat(200_000 / unit.len());
            let digest = crate::parse(&input);
            crate::check::invariants(&input, &digest).unwrap();
        }
    }
}
