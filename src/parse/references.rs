//! The references block.
//!
//! Rule: a line that is only a references heading (`References`, `Sources`,
//! `参考资料` … with optional `#`, `**` or a colon) followed by entries; or,
//! with no heading, Markdown definitions (`[^1]: …`, `[1]: …`) after which
//! no line is a point, before or after the title and source lines. An
//! entry starts with an id marker (`[3]`, `【3】`, `[^3]:`, `3.`) and runs to
//! the end of its line; a line right after an entry with no marker continues
//! it. The first `http://` or `https://` URL in an entry is its link and is
//! taken out of its text, with the punctuation that joined them (`Report -
//! https://…`, `(https://…)`); an entry without a link keeps all its text.
//!
//! ```text
//! References
//! [1] Coastline Courier, harbour report https://example.com/harbour
//! [2] Port authority statement:
//!     https://example.org/statement
//!
//! [^1]: City transport notice, https://example.com/notice
//! [^2]: Port authority statement
//! ```
//!
//! Only `http:` and `https:` make a link: anything else stays text, so a
//! renderer never gets a `javascript:` URL from here.

use super::chars::strip_prefix_any;
use super::headings::strip_marks;
use super::text::{digit_value, folded, is_space};

const HEADINGS: &[&str] = &[
    "references",
    "reference",
    "sources",
    "source",
    "citations",
    "notes",
    "footnotes",
    "bibliography",
    "links",
    "参考资料",
    "参考文献",
    "参考",
    "来源",
    "资料来源",
    "信息来源",
    "引用",
    "出处",
    "參考資料",
    "參考文獻",
    "來源",
    "出典",
    "参照",
    "참고 자료",
    "출처",
];

pub fn is_heading(line: &str) -> bool {
    if line.len() > 40 {
        return false;
    }
    let text = strip_marks(line);
    HEADINGS.iter().any(|h| h.eq_ignore_ascii_case(text))
}

/// A Markdown footnote or link definition: `[^3]: text` or `[3]: text`.
/// The colon right after the bracket is what tells it from a citation
/// opening a point (`[3] Rates rose`), so such lines make a references
/// block without a heading.
pub fn is_definition(line: &str) -> bool {
    // An entry marker in `[ ]` that took a colon after the bracket: one
    // reading of markers, where a copy of it here was 0.2 KB of wasm.
    line.as_bytes().first() == Some(&b'[')
        && entry_marker(line).is_some_and(|(_, end)| super::chars::ends_with_colon(&line[..end]))
}

/// Brackets around an entry's id: the opening one and its closing one.
const BRACKETS: &[(&str, &str)] = &[("[", "]"), ("【", "】"), ("［", "］")];

/// An entry's id and where its text starts (after the marker), if `line`
/// (trimmed) starts with an id marker.
pub fn entry_marker(line: &str) -> Option<(u32, usize)> {
    // One path for bracketed and numbered markers, on bytes: a match on
    // the first char and a reader per kind were 0.7 KB of wasm.
    // The opening bracket taken off as it is found: no slicing after.
    let bracket = BRACKETS
        .iter()
        .find_map(|(open, close)| Some((strip_prefix_any(line, &[open])?, close)));
    let (rest, close) = match bracket {
        Some((rest, close)) => (strip_prefix_any(rest, &["^"]).unwrap_or(rest), Some(close)),
        None => (line, None),
    };
    let (digits, count, id) = leading_digits(rest);
    if count == 0 || count > 9 {
        return None;
    }
    let rest = rest.get(digits..)?;
    let after = match close {
        Some(close) => {
            let after = strip_prefix_any(rest, &[close])?;
            strip_prefix_any(after, &[":", "："]).unwrap_or(after)
        }
        // `3. text`, `3) text`, `3、text`.
        None => strip_prefix_any(rest, &[".", ")", "、", "．"]).filter(|a| {
            a.is_empty() || super::chars::first_is(a, is_space) || rest.starts_with("、")
        })?,
    };
    Some((id, line.len() - after.len()))
}

/// The decimal digits (ASCII or full-width) opening `text`: their length
/// in bytes, how many there are, and their value (exact for up to nine).
fn leading_digits(text: &str) -> (usize, usize, u32) {
    let (mut bytes, mut count, mut value) = (0, 0, 0u32);
    for c in text.chars() {
        let Some(d) = digit_value(c) else { break };
        bytes += c.len_utf8();
        count += 1;
        value = value.wrapping_mul(10).wrapping_add(d);
    }
    (bytes, count, value)
}

pub struct Entry {
    pub text: String,
    pub url: Option<String>,
}

/// Text and link of an entry's body (its lines after the marker, joined).
pub fn entry(body: &str) -> Entry {
    let Some((url_start, url_end)) = find_url(body) else {
        // No link was taken out, so nothing joined it: the text stays whole.
        return Entry {
            text: folded(body),
            url: None,
        };
    };
    let url = body[url_start..url_end].to_string();
    let mut text = String::with_capacity(body.len());
    text.push_str(clean_end(&body[..url_start]));
    let after = clean_start(&body[url_end..]);
    if !after.is_empty() {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(after);
    }
    Entry {
        text: folded(&text),
        url: Some(url),
    }
}

fn clean_end(text: &str) -> &str {
    // A loop over chars: `trim_end_matches` with a closure is a searcher
    // instance of its own.
    let mut chars = text.chars();
    let mut rest = text;
    while let Some(c) = chars.next_back() {
        if !(is_space(c)
            || matches!(
                c,
                ',' | ':' | '-' | '–' | '—' | '|' | '·' | '(' | '<' | '，' | '：'
            ))
        {
            break;
        }
        rest = chars.as_str();
    }
    rest
}

fn clean_start(text: &str) -> &str {
    let mut chars = text.chars();
    let mut rest = text;
    while let Some(c) = chars.next() {
        if !(is_space(c) || matches!(c, ')' | '>' | ',' | '.' | '，' | '。')) {
            break;
        }
        rest = chars.as_str();
    }
    rest
}

/// The first `http(s)://` URL: up to white space or a character that cannot
/// be in one, without trailing punctuation.
pub fn find_url(text: &str) -> Option<(usize, usize)> {
    // On bytes: the scheme and the trailing punctuation are ASCII, so no
    // `str` slicing (with its boundary checks) until the URL's characters.
    let bytes = text.as_bytes();
    for start in 0..bytes.len() {
        let rest = &bytes[start..];
        let Some(scheme) = ["https://", "http://"].iter().find(|p| {
            rest.get(..p.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(p.as_bytes()))
        }) else {
            continue;
        };
        let from = start + scheme.len();
        let mut end = from;
        for c in text[from..].chars() {
            if is_space(c)
                || matches!(
                    c,
                    '<' | '>' | '"' | '\'' | '`' | '{' | '}' | '|' | '\\' | '^'
                )
                || c.is_control()
                || super::text::is_cjk(c)
            {
                break;
            }
            end += c.len_utf8();
        }
        // Trailing punctuation belongs to the sentence, and a `)` only to a
        // URL that opened one (more `)` than `(` in it: the balance below 0).
        // The balance counted once and kept up as `)` come off: counted
        // again for each, a URL ending in a long run of them was quadratic.
        let mut balance = bytes[start..end].iter().fold(0i32, |n, &b| {
            n + i32::from(b == b'(') - i32::from(b == b')')
        });
        while let Some(&last) = bytes[from..end].last() {
            match last {
                b'.' | b',' | b';' | b':' | b'!' | b'?' | b']' | b'*' => end -= 1,
                b')' if balance < 0 => {
                    end -= 1;
                    balance += 1;
                }
                _ => break,
            }
        }
        if end > from {
            return Some((start, end));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_in_several_languages_and_dresses() {
        for h in [
            "References",
            "SOURCES:",
            "## Sources",
            "**References**",
            "参考资料",
            "参考资料：",
            "Notes",
        ] {
            assert!(is_heading(h), "{h}");
        }
        assert!(!is_heading("Reference material we used"));
    }

    #[test]
    fn entry_markers() {
        assert_eq!(entry_marker("[3] text"), Some((3, 3)));
        assert_eq!(entry_marker("【12】文本"), Some((12, "【12】".len())));
        assert_eq!(entry_marker("[^4]: text"), Some((4, 5)));
        assert_eq!(entry_marker("2. text"), Some((2, 2)));
        assert_eq!(entry_marker("2) text"), Some((2, 2)));
        assert_eq!(entry_marker("2025 was a year"), None);
        assert_eq!(entry_marker("[sic] text"), None);
    }

    #[test]
    fn definitions_need_the_colon() {
        for line in [
            "[^1]: notice",
            "[1]: notice",
            "[12]：通知",
            "[^3]:https://example.com",
        ] {
            assert!(is_definition(line), "{line}");
        }
        for line in [
            "[1] Rates rose",
            "[1][2]: both",
            "[^]: x",
            "[sic]: x",
            "[1234567890]: x",
            "[1",
            "[",
            "- [1]: in a bullet",
        ] {
            assert!(!is_definition(line), "{line}");
        }
    }

    #[test]
    fn url_comes_out_of_the_text() {
        let e = entry(" Coastline Courier, harbour report https://example.com/harbour.");
        assert_eq!(e.text, "Coastline Courier, harbour report");
        assert_eq!(e.url.as_deref(), Some("https://example.com/harbour"));
        let e = entry("Statement (https://example.org/a_(b)) issued Monday");
        assert_eq!(e.url.as_deref(), Some("https://example.org/a_(b)"));
        assert_eq!(e.text, "Statement issued Monday");
    }

    #[test]
    fn only_http_links() {
        let e = entry("click javascript:alert(1) or data:text/html,x");
        assert_eq!(e.url, None);
        assert!(e.text.contains("javascript:alert(1)"));
    }
}
