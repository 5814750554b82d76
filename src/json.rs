//! The model as JSON text, written field by field.
//!
//! Written by hand rather than through a serde `Serializer`: the generic
//! serialiser and the derived impls were about 10 KB of the wasm module.
//! The JSON is exactly what the model's serde attributes describe (camelCase
//! names, `None` fields left out, `type`-tagged inlines); a test compares it
//! with `serde_json`'s serialisation of every fixture, so the two cannot
//! drift apart.

pub mod read;

use crate::model::{
    Citation, Diagnostic, Digest, Heading, Inline, Note, Point, Reference, Section, Severity,
    Source, Span, Title,
};
use crate::render::html::HintWeights;

/// Compact JSON, or indented by two spaces when `pretty`.
pub fn to_string(digest: &Digest, pretty: bool) -> String {
    let mut w = Writer {
        out: String::new(),
        pretty,
        depth: 0,
        first: true,
    };
    w.digest(digest);
    w.out
}

/// About how many bytes [`to_string`] writes for `digest` (compact),
/// counted from the model: what the wasm boundary checks against its size
/// limit before it spends the memory. Within a factor of 2 either way on
/// the fixtures and the hostile shapes (a test checks).
pub fn size_hint(digest: &Digest) -> usize {
    // Fixed JSON around each node, spans included; an inline's is
    // `{"type":"…","span":{"start":…,"end":…}}` and the member's name.
    const JSON: HintWeights = HintWeights {
        base: 512,
        section: 70,
        heading: 40,
        point: 75,
        // An id, and where it is cited in the citation index.
        point_id: 4 + 25,
        inline: 50,
        inline_text: 1,
        group: 0,
        group_id: 4,
        trigger: 0,
        strong: 0,
        emphasis: 0,
        code: 0,
        link: 0,
    };
    const DIAGNOSTIC: usize = 180;
    let mut size = crate::render::html::sections_size(digest, &JSON);
    for r in &digest.references {
        size += 80 + r.text.len() + r.url.as_ref().map_or(0, String::len);
    }
    size + 40 * digest.citations.len() + DIAGNOSTIC * digest.diagnostics.len()
}

/// `s` as a JSON string literal, safe inside a `<script>` too once `</` is
/// escaped by the caller.
pub fn string_literal(s: &str) -> String {
    let mut out = String::new();
    push_string_literal(&mut out, s);
    out
}

/// [`string_literal`] appended to `out` (the stream's ops write their
/// strings so, without a copy each). Bytes that need no escape (nearly all
/// of them) are copied in runs; only `"`, `\\`, control characters and
/// U+2028/U+2029 (which break JavaScript string literals) are written
/// escaped.
pub fn push_string_literal(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    let bytes = s.as_bytes();
    let mut plain_from = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
        let separator = b == 0xE2
            && bytes.get(i + 1) == Some(&0x80)
            && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9));
        if b >= 0x20 && b != b'"' && b != b'\\' && !separator {
            i += 1;
            continue;
        }
        out.push_str(&s[plain_from..i]);
        out.push('\\');
        // The short escapes as a byte, and one path for `\u` (a string per
        // escape was a table of its own).
        let short = match b {
            b'"' | b'\\' => b,
            b'\n' => b'n',
            b'\r' => b'r',
            b'\t' => b't',
            _ => 0,
        };
        if short != 0 {
            out.push(char::from(short));
            i += 1;
        } else {
            let code = if separator {
                0x2028 + u32::from(bytes[i + 2] - 0xA8)
            } else {
                u32::from(b)
            };
            out.push('u');
            let mut shift = 16;
            while shift > 0 {
                shift -= 4;
                out.push(char::from(
                    b"0123456789abcdef"[((code >> shift) & 15) as usize],
                ));
            }
            i += if separator { 3 } else { 1 };
        }
        plain_from = i;
    }
    out.push_str(&s[plain_from..]);
    out.push('"');
}

struct Writer {
    out: String,
    pretty: bool,
    depth: usize,
    /// No member or element written yet at this depth.
    first: bool,
}

impl Writer {
    fn newline(&mut self) {
        if self.pretty {
            self.out.push('\n');
            for _ in 0..self.depth {
                self.out.push_str("  ");
            }
        }
    }

    fn string(&mut self, s: &str) {
        push_string_literal(&mut self.out, s);
    }

    fn number(&mut self, n: u32) {
        crate::decimal::push_decimal(&mut self.out, u64::from(n));
    }

    fn open(&mut self, bracket: char) {
        self.out.push(bracket);
        self.depth += 1;
        self.first = true;
    }

    fn close(&mut self, bracket: char) {
        self.depth -= 1;
        if !self.first {
            self.newline();
        }
        self.out.push(bracket);
        self.first = false;
    }

    /// Before each element of an array or member of an object.
    fn item(&mut self) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        self.newline();
    }

    /// A member's name: one of ours, which needs no escaping (escaping
    /// every name was an eighth of parseDigest's time).
    fn key(&mut self, key: &str) {
        self.item();
        self.out.push('"');
        self.out.push_str(key);
        self.out.push_str(if self.pretty { "\": " } else { "\":" });
    }

    fn string_field(&mut self, key: &str, value: &str) {
        self.key(key);
        self.string(value);
    }

    fn optional_string_field(&mut self, key: &str, value: &Option<String>) {
        if let Some(value) = value {
            self.string_field(key, value);
        }
    }

    fn number_field(&mut self, key: &str, n: u32) {
        self.key(key);
        self.number(n);
    }

    fn numbers(&mut self, key: &str, ns: &[u32]) {
        self.key(key);
        self.open('[');
        for &n in ns {
            self.item();
            self.number(n);
        }
        self.close(']');
    }

    fn list<T>(&mut self, key: &str, items: &[T], write: fn(&mut Self, &T)) {
        self.key(key);
        self.open('[');
        for item in items {
            self.item();
            write(self, item);
        }
        self.close(']');
    }

    fn span(&mut self, span: &Span) {
        if !self.pretty {
            // Every node has one: written in one go when compact.
            self.item();
            self.out.push_str("\"span\":{\"start\":");
            self.number(span.start);
            self.out.push_str(",\"end\":");
            self.number(span.end);
            self.out.push('}');
            return;
        }
        self.key("span");
        self.open('{');
        self.number_field("start", span.start);
        self.number_field("end", span.end);
        self.close('}');
    }

    fn digest(&mut self, d: &Digest) {
        self.open('{');
        if let Some(t) = &d.title {
            self.key("title");
            self.title(t);
        }
        if let Some(s) = &d.source {
            self.key("source");
            self.source(s);
        }
        self.list("sections", &d.sections, Self::section);
        self.list("notes", &d.notes, Self::note);
        if let Some(h) = &d.references_heading {
            self.key("referencesHeading");
            self.heading(h);
        }
        self.list("references", &d.references, Self::reference);
        self.list("citations", &d.citations, Self::citation);
        self.list("diagnostics", &d.diagnostics, Self::diagnostic);
        self.close('}');
    }

    fn title(&mut self, t: &Title) {
        self.open('{');
        self.optional_string_field("column", &t.column);
        self.string_field("headline", &t.headline);
        self.span(&t.span);
        self.close('}');
    }

    fn source(&mut self, s: &Source) {
        self.open('{');
        self.string_field("publisher", &s.publisher);
        self.optional_string_field("published", &s.published);
        self.string_field("raw", &s.raw);
        self.span(&s.span);
        self.close('}');
    }

    fn section(&mut self, s: &Section) {
        self.open('{');
        if let Some(h) = &s.heading {
            self.key("heading");
            self.heading(h);
        }
        self.list("points", &s.points, Self::point);
        self.span(&s.span);
        self.close('}');
    }

    fn heading(&mut self, h: &Heading) {
        self.open('{');
        self.string_field("text", &h.text);
        self.span(&h.span);
        self.close('}');
    }

    fn note(&mut self, n: &Note) {
        self.open('{');
        self.string_field("text", &n.text);
        self.span(&n.span);
        self.close('}');
    }

    fn point(&mut self, p: &Point) {
        self.open('{');
        self.string_field("text", &p.text);
        self.numbers("citations", &p.citations);
        self.list("inlines", &p.inlines, Self::inline);
        self.span(&p.span);
        self.close('}');
    }

    /// Recursive through `children`, to the constant depth inlines nest to
    /// (see [`Inline`]).
    fn inline(&mut self, inline: &Inline) {
        self.open('{');
        let span = match inline {
            Inline::Text { text, span } => {
                self.string_field("type", "text");
                self.string_field("text", text);
                span
            }
            Inline::Cite { ids, span } => {
                self.string_field("type", "cite");
                self.numbers("ids", ids);
                span
            }
            Inline::Strong { children, span } => {
                self.string_field("type", "strong");
                self.list("children", children, Self::inline);
                span
            }
            Inline::Emphasis { children, span } => {
                self.string_field("type", "emphasis");
                self.list("children", children, Self::inline);
                span
            }
            Inline::Code { text, span } => {
                self.string_field("type", "code");
                self.string_field("text", text);
                span
            }
            Inline::Link {
                url,
                children,
                span,
            } => {
                self.string_field("type", "link");
                self.string_field("url", url);
                self.list("children", children, Self::inline);
                span
            }
        };
        self.span(span);
        self.close('}');
    }

    fn reference(&mut self, r: &Reference) {
        self.open('{');
        self.number_field("id", r.id);
        self.optional_string_field("title", &r.title);
        self.string_field("text", &r.text);
        self.optional_string_field("url", &r.url);
        self.span(&r.span);
        self.close('}');
    }

    fn citation(&mut self, c: &Citation) {
        self.open('{');
        self.number_field("id", c.id);
        self.list("points", &c.points, |w, at| {
            w.open('{');
            w.number_field("section", at.section);
            w.number_field("point", at.point);
            w.close('}');
        });
        self.close('}');
    }

    fn diagnostic(&mut self, d: &Diagnostic) {
        self.open('{');
        let severity = match d.severity {
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        self.string_field("severity", severity);
        self.string_field("code", d.code.as_str());
        self.string_field("message", &d.message);
        self.span(&d.span);
        self.close('}');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_json_and_script_contexts_need() {
        assert_eq!(
            string_literal("a\"b\\c\n\u{1}\u{2028}é"),
            r#""a\"b\\c\n\u0001\u2028é""#
        );
    }

    #[test]
    fn nested_inlines_are_written_as_serde_writes_them() {
        let span = Span {
            start: 1,
            end: 9,
            ..Span::default()
        };
        let text = |t: &str| Inline::Text {
            text: t.into(),
            span,
        };
        let inlines = vec![
            Inline::Link {
                url: "https://example.com/a".into(),
                children: vec![Inline::Strong {
                    children: vec![
                        text("a"),
                        Inline::Emphasis {
                            children: vec![text("b")],
                            span,
                        },
                    ],
                    span,
                }],
                span,
            },
            Inline::Code {
                text: "x  \"y\"".into(),
                span,
            },
            Inline::Emphasis {
                children: vec![text("c"), Inline::Cite { ids: vec![3], span }],
                span,
            },
        ];
        let digest = Digest {
            sections: vec![Section {
                heading: None,
                points: vec![Point {
                    text: "a b x y c".into(),
                    citations: vec![3],
                    inlines,
                    span,
                }],
                span,
            }],
            ..Digest::default()
        };
        for pretty in [false, true] {
            let ours: serde_json::Value =
                serde_json::from_str(&to_string(&digest, pretty)).unwrap();
            assert_eq!(ours, serde_json::to_value(&digest).unwrap());
        }
        assert!(to_string(&digest, false).contains(
            r#"{"type":"link","url":"https://example.com/a","children":[{"type":"strong","children":[{"type":"text""#
        ));
    }

    #[test]
    fn compact_and_pretty() {
        let d = crate::parse("Facts - One [1]");
        let compact = to_string(&d, false);
        assert!(compact.starts_with(r#"{"sections":[{"heading":{"text":"Facts","span":{"start":0,"end":5}},"points":[{"text":"One","citations":[1],"inlines":"#), "{compact}");
        assert!(
            compact.ends_with(
                r#""citations":[{"id":1,"points":[{"section":0,"point":0}]}],"diagnostics":[]}"#
            ),
            "{compact}"
        );
        let pretty = to_string(&Digest::default(), true);
        assert_eq!(pretty, "{\n  \"sections\": [],\n  \"notes\": [],\n  \"references\": [],\n  \"citations\": [],\n  \"diagnostics\": []\n}");
    }
}
