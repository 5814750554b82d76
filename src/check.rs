//! Checks of the guarantees every digest and every rendering keep, shared by
//! the tests and the fuzz targets (not part of the public API).
//!
//! - every span lies in the input, on char boundaries, with UTF-16 offsets
//!   that match its byte offsets;
//! - every non-white-space character lies in the span of some node or
//!   diagnostic (nothing lost);
//! - headings, points, inlines and notes are never empty; an inline lies inside
//!   its parent's span and never inside one of its own kind, a link holds
//!   no citation group, links are `http(s):`; the citation index agrees
//!   with the points;
//! - a stream's operations fit the page they change ([`StreamPage`]);
//! - HTML output is well-formed, made only of the renderer's own elements
//!   and attributes, with only `#…` or `http(s):` links, and no link or
//!   button inside another.

use crate::json::read::{self, Value};
use crate::model::{Digest, Inline, Span};

/// Whether `digest` (parsed from `input`) keeps every invariant.
pub fn invariants(input: &str, digest: &Digest) -> Result<(), String> {
    let mut spans: Vec<(Span, &'static str)> = Vec::new();
    if let Some(t) = &digest.title {
        spans.push((t.span, "title"));
    }
    if let Some(s) = &digest.source {
        spans.push((s.span, "source"));
    }
    for section in &digest.sections {
        spans.push((section.span, "section"));
        if let Some(h) = &section.heading {
            spans.push((h.span, "heading"));
            if h.text.trim().is_empty() {
                return Err("empty heading".into());
            }
        }
        for point in &section.points {
            spans.push((point.span, "point"));
            if point.inlines.is_empty() {
                return Err("point with no inlines".into());
            }
            inlines(&point.inlines, point.span, Inside::default(), &mut spans)?;
        }
    }
    for note in &digest.notes {
        if note.text.trim().is_empty() {
            return Err("empty note".into());
        }
        spans.push((note.span, "note"));
    }
    if let Some(h) = &digest.references_heading {
        spans.push((h.span, "references heading"));
    }
    for r in &digest.references {
        spans.push((r.span, "reference"));
    }
    for d in &digest.diagnostics {
        spans.push((d.span, "diagnostic"));
    }

    // UTF-16 offset of every byte offset that is a char boundary.
    let mut utf16_at = vec![u32::MAX; input.len() + 1];
    let mut units = 0u32;
    for (i, c) in input.char_indices() {
        utf16_at[i] = units;
        units += c.len_utf16() as u32;
    }
    utf16_at[input.len()] = units;
    for (span, what) in &spans {
        let r = span.bytes();
        if r.start > r.end || r.end > input.len() {
            return Err(format!("{what} span {r:?} out of range"));
        }
        if !input.is_char_boundary(r.start) || !input.is_char_boundary(r.end) {
            return Err(format!("{what} span {r:?} splits a char"));
        }
        if span.start != utf16_at[r.start] || span.end != utf16_at[r.end] {
            return Err(format!(
                "{what} span {r:?}: UTF-16 {}..{} is wrong",
                span.start, span.end
            ));
        }
    }

    // Nothing lost: sweep the spans, sorted, over the input.
    let mut ranges: Vec<_> = spans.iter().map(|(s, _)| s.bytes()).collect();
    ranges.sort_by_key(|r| r.start);
    let mut covered = 0usize;
    let mut next = ranges.iter().peekable();
    for (i, c) in input.char_indices() {
        while let Some(r) = next.next_if(|r| r.start <= i) {
            covered = covered.max(r.end);
        }
        if !c.is_whitespace() && i >= covered {
            return Err(format!("character {c:?} at byte {i} is in no span"));
        }
    }

    for c in &digest.citations {
        for at in &c.points {
            let cites = digest
                .point(*at)
                .is_some_and(|p| p.citations.contains(&c.id));
            if !cites {
                return Err(format!(
                    "citation index lists a point that does not cite [{}]",
                    c.id
                ));
            }
        }
    }
    Ok(())
}

/// The containers an inline sits in.
#[derive(Clone, Copy, Default)]
struct Inside {
    strong: bool,
    emphasis: bool,
    link: bool,
}

/// Checks `list` (inside `parent`, whose span holds them) and collects
/// their spans. Recursive: the checks themselves bound the depth, since an
/// inline of a kind already open is an error.
fn inlines(
    list: &[Inline],
    parent: Span,
    inside: Inside,
    spans: &mut Vec<(Span, &'static str)>,
) -> Result<(), String> {
    for inline in list {
        let span = inline.span();
        if span.byte_start < parent.byte_start || span.byte_end > parent.byte_end {
            return Err(format!("inline {:?} outside its parent", span.bytes()));
        }
        let mut within = inside;
        let what = match inline {
            Inline::Text { text, .. } => {
                if text.is_empty() {
                    return Err("empty text inline".into());
                }
                "text"
            }
            Inline::Cite { ids, .. } => {
                if ids.is_empty() {
                    return Err("citation group with no ids".into());
                }
                if inside.link {
                    return Err("citation group inside a link".into());
                }
                "cite"
            }
            Inline::Code { text, .. } => {
                if text.is_empty() {
                    return Err("empty code".into());
                }
                "code"
            }
            Inline::Strong { .. } => {
                if std::mem::replace(&mut within.strong, true) {
                    return Err("strong inside strong".into());
                }
                "strong"
            }
            Inline::Emphasis { .. } => {
                if std::mem::replace(&mut within.emphasis, true) {
                    return Err("emphasis inside emphasis".into());
                }
                "emphasis"
            }
            Inline::Link { url, .. } => {
                if std::mem::replace(&mut within.link, true) {
                    return Err("link inside a link".into());
                }
                if crate::parse::safe_url(url) != Some(url.as_str()) {
                    return Err(format!("link to {url:?}"));
                }
                "link"
            }
        };
        if matches!(
            inline,
            Inline::Strong { .. } | Inline::Emphasis { .. } | Inline::Link { .. }
        ) && inline.children().is_empty()
        {
            return Err(format!("empty {what}"));
        }
        spans.push((span, what));
        inlines(inline.children(), span, within, spans)?;
    }
    Ok(())
}

/// Elements and attributes the renderer writes; anything else in its output
/// came from the input, which must never happen.
const ELEMENTS: &[&str] = &[
    "article", "header", "p", "h1", "h2", "h3", "h4", "h5", "h6", "span", "time", "section", "ul",
    "ol", "li", "a", "button", "div", "strong", "em", "code", "template",
];
const ATTRIBUTES: &[&str] = &[
    "class",
    "id",
    "lang",
    "dir",
    "datetime",
    "href",
    "target",
    "rel",
    "data-cite",
    "data-point",
    "aria-describedby",
    "aria-label",
    "aria-hidden",
    "role",
    "hidden",
    "type",
    "value",
];

/// Checks that `html` is well-formed markup made only of the renderer's own
/// elements and attributes, and returns its text content (entities decoded).
pub fn html(html: &str) -> Result<String, String> {
    let mut stack: Vec<&str> = Vec::new();
    let mut text = String::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        text.push_str(&decode(&rest[..lt]));
        let gt = rest[lt..].find('>').ok_or("unclosed tag")? + lt;
        let tag = &rest[lt + 1..gt];
        rest = &rest[gt + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            let open = stack
                .pop()
                .ok_or_else(|| format!("</{name}> closes nothing"))?;
            if open != name {
                return Err(format!("</{name}> closes <{open}>"));
            }
            continue;
        }
        let name_end = tag.find(' ').unwrap_or(tag.len());
        let name = &tag[..name_end];
        if !ELEMENTS.contains(&name) {
            return Err(format!("unexpected element <{name}>"));
        }
        let interactive = |n: &&str| matches!(*n, "a" | "button");
        if interactive(&name) && stack.iter().any(interactive) {
            return Err(format!("<{name}> inside a link or button"));
        }
        let mut attrs = &tag[name_end..];
        while !attrs.trim().is_empty() {
            attrs = attrs.trim_start();
            let eq = attrs.find(['=', ' ']).unwrap_or(attrs.len());
            let attr = &attrs[..eq];
            if !ATTRIBUTES.contains(&attr) {
                return Err(format!("unexpected attribute {attr} on <{name}>"));
            }
            if attrs[eq..].starts_with("=\"") {
                let close = attrs[eq + 2..].find('"').ok_or("unterminated attribute")? + eq + 2;
                let value = &attrs[eq + 2..close];
                if value.contains(['<', '>']) {
                    return Err(format!("raw bracket in {attr}"));
                }
                let lower = value.to_ascii_lowercase();
                if attr == "href"
                    && !(value.starts_with('#')
                        || lower.starts_with("http://")
                        || lower.starts_with("https://"))
                {
                    return Err(format!("unsafe href {value:?}"));
                }
                attrs = &attrs[close + 1..];
            } else {
                attrs = &attrs[eq..];
            }
        }
        stack.push(name);
    }
    text.push_str(&decode(rest));
    if !stack.is_empty() {
        return Err(format!("unclosed elements {stack:?}"));
    }
    Ok(text)
}

fn decode(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// A stream's page, modelled plainly: the article's start tag's attributes
/// and its element children, as markup. Applies a stream's operations the
/// way npm/patch.js does in a browser, for the tests and the fuzz target.
#[derive(Default)]
pub struct StreamPage {
    attrs: Vec<(String, String)>,
    children: Vec<String>,
    /// How often a push rewrote a point its section had a later point after.
    pub rewritten_after_final: usize,
    /// Points `finish` rewrote in more than their citation pills.
    pub rewritten_at_finish: Vec<String>,
    pub finishing: bool,
}

/// A point's markup with its pills' element names and targets left out:
/// pills become links to the references when `finish` finds them.
pub fn without_pill_kinds(li: &str) -> String {
    let mut out = String::new();
    let mut rest = li;
    while let Some(at) = rest.find("class=\"digest-cite\"") {
        let open = rest[..at].rfind('<').unwrap();
        out.push_str(&rest[..open]);
        let data = rest[at..].find(" data-cite").unwrap() + at;
        out.push_str("<pill");
        rest = &rest[data..];
    }
    out.push_str(rest);
    out.replace("</button>", "</pill>")
        .replace("</a>", "</pill>")
}

/// Splits markup into its top-level elements (the renderer writes no void
/// elements and escapes `<` everywhere else).
fn elements(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    let b = html.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'<' {
            let closing = b.get(i + 1) == Some(&b'/');
            if depth == 0 && !closing {
                start = i;
            }
            if closing {
                depth -= 1;
                let end = i + html[i..].find('>').unwrap() + 1;
                if depth == 0 {
                    out.push(html[start..end].to_string());
                }
                i = end;
                continue;
            }
            depth += 1;
        }
        i += 1;
    }
    out
}

/// `<tag attrs>inner</tag>` → (start tag, inner).
fn split_element(html: &str) -> (&str, &str) {
    let open_end = html.find('>').unwrap() + 1;
    let close = html.rfind("</").unwrap();
    (&html[..open_end], &html[open_end..close])
}

fn attributes(start_tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest =
        &start_tag[start_tag.find(' ').unwrap_or(start_tag.len() - 1)..start_tag.len() - 1];
    while let Some(eq) = rest.find("=\"") {
        let name = rest[..eq].trim().to_string();
        let value_end = eq + 2 + rest[eq + 2..].find('"').unwrap();
        out.push((name, rest[eq + 2..value_end].to_string()));
        rest = &rest[value_end + 1..];
    }
    out
}

impl StreamPage {
    pub fn new() -> Self {
        Self::default()
    }

    /// The article's markup.
    pub fn html(&self) -> String {
        let mut out = String::from("<article");
        for (name, value) in &self.attrs {
            out.push_str(&format!(" {name}=\"{value}\""));
        }
        out.push('>');
        for child in &self.children {
            out.push_str(child);
        }
        out.push_str("</article>");
        out
    }

    /// Runs `edit` on the tooltips in the tooltips' container, as markup.
    fn edit_tooltips(&mut self, edit: impl FnOnce(&mut Vec<String>)) {
        let at = self
            .children
            .iter()
            .position(|c| c.starts_with("<div class=\"digest-tooltips\""))
            .expect("a tooltip needs the container");
        let (start, inner) = split_element(&self.children[at]);
        let start = start.to_string();
        let mut tips = elements(inner);
        edit(&mut tips);
        self.children[at] = format!("{start}{}</div>", tips.concat());
    }

    /// Section `index`'s parts: before its points, the points, after them.
    fn section_parts(&self, index: usize) -> (String, Vec<String>, String) {
        let section = &self.children[index];
        match section.find("<ul class=\"digest-points\">") {
            Some(ul) => {
                let inner_start = ul + "<ul class=\"digest-points\">".len();
                let inner_end = section.rfind("</ul>").unwrap();
                (
                    section[..inner_start].to_string(),
                    elements(&section[inner_start..inner_end]),
                    section[inner_end..].to_string(),
                )
            }
            None => panic!("a point for a section with no list: {section}"),
        }
    }

    /// What holds after every push: the article is busy, and every pill's
    /// tooltip is there to open.
    pub fn streaming_invariants(&self) -> Result<(), String> {
        let shown = self.html();
        if !shown.contains("aria-busy=\"true\"") {
            return Err("the article is not busy while streaming".into());
        }
        for (i, _) in shown.match_indices("aria-describedby=\"") {
            let id_start = i + "aria-describedby=\"".len();
            let Some(len) = shown[id_start..].find('"') else {
                return Err("an unterminated attribute".into());
            };
            let id = &shown[id_start..id_start + len];
            if !shown.contains(&format!(" id=\"{id}\" data-cite")) {
                return Err(format!("no tooltip {id} for a pill"));
            }
        }
        Ok(())
    }

    /// Applies a stream's operations (see [`crate::stream::Ops`]);
    /// panics on one that does not fit the page, as a test would fail.
    pub fn apply(&mut self, ops: &str) {
        let Some(Value::Array(ops)) = read::parse(ops) else {
            panic!("operations are a JSON array: {ops}");
        };
        for op in &ops {
            let Value::Array(op) = op else {
                panic!("an operation is an array")
            };
            let n = |i: usize| op[i].whole_number().expect("a number") as usize;
            let s = |i: usize| op[i].as_str().expect("a string").to_string();
            match op[0].whole_number().expect("an operation code") {
                0 => {
                    let name = s(1);
                    match op[2].as_str() {
                        Some(v) => match self.attrs.iter_mut().find(|(k, _)| *k == name) {
                            Some(a) => a.1 = v.to_string(),
                            None => self.attrs.push((name, v.to_string())),
                        },
                        None => self.attrs.retain(|(k, _)| *k != name),
                    }
                }
                1 => self.children[n(1)] = s(2),
                2 => self.children.insert(n(1), s(2)),
                3 => {
                    self.children.remove(n(1));
                }
                4 => {
                    let (head, mut points, tail) = self.section_parts(n(1));
                    let i = n(2);
                    if i < points.len() {
                        if self.finishing {
                            if without_pill_kinds(&points[i]) != without_pill_kinds(&s(3)) {
                                self.rewritten_at_finish.push(s(3));
                            }
                        } else if i + 1 < points.len() {
                            self.rewritten_after_final += 1;
                        }
                        points[i] = s(3);
                    } else {
                        assert_eq!(i, points.len(), "points are added in order");
                        points.push(s(3));
                    }
                    self.children[n(1)] = format!("{head}{}{tail}", points.concat());
                }
                5 => {
                    let (head, mut points, tail) = self.section_parts(n(1));
                    points.truncate(n(2));
                    self.children[n(1)] = format!("{head}{}{tail}", points.concat());
                }
                6 | 7 => self.edit_tooltips(|tips| {
                    let id = format!("id=\"{}\"", s(1));
                    let found = tips.iter().position(|t| t.contains(&id));
                    if op[0].whole_number() == Some(7) {
                        tips.remove(found.expect("removing a tooltip that is there"));
                    } else if let Some(i) = found {
                        tips[i] = s(2);
                    } else {
                        let before = op[3].as_str().and_then(|b| {
                            tips.iter().position(|t| t.contains(&format!("id=\"{b}\"")))
                        });
                        tips.insert(before.unwrap_or(tips.len()), s(2));
                    }
                }),
                8 => {
                    let html = s(1);
                    let (start, inner) = split_element(&html);
                    self.attrs = attributes(start);
                    self.children = elements(inner);
                }
                code => panic!("unknown operation {code}"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inlines_nested_in_their_own_kind_or_citations_in_links_are_errors() {
        let input = "- **a **b** c** [x [1]](https://e.org)";
        let mut digest = crate::parse(input);
        assert_eq!(invariants(input, &digest), Ok(()));
        let point = &mut digest.sections[0].points[0];
        let span = point.span;
        let nested = Inline::Strong {
            children: vec![Inline::Strong {
                children: vec![Inline::Text {
                    text: "b".into(),
                    span,
                }],
                span,
            }],
            span,
        };
        point.inlines = vec![nested];
        assert_eq!(
            invariants(input, &digest),
            Err("strong inside strong".into())
        );
        let point = &mut digest.sections[0].points[0];
        point.inlines = vec![Inline::Link {
            url: "https://e.org".into(),
            children: vec![Inline::Cite { ids: vec![1], span }],
            span,
        }];
        assert_eq!(
            invariants(input, &digest),
            Err("citation group inside a link".into())
        );
    }

    #[test]
    fn links_and_buttons_never_nest_in_markup() {
        assert!(html("<a href=\"#x\"><strong>a</strong></a>").is_ok());
        assert!(html("<a href=\"#x\"><button type=\"button\">1</button></a>").is_err());
        assert!(html("<a href=\"#x\"><em><a href=\"#y\">b</a></em></a>").is_err());
    }
}
