//! The digest as semantic HTML.
//!
//! This markup is the public contract (README, "Markup"): themes and tests
//! rely on its elements, classes and ids. Every string from the input is
//! escaped; URLs reach an `href` only when [`super::safe_url`] accepts them.
//!
//! ```html
//! <article class="digest" id="dg-k3x9">
//!   <header class="digest-header">…column, headline, publisher, <time>…</header>
//!   <section class="digest-section">
//!     <h2 class="digest-heading">Key Facts</h2>
//!     <ul class="digest-points">
//!       <li class="digest-point" id="dg-k3x9-p1-1">The harbour reopened<span class="digest-cites">
//!         <a class="digest-cite" href="#dg-k3x9-r1" data-cite="1" aria-describedby="dg-k3x9-t1">1</a></span></li>
//!     </ul>
//!   </section>
//!   <p class="digest-note">Photo: …</p>                      (lines placed nowhere)
//!   <section class="digest-references">…<ol><li id="dg-k3x9-r1" value="1">…</li></ol></section>
//!   <div class="digest-tooltips" hidden><div class="digest-tooltip" role="tooltip" id="dg-k3x9-t1" hidden>…</div></div>
//! </article>
//! ```
//!
//! Citation triggers link to their reference entry when there is one, so
//! they work without JavaScript; otherwise they are buttons. Tooltips are
//! rendered once per cited id, hidden, and shown by the behaviour script.
//! Marks inside points are `<strong>`, `<em>`, `<code>` and links like the
//! references' (`<a class="digest-link" … target="_blank">`).

use super::bidi::{first_strong, Direction};
use super::{safe_url, Labels, RenderOptions};
pub use crate::decimal::push_decimal;
use crate::model::{Citation, Digest, Inline, Point, Section};
use crate::parse::{find_str, strip_prefix_any, trim, trim_end, trim_start};

/// The tooltips' container. Hidden too, so the browser does not even style
/// the tooltips until one is moved out to open (a large share of the page's
/// style work otherwise). What is on the page already is not written into
/// the tooltips again: the DOM layer adds it when one opens, and removes it
/// when it closes (the header's source line under "Source N", and "Also
/// cited in"; each repeated in every tooltip was a tenth and a fifth of the
/// markup).
const TOOLTIPS_START: &str = "<div class=\"digest-tooltips\" hidden>";

/// A tooltip's "Also cited in", for the DOM layer to fill when a tooltip
/// opens: the label, and the list with one entry (a link to the point, its
/// section's heading and its text) to be copied for each other point
/// citing the source, from the page, where they are already. Written once
/// per digest, in the tooltips' container: every point's excerpt, repeated
/// in the tooltip of each source it cites, was a fifth of the seed's
/// markup, and the label in every tooltip cited twice a fourteenth.
const ALSO_TEMPLATE: [&str; 2] = [
    "<template class=\"digest-also\"><div class=\"digest-tooltip-also\"><p class=\"digest-tooltip-also-label\">",
    "</p><ul><li><a class=\"digest-tooltip-point\"><span class=\"digest-tooltip-heading\"></span> </a></li></ul></div></template>",
];

/// Renders `digest` as an HTML fragment (one `<article>`).
pub fn render(digest: &Digest, options: &RenderOptions) -> String {
    render_sized(digest, options, size_hint(digest))
}

/// [`render`] for a caller that has the [`size_hint`] already (the wasm
/// boundary checks it against its limit first): the hint walks the whole
/// model, so it is counted once.
pub fn render_sized(digest: &Digest, options: &RenderOptions, size_hint: usize) -> String {
    let prefix = prefix(digest, options);
    let citing = crate::parse::index_citations(&digest.sections);
    let view = View::new(digest, options, prefix, citing);
    let mut out = String::with_capacity(size_hint);
    view.article(&mut out);
    out
}

/// The prefix of the ids in `digest`'s markup.
fn prefix(digest: &Digest, options: &RenderOptions) -> String {
    match &options.id_prefix {
        Some(p) => sanitize_prefix(p),
        None => default_prefix(digest),
    }
}

/// The markup in the pieces a stream replaces one at a time (see
/// [`crate::stream`]): [`render`] writes the same pieces in one go, so a
/// stream's last state equals the markup of the whole text.
pub struct Pieces<'a>(View<'a>);

impl<'a> Pieces<'a> {
    /// `citing`: for every cited id, the points citing it, as far as the
    /// caller needs tooltips.
    pub fn new(digest: &'a Digest, options: &'a RenderOptions, citing: Vec<Citation>) -> Self {
        Self(View::new(digest, options, prefix(digest, options), citing))
    }

    pub fn prefix(&self) -> &str {
        &self.0.prefix
    }

    pub fn dir(&self) -> Direction {
        self.0.dir
    }

    /// `<article …>` (a stream's busy state is an operation of its own).
    pub fn article_start(&self) -> String {
        let mut out = String::new();
        self.0.article_start(&mut out);
        out
    }

    /// The header, when there is a title or a source line.
    pub fn header(&self) -> Option<String> {
        let mut out = String::new();
        self.0.header(&mut out);
        (!out.is_empty()).then_some(out)
    }

    /// How many sections the digest has.
    pub fn sections(&self) -> usize {
        self.0.digest.sections.len()
    }

    /// How many points section `si` has.
    pub fn points(&self, si: usize) -> usize {
        self.0.digest.sections[si].points.len()
    }

    /// What of section `si` is not its points: its markup without them
    /// (its heading, and whether it has a list).
    pub fn section_shell(&self, si: usize) -> String {
        self.section(si, &[])
    }

    /// Section `si` around its points' markup, `points` (from [`Self::point`]).
    pub fn section(&self, si: usize, points: &[String]) -> String {
        let mut out = String::new();
        self.0.section(&mut out, si, Some(points));
        out
    }

    pub fn point(&self, si: usize, pi: usize) -> String {
        let mut out = String::new();
        self.0.point_item(&mut out, si, pi);
        out
    }

    pub fn after_sections(&self) -> Vec<String> {
        self.0.after_sections()
    }

    /// The tooltips' container, open, appended to `out`.
    pub fn tooltips_start(&self, out: &mut String) {
        self.0.tooltips_start(out);
    }

    /// The tooltips' container with no tooltip yet.
    pub fn tooltips_container(&self) -> String {
        let mut out = String::new();
        self.0.tooltips_start(&mut out);
        push(&mut out, "</div>");
        out
    }

    /// The tooltip of citation `id`.
    pub fn tooltip(&self, id: u32) -> String {
        let mut out = String::new();
        self.0.tooltip(&mut out, id);
        out
    }
}

// Bytes of fixed markup around each node, counted from what the writer
// writes with a default id prefix (a trigger is the longest: its class,
// href or type, data-cite, aria-describedby and aria-label). The text of
// inlines is counted in their point's; the marks are `<strong>`, `<em>`,
// `<code>` and a link's start, URL and hidden label.
const MARKUP: HintWeights = HintWeights {
    base: 1024,
    section: 110,
    heading: 0,
    point: 50,
    point_id: 0,
    inline: 0,
    inline_text: 0,
    group: 33,
    group_id: 0,
    trigger: 105,
    strong: 17,
    emphasis: 9,
    code: 13,
    link: 150,
};

/// A tooltip's fixed markup, in [`size_hint`]'s terms.
pub const TOOLTIP_HINT: usize = 220;

/// [`size_hint`]'s count for one section's shell (without its points).
pub fn section_hint(section: &Section) -> usize {
    MARKUP.section + section.heading.as_ref().map_or(0, |h| h.text.len())
}

/// [`size_hint`]'s count for one point: what a stream checks before it
/// writes the points a push read.
pub fn point_hint(point: &Point) -> usize {
    MARKUP.point + point.text.len() + inlines_size(&point.inlines, point.citations.len(), &MARKUP)
}

/// About how many bytes [`render`] writes for `digest`, counted from the
/// model without writing anything: the buffer's capacity, and what the wasm
/// boundary checks against its size limit before it spends the memory.
/// Within a factor of 2 either way on the fixtures and the hostile shapes
/// (a test checks), which is all a limit of hundreds of megabytes needs.
pub fn size_hint(digest: &Digest) -> usize {
    const REFERENCE: usize = 150;
    let mut size = sections_size(digest, &MARKUP);
    let publisher = digest.source.as_ref().map_or(0, |s| s.publisher.len());
    size += (TOOLTIP_HINT + publisher) * digest.citations.len();
    // The first entry of an id is the one shown.
    let ids = crate::parse::reference_ids(&digest.references);
    let first = crate::parse::first_occurrences(&ids);
    for (k, r) in digest.references.iter().enumerate() {
        if first[k] {
            size += REFERENCE + r.text.len() + 2 * r.url.as_ref().map_or(0, String::len);
        }
    }
    size
}

/// Bytes a size hint counts for each node of a digest's sections, besides
/// its text: the markup's ([`size_hint`]) and the JSON's
/// ([`crate::json::size_hint`]) differ only in these, so one walk counts
/// both.
pub struct HintWeights {
    pub base: usize,
    pub section: usize,
    pub heading: usize,
    pub point: usize,
    /// Per id a point lists.
    pub point_id: usize,
    pub inline: usize,
    /// 1 when text and code inlines' text counts (0: it is the point's).
    pub inline_text: usize,
    /// A citation group, each of its ids, and each trigger it shows (at
    /// most as many as its point cites: `[1-32] [1-32]`).
    pub group: usize,
    pub group_id: usize,
    pub trigger: usize,
    pub strong: usize,
    pub emphasis: usize,
    pub code: usize,
    pub link: usize,
}

/// The size of `digest`'s sections by `w` (headings, points and their
/// text, inlines, link URLs).
pub fn sections_size(digest: &Digest, w: &HintWeights) -> usize {
    let mut size = w.base;
    for section in &digest.sections {
        size += w.section;
        if let Some(h) = &section.heading {
            size += w.heading + h.text.len();
        }
        for point in &section.points {
            let cited = point.citations.len();
            size += w.point + point.text.len() + w.point_id * cited;
            size += inlines_size(&point.inlines, cited, w);
        }
    }
    size
}

/// Recursive, to the constant depth inlines nest to (see [`Inline`]).
fn inlines_size(inlines: &[Inline], cited: usize, w: &HintWeights) -> usize {
    let mut size = w.inline * inlines.len();
    for inline in inlines {
        size += match inline {
            Inline::Text { text, .. } => w.inline_text * text.len(),
            Inline::Code { text, .. } => w.code + w.inline_text * text.len(),
            Inline::Cite { ids, .. } => {
                w.group + w.group_id * ids.len() + w.trigger * ids.len().min(cited)
            }
            Inline::Strong { children, .. } => w.strong + inlines_size(children, cited, w),
            Inline::Emphasis { children, .. } => w.emphasis + inlines_size(children, cited, w),
            Inline::Link { url, children, .. } => {
                w.link + url.len() + inlines_size(children, cited, w)
            }
        };
    }
    size
}

/// Appends `piece`: the writer's primitive, out of line (inlined
/// `push_str` and `fmt` calls made up most of the renderer's size in the
/// wasm module). A call per piece, too: an array of pieces for one call,
/// built on the stack wherever one is computed, was larger.
#[inline(never)]
fn push(out: &mut String, piece: &str) {
    out.push_str(piece);
}

/// `n` in decimal.
pub fn number(n: usize) -> String {
    let mut out = String::new();
    push_decimal(&mut out, n as u64);
    out
}

/// `template` with each `{key}` replaced by its value; unknown keys stay.
/// Plain text: a caller that needs it escaped escapes the result (the same
/// bytes as escaping each part), so one writer, and no call through a
/// pointer to `escape` or `push`.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = find_str(rest, "{") {
        push(&mut out, &rest[..open]);
        let after = &rest[open + 1..];
        let replaced = find_str(after, "}").and_then(|close| {
            let key = &after[..close];
            // A loop, not `find` and `map`: adapters of their own.
            let mut i = 0;
            while i < values.len() && values[i].0 != key {
                i += 1;
            }
            values.get(i).map(|(_, v)| (v, close))
        });
        match replaced {
            Some((value, close)) => {
                push(&mut out, value);
                rest = &after[close + 1..];
            }
            None => {
                push(&mut out, "{");
                rest = after;
            }
        }
    }
    push(&mut out, rest);
    out
}

/// The containers an inline is written inside, one bit each: a set of
/// them is one byte to pass down, not a struct of flags.
type Inside = u8;
const IN_STRONG: Inside = 1;
const IN_EMPHASIS: Inside = 2;
const IN_LINK: Inside = 4;

/// A reference as the renderer shows it: trimmed, with only a safe URL.
#[derive(Default)]
struct ReferenceView<'a> {
    title: Option<&'a str>,
    text: Option<&'a str>,
    url: Option<&'a str>,
}

struct View<'a> {
    digest: &'a Digest,
    labels: &'a Labels,
    /// The section headings' tag and the headline's, one level above.
    heading: &'static str,
    headline: &'static str,
    prefix: String,
    /// By id, ascending; the first entry of an id wins.
    references: Vec<(u32, ReferenceView<'a>)>,
    /// For every cited id, the points that cite it, in order.
    citing: Vec<Citation>,
    /// The digest's base direction; parts that read the other way are
    /// isolated.
    dir: Direction,
    /// Each id's pill in `citing`, written once: a digest cites a few
    /// sources many times.
    pills: Vec<String>,
}

impl<'a> View<'a> {
    /// `citing`: for every cited id, the points citing it (see
    /// [`crate::parse::index_citations`]).
    fn new(
        digest: &'a Digest,
        options: &'a RenderOptions,
        prefix: String,
        citing: Vec<Citation>,
    ) -> Self {
        // By id; the first entry of a repeated id comes first and stays:
        // (id, position) packed in a u64 sorts so, with the parser's one
        // sort instance. (Plain loops: collecting through iterator chains
        // was a copy of the loop per chain.)
        let mut order: Vec<u64> = Vec::with_capacity(digest.references.len());
        for i in 0..digest.references.len() {
            order.push(crate::parse::pack(digest.references[i].id, i as u32));
        }
        order.sort_unstable();
        let mut references: Vec<(u32, ReferenceView)> = Vec::with_capacity(order.len());
        for &key in &order {
            let id = (key >> 32) as u32;
            if references.last().is_some_and(|&(last, _)| last == id) {
                continue;
            }
            let r = &digest.references[key as u32 as usize];
            let view = ReferenceView {
                title: r.title.as_deref().and_then(non_empty),
                text: non_empty(&r.text),
                url: r.url.as_deref().and_then(safe_url),
            };
            references.push((id, view));
        }
        // Tags, not numbers made into strings for each view.
        const HEADINGS: [&str; 6] = ["h1", "h2", "h3", "h4", "h5", "h6"];
        let level = usize::from(options.heading_level());
        let mut view = Self {
            dir: options
                .dir
                .unwrap_or_else(|| super::bidi::of_digest(digest)),
            digest,
            labels: &options.labels,
            heading: HEADINGS[level - 1],
            headline: HEADINGS[level - 2],
            prefix,
            references,
            citing,
            pills: Vec::new(),
        };
        // The ids cited, as the index has them (a stream's pieces have
        // none: their pills are written in place).
        let mut pills = Vec::with_capacity(view.citing.len());
        for citation in &view.citing {
            let mut pill = String::new();
            view.write_trigger(&mut pill, citation.id);
            pills.push(pill);
        }
        view.pills = pills;
        view
    }

    fn article(&self, out: &mut String) {
        let d = self.digest;
        self.article_start(out);
        self.header(out);
        for si in 0..d.sections.len() {
            self.section(out, si, None);
        }
        for piece in &self.after_sections() {
            push(out, piece);
        }
        if !self.citing.is_empty() {
            self.tooltips_start(out);
            for citation in &self.citing {
                self.tooltip(out, citation.id);
            }
            push(out, "</div>");
        }
        push(out, "</article>");
    }

    /// `<article …>`.
    fn article_start(&self, out: &mut String) {
        push(out, "<article class=\"digest\" id=\"");
        push(out, &self.prefix);
        push(out, "\" dir=\"");
        push(out, self.dir.as_str());
        push(out, "\">");
    }

    /// One section with its points, written here or, when the stream has
    /// them already, the `written` ones (none: the section's shell).
    fn section(&self, out: &mut String, si: usize, written: Option<&[String]>) {
        let section = &self.digest.sections[si];
        push(out, "<section class=\"digest-section\">");
        if let Some(h) = &section.heading {
            self.element(out, self.heading, "digest-heading", &h.text);
        }
        if !section.points.is_empty() {
            push(out, "<ul class=\"digest-points\">");
            match written {
                Some(points) => {
                    for point in points {
                        push(out, point);
                    }
                }
                None => {
                    for pi in 0..section.points.len() {
                        self.point_item(out, si, pi);
                    }
                }
            }
            push(out, "</ul>");
        }
        push(out, "</section>");
    }

    /// One point's `<li>`.
    fn point_item(&self, out: &mut String, si: usize, pi: usize) {
        let point = &self.digest.sections[si].points[pi];
        // The id written in place: no strings made for it on every point.
        push(out, "<li class=\"digest-point\" id=\"");
        push(out, &self.prefix);
        push(out, "-p");
        push_decimal(out, si as u64 + 1);
        push(out, "-");
        push_decimal(out, pi as u64 + 1);
        push(out, "\"");
        self.text_attrs(out, &point.text);
        push(out, ">");
        self.point(out, point);
        push(out, "</li>");
    }

    /// The elements between the sections and the tooltips, one string
    /// each: the empty message, the notes, the references.
    fn after_sections(&self) -> Vec<String> {
        let d = self.digest;
        let mut pieces = Vec::new();
        if d.title.is_none() && d.source.is_none() && d.sections.is_empty() && d.notes.is_empty() {
            let mut out = String::new();
            self.element(&mut out, "p", "digest-empty", &self.labels.empty);
            pieces.push(out);
        }
        // Lines the parser could place nowhere: shown as written, so that
        // nothing the author wrote disappears.
        for note in &d.notes {
            let mut out = String::new();
            self.element(&mut out, "p", "digest-note", &note.text);
            pieces.push(out);
        }
        let mut out = String::new();
        self.references(&mut out);
        if !out.is_empty() {
            pieces.push(out);
        }
        pieces
    }

    /// `<{tag} class="{class}" lang?>{text}</{tag}>`.
    fn element(&self, out: &mut String, tag: &str, class: &str, text: &str) {
        push(out, "<");
        push(out, tag);
        push(out, " class=\"");
        push(out, class);
        push(out, "\"");
        self.text_attrs(out, text);
        push(out, ">");
        escape(out, text);
        push(out, "</");
        push(out, tag);
        push(out, ">");
    }

    /// `lang` for CJK text, and `dir="auto"` for text whose first strong
    /// character reads the other way from the digest, so that the browser
    /// lays it out as its own direction inside the digest's.
    fn text_attrs(&self, out: &mut String, text: &str) {
        lang_attr(out, text);
        if first_strong(text).is_some_and(|d| d != self.dir) {
            push(out, " dir=\"auto\"");
        }
    }

    fn header(&self, out: &mut String) {
        let d = self.digest;
        if d.title.is_none() && d.source.is_none() {
            return;
        }
        push(out, "<header class=\"digest-header\">");
        if let Some(title) = &d.title {
            if let Some(column) = &title.column {
                self.element(out, "p", "digest-column", column);
            }
            self.element(out, self.headline, "digest-headline", &title.headline);
        }
        if let Some(source) = &d.source {
            push(out, "<p class=\"digest-source\">");
            if !source.publisher.is_empty() {
                self.element(out, "span", "digest-publisher", &source.publisher);
            }
            const DOT: &str = "<span class=\"digest-dot\" aria-hidden=\"true\"> &middot; </span>";
            match &source.published {
                Some(iso) => {
                    if !source.publisher.is_empty() {
                        push(out, DOT);
                    }
                    // Formatted here, not kept in the view: the header is
                    // written once for each view (a stream's too).
                    let date = &human_date(iso, self.labels);
                    push(out, "<time datetime=\"");
                    escape(out, iso);
                    push(out, "\"");
                    self.text_attrs(out, date);
                    push(out, ">");
                    escape(out, date);
                    push(out, "</time>");
                }
                None if source.raw != source.publisher => {
                    // A date we could not read is still shown as written.
                    push(out, DOT);
                    push(out, "<span class=\"digest-date\">");
                    escape(out, raw_date(&source.raw, &source.publisher));
                    push(out, "</span>");
                }
                None => {}
            }
            push(out, "</p>");
        }
        push(out, "</header>");
    }

    fn point(&self, out: &mut String, point: &Point) {
        if point.inlines.is_empty() {
            // A model built by hand may carry only the text.
            escape(out, &point.text);
            return;
        }
        self.inlines(out, &point.inlines, true, 0);
    }

    /// Writes `inlines`; the `top` list (the point's own) is trimmed at its
    /// two ends. Recursive: the parser and the wasm reader never nest an
    /// inline in one of its own kind, so inlines nest at most three deep
    /// (see [`Inline`]). A model built by hand that does gets the inner
    /// one's content without its element, so the markup stays valid.
    fn inlines(&self, out: &mut String, inlines: &[Inline], top: bool, inside: Inside) {
        let count = inlines.len();
        for i in 0..count {
            match &inlines[i] {
                Inline::Text { text, .. } => {
                    let mut text = text.as_str();
                    // The marker hugs the word before it.
                    if matches!(inlines.get(i + 1), Some(Inline::Cite { .. })) {
                        text = trim_end(text);
                    }
                    if top && i == 0 {
                        text = trim_start(text);
                    }
                    if top && i + 1 == count {
                        text = trim_end(text);
                    }
                    escape(out, text);
                }
                Inline::Code { text, .. } => {
                    push(out, "<code>");
                    escape(out, text);
                    push(out, "</code>");
                }
                Inline::Strong { children, .. } | Inline::Emphasis { children, .. } => {
                    // One writer for both: only their tags and bits differ.
                    let (bit, start, end) = match &inlines[i] {
                        Inline::Strong { .. } => (IN_STRONG, "<strong>", "</strong>"),
                        _ => (IN_EMPHASIS, "<em>", "</em>"),
                    };
                    // A hand-built model with an inline inside one of its
                    // own kind gets the inner one's content alone.
                    let nested = inside & bit != 0;
                    if !nested {
                        push(out, start);
                    }
                    self.inlines(out, children, false, inside | bit);
                    if !nested {
                        push(out, end);
                    }
                }
                Inline::Link { url, children, .. } => {
                    let within = inside | IN_LINK;
                    // No link or trigger inside a link: the text alone.
                    let mut nested = inside & IN_LINK != 0;
                    crate::parse::for_each_cite(children, &mut |_, _| nested = true);
                    match safe_url(url).filter(|_| !nested) {
                        Some(url) => {
                            self.link_open(out, url, "digest-link", false);
                            self.inlines(out, children, false, within);
                            self.link_close(out);
                        }
                        None => self.inlines(out, children, false, within),
                    }
                }
                Inline::Cite { ids, .. } => {
                    // In a right-to-left digest the pills still read `2 3`
                    // from left to right, as numbers do: an isolate of their
                    // own, which sits at the point's logical end.
                    push(
                        out,
                        if self.dir == Direction::Rtl {
                            "<span class=\"digest-cites\" dir=\"ltr\">"
                        } else {
                            "<span class=\"digest-cites\">"
                        },
                    );
                    // Each id once (`[2][2]`); linear, however many ids a
                    // group holds. A short group (nearly all) is checked
                    // in place, without the list a long one needs.
                    if ids.len() <= 16 {
                        for k in 0..ids.len() {
                            let id = ids[k];
                            if !ids[..k].contains(&id) {
                                self.trigger(out, id);
                            }
                        }
                    } else {
                        // Indexed: a `zip` of two slice iterators was a
                        // struct on the stack.
                        let first = crate::parse::first_occurrences(ids);
                        for k in 0..ids.len() {
                            if first[k] {
                                self.trigger(out, ids[k]);
                            }
                        }
                    }
                    push(out, "</span>");
                }
            }
        }
    }

    fn trigger(&self, out: &mut String, id: u32) {
        match self.citing.binary_search_by_key(&id, |c| c.id) {
            Ok(i) if i < self.pills.len() => push(out, &self.pills[i]),
            // A model built elsewhere may cite an id its point does not
            // list; a stream's pieces have no index.
            _ => self.write_trigger(out, id),
        }
    }

    fn write_trigger(&self, out: &mut String, id: u32) {
        let n = number(id as usize);
        let has_entry = self.reference(id).is_some();
        if has_entry {
            push(out, "<a class=\"digest-cite\" href=\"#");
            self.push_id(out, "-r", &n);
            push(out, "\" data-cite=\"");
        } else {
            push(
                out,
                "<button type=\"button\" class=\"digest-cite\" data-cite=\"",
            );
        }
        push(out, &n);
        push(out, "\" aria-describedby=\"");
        self.push_id(out, "-t", &n);
        push(out, "\" aria-label=\"");
        // A short string more, for one template writer: in a render once
        // per cited id (see `pills`), in a stream's pieces once per pill.
        escape(out, &fill(&self.labels.citation, &[("n", &n)]));
        push(out, "\">");
        push(out, &n);
        push(out, if has_entry { "</a>" } else { "</button>" });
    }

    fn references(&self, out: &mut String) {
        if self.references.is_empty() {
            return;
        }
        push(out, "<section class=\"digest-references\">");
        let heading = match &self.digest.references_heading {
            Some(h) => h.text.as_str(),
            None => &self.labels.references,
        };
        push(out, "<");
        push(out, self.heading);
        push(out, " class=\"digest-heading\">");
        escape(out, heading);
        push(out, "</");
        push(out, self.heading);
        push(out, "><ol class=\"digest-reference-list\">");
        for (id, r) in &self.references {
            let id = *id;
            let n = number(id as usize);
            self.numbered_start(
                out,
                "<li class=\"digest-reference\" id=\"",
                "-r",
                "\" value=\"",
                &n,
            );
            push(out, "\">");
            if let Some(title) = r.title {
                self.element(out, "span", "digest-reference-title", title);
                push(out, " ");
            }
            if let Some(text) = r.text {
                self.element(out, "span", "digest-reference-text", text);
                push(out, " ");
            }
            if let Some(url) = r.url {
                self.link(out, url, "digest-reference-link");
            }
            push(out, "</li>");
        }
        push(out, "</ol></section>");
    }

    /// A link showing its shortened URL, which reads left to right whatever
    /// the digest does.
    fn link(&self, out: &mut String, url: &str, class: &str) {
        self.link_open(out, url, class, self.dir == Direction::Rtl);
        let (shown, cut) = display_url(url);
        escape(out, shown);
        if cut {
            push(out, "…");
        }
        self.link_close(out);
    }

    /// A link's start: it opens in a new tab, without handing the page to
    /// the target. `url` must be one [`safe_url`] accepted; `ltr` says its
    /// text reads left to right in a digest that does not.
    fn link_open(&self, out: &mut String, url: &str, class: &str, ltr: bool) {
        push(out, "<a class=\"");
        push(out, class);
        push(out, "\" href=\"");
        escape(out, url);
        push(out, "\" target=\"_blank\" rel=\"noopener noreferrer\"");
        if ltr {
            push(out, " dir=\"ltr\"");
        }
        push(out, ">");
    }

    /// A link's end: the hidden label saying it opens a new tab.
    fn link_close(&self, out: &mut String) {
        push(out, "<span class=\"digest-visually-hidden\"> (");
        escape(out, &self.labels.opens_in_new_tab);
        push(out, ")</span></a>");
    }

    /// The tooltips' container, open, with the "Also cited in" template.
    fn tooltips_start(&self, out: &mut String) {
        push(out, TOOLTIPS_START);
        push(out, ALSO_TEMPLATE[0]);
        escape(out, &self.labels.also_cited_in);
        push(out, ALSO_TEMPLATE[1]);
    }

    /// The tooltip of citation `id`.
    fn tooltip(&self, out: &mut String, id: u32) {
        {
            let n = number(id as usize);
            let source_label = fill(&self.labels.source, &[("n", &n)]);
            self.numbered_start(
                out,
                "<div class=\"digest-tooltip\" role=\"tooltip\" id=\"",
                "-t",
                "\" data-cite=\"",
                &n,
            );
            // While open, a tooltip sits inside its pill's left-to-right run:
            // in a right-to-left digest it says its own direction.
            if self.dir == Direction::Rtl {
                push(out, "\" dir=\"rtl");
            }
            push(out, "\" hidden><div class=\"digest-tooltip-source\">");
            match self.reference(id) {
                Some(r) => {
                    let (head, rest) = match (r.title, r.text) {
                        (Some(t), text) => (Some(t), text),
                        (None, text) => (text, None),
                    };
                    self.element(
                        out,
                        "p",
                        "digest-tooltip-title",
                        head.unwrap_or(&source_label),
                    );
                    if let Some(text) = rest {
                        self.element(out, "p", "digest-tooltip-text", text);
                    }
                    if let Some(url) = r.url {
                        push(out, "<p>");
                        self.link(out, url, "digest-tooltip-link");
                        push(out, "</p>");
                    }
                }
                // "Source N"; the header's source line comes from the page
                // (see TOOLTIPS_START).
                None => self.element(out, "p", "digest-tooltip-title", &source_label),
            }
            push(out, "</div></div>");
        }
    }

    /// `{prefix}-{kind}{n}`: the id of reference entry `n` (`-r`) or of
    /// its tooltip (`-t`).
    #[inline(never)]
    fn push_id(&self, out: &mut String, kind: &str, n: &str) {
        push(out, &self.prefix);
        push(out, kind);
        push(out, n);
    }

    /// `{start}{id}{attr}{n}`: the opening tag of a reference entry or a
    /// tooltip, up to the number it shows.
    fn numbered_start(&self, out: &mut String, start: &str, kind: &str, attr: &str, n: &str) {
        push(out, start);
        self.push_id(out, kind, n);
        push(out, attr);
        push(out, n);
    }

    fn reference(&self, id: u32) -> Option<&ReferenceView<'a>> {
        let i = self
            .references
            .binary_search_by_key(&id, |(id, _)| *id)
            .ok()?;
        Some(&self.references[i].1)
    }
}

fn non_empty(s: &str) -> Option<&str> {
    let t = trim(s);
    (!t.is_empty()).then_some(t)
}

/// Escapes text for element content and attribute values alike.
#[inline(never)]
pub fn escape(out: &mut String, s: &str) {
    let bytes = s.as_bytes();
    let mut plain_from = 0;
    // One call of the (inlined) scanner: two were a copy of it each.
    loop {
        let i = crate::parse::next_html_special(bytes, plain_from);
        out.push_str(&s[plain_from..i]);
        if i >= bytes.len() {
            return;
        }
        let entity = match bytes[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            // HTML cannot carry NUL (parsers drop it from text): show the
            // replacement character, so the reader sees something was there.
            _ => "\u{FFFD}",
        };
        out.push_str(entity);
        plain_from = i + 1;
    }
}

/// `lang` for text written mostly in a CJK script, so the browser picks
/// fonts and line breaking for it (and screen readers a voice).
fn lang_attr(out: &mut String, text: &str) {
    if let Some(lang) = cjk_language(text) {
        push(out, " lang=\"");
        push(out, lang);
        push(out, "\"");
    }
}

/// `zh`, `ja` or `ko` when `text` is written mostly in that script.
pub fn cjk_language(text: &str) -> Option<&'static str> {
    // Most text is ASCII: no CJK at all, and no per-character work.
    let sample = &text.as_bytes()[..text.len().min(600)];
    if crate::parse::is_ascii(sample) {
        return None;
    }
    let (mut han, mut kana, mut hangul, mut other) = (0usize, 0usize, 0usize, 0usize);
    for c in text.chars().take(200) {
        match c as u32 {
            0x3040..=0x30FF => kana += 1,
            0xAC00..=0xD7AF => hangul += 1,
            0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF => han += 1,
            _ if crate::parse::is_letter(c) => other += 1,
            _ => {}
        }
    }
    let cjk = han + kana + hangul;
    if cjk == 0 || cjk < other {
        None
    } else if kana > 0 {
        Some("ja")
    } else if hangul > han {
        Some("ko")
    } else {
        Some("zh")
    }
}

/// `2025-06-03T15:39` as `3 June 2025, 15:39` (through the labels).
pub fn human_date(iso: &str, labels: &Labels) -> String {
    let (date, time) = match split_at_first(iso, "T") {
        Some((d, t)) => (d, Some(t)),
        None => (iso, None),
    };
    let Some((y, rest)) = split_at_first(date, "-") else {
        return iso.into();
    };
    let Some((m, d)) = split_at_first(rest, "-") else {
        return iso.into();
    };
    let month = match month_number(m).and_then(|i| labels.months.get(i - 1)) {
        Some(name) => name.as_str(),
        None => m,
    };
    // Byte loops here and in `display_url`: `trim_*_matches(char)` built
    // a char searcher.
    let mut zeros = 0;
    while d.as_bytes().get(zeros) == Some(&b'0') {
        zeros += 1;
    }
    let day = &d[zeros..];
    let date_text = fill(
        &labels.date_format,
        &[("day", day), ("month", month), ("year", y)],
    );
    match time {
        Some(t) => fill(
            &labels.date_time_format,
            &[("date", &date_text), ("time", t)],
        ),
        None => date_text,
    }
}

/// `s` split around its first `sep`: `split_once` and `splitn` on a char
/// were each a searcher in the wasm module.
fn split_at_first<'s>(s: &'s str, sep: &str) -> Option<(&'s str, &'s str)> {
    let i = find_str(s, sep)?;
    Some((&s[..i], &s[i + sep.len()..]))
}

/// A month's number, 1 to 12, as `m.parse::<usize>()` reads it (a `+`
/// and leading zeros allowed), without `from_str`'s code.
fn month_number(m: &str) -> Option<usize> {
    let digits = match m.as_bytes() {
        [b'+', rest @ ..] => rest,
        all => all,
    };
    let mut n = 0usize;
    let mut i = 0;
    while i < digits.len() {
        let d = digits[i];
        if !d.is_ascii_digit() {
            return None;
        }
        n = n.saturating_mul(10).saturating_add(usize::from(d - b'0'));
        i += 1;
    }
    (!digits.is_empty() && matches!(n, 1..=12)).then_some(n)
}

/// The date part of a source line whose date could not be read: where the
/// parser found it, or, in a model built elsewhere, what follows the
/// publisher.
fn raw_date<'r>(raw: &'r str, publisher: &str) -> &'r str {
    if let Some(date) = crate::parse::source_date(raw) {
        return date;
    }
    let mut rest = trim_start(strip_prefix_any(raw, &[publisher]).unwrap_or(raw));
    // Not `trim_start_matches` with these: a `[char; 5]` searcher of its
    // own. (Prefixes through the parser's byte helper: `str::strip_prefix`
    // was an instance of its own too.)
    const DOTS: [&str; 5] = ["·", "•", "・", "‧", "∙"];
    while let Some(after) = strip_prefix_any(rest, &DOTS) {
        rest = after;
    }
    trim_start(rest)
}

/// `https://www.example.com/a/b/` as `example.com/a/b`, and whether it
/// was cut after its 47th character (then an ellipsis follows): a slice of
/// `url`, not a string made for each link.
fn display_url(url: &str) -> (&str, bool) {
    let rest = crate::parse::find_str(url, "://").map_or(url, |i| &url[i + 3..]);
    let rest = strip_prefix_any(rest, &["www."]).unwrap_or(rest);
    let mut end = rest.len();
    while end > 0 && rest.as_bytes()[end - 1] == b'/' {
        end -= 1;
    }
    let rest = &rest[..end];
    // Where the 48th character starts, if there are more than 48.
    let bytes = rest.as_bytes();
    let mut chars = 0;
    let mut cut = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] & 0xC0 != 0x80 {
            chars += 1;
            if chars == 48 {
                cut = i;
            } else if chars == 49 {
                return (&rest[..cut], true);
            }
        }
        i += 1;
    }
    (rest, false)
}

/// Keeps the characters valid in an id and a CSS identifier.
fn sanitize_prefix(p: &str) -> String {
    // By byte: every character kept is ASCII, and no byte of another
    // character is (a `chars` chain collected was its own UTF-8 code).
    let bytes = p.as_bytes();
    let mut clean = String::new();
    let mut i = 0;
    while i < bytes.len() && clean.len() < 64 {
        let b = bytes[i];
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_') {
            clean.push(char::from(b));
        }
        i += 1;
    }
    if clean
        .as_bytes()
        .first()
        .is_some_and(u8::is_ascii_alphabetic)
    {
        clean
    } else {
        // Pushed, not a `concat` (`join_generic_copy`, its own code).
        let mut prefixed = String::from("dg-");
        prefixed.push_str(&clean);
        prefixed
    }
}

/// `dg-` and a hash of how the digest begins, so the same digest gets the
/// same ids on a server and in a browser, and different digests on one page
/// rarely collide. Only the first section's heading and the first point
/// count (the title when there is no point): a stream knows them early, so
/// the ids it writes never change afterwards.
fn default_prefix(d: &Digest) -> String {
    let mut hash: u32 = 0x811c_9dc5;
    if let Some(h) = d.sections.first().and_then(|s| s.heading.as_ref()) {
        feed_hash(&mut hash, &h.text);
    }
    match d.sections.iter().find_map(|s| s.points.first()) {
        Some(p) => feed_hash(&mut hash, &p.text),
        None => {
            if let Some(t) = &d.title {
                feed_hash(&mut hash, &t.headline);
            }
            for section in &d.sections {
                if let Some(h) = &section.heading {
                    feed_hash(&mut hash, &h.text);
                }
            }
        }
    }
    // In base 36, most significant digit first.
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut places = 1;
    while hash / places >= 36 {
        places *= 36;
    }
    let mut out = String::from("dg-");
    while places > 0 {
        let d = (hash / places % 36) as usize;
        out.push(char::from(DIGITS[d]));
        places /= 36;
    }
    out
}

/// FNV-1a over the first 64 bytes of `s` and an end mark: a bounded
/// prefix of each text is enough to tell digests apart. (A function, not a
/// closure: inlined at each call, its iterator chain cost 600 bytes.)
#[inline(never)]
fn feed_hash(hash: &mut u32, s: &str) {
    let bytes = s.as_bytes();
    let end = bytes.len().min(64);
    let mut i = 0;
    while i < end {
        *hash = (*hash ^ u32::from(bytes[i])).wrapping_mul(0x0100_0193);
        i += 1;
    }
    *hash = (*hash ^ 0xff).wrapping_mul(0x0100_0193);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_urls_are_shown_to_47_characters_and_an_ellipsis() {
        let display_url = |url: &str| match super::display_url(url) {
            (shown, true) => format!("{shown}…"),
            (shown, false) => shown.to_string(),
        };
        let short = format!("https://{}/", "é".repeat(48));
        assert_eq!(display_url(&short), "é".repeat(48));
        let long = format!("https://www.{}", "日".repeat(49));
        assert_eq!(display_url(&long), format!("{}…", "日".repeat(47)));
        assert_eq!(display_url("http://example.com/a/"), "example.com/a");
    }

    #[test]
    fn escapes_all_five() {
        let mut out = String::new();
        escape(&mut out, "<a href='x'>&\"</a>\u{0}");
        assert_eq!(
            out,
            "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;\u{FFFD}"
        );
    }

    #[test]
    fn dates_read_like_dates() {
        let labels = Labels::default();
        assert_eq!(
            human_date("2025-06-03T15:39", &labels),
            "3 June 2025, 15:39"
        );
        assert_eq!(human_date("2025-06-09", &labels), "9 June 2025");
    }

    #[test]
    fn months_read_as_from_str_reads_them() {
        for m in [
            "",
            "+",
            "-1",
            "0",
            "00",
            "1",
            "01",
            "+7",
            "12",
            "13",
            "0012",
            "+-1",
            "1a",
            " 1",
            "99999999999999999999999",
            "٣",
        ] {
            let expected = m.parse::<usize>().ok().filter(|n| (1..=12).contains(n));
            assert_eq!(month_number(m), expected, "{m:?}");
        }
    }

    #[test]
    fn raw_dates_lose_their_leading_dots() {
        for (raw, publisher) in [
            ("Courier · · • yesterday", "Courier"),
            ("Courier・‧∙ 3pm ·", "Courier"),
            ("Courier", "Courier"),
            ("·", "x"),
            ("Other ·· late", "Courier"),
        ] {
            let rest = raw.strip_prefix(publisher).unwrap_or(raw).trim_start();
            let expected = rest
                .trim_start_matches(['·', '•', '・', '‧', '∙'])
                .trim_start();
            if crate::parse::source_date(raw).is_none() {
                assert_eq!(raw_date(raw, publisher), expected, "{raw:?}");
            }
        }
    }

    #[test]
    fn templates_fill_known_keys_only() {
        assert_eq!(fill("Source {n}", &[("n", "3")]), "Source 3");
        assert_eq!(fill("{a}{b} {c} {", &[("a", "1"), ("b", "2")]), "12 {c} {");
        assert_eq!(number(0), "0");
        assert_eq!(number(4_294_967_295), "4294967295");
    }

    #[test]
    fn prefixes_are_valid_ids() {
        assert_eq!(sanitize_prefix("my digest!"), "mydigest");
        assert_eq!(sanitize_prefix("9x"), "dg-9x");
        assert_eq!(sanitize_prefix("\"><script>"), "script");
    }
}
