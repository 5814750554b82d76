//! Points and the dash that separates them.
//!
//! Rule: inside a line, ` - `, ` – ` (en dash) or ` — ` (em dash), with
//! white space on both sides, may end one point and start the next, or be a
//! dash inside a sentence. The three are read alike. It is a separator when
//!
//! 1. the point before it ends with a citation group: `… closure [1][2] - Shipping …`,
//!    `… rose [1] – Towns …`;
//! 2. the text after the point's last citation is a heading, which then opens
//!    a new section: `… Friday [3] Local Impact - Fishermen …`,
//!    `… [2] **Next Steps** — Crews …`;
//! 3. it follows the first words of a line that are a heading:
//!    `Key Facts - The harbour …`, `**Key Facts** – The harbour …`;
//! 4. a point with no citation ends in a Title Case heading and the next
//!    words start a sentence: `… for the repairs. Next Steps - Crews …`;
//! 5. the point already cites something and the next word starts a new
//!    sentence (a capital letter or a CJK character):
//!    `… the Retail Forum [5] found shoppers switched - Cafés reported …`;
//! 6. nothing but separators came before it: `- - -` makes no empty points.
//!
//! Otherwise it is a dash in a sentence and stays text:
//! `the port - the largest in the region - reopened [2]`,
//! `the port authority – which handles a fifth of the traffic – reported …`.
//!
//! Weakly heading-like text (sentence case) counts in 2 and 3 only when the
//! next words start with a capital, a digit or a CJK character. Emphasis
//! marks around a heading (`**`, `__`) belong to its section, not to the
//! point before it, and are not part of its text.
//!
//! Chinese text writes its dash doubled and unspaced (`港口——全省最大的港口——恢复作业`),
//! and a lone `—` between CJK characters (`港口—码头`) is a dash too: neither
//! has white space on both sides, so neither is ever a separator inside a
//! line, even ` —— ` with spaces. Only the layout makes them one: `—— ` or
//! a full-width `－ ` at the start of a line is a bullet (see [`super::blocks`]).
//!
//! A point's `text` is its text with citation markers removed and white
//! space folded; no space is kept before punctuation that followed a marker
//! (`rose [2], then` gives `rose, then`). Markdown marks inside it (strong,
//! emphasis, code, links) are read by [`super::inlines`].

use super::citations::{self, Group, Problem, ProblemKind, Scan};
use super::headings::{self, Likeness};
use super::inlines;
use super::letters::{is_lower, is_upper};
use super::text::{is_cjk, is_space, skip_spaces, trim_range};
use crate::model::{Diagnostic, DiagnosticCode, Point, Severity, Span};

/// A piece of one line's content.
#[derive(Clone, Copy, Debug)]
pub enum Token {
    Text {
        start: usize,
        end: usize,
    },
    /// A citation group starting at `start`, handed out by
    /// [`Tokens::take_group`]: kept apart, the tokens are plain values.
    Cite {
        start: usize,
    },
    /// A lone `-`, `–` or `—` with white space (or the line's edge) on
    /// both sides.
    Dash {
        start: usize,
        end: usize,
    },
}

/// Whether `text` holds a dash that may separate points (` - `, ` – `,
/// ` — `): a line holding one is a body line, never a heading or a title.
pub fn contains_separator(text: &str) -> bool {
    super::scan::has_spaced_dash(text.as_bytes())
}

/// Adds a diagnostic on bytes `start..end` to `diagnostics`, unless this
/// build leaves them out ([`crate::model::MARKUP_ONLY`]); its UTF-16
/// offsets are set when the digest is complete. Built here, not as a
/// struct literal at each site (each inlined the message's allocation),
/// and in the model's type, not one of the parser's own converted at the
/// end (that was a second type's code for vectors and a conversion loop).
#[inline(never)]
pub fn report(
    diagnostics: &mut Vec<Diagnostic>,
    severity: Severity,
    code: DiagnosticCode,
    message: &str,
    start: usize,
    end: usize,
) {
    if crate::model::MARKUP_ONLY {
        return;
    }
    diagnostics.push(Diagnostic {
        severity,
        code,
        message: message.into(),
        span: byte_span(start, end),
    });
}

/// Splits `src[start..end]` (one line's content) into text, citation
/// groups and dashes, one token at a time: no buffer, so a line of a million
/// separators costs no memory.
pub struct Tokens<'a> {
    src: &'a str,
    start: usize,
    end: usize,
    pos: usize,
    text_start: usize,
    /// A token found after pending text, handed out next.
    queued: Option<Token>,
    /// The last citation group found.
    group: Option<Group>,
    /// The last Markdown mark (`` ` ``, `*`, `_`, `:`, or a `[` left as
    /// text) passed: see [`Self::marked`].
    last_mark: Option<usize>,
}

impl<'a> Tokens<'a> {
    pub fn new(src: &'a str, start: usize, end: usize) -> Self {
        Tokens {
            src,
            start,
            end,
            pos: super::scan::token_start(src.as_bytes(), start, end),
            text_start: start,
            queued: None,
            group: None,
            last_mark: None,
        }
    }

    /// Whether the text token `start..end` just handed out holds a
    /// Markdown mark. Marks are passed in order, and the one that ended the
    /// text is no mark but a token, so the last mark passed lies in the
    /// text if any of its marks does.
    pub fn marked(&self, start: usize, end: usize) -> bool {
        self.last_mark.is_some_and(|at| start <= at && at < end)
    }

    /// The next token; problems with citations go to `diagnostics`.
    pub fn next(&mut self, diagnostics: &mut Vec<Diagnostic>) -> Option<Token> {
        if let Some(token) = self.queued.take() {
            return Some(token);
        }
        let (src, end) = (self.src, self.end);
        let bytes = src.as_bytes();
        while self.pos < end {
            let pos = self.pos;
            let b = bytes[pos];
            // ASCII, the common case, is read without decoding.
            let c = if b < 0x80 {
                char::from(b)
            } else {
                src[pos..end].chars().next().unwrap_or(' ')
            };
            let after = pos + c.len_utf8();
            let mut found = None;
            if matches!(c, '-' | '–' | '—') {
                if self.spaced(pos, after) {
                    self.pos = after;
                    found = Some(Token::Dash {
                        start: pos,
                        end: after,
                    });
                }
            } else if citations::is_open(c) && citations::may_open_list(bytes, after) {
                match citations::scan(&src[..end], pos) {
                    Scan::Group(group, problems) => {
                        report_problems(&problems, diagnostics);
                        self.pos = group.end;
                        found = Some(Token::Cite { start: group.start });
                        self.group = Some(group);
                    }
                    Scan::Rejected(r) => {
                        report(
                            diagnostics,
                            Severity::Warning,
                            DiagnosticCode::InvalidCitation,
                            "a citation id has more than 9 digits; kept as text",
                            r.start,
                            r.end,
                        );
                        // The digits are text; skip them instead of rescanning.
                        self.last_mark = Some(pos);
                        self.pos = super::scan::token_start(bytes, r.end, end);
                        continue;
                    }
                    Scan::Text => {}
                }
            }
            let Some(token) = found else {
                // (After a token `pos` may be any byte, not only a stop.)
                // A `[` left as text is a link's, or text.
                if matches!(c, '[' | '`' | '*' | '_' | ':') {
                    self.last_mark = Some(pos);
                }
                self.pos = super::scan::token_start(bytes, after, end);
                continue;
            };
            let text = (self.text_start < pos).then_some(Token::Text {
                start: self.text_start,
                end: pos,
            });
            self.text_start = self.pos;
            return match text {
                Some(text) => {
                    self.queued = Some(token);
                    Some(text)
                }
                None => Some(token),
            };
        }
        if self.text_start < end {
            let text = Token::Text {
                start: self.text_start,
                end,
            };
            self.text_start = end;
            return Some(text);
        }
        None
    }

    /// The group of the last [`Token::Cite`] handed out.
    pub fn take_group(&mut self) -> Option<Group> {
        self.group.take()
    }

    /// Whether `src[start..end]` has white space or the line's edge on both
    /// sides. Looks at one character each side: `——` is never spaced.
    fn spaced(&self, start: usize, end: usize) -> bool {
        // An ASCII space, the common case, is seen without decoding.
        let bytes = self.src.as_bytes();
        let before = start == self.start
            || bytes[start - 1] == b' '
            || super::chars::last_is(&self.src[..start], is_space);
        before
            && (end == self.end
                || bytes[end] == b' '
                || super::chars::first_is(&self.src[end..self.end], is_space))
    }

    /// The first character after byte `at` on this line that is not white
    /// space (an opening bracket reads as `[`); `None` at the line's end.
    pub fn next_char(&self, at: usize) -> Option<char> {
        let rest = &self.src[at..self.end];
        // A space then an ASCII character (the common case), seen without
        // decoding.
        let c = match *rest.as_bytes() {
            [b' ', b, ..] if b > b' ' && b < 0x80 => char::from(b),
            _ => rest.chars().find(|c| !is_space(*c))?,
        };
        Some(if citations::is_open(c) { '[' } else { c })
    }
}

fn report_problems(problems: &[Problem], diagnostics: &mut Vec<Diagnostic>) {
    for problem in problems {
        let (code, message) = match problem.kind {
            ProblemKind::Unclosed => (
                DiagnosticCode::UnclosedCitation,
                "citation has no closing bracket; read up to the last digit",
            ),
            ProblemKind::Range => (
                DiagnosticCode::InvalidRange,
                "citation range is backwards or longer than 32 ids; kept its two ends",
            ),
        };
        report(
            diagnostics,
            Severity::Warning,
            code,
            message,
            problem.start,
            problem.end,
        );
    }
}

#[derive(Debug)]
pub enum Item {
    Text { start: usize, end: usize },
    Cite(Group),
}

impl Item {
    /// Its first byte and the byte after it.
    pub fn bounds(&self) -> (usize, usize) {
        match self {
            Item::Text { start, end } => (*start, *end),
            Item::Cite(g) => (g.start, g.end),
        }
    }
}

/// A point being read, or (not [`Self::is_open`]) the buffers for the next.
#[derive(Debug, Default)]
pub struct OpenPoint {
    open: bool,
    /// Where the span starts: the bullet marker, or the first character.
    pub start: usize,
    items: Vec<Item>,
    /// Where text after the last citation starts (or the content start).
    tail_start: usize,
    has_cite: bool,
    /// Opened by the first words of a line with no bullet, so those words may
    /// turn out to be a heading (rule 3).
    pub at_line_start: bool,
    /// Some text pushed may hold Markdown marks (see [`Tokens::marked`]);
    /// without any, building the point skips the inline scanner.
    marked: bool,
}

/// What a ` - ` turned out to be.
pub enum DashMeaning {
    /// A separator; the point before it (if any) is complete.
    Separator,
    /// A separator preceded by a heading whose words are `start..end`,
    /// inside marks (`**…**`) that begin at `marks_start`; the point before
    /// it (if any) ends before the marks.
    Heading {
        marks_start: usize,
        start: usize,
        end: usize,
    },
    /// A dash inside a sentence: kept as text.
    Text,
}

impl OpenPoint {
    /// Opens a new point; its items go in the buffer the last one left
    /// empty, so that reading a digest reuses one buffer for all its points.
    pub fn open(&mut self, start: usize, content_start: usize, at_line_start: bool) {
        debug_assert!(!self.open && self.items.is_empty());
        self.open = true;
        self.start = start;
        self.tail_start = content_start;
        self.has_cite = false;
        self.at_line_start = at_line_start;
        self.marked = false;
    }

    pub fn is_open(&self) -> bool {
        self.open
    }

    /// End of the last item.
    pub fn end(&self) -> usize {
        self.items.last().map_or(self.start, |item| item.bounds().1)
    }

    /// Adds text; text that touches the previous text, or is separated from it
    /// only by white space (a line break), joins it. `marked`: it may hold
    /// Markdown marks.
    pub fn push_text(&mut self, src: &str, start: usize, end: usize, marked: bool) {
        self.marked |= marked;
        if let Some(Item::Text {
            start: _,
            end: last_end,
        }) = self.items.last_mut()
        {
            // Only white space between: the crate's skip, not a char
            // iterator of its own.
            if skip_spaces(src, *last_end) >= start {
                *last_end = end;
                return;
            }
        }
        if self.items.is_empty() {
            self.tail_start = start;
        }
        self.items.push(Item::Text { start, end });
    }

    pub fn push_cite(&mut self, group: Group) {
        self.tail_start = group.end;
        self.has_cite = true;
        self.items.push(Item::Cite(group));
    }

    /// Decides what the ` - ` after this point means; `next` is the first
    /// character after it on the line.
    pub fn dash_meaning(&self, src: &str, next: Option<char>) -> DashMeaning {
        let end = self.end();
        let tail = &src[self.tail_start..end];
        if skip_spaces(src, self.tail_start) >= end {
            return DashMeaning::Separator; // rule 1
        }
        let starts_sentence = next.is_none_or(|c| !is_lower(c));
        if self.has_cite || self.at_line_start {
            // Rules 2 and 3: all of the tail is the heading.
            let likeness = headings::likeness(super::text::trim(tail));
            if likeness == Likeness::Strong || (likeness == Likeness::Weak && starts_sentence) {
                return heading_at(src, self.tail_start, end);
            }
        }
        if starts_sentence && tail.len() >= 2 {
            // Rule 4: a heading glued to the end of the point's text.
            if let Some(at) = headings::trailing_heading_start(tail) {
                return heading_at(src, self.tail_start + at, end);
            }
        }
        // Rule 5.
        if self.has_cite && next.is_some_and(|c| is_upper(c) || is_cjk(c)) {
            return DashMeaning::Separator;
        }
        DashMeaning::Text
    }

    /// Cuts the point before byte `at` (the start of a heading found in its tail).
    pub fn truncate(&mut self, src: &str, at: usize) {
        // The items kept are counted first and the rest dropped at once:
        // popping them one by one moved each out to drop it.
        let mut keep = self.items.len();
        while keep > 0 {
            match &mut self.items[keep - 1] {
                Item::Text { start, end } if *start < at => {
                    let (s, e) = trim_range(src, *start, (*end).min(at));
                    if s == e {
                        keep -= 1;
                    } else {
                        *end = e;
                    }
                    break;
                }
                Item::Cite(g) if g.end <= at => break,
                _ => keep -= 1,
            }
        }
        self.items.truncate(keep);
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Closes the point, leaving its item buffer empty for the next one.
    pub fn close(&mut self) {
        self.open = false;
        self.items.clear();
    }

    /// Adds the model's point, made of the items (there are some), to
    /// `points`: the end of its span, which starts at `self.start`. Citation
    /// problems reported inside the point's code spans are withdrawn from
    /// `diagnostics`: there the brackets are code, not citations.
    pub fn build_into(
        &mut self,
        src: &str,
        diagnostics: &mut Vec<Diagnostic>,
        points: &mut Vec<Point>,
    ) -> usize {
        inlines::build(
            src,
            &mut self.items,
            self.marked,
            self.start,
            diagnostics,
            points,
        )
    }
}

/// The heading in `src[start..end]`: its words without white space and marks.
fn heading_at(src: &str, start: usize, end: usize) -> DashMeaning {
    let (marks_start, marks_end) = trim_range(src, start, end);
    let (mut start, mut end) = headings::strip_marks_range(src, marks_start, marks_end);
    if start == end {
        // Marks alone are no heading; keep them visible rather than lose them.
        (start, end) = (marks_start, marks_end);
    }
    DashMeaning::Heading {
        marks_start,
        start,
        end,
    }
}

/// A span holding only byte offsets; the UTF-16 ones are filled in at the
/// end. All zero in a markup-only build ([`crate::model::MARKUP_ONLY`]).
pub fn byte_span(start: usize, end: usize) -> Span {
    if crate::model::MARKUP_ONLY {
        return Span::default();
    }
    Span {
        start: 0,
        end: 0,
        byte_start: u32::try_from(start).unwrap_or(u32::MAX),
        byte_end: u32::try_from(end).unwrap_or(u32::MAX),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The line's tokens as `T(text)`, `C` and `D(dash)`.
    fn tokens(line: &str) -> Vec<String> {
        let mut tokens = Tokens::new(line, 0, line.len());
        let mut out = Vec::new();
        let mut diagnostics = Vec::new();
        while let Some(token) = tokens.next(&mut diagnostics) {
            out.push(match token {
                Token::Text { start, end } => format!("T({})", &line[start..end]),
                Token::Cite { .. } => "C".to_string(),
                Token::Dash { start, end } => format!("D({})", &line[start..end]),
            });
        }
        out
    }

    #[test]
    fn hyphen_en_and_em_dashes_with_spaces_are_dashes() {
        assert_eq!(
            tokens("Key Facts – rose [1] — fell - held"),
            [
                "T(Key Facts )",
                "D(–)",
                "T( rose )",
                "C",
                "T( )",
                "D(—)",
                "T( fell )",
                "D(-)",
                "T( held)"
            ]
        );
        // At the line's edges, and between other white space.
        assert_eq!(
            tokens("– a\u{a0}—\u{a0}b —"),
            ["D(–)", "T( a\u{a0})", "D(—)", "T(\u{a0}b )", "D(—)"]
        );
    }

    #[test]
    fn unspaced_and_doubled_dashes_are_text() {
        for line in [
            "港口——全省最大的港口——恢复作业",
            "港口 —— 恢复作业",
            "港口—码头",
            "2025–26 budgets",
            "well—known",
            "a –b",
            "a– b",
        ] {
            assert_eq!(tokens(line), [format!("T({line})")], "{line}");
        }
    }

    #[test]
    fn contains_separator_knows_all_three_dashes() {
        assert!(contains_separator("Key Facts - x"));
        assert!(contains_separator("Key Facts – x"));
        assert!(contains_separator("Key Facts — x"));
        assert!(!contains_separator("港口——码头"));
        assert!(!contains_separator("2025–26"));
    }

    #[test]
    fn a_bold_heading_takes_its_marks_from_the_point_before() {
        let src = "Towns prepared [2] **Next Steps** ";
        let mut point = OpenPoint::default();
        point.open(0, 0, false);
        point.push_text(src, 0, 15, false);
        let bracket = src.find('[').unwrap();
        let Scan::Group(group, _) = citations::scan(src, bracket) else {
            panic!("no citation");
        };
        let after = group.end;
        point.push_cite(group);
        point.push_text(src, after, src.len(), true);
        match point.dash_meaning(src, Some('C')) {
            DashMeaning::Heading {
                marks_start,
                start,
                end,
            } => {
                assert_eq!(&src[marks_start..marks_start + 2], "**");
                assert_eq!(&src[start..end], "Next Steps");
            }
            _ => panic!("not a heading"),
        }
    }
}
