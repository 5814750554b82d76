//! Links: which URLs may become one.
//!
//! Rule: only an absolute `http:` or `https:` URL with a host, and nothing in
//! it that could end an attribute or hide another scheme. The parser keeps
//! `[text](url)` as text otherwise; the markup writer gives an `href` to
//! nothing else.
//!
//! ```text
//! https://example.com/a?b=c   kept (trimmed)
//! javascript:alert(1)         refused
//! https:///path               refused: no host
//! ```

use super::letters::is_word_char;
use super::text::trim;

/// `url` when it is an absolute `http:` or `https:` URL with nothing that
/// could break out of an attribute or hide another scheme; `None` otherwise.
/// Browsers strip tabs and newlines inside URLs, so those are refused too.
pub fn safe_url(url: &str) -> Option<&str> {
    let url = trim(url);
    // The first 8 bytes (none unless they end on a character boundary),
    // compared in place rather than lowercased into a new string.
    let head = url.get(..8).unwrap_or_default().as_bytes();
    let is = |scheme: &[u8]| {
        head.get(..scheme.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(scheme))
    };
    // Where the host starts: after the scheme, whose `://` is the URL's
    // first (no other one to search for).
    let host = if is(b"https://") {
        8
    } else if is(b"http://") {
        7
    } else {
        return None;
    };
    let clean = url.chars().all(|c| {
        !c.is_control() && !c.is_whitespace() && !matches!(c, '"' | '\'' | '<' | '>' | '`' | '\\')
    });
    let has_host = url[host..]
        .chars()
        .next()
        .is_some_and(|c| is_word_char(c) || c == '[');
    (clean && has_host).then_some(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_http_urls_pass() {
        assert_eq!(
            safe_url(" https://example.com/a?b=c "),
            Some("https://example.com/a?b=c")
        );
        assert_eq!(safe_url("HTTP://EXAMPLE.COM"), Some("HTTP://EXAMPLE.COM"));
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:text/html,<b>",
            "java\nscript:alert(1)",
            "https://ex ample.com",
            "https://a.com/\"onmouseover=\"x",
            "//example.com",
            "https:///path",
            "vbscript:x",
            "https://",
        ] {
            assert_eq!(safe_url(bad), None, "{bad:?}");
        }
    }
}
