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
//!   <section class="digest-references">…<ol><li id="dg-k3x9-r1" value="1">…</li></ol></section>
//!   <div class="digest-tooltips"><div class="digest-tooltip" role="tooltip" id="dg-k3x9-t1" hidden>…</div></div>
//! </article>
//! ```
//!
//! Citation triggers link to their reference entry when there is one, so
//! they work without JavaScript; otherwise they are buttons. Tooltips are
//! rendered once per cited id, hidden, and shown by the behaviour script.

use super::{safe_url, Labels, RenderOptions};
use crate::model::{Digest, Inline, Point};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Renders `digest` as an HTML fragment (one `<article>`).
pub fn render(digest: &Digest, options: &RenderOptions) -> String {
    let prefix = match &options.id_prefix {
        Some(p) => sanitize_prefix(p),
        None => default_prefix(digest),
    };
    let view = View::new(digest, options, prefix);
    let mut out = String::with_capacity(estimate(digest));
    view.article(&mut out);
    out
}

fn estimate(digest: &Digest) -> usize {
    let text: usize = digest
        .sections
        .iter()
        .flat_map(|s| &s.points)
        .map(|p| p.text.len() + 120 * p.citations.len() + 80)
        .sum();
    text * 2 + 1024
}

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
    level: u8,
    prefix: String,
    references: BTreeMap<u32, ReferenceView<'a>>,
    /// For every cited id, the (section, point) pairs that cite it, in order.
    citing: BTreeMap<u32, Vec<(usize, usize)>>,
}

impl<'a> View<'a> {
    fn new(digest: &'a Digest, options: &'a RenderOptions, prefix: String) -> Self {
        let mut references: BTreeMap<u32, ReferenceView<'a>> = BTreeMap::new();
        for r in &digest.references {
            references.entry(r.id).or_insert(ReferenceView {
                title: r.title.as_deref().and_then(non_empty),
                text: non_empty(&r.text),
                url: r.url.as_deref().and_then(safe_url),
            });
        }
        // Recomputed rather than read from `digest.citations`: a model that
        // came from JavaScript may not carry a consistent index.
        let mut citing: BTreeMap<u32, Vec<(usize, usize)>> = BTreeMap::new();
        for (si, section) in digest.sections.iter().enumerate() {
            for (pi, point) in section.points.iter().enumerate() {
                for id in point_ids(point) {
                    let list = citing.entry(id).or_default();
                    if list.last() != Some(&(si, pi)) {
                        list.push((si, pi));
                    }
                }
            }
        }
        Self {
            digest,
            labels: &options.labels,
            level: options.heading_level(),
            prefix,
            references,
            citing,
        }
    }

    fn article(&self, out: &mut String) {
        let d = self.digest;
        let _ = write!(out, "<article class=\"digest\" id=\"{}\">", self.prefix);
        self.header(out);
        for (si, section) in d.sections.iter().enumerate() {
            out.push_str("<section class=\"digest-section\">");
            if let Some(h) = &section.heading {
                let _ = write!(out, "<h{} class=\"digest-heading\"", self.level);
                lang_attr(out, &h.text);
                out.push('>');
                escape(out, &h.text);
                let _ = write!(out, "</h{}>", self.level);
            }
            if !section.points.is_empty() {
                out.push_str("<ul class=\"digest-points\">");
                for (pi, point) in section.points.iter().enumerate() {
                    let _ = write!(
                        out,
                        "<li class=\"digest-point\" id=\"{}\"",
                        self.point_id(si, pi)
                    );
                    lang_attr(out, &point.text);
                    out.push('>');
                    self.point(out, point);
                    out.push_str("</li>");
                }
                out.push_str("</ul>");
            }
            out.push_str("</section>");
        }
        if d.title.is_none() && d.source.is_none() && d.sections.is_empty() {
            out.push_str("<p class=\"digest-empty\">");
            escape(out, &self.labels.empty);
            out.push_str("</p>");
        }
        self.references(out);
        self.tooltips(out);
        out.push_str("</article>");
    }

    fn header(&self, out: &mut String) {
        let d = self.digest;
        if d.title.is_none() && d.source.is_none() {
            return;
        }
        out.push_str("<header class=\"digest-header\">");
        if let Some(title) = &d.title {
            if let Some(column) = &title.column {
                out.push_str("<p class=\"digest-column\"");
                lang_attr(out, column);
                out.push('>');
                escape(out, column);
                out.push_str("</p>");
            }
            let level = self.level - 1;
            let _ = write!(out, "<h{level} class=\"digest-headline\"");
            lang_attr(out, &title.headline);
            out.push('>');
            escape(out, &title.headline);
            let _ = write!(out, "</h{level}>");
        }
        if let Some(source) = &d.source {
            out.push_str("<p class=\"digest-source\">");
            if !source.publisher.is_empty() {
                out.push_str("<span class=\"digest-publisher\"");
                lang_attr(out, &source.publisher);
                out.push('>');
                escape(out, &source.publisher);
                out.push_str("</span>");
            }
            match &source.published {
                Some(iso) => {
                    if !source.publisher.is_empty() {
                        out.push_str("<span class=\"digest-dot\" aria-hidden=\"true\"> · </span>");
                    }
                    out.push_str("<time datetime=\"");
                    escape(out, iso);
                    out.push_str("\">");
                    escape(out, &human_date(iso, self.labels));
                    out.push_str("</time>");
                }
                None if source.raw != source.publisher => {
                    // A date we could not read is still shown as written.
                    out.push_str("<span class=\"digest-dot\" aria-hidden=\"true\"> · </span><span class=\"digest-date\">");
                    escape(out, raw_date(&source.raw, &source.publisher));
                    out.push_str("</span>");
                }
                None => {}
            }
            out.push_str("</p>");
        }
        out.push_str("</header>");
    }

    fn point(&self, out: &mut String, point: &Point) {
        if point.inlines.is_empty() {
            // A model built by hand may carry only the text.
            escape(out, &point.text);
            return;
        }
        let count = point.inlines.len();
        for (i, inline) in point.inlines.iter().enumerate() {
            match inline {
                Inline::Text { text, .. } => {
                    let mut text = text.as_str();
                    // The marker hugs the word before it.
                    if matches!(point.inlines.get(i + 1), Some(Inline::Cite { .. })) {
                        text = text.trim_end();
                    }
                    if i == 0 {
                        text = text.trim_start();
                    }
                    if i + 1 == count {
                        text = text.trim_end();
                    }
                    escape(out, text);
                }
                Inline::Cite { ids, .. } => {
                    out.push_str("<span class=\"digest-cites\">");
                    let mut seen: Vec<u32> = Vec::new();
                    for &id in ids {
                        if seen.contains(&id) {
                            continue;
                        }
                        seen.push(id);
                        self.trigger(out, id);
                    }
                    out.push_str("</span>");
                }
            }
        }
    }

    fn trigger(&self, out: &mut String, id: u32) {
        let label = self.labels.citation.replace("{n}", &id.to_string());
        let p = &self.prefix;
        if self.references.contains_key(&id) {
            let _ = write!(out, "<a class=\"digest-cite\" href=\"#{p}-r{id}\" data-cite=\"{id}\" aria-describedby=\"{p}-t{id}\" aria-label=\"");
            escape(out, &label);
            let _ = write!(out, "\">{id}</a>");
        } else {
            let _ = write!(out, "<button type=\"button\" class=\"digest-cite\" data-cite=\"{id}\" aria-describedby=\"{p}-t{id}\" aria-label=\"");
            escape(out, &label);
            let _ = write!(out, "\">{id}</button>");
        }
    }

    fn references(&self, out: &mut String) {
        if self.references.is_empty() {
            return;
        }
        let p = &self.prefix;
        let _ = write!(
            out,
            "<section class=\"digest-references\"><h{} class=\"digest-heading\">",
            self.level
        );
        match &self.digest.references_heading {
            Some(h) => escape(out, &h.text),
            None => escape(out, &self.labels.references),
        }
        let _ = write!(
            out,
            "</h{}><ol class=\"digest-reference-list\">",
            self.level
        );
        for (id, r) in &self.references {
            let _ = write!(
                out,
                "<li class=\"digest-reference\" id=\"{p}-r{id}\" value=\"{id}\">"
            );
            if let Some(title) = r.title {
                out.push_str("<span class=\"digest-reference-title\">");
                escape(out, title);
                out.push_str("</span> ");
            }
            if let Some(text) = r.text {
                out.push_str("<span class=\"digest-reference-text\">");
                escape(out, text);
                out.push_str("</span> ");
            }
            if let Some(url) = r.url {
                self.link(out, url, "digest-reference-link");
            }
            out.push_str("</li>");
        }
        out.push_str("</ol></section>");
    }

    fn link(&self, out: &mut String, url: &str, class: &str) {
        let _ = write!(out, "<a class=\"{class}\" href=\"");
        escape(out, url);
        out.push_str("\" target=\"_blank\" rel=\"noopener noreferrer\">");
        escape(out, &display_url(url));
        out.push_str("<span class=\"digest-visually-hidden\"> (");
        escape(out, &self.labels.opens_in_new_tab);
        out.push_str(")</span></a>");
    }

    fn tooltips(&self, out: &mut String) {
        if self.citing.is_empty() {
            return;
        }
        let p = &self.prefix;
        out.push_str("<div class=\"digest-tooltips\">");
        for (&id, points) in &self.citing {
            let _ = write!(out, "<div class=\"digest-tooltip\" role=\"tooltip\" id=\"{p}-t{id}\" data-cite=\"{id}\" hidden><div class=\"digest-tooltip-source\">");
            match self.references.get(&id) {
                Some(r) => {
                    let (head, rest) = match (r.title, r.text) {
                        (Some(t), text) => (Some(t), text),
                        (None, text) => (text, None),
                    };
                    out.push_str("<p class=\"digest-tooltip-title\">");
                    match head {
                        Some(h) => escape(out, h),
                        None => escape(out, &self.labels.source.replace("{n}", &id.to_string())),
                    }
                    out.push_str("</p>");
                    if let Some(text) = rest {
                        out.push_str("<p class=\"digest-tooltip-text\">");
                        escape(out, text);
                        out.push_str("</p>");
                    }
                    if let Some(url) = r.url {
                        out.push_str("<p>");
                        self.link(out, url, "digest-tooltip-link");
                        out.push_str("</p>");
                    }
                }
                None => {
                    out.push_str("<p class=\"digest-tooltip-title\">");
                    escape(out, &self.labels.source.replace("{n}", &id.to_string()));
                    out.push_str("</p>");
                    if let Some(source) = &self.digest.source {
                        out.push_str("<p class=\"digest-tooltip-text\">");
                        escape(out, &source.publisher);
                        if let Some(iso) = &source.published {
                            if !source.publisher.is_empty() {
                                out.push_str(" · ");
                            }
                            escape(out, &human_date(iso, self.labels));
                        }
                        out.push_str("</p>");
                    }
                }
            }
            out.push_str("</div>");
            if points.len() > 1 {
                out.push_str(
                    "<div class=\"digest-tooltip-also\"><p class=\"digest-tooltip-also-label\">",
                );
                escape(out, &self.labels.also_cited_in);
                out.push_str("</p><ul>");
                for &(si, pi) in points {
                    let pid = self.point_id(si, pi);
                    let section = &self.digest.sections[si];
                    let _ = write!(out, "<li data-point=\"{pid}\"><a class=\"digest-tooltip-point\" href=\"#{pid}\">");
                    if let Some(h) = &section.heading {
                        out.push_str("<span class=\"digest-tooltip-heading\">");
                        escape(out, &h.text);
                        out.push_str("</span> ");
                    }
                    escape(out, &excerpt(&section.points[pi].text));
                    out.push_str("</a></li>");
                }
                out.push_str("</ul></div>");
            }
            out.push_str("</div>");
        }
        out.push_str("</div>");
    }

    fn point_id(&self, section: usize, point: usize) -> String {
        format!("{}-p{}-{}", self.prefix, section + 1, point + 1)
    }
}

/// Ids a point cites: its `citations`, or, for a hand-built model without
/// them, the ids in its citation groups.
fn point_ids(point: &Point) -> Vec<u32> {
    if !point.citations.is_empty() {
        return point.citations.clone();
    }
    let mut ids = Vec::new();
    for inline in &point.inlines {
        if let Inline::Cite { ids: group, .. } = inline {
            for id in group {
                if !ids.contains(id) {
                    ids.push(*id);
                }
            }
        }
    }
    ids
}

fn non_empty(s: &str) -> Option<&str> {
    let t = s.trim();
    (!t.is_empty()).then_some(t)
}

/// Escapes text for element content and attribute values alike.
pub fn escape(out: &mut String, s: &str) {
    let mut plain_from = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[plain_from..i]);
        out.push_str(entity);
        plain_from = i + 1;
    }
    out.push_str(&s[plain_from..]);
}

/// `lang` for text written mostly in a CJK script, so the browser picks
/// fonts and line breaking for it (and screen readers a voice).
fn lang_attr(out: &mut String, text: &str) {
    let (mut han, mut kana, mut hangul, mut other) = (0usize, 0usize, 0usize, 0usize);
    for c in text.chars().take(200) {
        match c as u32 {
            0x3040..=0x30FF => kana += 1,
            0xAC00..=0xD7AF => hangul += 1,
            0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF => han += 1,
            _ if c.is_alphabetic() => other += 1,
            _ => {}
        }
    }
    let cjk = han + kana + hangul;
    if cjk == 0 || cjk < other {
        return;
    }
    out.push_str(if kana > 0 {
        " lang=\"ja\""
    } else if hangul > han {
        " lang=\"ko\""
    } else {
        " lang=\"zh\""
    });
}

/// `2025-06-03T15:39` as `3 June 2025, 15:39` (through the labels).
pub fn human_date(iso: &str, labels: &Labels) -> String {
    let (date, time) = match iso.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (iso, None),
    };
    let mut parts = date.splitn(3, '-');
    let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
        return iso.to_string();
    };
    let month_index = m.parse::<usize>().ok().filter(|m| (1..=12).contains(m));
    let month = match month_index.and_then(|i| labels.months.get(i - 1)) {
        Some(name) => name.clone(),
        None => m.to_string(),
    };
    let day = d.trim_start_matches('0');
    let date_text = labels
        .date_format
        .replace("{day}", day)
        .replace("{month}", &month)
        .replace("{year}", y);
    match time {
        Some(t) => labels
            .date_time_format
            .replace("{date}", &date_text)
            .replace("{time}", t),
        None => date_text,
    }
}

/// The date part of a source line whose date could not be read.
fn raw_date<'r>(raw: &'r str, publisher: &str) -> &'r str {
    let rest = raw.strip_prefix(publisher).unwrap_or(raw).trim_start();
    rest.trim_start_matches(['·', '•', '・', '‧', '∙'])
        .trim_start()
}

/// A point's text cut to about 80 characters at a word boundary.
fn excerpt(text: &str) -> String {
    const LIMIT: usize = 80;
    if text.chars().count() <= LIMIT {
        return text.to_string();
    }
    let cut = text
        .char_indices()
        .nth(LIMIT)
        .map_or(text.len(), |(i, _)| i);
    let head = &text[..cut];
    // Prefer a word boundary, unless that loses most of the excerpt (CJK has none).
    let head = match head.rfind(' ') {
        Some(space) if space > cut / 2 => &head[..space],
        _ => head,
    };
    format!("{}…", head.trim_end_matches([',', ';', ':', ' ', '，']))
}

/// `https://www.example.com/a/b/` as `example.com/a/b`, shortened.
fn display_url(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let rest = rest.trim_end_matches('/');
    if rest.chars().count() <= 48 {
        return rest.to_string();
    }
    let cut = rest.char_indices().nth(47).map_or(rest.len(), |(i, _)| i);
    format!("{}…", &rest[..cut])
}

/// Keeps the characters valid in an id and a CSS identifier.
fn sanitize_prefix(p: &str) -> String {
    let clean: String = p
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .take(64)
        .collect();
    if clean.starts_with(|c: char| c.is_ascii_alphabetic()) {
        clean
    } else {
        format!("dg-{clean}")
    }
}

/// `dg-` and a hash of what the digest says, so the same digest gets the
/// same ids on a server and in a browser, and different digests on one page
/// rarely collide.
fn default_prefix(d: &Digest) -> String {
    let mut hash: u32 = 0x811c_9dc5;
    let mut feed = |s: &str| {
        for b in s.bytes().chain([0xff]) {
            hash ^= u32::from(b);
            hash = hash.wrapping_mul(0x0100_0193);
        }
    };
    if let Some(t) = &d.title {
        feed(&t.headline);
    }
    for section in &d.sections {
        if let Some(h) = &section.heading {
            feed(&h.text);
        }
        for p in &section.points {
            feed(&p.text);
        }
    }
    let mut n = hash;
    let mut digits = Vec::new();
    loop {
        digits.push(b"0123456789abcdefghijklmnopqrstuvwxyz"[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    digits.reverse();
    format!("dg-{}", String::from_utf8_lossy(&digits))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_all_five() {
        let mut out = String::new();
        escape(&mut out, "<a href='x'>&\"</a>");
        assert_eq!(out, "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;");
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
    fn excerpts_cut_at_words() {
        let long = "word ".repeat(40);
        let e = excerpt(long.trim());
        assert!(e.ends_with("word…") && e.chars().count() <= 81, "{e}");
        assert_eq!(excerpt("short"), "short");
    }

    #[test]
    fn prefixes_are_valid_ids() {
        assert_eq!(sanitize_prefix("my digest!"), "mydigest");
        assert_eq!(sanitize_prefix("9x"), "dg-9x");
        assert_eq!(sanitize_prefix("\"><script>"), "script");
    }
}
