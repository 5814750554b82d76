//! Digest text to [`Digest`].
//!
//! A digest is read in two passes over its lines. The first decides what
//! each line is for, working from the end, because that is where the fixed
//! parts sit: the source line last, the title line before it, and a
//! references block (a heading and entries, or footnote definitions such
//! as `[^1]: …` with no heading) either before them or after. What is left
//! is the body, which [`blocks`] reads into sections and [`points`].
//!
//! ```text
//! Key Facts - The harbour reopened [1][2] - … Local Impact - …   ← body
//! World Desk|Harbour reopens as storm damage is cleared          ← title
//! Coastline Courier·2025-06-09 08:30                             ← source
//! ```
//!
//! Lines after the body that are none of these become notes
//! ([`Digest::notes`](crate::model::Digest::notes)): shown after the points
//! as written, each with an `unplaced-text` diagnostic, and never glued onto
//! the last point. The rule (see `MetaContext::take`): the source line is
//! looked for among the last six plain lines (no bullet, heading or
//! citation) before the end, the references block or its heading, and the
//! title just before it (with no source line, at the end or the start of
//! those lines); any line after the title or the source line that is
//! neither is a note (`Photo: …` after the source line, a byline between a
//! `Column|Headline` title and the source line). In
//! a references block, a line after a blank line with no id marker is a note
//! too. Limits: a line before the title is the body's (an uncited last point
//! is a point), and so is everything when no title or source line is found
//! (a source line followed by more than five lines, or a last line that is
//! neither and follows a title without a column and no source line).
//!
//! The parser is total (any string gives a digest) and linear: every scan
//! moves forward, and every look-back is bounded by a constant.
//!
//! Every non-white-space character of the input lies inside the span of some
//! node or diagnostic, so nothing the user wrote disappears without a trace.

mod blocks;
mod chars;
mod citations;
mod headings;
mod inlines;
mod letters;
mod offsets;
mod partial;
mod points;
mod references;
mod scan;
mod source;
mod text;
mod title;
mod url;

use crate::model::{
    Citation, Diagnostic, DiagnosticCode, Digest, Heading, Inline, Note, PointRef, Reference,
    ReferenceInput, Section, Severity, Source, Span, Title,
};
use blocks::{Line, LineKind};
pub(crate) use chars::{is_ascii, strip_prefix_any};
pub(crate) use letters::is_letter;
use points::{byte_span, report};
pub(crate) use scan::{find_str, utf16_len};
pub(crate) use text::{first_occurrences, trim, trim_end, trim_start};
pub use url::safe_url;

/// For the HTML writer: where the next character needing an entity is.
pub(crate) fn next_html_special(bytes: &[u8], from: usize) -> usize {
    scan::html_special(bytes, from)
}

/// For the HTML writer: the date of a source line as written (after the
/// separator), when the line reads as a source line.
pub(crate) fn source_date(raw: &str) -> Option<&str> {
    source::parse(raw).map(|parsed| &raw[parsed.date_start..])
}

pub use blocks::{Checkpoint, Progress, Resume};

/// For the stream ([`crate::stream`]): reads the body of `text`, which is
/// still being written, on from `resume` (a default one at the start), as
/// far as it can be read without guessing (see [`partial`]). The title, the
/// source line and the references are left for the whole-text parse at
/// the end.
pub fn read_unfinished(text: &str, resume: &Resume) -> Progress {
    let end = partial::readable_end(text, resume.at);
    blocks::Body::read_from(text, resume, end)
}

/// Parses digest text. Never fails: malformed input gives a best-effort
/// model and [`Digest::diagnostics`] says what was guessed.
pub fn parse(input: &str) -> Digest {
    let mut non_ascii = usize::MAX;
    let lines = blocks::split_lines(input, &mut non_ascii);
    // Pushed in a loop: a mapped collect is a from_iter instance.
    let mut kinds: Vec<LineKind> = Vec::with_capacity(lines.len());
    for &line in &lines {
        kinds.push(blocks::classify(input, line));
    }
    let mut layout = Layout::find(input, &lines, &kinds);
    let (sections, mut diagnostics) =
        blocks::Body::new(input).read(&lines[layout.body.clone()], &kinds[layout.body.clone()]);

    let title = layout.title.map(|i| {
        let (s, e) = lines[i].trimmed(input);
        let (column, headline) = title::parse(&input[s..e]);
        Title {
            // Trimmed, so empty exactly when folded to nothing.
            column: (!column.is_empty()).then(|| text::folded(column)),
            headline: text::folded(headline),
            span: byte_span(s, e),
        }
    });

    let source = layout
        .source
        .zip(layout.parsed_source.take())
        .map(|(i, parsed)| {
            let (s, e) = lines[i].trimmed(input);
            let raw = &input[s..e];
            let published = match parsed.published {
                Ok(stamp) => Some(stamp.iso()),
                Err(()) => {
                    report(
                        &mut diagnostics,
                        Severity::Warning,
                        DiagnosticCode::InvalidDate,
                        "the source line's date or time could not be read as a real one; \
                         it is shown as written, without `published`",
                        s,
                        e,
                    );
                    None
                }
            };
            Source {
                publisher: text::folded(parsed.publisher),
                published,
                raw: raw.to_string(),
                span: byte_span(s, e),
            }
        });

    let references_heading = layout.heading.map(|heading| {
        let (s, e) = lines[heading].trimmed(input);
        Heading {
            text: text::folded(headings::strip_marks(&input[s..e])),
            span: byte_span(s, e),
        }
    });
    let citations = index_citations(&sections);
    // A markup-only build converts no offsets (see `MARKUP_ONLY`): the
    // whole text counts as ASCII there, which needs no table.
    let ascii = if crate::model::MARKUP_ONLY {
        input.len()
    } else {
        non_ascii.min(input.len())
    };
    let index = offsets::Utf16Index::new(input, ascii);
    let mut digest = Digest {
        title,
        source,
        sections,
        notes: Vec::new(),
        references_heading,
        references: Vec::new(),
        citations,
        diagnostics,
    };
    read_rest(input, &lines, &kinds, &layout, &mut digest);
    // The rest is spans and diagnostics, which a markup-only build leaves
    // out.
    if crate::model::MARKUP_ONLY {
        return digest;
    }
    for_each_span(&mut digest, |span| {
        let (s, e) = (span.byte_start as usize, span.byte_end as usize);
        // Most spans lie in the ASCII prefix, where offsets are the same:
        // decided here, without two calls.
        if s.max(e) <= index.ascii_prefix() {
            (span.start, span.end) = (s as u32, e as u32);
            return;
        }
        span.start = index.utf16(s.min(input.len()));
        span.end = index.utf16(e.min(input.len()));
    });
    if !layout.entries.is_empty() {
        check_references(&mut digest, true);
    }
    // Once, with the reference diagnostics in.
    sort_diagnostics(&mut digest.diagnostics);
    digest
}

/// Longest title or source line, in bytes.
pub(crate) const MAX_META_LINE: usize = 2000;

/// How many plain lines closing the text (or the part before or after a
/// references block) are looked at for the source line, or with none for
/// the title: a source line followed by more lines than this less one is
/// not found.
pub(crate) const TAIL_LINES: usize = 6;

/// Which lines are what. The lines from the body's end on are the title,
/// the source line, the references heading, entries, or notes.
struct Layout<'a> {
    body: std::ops::Range<usize>,
    title: Option<usize>,
    source: Option<usize>,
    /// The source line as read when it was found.
    parsed_source: Option<source::ParsedSource<'a>>,
    heading: Option<usize>,
    /// The references block's entry lines: empty when there is no block
    /// (a block has at least one entry).
    entries: std::ops::Range<usize>,
}

struct Meta<'a> {
    title: Option<usize>,
    source: Option<usize>,
    parsed_source: Option<source::ParsedSource<'a>>,
    /// First line taken by the title or source, or the range's end.
    start: usize,
}

impl<'a> Layout<'a> {
    fn find(src: &'a str, lines: &'a [Line], kinds: &'a [LineKind]) -> Self {
        let n = lines.len();
        let mut meta_ctx = MetaContext {
            src,
            lines,
            kinds,
            first_content: None,
        };
        // One walk over the lines for the first content line, the last
        // references heading whose next content line is an entry, and the
        // first of the footnote definitions closing the text (the first
        // after which every line is another one, a continuation, or a
        // plain line: title, source, note; a point after a definition
        // means it was not at the end). A walk for each was code of its own.
        let mut heading = None;
        let mut definitions = None;
        // The content line before, when it is a references heading.
        let mut after_heading = None;
        for (i, &kind) in kinds.iter().enumerate() {
            if kind == LineKind::Blank {
                continue;
            }
            meta_ctx.first_content.get_or_insert(i);
            let text = meta_ctx.text(i);
            if after_heading.is_some() && references::entry_marker(text).is_some() {
                heading = after_heading;
            }
            after_heading = references::is_heading(text).then_some(i);
            if references::is_definition(text) {
                definitions.get_or_insert(i);
            } else if definitions.is_some() && !meta_ctx.is_plain_line(i, false) {
                definitions = None;
            }
        }
        let first_content = meta_ctx.first_content;

        // The block: a heading and the entries after it, or else footnote
        // definitions closing the text.
        let block = match heading {
            Some(h) => Some((Some(h), h + 1)),
            None => definitions.map(|d| (None, d)),
        };
        let (meta, body_end, entries) = match block {
            Some((heading, first_entry)) => {
                let block_start = heading.unwrap_or(first_entry);
                // Title and source after the references, or else before them.
                let after = meta_ctx.take(first_entry, n, true);
                if after.title.is_some() || after.source.is_some() {
                    let start = after.start;
                    (after, block_start, first_entry..start)
                } else {
                    let before = meta_ctx.take(0, block_start, false);
                    let start = before.start;
                    (before, start, first_entry..n)
                }
            }
            None => {
                let meta = meta_ctx.take(0, n, false);
                let start = meta.start;
                (meta, start, n..n)
            }
        };
        let mut layout = Layout {
            body: 0..body_end,
            title: meta.title,
            source: meta.source,
            parsed_source: meta.parsed_source,
            heading: block.and_then(|(heading, _)| heading),
            entries,
        };

        // A `# Headline` opening the text is the title when none closes it.
        if layout.title.is_none() {
            if let Some(first) = first_content.filter(|&i| i < body_end) {
                if title::is_hash_title(meta_ctx.text(first)) {
                    layout.title = Some(first);
                    layout.body = first + 1..body_end;
                }
            }
        }
        layout
    }
}

struct MetaContext<'a> {
    src: &'a str,
    lines: &'a [Line],
    kinds: &'a [LineKind],
    first_content: Option<usize>,
}

impl<'a> MetaContext<'a> {
    fn text(&self, i: usize) -> &'a str {
        // A text line's kind holds its trimmed range already.
        let (s, e) = match self.kinds[i] {
            LineKind::Text { start, end } => (start, end),
            _ => self.lines[i].trimmed(self.src),
        };
        &self.src[s..e]
    }

    fn prev_content(&self, lo: usize, before: usize) -> Option<usize> {
        (lo..before)
            .rev()
            .find(|&i| self.kinds[i] != LineKind::Blank)
    }

    /// Finds the source line and the title line closing `lo..hi`.
    ///
    /// They are looked for in the tail: the last plain lines of the range
    /// (no bullet, heading or citation), at most [`TAIL_LINES`]. The source
    /// line is the last tail line that reads as one; the title is the plain
    /// line before it, or the one before that when it has a column and the
    /// nearer one has none. With no source line the title is the last line
    /// (see [`Self::is_title`]), or else the first tail line right after
    /// the body when it has a column or is a `# Headline`. Every line after
    /// the first of them that is neither is a note (see [`read_rest`]);
    /// lines before them are the body's (an uncited last point is still a
    /// point).
    fn take(&self, lo: usize, hi: usize, after_references: bool) -> Meta<'a> {
        let mut meta = Meta {
            title: None,
            source: None,
            parsed_source: None,
            start: hi,
        };
        // The plain lines closing the range, last first: the tail, and two
        // more for the title (and a note) before a source line at its start.
        // (Read on past the tail here rather than asked for later, which
        // was code of its own.)
        let mut plain = [0usize; TAIL_LINES + 2];
        let mut count = 0;
        let mut before = hi;
        while count < plain.len() {
            let Some(i) = self.prev_content(lo, before) else {
                break;
            };
            if !self.is_plain_line(i, after_references) {
                break;
            }
            plain[count] = i;
            count += 1;
            before = i;
        }
        // Whether the tail runs back to the body (or the range's start),
        // rather than stopping at the cap.
        let reaches_body = count <= TAIL_LINES;
        let plain = &plain[..count];
        let tail = &plain[..count.min(TAIL_LINES)];
        // Tail lines are plain, and so is every line `is_title` is asked
        // about below.
        for (k, &source) in tail.iter().enumerate() {
            let Some(parsed) = source::parse(self.text(source)) else {
                continue;
            };
            meta.source = Some(source);
            meta.parsed_source = Some(parsed);
            meta.start = source;
            let near = plain.get(k + 1).copied();
            let far = plain.get(k + 2).copied();
            match (near, far) {
                (Some(near), Some(far))
                    if !self.is_headline_line(near)
                        && title::has_column(self.text(far))
                        && self.is_title(far, true) =>
                {
                    // `near` is a note.
                    meta.title = Some(far);
                    meta.start = far;
                }
                (Some(near), _) if self.is_title(near, true) => {
                    meta.title = Some(near);
                    meta.start = near;
                }
                _ => {}
            }
            return meta;
        }
        let title_at = if tail.first().is_some_and(|&last| self.is_title(last, false)) {
            Some(0)
        } else {
            // The first tail line, right after the body.
            let first = tail.len().checked_sub(1).filter(|&f| f > 0 && reaches_body);
            first.filter(|&f| {
                let i = tail[f];
                self.first_content != Some(i) && self.is_headline_line(i)
            })
        };
        if let Some(t) = title_at {
            meta.title = Some(tail[t]);
            meta.start = tail[t];
        }
        meta
    }

    /// A line that could be a title or source line: no bullet, no
    /// citation, and short (a headline is one sentence; checking a
    /// megabyte-long line for citations would cost more than parsing it).
    fn is_plain_line(&self, i: usize, after_references: bool) -> bool {
        let text = self.text(i);
        if text.len() > MAX_META_LINE {
            return false;
        }
        let plain_kind = match self.kinds[i] {
            LineKind::Text { .. } => true,
            LineKind::MarkedHeading { .. } => title::is_hash_title(text),
            _ => false,
        };
        let is_entry = after_references && references::entry_marker(text).is_some();
        plain_kind && !is_entry && !references::is_heading(text) && !citations::contains_group(text)
    }

    /// `Column|Headline` or `# Headline`: a title wherever it stands.
    fn is_headline_line(&self, i: usize) -> bool {
        let text = self.text(i);
        title::has_column(text) || title::is_hash_title(text)
    }

    /// Whether plain line `i` (see [`Self::is_plain_line`]) is the title.
    fn is_title(&self, i: usize, has_source: bool) -> bool {
        let text = self.text(i);
        let is_first = self.first_content == Some(i);
        // A one-line digest with no citations is still a body, not a title.
        // (Whether the line looks like one is asked only where it matters:
        // the answer reads the whole line.)
        if has_source {
            return !(is_first && points::contains_separator(text));
        }
        if is_first {
            return false;
        }
        if self.is_headline_line(i) {
            return true;
        }
        // A line after a body that ended with a citation: a heading there
        // would have no points, so it is the headline.
        !points::contains_separator(text)
            && self
                .prev_content(0, i)
                .is_some_and(|p| citations::ends_with_group(self.text(p)))
    }
}

/// Reads the lines from the body's end on into the digest: the entries of
/// the references block, and as notes every line that is none of title,
/// source line, references heading or entry. In the block, a line with no
/// marker continues the entry above it, but after a blank line it belongs
/// to nothing. (One walk for entries and notes: a list of note lines from
/// each part of the layout was code of its own for each.)
fn read_rest(src: &str, lines: &[Line], kinds: &[LineKind], layout: &Layout, digest: &mut Digest) {
    // (id, span start, body start, span end)
    let mut open: Option<(u32, usize, usize, usize)> = None;
    for i in layout.body.end..lines.len() {
        let in_block = layout.entries.contains(&i);
        let blank = kinds[i] == LineKind::Blank;
        if blank || !in_block {
            push_entry(src, open.take(), &mut digest.references);
        }
        // Title, source line and heading are taken already (and not
        // trimmed again). Three comparisons: `contains` on an array of
        // them was a slice search of its own.
        let taken =
            layout.title == Some(i) || layout.source == Some(i) || layout.heading == Some(i);
        if blank || !in_block && taken {
            continue;
        }
        let (s, e) = lines[i].trimmed(src);
        if in_block {
            if let Some((id, body)) = references::entry_marker(&src[s..e]) {
                push_entry(src, open.take(), &mut digest.references);
                open = Some((id, s, s + body, e));
                continue;
            }
            if let Some(entry) = &mut open {
                entry.3 = e; // a continuation line
                continue;
            }
        }
        digest.notes.push(Note {
            text: text::folded(&src[s..e]),
            span: byte_span(s, e),
        });
        report(
            &mut digest.diagnostics,
            Severity::Warning,
            DiagnosticCode::UnplacedText,
            "this line is not a point, a reference, the title or the source line; \
             it is shown as a note after the points",
            s,
            e,
        );
    }
    push_entry(src, open, &mut digest.references);
}

/// The entry `open` (see [`read_rest`]), if any, read and pushed.
fn push_entry(src: &str, open: Option<(u32, usize, usize, usize)>, out: &mut Vec<Reference>) {
    if let Some((id, start, body_start, end)) = open {
        let entry = references::entry(&src[body_start..end]);
        out.push(Reference {
            id,
            title: None,
            text: entry.text,
            url: entry.url,
            span: byte_span(start, end),
        });
    }
}

/// For every cited id, ascending, the points that cite it in document order.
/// A point's ids are its `citations`, or, in a model built by hand without
/// them, the ids of its citation groups; a point is listed once per id.
pub fn index_citations(sections: &[Section]) -> Vec<Citation> {
    // (id, position in `at`) packed in a u64, sorted: positions are pushed
    // in ascending order, so this is the order by id keeping positions in
    // order, and the u64 sort is the one the parser carries.
    // Sized up front: growing them cost more than filling them.
    let (mut cited, mut points) = (0, 0);
    for section in sections {
        points += section.points.len();
        for point in &section.points {
            cited += point.citations.len();
        }
    }
    let mut pairs: Vec<u64> = Vec::with_capacity(cited);
    let mut at: Vec<PointRef> = Vec::with_capacity(points);
    for (si, section) in sections.iter().enumerate() {
        for (pi, point) in section.points.iter().enumerate() {
            let n = at.len() as u32;
            at.push(PointRef {
                section: si as u32,
                point: pi as u32,
            });
            if point.citations.is_empty() {
                cite_pairs(&point.inlines, n, &mut pairs);
            } else {
                push_pairs(&point.citations, n, &mut pairs);
            }
        }
    }
    pairs.sort_unstable();
    // One run of pairs per id: each list is allocated once, at its run's
    // length (growing them one push at a time cost more than filling them).
    // There are at most as many runs as pairs: sized to those, without a
    // pass to count the runs first, but to no more than a digest's usual
    // ids (so that a text citing one id a million times does not reserve
    // a million citations; past that the vector grows as it must).
    let mut citations: Vec<Citation> = Vec::with_capacity(pairs.len().min(256));
    let mut i = 0;
    while i < pairs.len() {
        let id = pairs[i] >> 32;
        let mut end = i + 1;
        while end < pairs.len() && pairs[end] >> 32 == id {
            end += 1;
        }
        let mut points = Vec::with_capacity(end - i);
        for k in i..end {
            // The same point citing an id twice (equal pairs, next to each
            // other once sorted): once is enough.
            if k == i || pairs[k] != pairs[k - 1] {
                points.push(at[pairs[k] as u32 as usize]);
            }
        }
        citations.push(Citation {
            id: id as u32,
            points,
        });
        i = end;
    }
    citations
}

/// (id, `n`) for every id of every citation group in `inlines`, nested ones
/// too: a walk of its own, not a closure through [`for_each_cite`] (see
/// there why).
fn cite_pairs(inlines: &[Inline], n: u32, pairs: &mut Vec<u64>) {
    for inline in inlines {
        match inline {
            Inline::Cite { ids, .. } => push_pairs(ids, n, pairs),
            other => cite_pairs(other.children(), n, pairs),
        }
    }
}

/// (id, `n`) for each of `ids`: pushes, not `extend` with a map.
fn push_pairs(ids: &[u32], n: u32, pairs: &mut Vec<u64>) {
    for &id in ids {
        pairs.push(pack(id, n));
    }
}

/// The references' ids, in order. One plain loop for the parser's and the
/// renderer's lists: a `map(..).collect()` was a `from_iter` instance.
pub(crate) fn reference_ids(references: &[Reference]) -> Vec<u32> {
    let mut ids = Vec::with_capacity(references.len());
    for r in references {
        ids.push(r.id);
    }
    ids
}

/// `high` and `low` as one sort key.
pub(crate) fn pack(high: u32, low: u32) -> u64 {
    (high as u64) << 32 | low as u64
}

/// Parses `input`, then lays `references` (from the caller, not the text)
/// over the text's own references block: see [`apply_references`].
pub fn parse_with_references(input: &str, references: &[ReferenceInput]) -> Digest {
    let mut digest = parse(input);
    apply_references(&mut digest, references);
    digest
}

/// Lays references given by the caller over the digest's own: an entry
/// with an id the text already has replaces the fields it gives (title,
/// text, url); a new id is added. The reference diagnostics are then worked
/// out again against the merged list, since a given reference may fill a
/// gap the text left. Added entries have an empty span at 0: they are not
/// in the input.
pub fn apply_references(digest: &mut Digest, references: &[ReferenceInput]) {
    if references.is_empty() {
        return;
    }
    for input in references {
        // The crate's trim: `str::trim` was a white-space searcher of its own.
        let non_empty = |s: &Option<String>| {
            s.as_deref()
                .map(text::trim)
                .filter(|t| !t.is_empty())
                .map(String::from)
        };
        // A new id gets an empty entry, then filled as an existing one is:
        // one path, where two were each their own code.
        let at = match digest.references.iter().position(|r| r.id == input.id) {
            Some(at) => at,
            None => {
                digest.references.push(Reference {
                    id: input.id,
                    title: None,
                    text: String::new(),
                    url: None,
                    span: Span::default(),
                });
                digest.references.len() - 1
            }
        };
        let entry = &mut digest.references[at];
        if let Some(title) = non_empty(&input.title) {
            entry.title = Some(title);
        }
        if let Some(text) = non_empty(&input.text) {
            entry.text = text;
        }
        if let Some(url) = non_empty(&input.url) {
            entry.url = Some(url);
        }
    }
    // The rest redoes the reference diagnostics, which a markup-only build
    // leaves out.
    if crate::model::MARKUP_ONLY {
        return;
    }
    // The others kept in order by swapping them forward: a `retain`
    // instance cost the module about 90 bytes more.
    let diagnostics = &mut digest.diagnostics;
    let mut kept = 0;
    for i in 0..diagnostics.len() {
        if !matches!(
            diagnostics[i].code,
            DiagnosticCode::MissingReference | DiagnosticCode::UnusedReference
        ) {
            diagnostics.swap(kept, i);
            kept += 1;
        }
    }
    diagnostics.truncate(kept);
    check_references(digest, false);
    // Sorted only when something was added: a model given by the caller
    // keeps its own order otherwise.
    if digest.diagnostics.len() > kept {
        sort_diagnostics(&mut digest.diagnostics);
    }
}

/// Reports cited ids with no reference and references nobody cites, and
/// with `duplicates` (the text's own references, read by the parser) ids
/// listed twice: one look at the ids for both. Only meaningful when there
/// are references at all: a digest without any cites "Source N" for each
/// and that is fine. Appended unsorted: the callers sort.
fn check_references(digest: &mut Digest, duplicates: bool) {
    // One list of ids: which come first in the references' order, then
    // sorted, which are known.
    // The fields apart: the diagnostics are pushed to as the others are read.
    let Digest {
        sections,
        references,
        citations,
        diagnostics,
        ..
    } = digest;
    let mut known = reference_ids(references);
    let first = text::first_occurrences(&known);
    known.sort_unstable();
    for citation in &*citations {
        if known.binary_search(&citation.id).is_ok() {
            continue;
        }
        // Point at the first group that cites it.
        let Some(point) = citation.points.first().and_then(|&at| {
            sections
                .get(at.section as usize)?
                .points
                .get(at.point as usize)
        }) else {
            continue;
        };
        let mut span = point.span;
        first_cite(&point.inlines, citation.id, &mut span);
        diagnostics.push(Diagnostic {
            severity: Severity::Warning,
            code: DiagnosticCode::MissingReference,
            message: id_message(
                "[",
                citation.id,
                "] is cited but the references list has no entry for it",
            ),
            span,
        });
    }
    // `citations` is sorted by id.
    for (reference, &first) in references.iter().zip(&first) {
        let (severity, code, after) = if !first {
            if !duplicates {
                continue;
            }
            (
                Severity::Warning,
                DiagnosticCode::DuplicateReference,
                "] is listed twice; the first entry is used",
            )
        } else if citations
            .binary_search_by_key(&reference.id, |c| c.id)
            .is_err()
        {
            (
                Severity::Info,
                DiagnosticCode::UnusedReference,
                "] is never cited",
            )
        } else {
            continue;
        };
        diagnostics.push(Diagnostic {
            severity,
            code,
            message: id_message("reference [", reference.id, after),
            span: reference.span,
        });
    }
}

/// Into document order (stable). By byte offsets, which order spans as
/// their UTF-16 offsets do, and are set before the UTF-16 ones are.
///
/// Two passes of the parser's one u64 sort instead of a stable sort of
/// diagnostics (whose merge sort cost the module about 0.5 KB more): by
/// (end, position), then by (start, position in that order), which is the
/// order by (start, end, position). Each pass moves the diagnostics, so
/// the second needs no table of where the first put them.
fn sort_diagnostics(diagnostics: &mut [Diagnostic]) {
    let mut keys: Vec<u64> = Vec::with_capacity(diagnostics.len());
    for (i, d) in (0..).zip(&*diagnostics) {
        keys.push(pack(d.span.byte_end, i));
    }
    sort_by_keys(diagnostics, &mut keys);
    for (i, d) in (0..).zip(&*diagnostics) {
        keys[i as usize] = pack(d.span.byte_start, i);
    }
    sort_by_keys(diagnostics, &mut keys);
}

/// Sorts `keys` (each a sort key over the position of its diagnostic),
/// then moves each diagnostic to its key's place, along the permutation's
/// cycles (a place done is marked `u64::MAX`, which no key is: positions
/// fit in fewer bits).
fn sort_by_keys(diagnostics: &mut [Diagnostic], keys: &mut [u64]) {
    keys.sort_unstable();
    for start in 0..keys.len() {
        let mut at = start;
        loop {
            let key = std::mem::replace(&mut keys[at], u64::MAX);
            let next = key as u32 as usize;
            if key == u64::MAX || next == start {
                break;
            }
            diagnostics.swap(at, next);
            at = next;
        }
    }
}

fn id_message(before: &str, id: u32, after: &str) -> String {
    // Pushed piece by piece: a `concat` was the module's only
    // `join_generic_copy`, with its checked length sums.
    let mut message = String::from(before);
    crate::decimal::push_decimal(&mut message, u64::from(id));
    message.push_str(after);
    message
}

/// Calls `f` on every span in the digest.
pub(crate) fn for_each_span(digest: &mut Digest, mut f: impl FnMut(&mut Span)) {
    if let Some(t) = &mut digest.title {
        f(&mut t.span);
    }
    if let Some(s) = &mut digest.source {
        f(&mut s.span);
    }
    for section in &mut digest.sections {
        f(&mut section.span);
        if let Some(h) = &mut section.heading {
            f(&mut h.span);
        }
        for point in &mut section.points {
            f(&mut point.span);
            inline_spans(&mut point.inlines, &mut f);
        }
    }
    for note in &mut digest.notes {
        f(&mut note.span);
    }
    if let Some(h) = &mut digest.references_heading {
        f(&mut h.span);
    }
    for r in &mut digest.references {
        f(&mut r.span);
    }
    for d in &mut digest.diagnostics {
        f(&mut d.span);
    }
}

/// Calls `f` on the span of every inline in `inlines`, nested ones too.
/// Recursive: inlines nest at most three deep whatever the input (see
/// [`Inline`]), so the depth is that constant.
fn inline_spans(inlines: &mut [Inline], f: &mut impl FnMut(&mut Span)) {
    for inline in inlines {
        match inline {
            Inline::Text { span, .. } | Inline::Cite { span, .. } | Inline::Code { span, .. } => {
                f(span)
            }
            Inline::Strong { children, span }
            | Inline::Emphasis { children, span }
            | Inline::Link { children, span, .. } => {
                f(span);
                inline_spans(children, f);
            }
        }
    }
}

/// Calls `f` with the ids and span of every citation group in `inlines`, in
/// order, nested ones too (inside strong and emphasis). Recursive, to the
/// constant depth inlines nest to (see [`Inline`]). For the HTML writer:
/// the parser's own walks are [`cite_pairs`] and [`first_cite`], since
/// its closures called through `dyn` here kept indirect calls in the
/// module, and with them every table entry of their type.
pub(crate) fn for_each_cite(inlines: &[Inline], f: &mut dyn FnMut(&[u32], Span)) {
    for inline in inlines {
        match inline {
            Inline::Cite { ids, span } => f(ids, *span),
            other => for_each_cite(other.children(), f),
        }
    }
}

/// Sets `found` to the span of the first citation group in `inlines`
/// citing `id`, nested ones too, and says whether there was one: a walk of its own, not a closure through [`for_each_cite`]
/// (see there why).
fn first_cite(inlines: &[Inline], id: u32, found: &mut Span) -> bool {
    for inline in inlines {
        let done = match inline {
            Inline::Cite { ids, span } if ids.contains(&id) => {
                *found = *span;
                true
            }
            other => first_cite(other.children(), id, found),
        };
        if done {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::parse;

    fn point_texts(d: &crate::Digest) -> Vec<&str> {
        d.sections
            .iter()
            .flat_map(|s| &s.points)
            .map(|p| p.text.as_str())
            .collect()
    }

    #[test]
    fn footnote_definitions_closing_the_text_are_its_references() {
        let d = parse(
            "Key Facts - The harbour reopened [1][2] - Delays should clear by Friday [3]\n\
             World Desk|Harbour reopens\n\
             Coastline Courier·2025-06-09 08:30\n\n\
             [^1]: City transport notice, https://example.com/notice\n\
             [^2]: Port statement",
        );
        assert_eq!(
            point_texts(&d),
            ["The harbour reopened", "Delays should clear by Friday"]
        );
        let refs: Vec<_> = d
            .references
            .iter()
            .map(|r| (r.id, r.text.as_str(), r.url.as_deref()))
            .collect();
        assert_eq!(
            refs,
            [
                (
                    1,
                    "City transport notice",
                    Some("https://example.com/notice")
                ),
                (2, "Port statement", None)
            ]
        );
        assert!(d.references_heading.is_none());
        assert_eq!(d.title.unwrap().headline, "Harbour reopens");
    }

    #[test]
    fn a_definition_with_points_after_it_is_not_at_the_end() {
        let d = parse("Key Facts - One [1]\n[1]: Notice\nOutlook - Two [2]");
        assert!(d.references.is_empty());
        assert_eq!(d.sections.len(), 2);
    }

    #[test]
    fn a_citation_opening_a_line_is_no_definition() {
        let d = parse("Key Facts\n- One [1]\n[2] Two more\n");
        assert!(d.references.is_empty());
        assert_eq!(point_texts(&d), ["One Two more"]);
        assert_eq!(d.sections[0].points[0].citations, [1, 2]);
    }

    #[test]
    fn lines_after_the_source_line_are_notes_within_the_tail() {
        let body = "Key Facts - One [1]\nDesk|Headline\nCourier·2025-06-09\n";
        let five: String = (1..=5).map(|i| format!("Credit line {i}\n")).collect();
        let d = parse(&[body, &five].concat());
        assert!(d.source.is_some() && d.title.is_some());
        assert_eq!(d.notes.len(), 5);
        assert_eq!(d.notes[4].text, "Credit line 5");
        // One more and the source line is out of reach: everything is body.
        let d = parse(&[body, &five, "Credit line 6\n"].concat());
        assert!(d.source.is_none() && d.notes.is_empty());
    }

    #[test]
    fn a_byline_between_title_and_source_is_a_note() {
        let d = parse("Key Facts - One [1]\nDesk|Headline\nBy A. Writer\nCourier·2025-06-09");
        assert_eq!(d.title.as_ref().unwrap().headline, "Headline");
        assert_eq!(d.notes[0].text, "By A. Writer");
        // Without a column the nearer line is the title, as before.
        let d = parse("Key Facts - One [1]\nHeadline\nBy A. Writer\nCourier·2025-06-09");
        assert_eq!(d.title.as_ref().unwrap().headline, "By A. Writer");
        assert_eq!(point_texts(&d), ["One Headline"]);
    }
}
