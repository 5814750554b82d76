//! The stream's operations, applied to a plain model of the page: after
//! `finish` the page holds exactly the markup of the whole text, for every
//! fixture at several chunk sizes; points once final are never touched;
//! each push reads only the unfinished tail. The browser tests
//! (tests/browser/stream.test.mjs) apply the same operations to a real DOM.

use digest_render::stream::Stream;
use digest_render::{render_html, RenderOptions};
use serde_json::Value;
use std::fs;

/// The article as the page holds it: its start tag's attributes and its
/// element children, as markup.
struct Page {
    attrs: Vec<(String, String)>,
    children: Vec<String>,
    /// How often a push rewrote a point its section had a later point after.
    rewritten_after_final: usize,
    /// Points `finish` rewrote in more than their citation pills.
    rewritten_at_finish: Vec<String>,
    finishing: bool,
}

/// A point's markup with its pills' element names and targets left out:
/// pills become links to the references when `finish` finds them.
fn without_pill_kinds(li: &str) -> String {
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

impl Page {
    fn new() -> Self {
        Page {
            attrs: Vec::new(),
            children: Vec::new(),
            rewritten_after_final: 0,
            rewritten_at_finish: Vec::new(),
            finishing: false,
        }
    }

    fn html(&self) -> String {
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

    fn apply(&mut self, ops: &str) {
        let ops: Value = serde_json::from_str(ops).expect("ops are JSON");
        for op in ops.as_array().unwrap() {
            let op = op.as_array().unwrap();
            let n = |i: usize| op[i].as_u64().unwrap() as usize;
            let s = |i: usize| op[i].as_str().unwrap().to_string();
            match op[0].as_u64().unwrap() {
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
                6 | 7 => {
                    let at = self
                        .children
                        .iter()
                        .position(|c| c.starts_with("<div class=\"digest-tooltips\""))
                        .expect("a tooltip needs the container");
                    let (start, inner) = split_element(&self.children[at]);
                    let start = start.to_string();
                    let mut tips = elements(inner);
                    let id = format!("id=\"{}\"", s(1));
                    let found = tips.iter().position(|t| t.contains(&id));
                    if op[0].as_u64() == Some(7) {
                        tips.remove(found.expect("removing a tooltip that is there"));
                    } else if let Some(i) = found {
                        tips[i] = s(2);
                    } else {
                        let before = op[3].as_str().and_then(|b| {
                            tips.iter().position(|t| t.contains(&format!("id=\"{b}\"")))
                        });
                        tips.insert(before.unwrap_or(tips.len()), s(2));
                    }
                    self.children[at] = format!("{start}{}</div>", tips.concat());
                }
                9 | 10 => {
                    let at = self
                        .children
                        .iter()
                        .position(|c| c.starts_with("<div class=\"digest-tooltips\""))
                        .expect("an entry needs the container");
                    let (start, inner) = split_element(&self.children[at]);
                    let start = start.to_string();
                    let mut tips = elements(inner);
                    let id = format!("id=\"{}\"", s(1));
                    let tip = tips
                        .iter_mut()
                        .find(|t| t.contains(&id))
                        .expect("the tooltip is there");
                    let list = tip.find("<ul>").expect("the tooltip has a list") + "<ul>".len();
                    let list_end = tip.rfind("</ul>").unwrap();
                    let mut entries = elements(&tip[list..list_end]);
                    if op[0].as_u64() == Some(9) {
                        let i = n(2);
                        if i < entries.len() {
                            entries[i] = s(3);
                        } else {
                            assert_eq!(i, entries.len(), "entries are added in order");
                            entries.push(s(3));
                        }
                    } else {
                        entries.truncate(n(2));
                    }
                    *tip = format!("{}{}{}", &tip[..list], entries.concat(), &tip[list_end..]);
                    self.children[at] = format!("{start}{}</div>", tips.concat());
                }
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

/// Chunks of at most `size` characters.
fn chunks(text: &str, size: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut count = 0;
    for (i, _) in text.char_indices() {
        if count == size {
            out.push(&text[start..i]);
            start = i;
            count = 0;
        }
        count += 1;
    }
    out.push(&text[start..]);
    out
}

fn stream(text: &str, size: usize) -> Page {
    let mut page = Page::new();
    let mut s = Stream::new(RenderOptions::default(), "");
    for chunk in chunks(text, size) {
        let ops = s.push(chunk);
        page.apply(&ops);
        let shown = page.html();
        assert!(shown.contains("aria-busy=\"true\""), "busy while streaming");
        // Every pill's tooltip is there to open.
        for (i, _) in shown.match_indices("aria-describedby=\"") {
            let id_start = i + "aria-describedby=\"".len();
            let id = &shown[id_start..id_start + shown[id_start..].find('"').unwrap()];
            assert!(
                shown.contains(&format!(" id=\"{id}\" data-cite")),
                "no tooltip {id} for a pill after {:?}",
                &text[..text.len().min(shown.len())]
            );
        }
    }
    page.finishing = true;
    page.apply(&s.finish(usize::MAX).unwrap());
    page
}

fn inputs() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for entry in fs::read_dir("tests/fixtures").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            out.push((
                path.display().to_string(),
                fs::read_to_string(&path).unwrap(),
            ));
        }
    }
    if let Ok(seed) = fs::read_to_string("../shared/seed/digest.txt") {
        out.push(("seed".into(), seed));
    }
    out.sort();
    out
}

#[test]
fn finished_stream_is_the_whole_text_markup() {
    let mut failures = Vec::new();
    for (name, text) in inputs() {
        let want = render_html(&digest_render::parse(&text), &RenderOptions::default());
        for size in [1, 3, 7, 16, 64, usize::MAX] {
            let page = stream(&text, size);
            let got = page.html();
            if got != want {
                let at = got
                    .bytes()
                    .zip(want.bytes())
                    .take_while(|(a, b)| a == b)
                    .count();
                let lo = at.saturating_sub(80);
                failures.push(format!(
                    "{name} at {size}: differs at {at}\n  got  …{}\n  want …{}",
                    got.get(lo..(at + 80).min(got.len())).unwrap_or(""),
                    want.get(lo..(at + 80).min(want.len())).unwrap_or(""),
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// While streaming, never; at the end, only where references turned pills
/// into links (the point's element stays: the page morphs it).
#[test]
fn final_points_are_not_rewritten() {
    let mut rewritten = Vec::new();
    for (name, text) in inputs() {
        for size in [1, 7, 64] {
            let page = stream(&text, size);
            if page.rewritten_after_final > 0 || !page.rewritten_at_finish.is_empty() {
                rewritten.push(format!(
                    "{name} at {size}: {} while streaming; at the end {:?}",
                    page.rewritten_after_final, page.rewritten_at_finish
                ));
            }
        }
    }
    assert!(rewritten.is_empty(), "{rewritten:#?}");
}
