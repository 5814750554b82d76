//! A digest rendered while it is still being written.
//!
//! Text arrives in chunks ([`Stream::push`]); each push answers with the
//! changes to make to the page, as a list of operations on the markup the
//! last ones built (see [`Ops`]). The page's JavaScript layer applies them
//! and keeps every element they do not touch, so finished points, their
//! open tooltips and any selection in them stay as they are.
//!
//! Rule: a point is final once the reader has passed a place after it that
//! no later text can change (a [`Checkpoint`]); final points are never read
//! or written again, so a push costs the unfinished tail, not the digest.
//! The tail is read again each push, as far as it can be read without
//! guessing (`parse::partial`: half-written citations, marks, headings and
//! possible title or source lines wait). [`Stream::finish`] parses the
//! whole text once and changes what differs, so the page ends exactly as
//! the markup of the whole text, with the title, source line and
//! references, which only the end of a digest decides.
//!
//! ```text
//! push("Key Facts - The port reopened [1] - Ships ")  → section, point 1
//! push("are back [2] Local Imp")                       → point 2 ("Ships are back")
//! push("act - Ferries run [1]")                        → section 2, point 1 (tooltip 1 as it was)
//! finish()                                              → header, references; aria-busy off
//! ```

use crate::model::Digest;
use crate::parse::{self, Checkpoint, Progress, Resume};
use crate::render::bidi::Direction;
use crate::render::html::{self, Pieces};
use crate::RenderOptions;

/// A digest being written, and what the page shows of it.
pub struct Stream {
    options: RenderOptions,
    text: String,
    /// The final part: every section and point before `resume.at`.
    digest: Digest,
    resume: Resume,
    /// The ids the final points cite, in order.
    cited: Vec<u32>,
    /// Final points the page showed as final at the last push: sections
    /// before `.section` and points of that one before `.point`. The page's
    /// markup for them cannot change until `finish`.
    settled: Position,
    /// Ids cited only by unfinished points at the last push.
    tail_ids: Vec<u32>,
    shown: Shown,
}

/// A place among the points: before point `point` of section `section`.
#[derive(Clone, Copy, Default)]
struct Position {
    section: usize,
    point: usize,
}

/// The markup the page holds, piece by piece, to compare new pieces with.
#[derive(Default)]
struct Shown {
    prefix: String,
    /// `None` until the article is shown.
    dir: Option<Direction>,
    header: Option<String>,
    sections: Vec<ShownSection>,
    after: Vec<String>,
    container: bool,
    /// Their markup, by id.
    tooltips: Vec<(u32, String)>,
}

struct ShownSection {
    shell: String,
    points: Vec<String>,
}

impl Stream {
    /// A stream whose text so far is `text` (often empty).
    pub fn new(options: RenderOptions, text: &str) -> Self {
        Self {
            options,
            text: text.to_string(),
            digest: Digest::default(),
            resume: Resume::default(),
            cited: Vec::new(),
            settled: Position::default(),
            tail_ids: Vec::new(),
            shown: Shown::default(),
        }
    }

    /// Adds `chunk`; returns the changes to make to the page (see [`Ops`]).
    pub fn push(&mut self, chunk: &str) -> String {
        let mut ops = Ops::default();
        // No limit, so never `Err`.
        let _ = self.push_into(&mut ops, chunk, usize::MAX);
        ops.finish()
    }

    /// [`Self::push`], and with `finish` then [`Self::finish`]: the changes
    /// of both in one list (no second list to join to the first).
    ///
    /// `Err` with the size in bytes of the markup the push or the finish
    /// would write, when that is over `max_markup`: the stream is then in
    /// no state to go on (close it and start again from the whole text).
    pub fn push_and_finish(
        &mut self,
        chunk: &str,
        finish: bool,
        max_markup: usize,
    ) -> Result<String, usize> {
        let mut ops = Ops::default();
        self.push_into(&mut ops, chunk, max_markup)?;
        if finish {
            self.finish_into(&mut ops, max_markup)?;
        }
        Ok(ops.finish())
    }

    fn push_into(&mut self, ops: &mut Ops, chunk: &str, max_markup: usize) -> Result<(), usize> {
        self.text.push_str(chunk);
        let progress = parse::read_unfinished(&self.text, &self.resume);
        let final_end = self.read_on(progress);
        self.show_unfinished(ops, final_end, max_markup)
    }

    /// The changes that make the page show the markup of the whole text,
    /// as [`crate::render_html`] writes it; aria-busy goes.
    ///
    /// `Err` with the size of the markup it would make, in bytes, when that
    /// is over `max_markup` (nothing changes then).
    pub fn finish(&mut self, max_markup: usize) -> Result<String, usize> {
        let mut ops = Ops::default();
        self.finish_into(&mut ops, max_markup)?;
        Ok(ops.finish())
    }

    fn finish_into(&mut self, ops: &mut Ops, max_markup: usize) -> Result<(), usize> {
        let digest = parse::parse_with_references(&self.text, &self.options.references);
        let size = crate::render::html::size_hint(&digest);
        if size > max_markup {
            return Err(size);
        }
        let citing = parse::index_citations(&digest.sections);
        let mut ids: Vec<u32> = Vec::with_capacity(citing.len());
        for c in &citing {
            ids.push(c.id);
        }
        // And every tooltip shown that the whole text has not: it goes.
        let whole = ids.len();
        for (id, _) in &self.shown.tooltips {
            if ids[..whole].binary_search(id).is_err() {
                ids.push(*id);
            }
        }
        let pieces = Pieces::new(&digest, &self.options, citing);
        let tooltips = (&ids[..], [&ids[..whole], &[][..]]);
        update(
            &mut self.shown,
            ops,
            &pieces,
            Position::default(),
            tooltips,
            true,
        );
        Ok(())
    }

    /// Adds every section and point the reader read to `self.digest` (the
    /// unfinished ones only until they are shown); returns where its final
    /// part now ends.
    fn read_on(&mut self, progress: Progress) -> Position {
        let Progress {
            sections,
            continues,
            checkpoint,
        } = progress;
        let old_end = end_of(&self.digest);
        // The first section goes on with the last final one, or is new.
        let merged = continues && old_end.section > 0;
        let mut final_end = old_end;
        if let Some(Checkpoint {
            resume,
            sections: k,
            points: m,
        }) = checkpoint
        {
            self.resume = resume;
            // The reader's `k` sections count the one it continued.
            let k = k.min(sections.len());
            if k > 0 {
                let mut point = sections[k - 1].points.len().min(m);
                if k == 1 && merged {
                    point += old_end.point;
                }
                final_end = Position {
                    section: old_end.section - usize::from(merged) + k,
                    point,
                };
            }
        }
        let mut sections = sections;
        if merged && !sections.is_empty() {
            // The final section, with the points read on, stands in for
            // the reader's first one. (Appended, not extended from an
            // iterator: that was an instance of its own; swapped in place
            // and popped: a pop and an assignment cost more.)
            if let Some(last) = self.digest.sections.last_mut() {
                last.points.append(&mut sections[0].points);
                std::mem::swap(last, &mut sections[0]);
            }
            self.digest.sections.pop();
        }
        self.digest.sections.append(&mut sections);
        final_end
    }

    /// Shows the digest read so far, whose final part ends at `final_end`,
    /// and takes its unfinished part back out.
    fn show_unfinished(
        &mut self,
        ops: &mut Ops,
        final_end: Position,
        max_markup: usize,
    ) -> Result<(), usize> {
        // Every id cited after the settled points: its tooltip may come or
        // go. The points among them made final since the last push add
        // their ids to `cited`; `tail_ids`: the ids the unfinished ones cite.
        let mut tail_ids: Vec<u32> = Vec::new();
        let mut check: Vec<u32> = std::mem::take(&mut self.tail_ids);
        let cited_before = self.cited.len();
        // What the page may be sent, checked before any of it is written:
        // one push of a whole hostile digest could make more markup than
        // the memory holds (finish checks the same way).
        let mut size = 0;
        // One pass over the sections and points from the settled ones on
        // (indexed: enumerate().skip() chains were iterators kept in memory).
        let from = self.settled;
        let mut si = from.section.saturating_sub(1);
        while si < self.digest.sections.len() {
            let section = &self.digest.sections[si];
            size += html::section_hint(section);
            let mut pi = if si + 1 == from.section {
                from.point
            } else {
                0
            };
            while pi < section.points.len() {
                let point = &section.points[pi];
                size += html::point_hint(point);
                let ids = &point.citations[..];
                check.extend_from_slice(ids);
                // Before `final_end`: final now.
                let made_final = si + 1 < final_end.section
                    || (si + 1 == final_end.section && pi < final_end.point);
                if made_final {
                    self.cited.extend_from_slice(ids);
                } else {
                    tail_ids.extend_from_slice(ids);
                }
                pi += 1;
            }
            si += 1;
        }
        if self.cited.len() > cited_before {
            sort_ids(&mut self.cited);
        }
        sort_ids(&mut check);
        sort_ids(&mut tail_ids);
        size += html::TOOLTIP_HINT * check.len();
        if size > max_markup {
            return Err(size);
        }

        {
            let pieces = Pieces::new(&self.digest, &self.options, Vec::new());
            let tooltips = (&check[..], [&self.cited[..], &tail_ids[..]]);
            update(&mut self.shown, ops, &pieces, self.settled, tooltips, false);
        }

        self.tail_ids = tail_ids;

        // The tail goes back out; the final part stays.
        self.digest.sections.truncate(final_end.section);
        if let Some(last) = self.digest.sections.last_mut() {
            last.points.truncate(final_end.point);
        }
        // Only a section with points is settled: a heading alone may still
        // gain its list.
        self.settled = final_end;
        Ok(())
    }
}

/// `ids` sorted, each once. (One function for the three lists: inlined,
/// the pair of calls was repeated.)
#[inline(never)]
fn sort_ids(ids: &mut Vec<u32>) {
    ids.sort_unstable();
    // By hand: `dedup` was an instance of its own, for this one caller.
    let mut kept = 0;
    let mut i = 0;
    while i < ids.len() {
        if kept == 0 || ids[i] != ids[kept - 1] {
            ids[kept] = ids[i];
            kept += 1;
        }
        i += 1;
    }
    ids.truncate(kept);
}

/// The position after the last point of `digest`.
fn end_of(digest: &Digest) -> Position {
    Position {
        section: digest.sections.len(),
        point: digest.sections.last().map_or(0, |s| s.points.len()),
    }
}

/// Whether the page's article has the ids and direction `pieces` writes.
fn same_article(shown: &Shown, pieces: &Pieces) -> bool {
    shown.dir == Some(pieces.dir()) && shown.prefix == pieces.prefix()
}

/// Brings the page up to `pieces` (see [`show`]), or, when the ids or the
/// direction changed (or nothing is shown yet), shows the whole article
/// anew with every cited id's tooltip. `whole` at the end, which takes
/// aria-busy away.
fn update(
    shown: &mut Shown,
    ops: &mut Ops,
    pieces: &Pieces,
    from: Position,
    tooltips: Tooltips,
    whole: bool,
) {
    if same_article(shown, pieces) {
        if whole {
            ops.busy(false);
        }
        show(shown, ops, pieces, from, tooltips, whole);
        return;
    }
    let cited = tooltips.1;
    // Extended twice: `to_vec` was an instance of its own.
    let mut all: Vec<u32> = Vec::new();
    all.extend_from_slice(cited[0]);
    all.extend_from_slice(cited[1]);
    sort_ids(&mut all);
    reset(shown, ops, pieces, &all, !whole);
}

/// The whole article anew: the page morphs its article into this one.
fn reset(shown: &mut Shown, ops: &mut Ops, pieces: &Pieces, tooltips: &[u32], busy: bool) {
    // Emptied field by field (every field named, so none is forgotten): a
    // second `Shown` built and the old one dropped whole cost more code.
    let Shown {
        prefix,
        dir,
        header,
        sections,
        after,
        container,
        tooltips: shown_tooltips,
    } = &mut *shown;
    prefix.clear();
    prefix.push_str(pieces.prefix());
    *dir = Some(pieces.dir());
    *header = None;
    sections.clear();
    after.clear();
    *container = false;
    shown_tooltips.clear();
    // Busy comes as an attribute of its own, so that the page's article
    // keeps its element (a morph needs the same attribute names). The
    // article's markup is what `show` writes into an empty page, in order:
    // written once, not rendered again from `shown`.
    let mut html = Ops {
        out: pieces.article_start(),
        markup_only: true,
    };
    show(
        shown,
        &mut html,
        pieces,
        Position::default(),
        (tooltips, [tooltips, &[]]),
        true,
    );
    html.out.push_str("</article>");
    ops.article(&html.out);
    ops.busy(busy);
}

/// Tooltips to show: their ids, and two sorted lists of the ids any point
/// cites (a tooltip in neither goes). Lists the callers have already,
/// rather than a flag per id: the lists of pairs were a loop each to build.
type Tooltips<'a> = (&'a [u32], [&'a [u32]; 2]);

/// Whether `id` is in one of the sorted lists `cited`.
fn is_cited(cited: [&[u32]; 2], id: u32) -> bool {
    cited[0].binary_search(&id).is_ok() || cited[1].binary_search(&id).is_ok()
}

/// Brings `shown` (and, through `ops`, the page) up to `pieces`: the points
/// from `from` on, the parts after the sections, the tooltips in
/// `tooltips`, and the header when `whole`.
fn show(
    shown: &mut Shown,
    ops: &mut Ops,
    pieces: &Pieces,
    from: Position,
    (ids, cited): Tooltips,
    whole: bool,
) {
    if whole {
        let header = pieces.header();
        match (&shown.header, &header) {
            (None, Some(h)) => ops.child(INSERT, 0, h),
            (Some(old), Some(h)) if old != h => ops.child(REPLACE, 0, h),
            (Some(_), None) => ops.remove(0),
            _ => {}
        }
        shown.header = header;
    }
    let offset = usize::from(shown.header.is_some());
    let count = pieces.sections();
    let first = from.section.saturating_sub(1);
    for si in first..count {
        let shell = pieces.section_shell(si);
        let points = pieces.points(si);
        let index = offset + si;
        if si >= shown.sections.len() || shown.sections[si].shell != shell {
            let mut markup: Vec<String> = Vec::with_capacity(points);
            for pi in 0..points {
                markup.push(pieces.point(si, pi));
            }
            let html = pieces.section(si, &markup);
            let section = ShownSection {
                shell,
                points: markup,
            };
            // The operation written in one place for both.
            let code = if si < shown.sections.len() {
                shown.sections[si] = section;
                REPLACE
            } else {
                shown.sections.push(section);
                INSERT
            };
            ops.child(code, index, &html);
            continue;
        }
        let skip = if si + 1 == from.section {
            from.point
        } else {
            0
        };
        let had = &mut shown.sections[si].points;
        for pi in skip..points {
            let html = pieces.point(si, pi);
            if pi < had.len() && had[pi] == html {
                continue;
            }
            ops.point(index, pi, &html);
            if pi < had.len() {
                had[pi] = html;
            } else {
                had.push(html);
            }
        }
        if had.len() > points {
            had.truncate(points);
            ops.truncate(index, points);
        }
    }
    let mut gone = shown.sections.len();
    while gone > count {
        gone -= 1;
        ops.remove(offset + gone);
    }
    shown.sections.truncate(count);
    let after = pieces.after_sections();
    let base = offset + count;
    for (j, piece) in after.iter().enumerate() {
        match shown.after.get(j) {
            Some(old) if old == piece => {}
            Some(_) => ops.child(REPLACE, base + j, piece),
            None => ops.child(INSERT, base + j, piece),
        }
    }
    for j in (after.len()..shown.after.len()).rev() {
        ops.remove(base + j);
    }
    shown.after = after;

    let end = base + shown.after.len();
    // Indexed: the slice iterator was kept in memory.
    let mut k = 0;
    while k < ids.len() {
        let id = ids[k];
        k += 1;
        let at = shown.tooltips.binary_search_by_key(&id, |(i, _)| *i);
        let prefix = pieces.prefix();
        if !is_cited(cited, id) {
            if let Ok(i) = at {
                shown.tooltips.remove(i);
                ops.remove_tooltip(prefix, id);
            }
            continue;
        }
        // The container comes with the first tooltip (none is shown
        // without it, so no operation before this one touched it).
        if !shown.container {
            ops.child(INSERT, end, &pieces.tooltips_container());
            shown.container = true;
        }
        let html = pieces.tooltip(id);
        match at {
            Ok(i) if shown.tooltips[i].1 == html => {}
            Ok(i) => {
                ops.tooltip(prefix, id, &html, None);
                shown.tooltips[i].1 = html;
            }
            Err(i) => {
                let next = shown.tooltips.get(i).map(|(next, _)| *next);
                ops.tooltip(prefix, id, &html, next);
                shown.tooltips.insert(i, (id, html));
            }
        }
    }
    if whole && shown.container && shown.tooltips.is_empty() {
        ops.remove(end);
        shown.container = false;
    }
}

const REPLACE: u8 = 1;
const INSERT: u8 = 2;

/// The changes to make to the page, as a JSON array of operations, each an
/// array starting with its code. Indices count the article's element
/// children (header, sections, notes and references, the tooltips'
/// container) as they stand when the operation is applied, in order.
///
/// | op | arguments | meaning |
/// |----|-----------|---------|
/// | 0 | name, value or null | set or remove an attribute of the article |
/// | 1 | index, html | the child at index becomes html (kept where it matches) |
/// | 2 | index, html | html goes before the child at index (or last) |
/// | 3 | index | the child at index goes |
/// | 4 | index, point, html | that point (`li`) of the section at index becomes html, or is added |
/// | 5 | index, count | the section at index keeps its first count points |
/// | 6 | id, html, next id or null | the tooltip with that id becomes html, or is added before the next one |
/// | 7 | id | the tooltip with that id goes |
/// | 8 | html | the article becomes html (kept where it matches) |
#[derive(Default)]
pub struct Ops {
    out: String,
    /// Only the markup of the children and tooltips added, as the article's
    /// children in order (see [`reset`]), not operations.
    markup_only: bool,
}

impl Ops {
    fn start(&mut self, code: u8) {
        self.out.push(if self.out.is_empty() { '[' } else { ',' });
        self.out.push('[');
        crate::decimal::push_decimal(&mut self.out, u64::from(code));
    }

    fn number(&mut self, n: usize) {
        self.out.push(',');
        crate::decimal::push_decimal(&mut self.out, n as u64);
    }

    fn string(&mut self, s: &str) {
        self.out.push(',');
        crate::json::push_string_literal(&mut self.out, s);
    }

    fn end(&mut self) {
        self.out.push(']');
    }

    /// Sets or removes the article's aria-busy, the one attribute a stream
    /// changes (written whole: no name or value to escape).
    fn busy(&mut self, busy: bool) {
        self.start(0);
        self.out.push_str(if busy {
            ",\"aria-busy\",\"true\"]"
        } else {
            ",\"aria-busy\",null]"
        });
    }

    /// A tooltip's element id, or null: written straight into the output,
    /// since the prefix is letters, digits, `-` and `_` (nothing to escape).
    fn tooltip_id(&mut self, prefix: &str, id: Option<u32>) {
        match id {
            Some(id) => {
                self.out.push_str(",\"");
                self.out.push_str(prefix);
                self.out.push_str("-t");
                crate::decimal::push_decimal(&mut self.out, u64::from(id));
                self.out.push('"');
            }
            None => self.out.push_str(",null"),
        }
    }

    fn child(&mut self, code: u8, index: usize, html: &str) {
        if self.markup_only {
            self.out.push_str(html);
            return;
        }
        self.start(code);
        self.number(index);
        self.string(html);
        self.end();
    }

    fn remove(&mut self, index: usize) {
        self.start(3);
        self.number(index);
        self.end();
    }

    fn point(&mut self, section: usize, point: usize, html: &str) {
        self.start(4);
        self.number(section);
        self.number(point);
        self.string(html);
        self.end();
    }

    fn truncate(&mut self, section: usize, count: usize) {
        self.start(5);
        self.number(section);
        self.number(count);
        self.end();
    }

    fn tooltip(&mut self, prefix: &str, id: u32, html: &str, next: Option<u32>) {
        if self.markup_only {
            // Into the tooltips' container, the last child so far.
            self.out.truncate(self.out.len() - "</div>".len());
            self.out.push_str(html);
            self.out.push_str("</div>");
            return;
        }
        self.start(6);
        self.tooltip_id(prefix, Some(id));
        self.string(html);
        self.tooltip_id(prefix, next);
        self.end();
    }

    fn remove_tooltip(&mut self, prefix: &str, id: u32) {
        self.start(7);
        self.tooltip_id(prefix, Some(id));
        self.end();
    }

    fn article(&mut self, html: &str) {
        self.start(8);
        self.string(html);
        self.end();
    }

    fn finish(mut self) -> String {
        if self.out.is_empty() {
            self.out.push('[');
        }
        self.out.push(']');
        self.out
    }
}
