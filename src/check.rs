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
//! - HTML output is well-formed, made only of the renderer's own elements
//!   and attributes, with only `#…` or `http(s):` links, and no link or
//!   button inside another.

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
                if crate::render::safe_url(url) != Some(url.as_str()) {
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
    "ol", "li", "a", "button", "div", "strong", "em", "code",
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
