//! Helpers shared by the integration tests.
#![allow(dead_code)]

use digest_render::model::{Digest, Inline};
use std::path::{Path, PathBuf};

pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Every `tests/fixtures/*.txt`, sorted, with its name.
pub fn fixtures() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(fixtures_dir())
        .expect("tests/fixtures exists")
        .filter_map(|e| {
            let path = e.ok()?.path();
            (path.extension()? == "txt").then(|| {
                let name = path.file_stem().unwrap().to_string_lossy().into_owned();
                (
                    name,
                    std::fs::read_to_string(&path).expect("fixture is UTF-8"),
                )
            })
        })
        .collect();
    out.sort();
    out
}

/// The seed digest, when this checkout sits beside the shared folder.
pub fn seed() -> Option<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seed/digest.txt");
    std::fs::read_to_string(path).ok()
}

/// The structure a reader sees, in the `.expect` format of tests/fixtures/README.md.
pub fn summary(d: &Digest) -> String {
    let mut out = String::new();
    if let Some(t) = &d.title {
        if let Some(c) = &t.column {
            out += &format!("column: {c}\n");
        }
        out += &format!("headline: {}\n", t.headline);
    }
    if let Some(s) = &d.source {
        out += &format!("publisher: {}\n", s.publisher);
        if let Some(p) = &s.published {
            out += &format!("published: {p}\n");
        }
    }
    for section in &d.sections {
        match &section.heading {
            Some(h) => out += &format!("section: {}\n", h.text),
            None => out += "section:\n",
        }
        for point in &section.points {
            out += &format!("- {}", point.text);
            if !point.citations.is_empty() {
                let ids: Vec<String> = point.citations.iter().map(u32::to_string).collect();
                out += &format!(" {{{}}}", ids.join(","));
            }
            out += "\n";
        }
    }
    for r in &d.references {
        out += &format!("reference: {} | {}", r.id, r.text);
        if let Some(u) = &r.url {
            out += &format!(" | {u}");
        }
        out += "\n";
    }
    let mut codes: Vec<&str> = d.diagnostics.iter().map(|x| x.code.as_str()).collect();
    codes.sort();
    for c in codes {
        out += &format!("diagnostic: {c}\n");
    }
    out
}

/// Checks the invariants every digest must keep, whatever the input:
/// spans in range, on char boundaries, UTF-16 consistent with bytes,
/// and every non-white-space character covered by some span.
pub fn check_invariants(input: &str, d: &Digest) {
    let mut spans = Vec::new();
    let mut push = |s: &digest_render::model::Span, what: &str| spans.push((*s, what.to_string()));
    if let Some(t) = &d.title {
        push(&t.span, "title");
    }
    if let Some(s) = &d.source {
        push(&s.span, "source");
    }
    for section in &d.sections {
        push(&section.span, "section");
        if let Some(h) = &section.heading {
            push(&h.span, "heading");
            assert!(!h.text.trim().is_empty(), "empty heading in {input:?}");
        }
        for point in &section.points {
            push(&point.span, "point");
            assert!(
                !point.inlines.is_empty(),
                "point with no inlines in {input:?}"
            );
            for inline in &point.inlines {
                match inline {
                    Inline::Text { span, text } => {
                        assert!(!text.is_empty());
                        push(span, "text")
                    }
                    Inline::Cite { span, ids } => {
                        assert!(!ids.is_empty());
                        push(span, "cite")
                    }
                }
            }
        }
    }
    if let Some(h) = &d.references_heading {
        push(&h.span, "references heading");
    }
    for r in &d.references {
        push(&r.span, "reference");
    }
    for x in &d.diagnostics {
        push(&x.span, "diagnostic");
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
        assert!(
            r.start <= r.end && r.end <= input.len(),
            "{what} span {r:?} out of range"
        );
        assert!(
            input.is_char_boundary(r.start) && input.is_char_boundary(r.end),
            "{what} span {r:?} splits a char"
        );
        assert_eq!(span.start, utf16_at[r.start], "{what} UTF-16 start");
        assert_eq!(span.end, utf16_at[r.end], "{what} UTF-16 end");
    }
    // Nothing lost: sweep the spans, sorted, over the input.
    let mut ranges: Vec<_> = spans.iter().map(|(s, _)| s.bytes()).collect();
    ranges.sort_by_key(|r| r.start);
    let mut covered = 0usize;
    let mut next = ranges.iter().peekable();
    for (i, c) in input.char_indices() {
        while let Some(r) = next.peek() {
            if r.start <= i {
                covered = covered.max(r.end);
                next.next();
            } else {
                break;
            }
        }
        if !c.is_whitespace() {
            assert!(
                i < covered,
                "character {c:?} at byte {i} is in no span; input {:?}",
                input
            );
        }
    }
    // Citations index agrees with the points.
    for c in &d.citations {
        for at in &c.points {
            let p = d.point(*at).expect("citation points at a point");
            assert!(p.citations.contains(&c.id));
        }
    }
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
pub fn check_html(html: &str) -> String {
    let mut stack: Vec<String> = Vec::new();
    let mut text = String::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        text.push_str(&decode(&rest[..lt]));
        let gt = rest[lt..].find('>').expect("unclosed tag") + lt;
        let tag = &rest[lt + 1..gt];
        rest = &rest[gt + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            let open = stack
                .pop()
                .unwrap_or_else(|| panic!("</{name}> closes nothing"));
            assert_eq!(open, name, "</{name}> closes <{open}>");
            continue;
        }
        let name_end = tag.find(' ').unwrap_or(tag.len());
        let name = &tag[..name_end];
        assert!(ELEMENTS.contains(&name), "unexpected element <{name}>");
        let mut attrs = &tag[name_end..];
        while !attrs.trim().is_empty() {
            attrs = attrs.trim_start();
            let eq = attrs.find(['=', ' ']).unwrap_or(attrs.len());
            let attr = &attrs[..eq];
            assert!(
                ATTRIBUTES.contains(&attr),
                "unexpected attribute {attr} on <{name}>"
            );
            if attrs[eq..].starts_with("=\"") {
                let close = attrs[eq + 2..].find('"').expect("unterminated attribute") + eq + 2;
                let value = &attrs[eq + 2..close];
                assert!(
                    !value.contains('<') && !value.contains('>'),
                    "raw bracket in {attr}"
                );
                if attr == "href" {
                    assert!(
                        value.starts_with('#')
                            || value.starts_with("http://")
                            || value.starts_with("https://")
                            || value.starts_with("HTTP"),
                        "unsafe href {value:?}"
                    );
                }
                attrs = &attrs[close + 1..];
            } else {
                attrs = &attrs[eq..];
            }
        }
        stack.push(name.to_string());
    }
    text.push_str(&decode(rest));
    assert!(stack.is_empty(), "unclosed elements {stack:?}");
    text
}

fn decode(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}
