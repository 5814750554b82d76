//! Lines, and how they make sections.
//!
//! Rule: the body is read line by line. A line is
//!
//! - blank;
//! - a rule (`---`, `***`, `___`): a visual break, no content;
//! - a heading: `## Heading`, `**Heading**`, or a short heading-like line
//!   that introduces points (the next line is a bullet, or it ends in `:`);
//! - a bullet: `- `, `– `, `— `, `—— `, `－ `, `* `, `+ `, `• `, `· `,
//!   `1. `, `2) `, `3、` then a point;
//! - text: anything else. Text right after a point continues it (a wrapped
//!   line); after a blank line or a heading it starts a new point. Text
//!   that begins a paragraph or follows a point ending in a citation may
//!   open with a lead-in heading and a colon (`Key Facts: The bridge
//!   reopened [1]`, see [`super::headings`]).
//!
//! Within any line, ` - `, ` – ` or ` — ` may separate points and headings
//! may sit inline (see [`super::points`]): the one-line layout
//!
//! ```text
//! Key Facts - The harbour reopened [1][2] - Delays will clear [3] Local Impact - Boats returned [2]
//! ```
//!
//! and the broken-over-lines layout
//!
//! ```text
//! Key Facts
//! - The harbour reopened [1][2]
//! - Delays will clear [3]
//! ```
//!
//! give the same sections. Separators, rules and markers with no text
//! between them belong to the section they sit in and make no empty points.

use super::headings::{self, Likeness};
use super::points::{self, DashMeaning, OpenPoint, Token};
use super::text::trim_range;
use crate::model::{Diagnostic, DiagnosticCode, Heading, Section, Severity};

/// One line of the input without its terminator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line {
    pub start: usize,
    pub end: usize,
}

impl Line {
    /// Byte range without leading and trailing white space.
    pub fn trimmed(&self, src: &str) -> (usize, usize) {
        trim_range(src, self.start, self.end)
    }
}

/// Splits at `\n`, `\r\n` and a lone `\r`; stores the offset of the
/// first non-ASCII byte in `non_ascii` (left `usize::MAX` when there is
/// none).
pub fn split_lines(src: &str, non_ascii: &mut usize) -> Vec<Line> {
    split_lines_in(src, 0, src.len(), non_ascii)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    Blank,
    Rule,
    /// `## Heading` or `**Heading**`: the heading's words.
    MarkedHeading {
        start: usize,
        end: usize,
    },
    /// A bullet marker then the point's content.
    Bullet {
        marker: usize,
        start: usize,
        end: usize,
    },
    Text {
        start: usize,
        end: usize,
    },
}

pub fn classify(src: &str, line: Line) -> LineKind {
    let (start, end) = line.trimmed(src);
    if start == end {
        return LineKind::Blank;
    }
    let text = &src[start..end];
    if is_rule(text) {
        return LineKind::Rule;
    }
    let marked = if let Some(level_end) = markdown_heading(text) {
        Some(headings::strip_marks_range(src, start + level_end, end))
    } else if is_bold_line(text) {
        Some(headings::strip_marks_range(src, start, end))
    } else {
        None
    };
    match marked {
        // Marks with no words (`## ##`) are a break like a rule.
        Some((s, e)) if s == e => return LineKind::Rule,
        Some((s, e)) => return LineKind::MarkedHeading { start: s, end: e },
        None => {}
    }
    if let Some(marker_len) = bullet(text) {
        // The marker's length takes in the white space after it.
        return LineKind::Bullet {
            marker: start,
            start: start + marker_len,
            end,
        };
    }
    LineKind::Text { start, end }
}

fn is_rule(text: &str) -> bool {
    let bytes = text.as_bytes();
    // On bytes: a rule is one character repeated, so every byte equals the
    // one a character's length before it.
    let unit = match bytes.first() {
        Some(b'-' | b'*' | b'_' | b'=') => 1,
        _ if bytes.starts_with("—".as_bytes()) => 3,
        _ => return false,
    };
    if bytes.len() < 3 * unit {
        return false;
    }
    let mut i = unit;
    while i < bytes.len() && bytes[i] == bytes[i - unit] {
        i += 1;
    }
    i == bytes.len()
}

/// `#` to `######` then a space: the length of the marks.
fn markdown_heading(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut hashes = 0;
    while hashes < bytes.len() && bytes[hashes] == b'#' {
        hashes += 1;
    }
    if matches!(hashes, 1..=6) && super::text::space_len(text, hashes) > 0 {
        Some(hashes)
    } else {
        None
    }
}

fn is_bold_line(text: &str) -> bool {
    // The marks are looked for around the text without its colon, so that
    // the closing mark can never overlap the opening one (`**：`).
    let body = super::chars::trim_colons(text).as_bytes();
    let n = body.len();
    n > 4
        && (body.starts_with(b"**") || body.starts_with(b"__"))
        && body.ends_with(&body[..2])
        && super::scan::find_str(&text[2..n - 2], &text[..2]).is_none()
}

/// Bullet markers, the doubled dash before the single one. Those before
/// [`BARE_MARKERS`] need white space after them (`-a` is a word); the rest
/// are never the start of a word. Chinese text's doubled dash, `—— `, is a
/// bullet here and only here.
const MARKERS: [&str; 14] = [
    "——", "-", "*", "+", "–", "—", "－", "•", "·", "・", "●", "◦", "▪", "‣",
];
const BARE_MARKERS: usize = 7;

/// The length of a bullet marker and the white space after it.
fn bullet(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut digits = 0;
    while digits < bytes.len() && bytes[digits].is_ascii_digit() {
        digits += 1;
    }
    let (len, spaced) = if digits > 0 {
        // `1.`, `2)`, `3、`: at most three digits.
        if digits > 3 {
            return None;
        }
        match bytes.get(digits) {
            Some(b'.' | b')') => (digits + 1, true),
            _ if bytes[digits..].starts_with("、".as_bytes()) => (digits + 3, false),
            _ => return None,
        }
    } else {
        let mut i = 0;
        while !bytes.starts_with(MARKERS[i].as_bytes()) {
            i += 1;
            if i == MARKERS.len() {
                return None;
            }
        }
        (MARKERS[i].len(), i < BARE_MARKERS)
    };
    let space = trim_range(text, len, bytes.len()).0 - len;
    if spaced && space == 0 && len < bytes.len() {
        return None;
    }
    Some(len + space)
}

/// Lines of `src[from..end]`, `from` being a line's start; see
/// [`super::scan::line_break`] for `non_ascii`.
fn split_lines_in(src: &str, from: usize, end: usize, non_ascii: &mut usize) -> Vec<Line> {
    let bytes = &src.as_bytes()[..end];
    let mut lines = Vec::with_capacity(8);
    let mut start = from;
    loop {
        let line_end = super::scan::line_break(bytes, start, non_ascii);
        lines.push(Line {
            start,
            end: line_end,
        });
        start = next_line_start(src, line_end, end);
        if start >= end {
            break;
        }
    }
    lines
}

/// The start of the line after the one ending at `line_end` (past its
/// break), or `end`.
fn next_line_start(src: &str, line_end: usize, end: usize) -> usize {
    let bytes = src.as_bytes();
    if line_end >= end {
        return end;
    }
    let crlf = bytes[line_end] == b'\r' && line_end + 1 < end && bytes[line_end + 1] == b'\n';
    (line_end + if crlf { 2 } else { 1 }).min(end)
}

/// A section with heading words `heading` (byte range) and span
/// `start..end`, and no points yet. Built in the model's type as it is
/// read (its heading folded then), not converted from one of the reader's
/// own at the end: that was a second vector and a copy of every section.
fn new_section(src: &str, heading: Option<(usize, usize)>, start: usize, end: usize) -> Section {
    Section {
        heading: heading.map(|(hs, he)| Heading {
            text: super::text::folded(&src[hs..he]),
            span: points::byte_span(hs, he),
        }),
        points: Vec::new(),
        span: points::byte_span(start, end),
    }
}

/// Moves the end of `section`'s span to `end` if that is later.
fn extend(section: &mut Section, end: usize) {
    let end = points::byte_span(end, end).byte_end;
    section.span.byte_end = section.span.byte_end.max(end);
}

/// Builds sections from the body's lines.
pub struct Body<'a> {
    src: &'a str,
    sections: Vec<Section>,
    /// The point being read, if [`OpenPoint::is_open`]: one value reused
    /// from point to point, with its item buffer.
    point: OpenPoint,
    /// The range of separators or markers seen before any section, so the
    /// first section's span covers them.
    loose: Option<(usize, usize)>,
    pub diagnostics: Vec<Diagnostic>,
    after_blank: bool,
    after_heading: bool,
    /// For the stream ([`Body::read_from`]): the last place reading can
    /// resume from. `None` in a whole-text parse, which never records one.
    checkpoint: Option<Checkpoint>,
    recording: bool,
}

/// A place between points where the stream can resume reading, with the
/// reader's state there, and how much of what it read lies before it.
#[derive(Clone, Debug)]
pub struct Checkpoint {
    pub resume: Resume,
    /// Sections (counting one the read continued) and points in the last
    /// of them that lie before this place.
    pub sections: usize,
    pub points: usize,
}

/// The reader's state between two points: enough to read on from `at`
/// exactly as a whole-text parse would.
#[derive(Clone, Debug, Default)]
pub struct Resume {
    pub at: usize,
    /// `at` is inside a line, right after a separator that closed a point.
    mid_line: bool,
    after_blank: bool,
    after_heading: bool,
    loose: Option<(usize, usize)>,
    /// The open section, which later points join.
    section: Option<OpenSectionState>,
}

/// An open section without its points: its heading's words and its span.
#[derive(Clone, Copy, Debug)]
struct OpenSectionState {
    heading: Option<(usize, usize)>,
    start: usize,
    end: usize,
}

/// What [`Body::read_from`] read.
pub struct Progress {
    /// The sections read; the first continues the resumed one when
    /// `continues`.
    pub sections: Vec<Section>,
    pub continues: bool,
    /// The last place between points whose every decision before it is
    /// final, whatever text follows.
    pub checkpoint: Option<Checkpoint>,
}

impl<'a> Body<'a> {
    /// Out of line: the parse and the stream each had a copy of it.
    #[inline(never)]
    pub fn new(src: &'a str) -> Self {
        Self {
            src,
            sections: Vec::new(),
            point: OpenPoint::default(),
            loose: None,
            diagnostics: Vec::new(),
            after_blank: true,
            after_heading: false,
            checkpoint: None,
            recording: false,
        }
    }

    /// Reads `lines` (with their kinds) as the body.
    pub fn read(mut self, lines: &[Line], kinds: &[LineKind]) -> (Vec<Section>, Vec<Diagnostic>) {
        self.read_lines(lines, kinds, usize::MAX);
        if let Some((start, end)) = self.loose {
            points::report(
                &mut self.diagnostics,
                Severity::Info,
                DiagnosticCode::UnplacedText,
                "separators or markers with no text between them",
                start,
                end,
            );
        }
        let sections = self.sections();
        (sections, self.diagnostics)
    }

    /// For the stream: reads `src[resume.at..end]` as the body goes on from
    /// `resume` (the start of the text for a new stream), where `end` is as
    /// far as the text has come. A line reaching `end` is unfinished, so
    /// decisions about it are provisional; the returned checkpoint lies
    /// before all of those. The point open at `end` is closed and returned
    /// as it stands.
    pub fn read_from(src: &'a str, resume: &Resume, end: usize) -> Progress {
        let mut body = Body::new(src);
        body.recording = true;
        body.after_blank = resume.after_blank;
        body.after_heading = resume.after_heading;
        body.loose = resume.loose;
        let continues = resume.section.is_some();
        if let Some(open) = resume.section {
            let section = new_section(src, open.heading, open.start, open.end);
            body.sections.push(section);
        }
        let mut from = resume.at.min(end);
        if resume.mid_line {
            let line_end = super::scan::line_break(src.as_bytes(), from, &mut 0).min(end);
            // Right after a separator that ended at `from`, the character
            // there is white space or the line's end, so no dash can start
            // at `from` and reading from it as if it were the line's edge
            // changes nothing.
            body.read_content(from, line_end, None, false);
            body.after_blank = false;
            body.after_heading = false;
            from = next_line_start(src, line_end, end);
        }
        let lines = if from < end {
            split_lines_in(src, from, end, &mut 0)
        } else {
            Vec::new()
        };
        let mut kinds: Vec<LineKind> = Vec::with_capacity(lines.len());
        for &line in &lines {
            kinds.push(classify(src, line));
        }
        body.read_lines(&lines, &kinds, end);
        let checkpoint = body.checkpoint.take();
        Progress {
            sections: body.sections(),
            continues,
            checkpoint,
        }
    }

    /// Reads `lines` (with their kinds) and closes the last point. For the
    /// stream, where the text read ends at `end`, notes where reading can
    /// resume before each finished line.
    fn read_lines(&mut self, lines: &[Line], kinds: &[LineKind], end: usize) {
        for i in 0..lines.len() {
            // A line followed by a break is finished: its kind is final,
            // and so is every decision about the lines before it.
            let finished = lines[i].end < end;
            if self.records() && finished && kinds[i] != LineKind::Blank {
                if !matches!(kinds[i], LineKind::Text { .. }) {
                    self.close_point(); // as reading the line would first
                }
                self.record(lines[i].start, false);
            }
            self.line(lines[i], kinds[i], &kinds[i + 1..]);
        }
        self.close_point();
    }

    /// Whether this reads for a stream, which records checkpoints: never
    /// in a markup-only build ([`crate::model::MARKUP_ONLY`]), which has no
    /// streams.
    fn records(&self) -> bool {
        !crate::model::MARKUP_ONLY && self.recording
    }

    /// Notes that reading can resume at `at` with the state as it is.
    fn record(&mut self, at: usize, mid_line: bool) {
        if !self.records() || self.point.is_open() {
            return;
        }
        let points = self.sections.last().map_or(0, |s| s.points.len());
        self.checkpoint = Some(Checkpoint {
            resume: Resume {
                at,
                mid_line,
                after_blank: self.after_blank,
                after_heading: self.after_heading,
                loose: self.loose,
                section: self.sections.last().map(|s| OpenSectionState {
                    heading: s
                        .heading
                        .as_ref()
                        .map(|h| (h.span.byte_start as usize, h.span.byte_end as usize)),
                    start: s.span.byte_start as usize,
                    end: s.span.byte_end as usize,
                }),
            },
            sections: self.sections.len(),
            points,
        });
    }

    fn sections(&mut self) -> Vec<Section> {
        std::mem::take(&mut self.sections)
    }

    /// Reads one line; `rest` are the kinds of the lines after it. Every
    /// kind comes down to the same steps, in this order: close the point
    /// (unless text continues it), open a section, take in marks or
    /// separators, read content; so each is written once.
    fn line(&mut self, line: Line, kind: LineKind, rest: &[LineKind]) {
        // The trimmed line; Text and Bullet ranges lie within it and end
        // where it does.
        let (s, e) = line.trimmed(self.src);
        let mut close = true;
        let mut heading = None;
        // `Some(to)`: the marks or separators `s..to` join the section.
        let mut absorb_to = None;
        // Where the points' content starts, its bullet marker, and whether
        // it opens the line.
        let mut content = None;
        match kind {
            LineKind::Blank => {
                self.close_point();
                self.after_blank = true;
                return;
            }
            LineKind::Rule => absorb_to = Some(e),
            LineKind::MarkedHeading { start, end } => {
                heading = Some((start, end));
                absorb_to = Some(e); // the marks around the words
            }
            LineKind::Bullet { marker, start, .. } => content = Some((start, Some(marker), false)),
            LineKind::Text { .. } => {
                let open = self.point.is_open();
                let apart = self.after_blank || self.after_heading;
                // A new point may begin here: a heading may stand here.
                let may_start = apart
                    || !open
                    || matches!(
                        self.point.dash_meaning(self.src, None),
                        DashMeaning::Separator
                    );
                let text = &self.src[s..e];
                let colon = super::chars::ends_with_colon(text);
                let heading_line = Self::is_heading_line(text, rest, may_start, colon);
                // A heading line that ends in a colon is one heading
                // (`Key Facts: Harbour:`); otherwise a lead-in comes first,
                // so `Key Facts: The bridge reopened` before a bullet is
                // a heading and a point, not one long heading. A lead-in
                // stands only where a new point may begin, so a wrapped
                // sentence is never cut.
                let lead_in = if may_start && !(heading_line && colon) {
                    headings::lead_in(self.src, s, e)
                } else {
                    None
                };
                if let Some(lead) = lead_in {
                    heading = Some((lead.start, lead.end));
                    absorb_to = Some(lead.rest); // marks and the colon
                    content = Some((lead.rest, None, false));
                } else if heading_line {
                    heading = Some(headings::strip_marks_range(self.src, s, e));
                    absorb_to = Some(e);
                } else {
                    close = !open || self.after_blank;
                    content = Some((s, None, close));
                }
            }
        }
        if close {
            self.close_point();
        }
        if heading.is_some() {
            self.open_section(heading, s);
        }
        if let Some(to) = absorb_to {
            self.absorb(s, to);
        }
        // A heading with no content on its line introduces what follows.
        let heading_now = heading.is_some() && content.is_none();
        if let Some((from, marker, line_start)) = content {
            self.read_content(from, e, marker, line_start);
        }
        self.after_blank = false;
        self.after_heading = heading_now;
    }

    /// A text line with no separators is a heading when it is heading-like and
    /// introduces something: a bullet follows, it ends in a colon, or (Title
    /// Case only) it stands apart from the point before it and text follows.
    /// `may_start`: a new point may begin at the line; `colon`: it ends in one.
    fn is_heading_line(text: &str, rest: &[LineKind], may_start: bool, colon: bool) -> bool {
        if text.len() > headings::MAX_BYTES || points::contains_separator(text) {
            return false;
        }
        let likeness = headings::likeness(text);
        if likeness == Likeness::No {
            return false;
        }
        if colon {
            return true;
        }
        let next = rest.iter().find(|k| **k != LineKind::Blank);
        match next {
            Some(LineKind::Bullet { .. }) => true,
            Some(LineKind::Text { .. }) => likeness == Likeness::Strong && may_start,
            _ => false,
        }
    }

    /// Reads one line's content (or its rest, for the stream) into points
    /// and inline headings. Out of line: inlined into the one call in
    /// [`Self::line`], natively it cost 0.4% of a parse's instructions.
    #[inline(never)]
    fn read_content(&mut self, start: usize, end: usize, marker: Option<usize>, line_start: bool) {
        let mut tokens = points::Tokens::new(self.src, start, end);
        // The line goes on past what the stream has: no decision that looks
        // at the next character is final there.
        let line_finished = matches!(self.src.as_bytes().get(end), Some(b'\n' | b'\r'));
        // Until the first separator, new text opens a point that may be a
        // heading (rule 3) and starts at the bullet marker if there is one.
        let mut marker = marker;
        let mut first_piece = line_start;
        while let Some(token) = tokens.next(&mut self.diagnostics) {
            match token {
                Token::Text { start: s, .. } | Token::Cite { start: s } => {
                    if !self.point.is_open() {
                        // Text or a citation opens a point, in one place
                        // for both (two copies in wasm when each did).
                        let mut content_start = s;
                        if let Token::Text { end: e, .. } = token {
                            content_start = trim_range(self.src, s, e).0;
                            if content_start == e {
                                continue; // white space between separators
                            }
                        }
                        // The span starts at the bullet marker if one is
                        // still to be taken.
                        let start = marker.take().unwrap_or(content_start);
                        self.point.open(start, content_start, first_piece);
                    }
                    if let Token::Text { end: e, .. } = token {
                        self.point.push_text(self.src, s, e, tokens.marked(s, e));
                    } else if let Some(group) = tokens.take_group() {
                        self.point.push_cite(group);
                    }
                }
                Token::Dash { start: s, end: e } => {
                    let meaning = if self.point.is_open() {
                        self.point.dash_meaning(self.src, tokens.next_char(e))
                    } else {
                        DashMeaning::Separator
                    };
                    let heading = match meaning {
                        DashMeaning::Text => {
                            self.point.push_text(self.src, s, e, false);
                            first_piece = false;
                            continue;
                        }
                        DashMeaning::Separator => None,
                        DashMeaning::Heading {
                            marks_start,
                            start: hs,
                            end: he,
                        } => {
                            // (Only an open point's dash can be a heading's.)
                            self.point.truncate(self.src, marks_start);
                            let heading_start = if self.point.is_empty() {
                                self.point.start.min(marks_start)
                            } else {
                                marks_start
                            };
                            Some((heading_start, hs, he))
                        }
                    };
                    // An empty point (a heading was all of it) makes none,
                    // and closing it keeps its buffer.
                    self.close_point();
                    if let Some((heading_start, hs, he)) = heading {
                        self.open_section(Some((hs, he)), heading_start);
                    }
                    // A marker with no text before this separator: `- - -`.
                    // (A heading is read from an open point, which took the
                    // marker: none is left then.)
                    let from = marker.take().unwrap_or(s);
                    self.absorb(from, e);
                    if self.records() && (line_finished || tokens.next_char(e).is_some()) {
                        self.record(e, true);
                    }
                    first_piece = false;
                }
            }
        }
        if let Some(m) = marker {
            // A bullet with nothing after it; `end` is past the marker.
            self.absorb(m, end);
        }
    }

    fn close_point(&mut self) {
        if !self.point.is_open() {
            return;
        }
        // A point with no items (a heading was all of it) makes none.
        if !self.point.is_empty() {
            if self.sections.is_empty() {
                self.open_section(None, self.point.start);
            }
            if let Some(section) = self.sections.last_mut() {
                let end =
                    self.point
                        .build_into(self.src, &mut self.diagnostics, &mut section.points);
                extend(section, end);
            }
        }
        self.point.close();
    }

    fn open_section(&mut self, heading: Option<(usize, usize)>, start: usize) {
        let start = match self.loose.take() {
            Some((loose, _)) => loose.min(start),
            None => start,
        };
        let end = heading.map_or(start, |(_, e)| e);
        let section = new_section(self.src, heading, start, end);
        self.sections.push(section);
    }

    /// Separators and markers: part of the current section, or of the next
    /// one when none is open yet.
    fn absorb(&mut self, start: usize, end: usize) {
        // Only spans and a diagnostic cover them.
        if crate::model::MARKUP_ONLY {
            return;
        }
        match self.sections.last_mut() {
            Some(section) => extend(section, end),
            None => {
                let (s, e) = self.loose.unwrap_or((start, end));
                self.loose = Some((s.min(start), e.max(end)));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{bullet, is_bold_line};

    /// Each section as `heading: point | point`.
    fn sections(input: &str) -> Vec<String> {
        super::super::parse(input)
            .sections
            .iter()
            .map(|s| {
                let points: Vec<&str> = s.points.iter().map(|p| p.text.as_str()).collect();
                let heading = s.heading.as_ref().map_or("", |h| h.text.as_str());
                format!("{heading}: {}", points.join(" | "))
            })
            .collect()
    }

    #[test]
    fn every_dash_bullet_needs_a_space_after_it() {
        for (line, len) in [
            ("- a", 2),
            ("– a", 4),
            ("— a", 4),
            ("—— 港口", 7),
            ("－ 港口", 4),
            ("——", 6),
        ] {
            assert_eq!(bullet(line), Some(len), "{line}");
        }
        for line in ["——港口", "—港口", "－港口", "——— a", "-a"] {
            assert_eq!(bullet(line), None, "{line}");
        }
    }

    #[test]
    fn en_and_em_dashes_separate_points_like_hyphens() {
        let want = [
            "Key Facts: The reservoir rose | Towns prepared",
            "Next Steps: Crews will inspect the dam",
        ];
        for dash in ["-", "–", "—"] {
            let input = format!(
                "Key Facts {dash} The reservoir rose [1] {dash} Towns prepared [2] Next Steps {dash} Crews will inspect the dam [3]"
            );
            assert_eq!(sections(&input), want, "{input}");
        }
        assert_eq!(
            sections("Key Facts\n— The reservoir rose [1]\n– Towns prepared [2]"),
            ["Key Facts: The reservoir rose | Towns prepared"]
        );
    }

    #[test]
    fn dashes_inside_sentences_stay_text() {
        assert_eq!(
            sections(
                "The port authority – which handles a fifth of the traffic – reported losses [1]"
            ),
            [": The port authority – which handles a fifth of the traffic – reported losses"]
        );
        assert_eq!(
            sections("港口——全省最大的港口——恢复作业【1】 —— 航运公司预计周五前恢复【2】"),
            [": 港口——全省最大的港口——恢复作业 —— 航运公司预计周五前恢复"]
        );
        assert_eq!(
            sections("—— 港口恢复作业【1】\n—— 航运公司预计周五前恢复【2】"),
            [": 港口恢复作业 | 航运公司预计周五前恢复"]
        );
    }

    #[test]
    fn bold_headings_lose_their_marks_inline_and_on_their_own_line() {
        let want = [
            "Key Facts: The reservoir rose | Towns prepared",
            "Next Steps: Crews will inspect the dam",
        ];
        for input in [
            "**Key Facts** - The reservoir rose [1] - Towns prepared [2] **Next Steps** - Crews will inspect the dam [3]",
            "__Key Facts__ – The reservoir rose [1] – Towns prepared [2] __Next Steps:__ – Crews will inspect the dam [3]",
            "**Key Facts:**\n- The reservoir rose [1]\n- Towns prepared [2]\n### **Next Steps**\n- Crews will inspect the dam [3]",
            "**Key Facts**:\n- The reservoir rose [1]\n- Towns prepared [2]\n__Next Steps__\n- Crews will inspect the dam [3]",
        ] {
            assert_eq!(sections(input), want, "{input}");
        }
    }

    #[test]
    fn lead_in_headings_open_sections() {
        assert_eq!(
            sections("Key Facts: The bridge reopened [1]; tolls stay the same [2]\nOutlook: Traffic will return by May [3]"),
            ["Key Facts: The bridge reopened; tolls stay the same", "Outlook: Traffic will return by May"]
        );
        assert_eq!(
            sections("**Key Facts:** The bridge reopened [1] - Tolls stay the same [2]"),
            ["Key Facts: The bridge reopened | Tolls stay the same"]
        );
        assert_eq!(
            sections("核心观点：港口恢复作业【1】\n后续安排：码头下周检修【2】"),
            ["核心观点: 港口恢复作业", "后续安排: 码头下周检修"]
        );
    }

    #[test]
    fn a_colon_in_a_sentence_or_a_wrapped_line_is_no_lead_in() {
        assert_eq!(
            sections("The minister said: the port stays open [1]\nRevenue: up 12% at 10:30 [2]"),
            [": The minister said: the port stays open Revenue: up 12% at 10:30"]
        );
        // The first line does not end in a citation: the second continues it.
        assert_eq!(
            sections("Key Facts\n- The bridge reopened after\nOutlook: Traffic returned [1]"),
            ["Key Facts: The bridge reopened after Outlook: Traffic returned"]
        );
        // In a bullet, a label and a colon are part of the point.
        assert_eq!(
            sections("Key Facts\n- Revenue: Up 12% [1]"),
            ["Key Facts: Revenue: Up 12%"]
        );
    }

    #[test]
    fn bold_lines_need_marks_on_both_sides_of_the_words() {
        assert!(is_bold_line("**Key Facts**"));
        assert!(is_bold_line("__Key Facts__："));
        assert!(is_bold_line("**Key Facts**:"));
        assert!(!is_bold_line("**A** and **B**"));
        // The closing mark must not be the opening one read twice.
        assert!(!is_bold_line("**："));
        assert!(!is_bold_line("**:"));
        assert!(!is_bold_line("****"));
    }
}
