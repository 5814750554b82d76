//! Checks of the guarantees every digest and every rendering keep, shared by
//! the tests and the fuzz targets (not part of the public API).
//!
//! - every span lies in the input, on char boundaries, with UTF-16 offsets
//!   that match its byte offsets;
//! - every non-white-space character lies in the span of some node or
//!   diagnostic (nothing lost);
//! - headings, points, inlines and notes are never empty; the citation index
//!   agrees with the points;
//! - HTML output is well-formed, made only of the renderer's own elements
//!   and attributes, with only `#…` or `http(s):` links.

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
            for inline in &point.inlines {
                match inline {
                    Inline::Text { span, text } => {
                        if text.is_empty() {
                            return Err("empty text inline".into());
                        }
                        spans.push((*span, "text"));
                    }
                    Inline::Cite { span, ids } => {
                        if ids.is_empty() {
                            return Err("citation group with no ids".into());
                        }
                        spans.push((*span, "cite"));
                    }
                }
            }
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

/// Elements and attributes the renderer writes; anything else in its output
/// came from the input, which must never happen.
const ELEMENTS: &[&str] = &[
    "article", "header", "p", "h1", "h2", "h3", "h4", "h5", "h6", "span", "time", "section", "ul",
    "ol", "li", "a", "button", "div",
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
