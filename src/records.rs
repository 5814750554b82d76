//! The model as compact records, for the JavaScript layer to build its
//! objects from (npm/model.js), in the spirit of es-module-lexer: numbers
//! in one list of 32-bit words, every string in one text that JavaScript
//! decodes once and slices by UTF-16 offsets.
//!
//! Writing the model as JSON and parsing it with `JSON.parse` was half of
//! `parseDigest`'s time (BENCHMARKS.md): escaping and copying every string
//! twice, decoding all of it, and a general JSON parser. The objects built
//! from these records are the same, member for member and in the same
//! order, as `JSON.parse` of [`crate::json::to_string`] (a Node test
//! compares their JSON on every fixture).
//!
//! ```text
//! bytes:   [word count n: u32 LE] [n words: u32 LE] [strings: UTF-8]
//! string:  start end         (UTF-16 offsets into the decoded strings)
//! span:    start end
//! digest:  flags(1 title, 2 source, 4 referencesHeading)
//!          [title: flags(1 column) [column] headline span]
//!          [source: flags(1 published) publisher [published] raw span]
//!          sections: count, each (flags(1 heading) [text span] points: count, each point, span)
//!          notes: count, each (text span)
//!          [referencesHeading: text span]
//!          references: count, each (id flags(1 title, 2 url) [title] text [url] span)
//!          citations: count, each (id count, each (section point))
//!          diagnostics: count, each (severity code message span)
//! point:   text citations: count ids…  inlines: count inline…  span
//! inline:  kind(0 text, 1 cite, 2 strong, 3 emphasis, 4 code, 5 link), then
//!          text: text span · cite: count ids… span · strong, emphasis:
//!          children: count inline… span · code: text span ·
//!          link: url children: count inline… span
//! ```

use crate::model::{Digest, Heading, Inline, Point, Severity, Span};

/// `digest` as records (see the module's documentation).
pub fn write(digest: &Digest) -> Vec<u8> {
    let mut w = Records::default();
    w.digest(digest);
    let mut out = Vec::with_capacity(4 + 4 * w.words.len() + w.strings.len());
    out.extend_from_slice(&(w.words.len() as u32).to_le_bytes());
    for word in &w.words {
        out.extend_from_slice(&word.to_le_bytes());
    }
    out.extend_from_slice(w.strings.as_bytes());
    out
}

#[derive(Default)]
struct Records {
    words: Vec<u32>,
    strings: String,
    /// Length of `strings` in UTF-16 code units.
    utf16: u32,
}

impl Records {
    fn word(&mut self, n: u32) {
        self.words.push(n);
    }

    fn count(&mut self, n: usize) {
        self.words.push(n as u32);
    }

    fn string(&mut self, s: &str) {
        self.words.push(self.utf16);
        self.utf16 += utf16_len(s.as_bytes());
        self.words.push(self.utf16);
        self.strings.push_str(s);
    }

    fn span(&mut self, span: &Span) {
        self.words.push(span.start);
        self.words.push(span.end);
    }

    fn ids(&mut self, ids: &[u32]) {
        self.count(ids.len());
        self.words.extend_from_slice(ids);
    }

    fn digest(&mut self, d: &Digest) {
        let flags = u32::from(d.title.is_some())
            | u32::from(d.source.is_some()) << 1
            | u32::from(d.references_heading.is_some()) << 2;
        self.word(flags);
        if let Some(t) = &d.title {
            self.word(u32::from(t.column.is_some()));
            if let Some(column) = &t.column {
                self.string(column);
            }
            self.string(&t.headline);
            self.span(&t.span);
        }
        if let Some(s) = &d.source {
            self.word(u32::from(s.published.is_some()));
            self.string(&s.publisher);
            if let Some(published) = &s.published {
                self.string(published);
            }
            self.string(&s.raw);
            self.span(&s.span);
        }
        self.count(d.sections.len());
        for section in &d.sections {
            self.word(u32::from(section.heading.is_some()));
            if let Some(h) = &section.heading {
                self.heading(h);
            }
            self.count(section.points.len());
            for point in &section.points {
                self.point(point);
            }
            self.span(&section.span);
        }
        self.count(d.notes.len());
        for note in &d.notes {
            self.string(&note.text);
            self.span(&note.span);
        }
        if let Some(h) = &d.references_heading {
            self.heading(h);
        }
        self.count(d.references.len());
        for r in &d.references {
            self.word(r.id);
            self.word(u32::from(r.title.is_some()) | u32::from(r.url.is_some()) << 1);
            if let Some(title) = &r.title {
                self.string(title);
            }
            self.string(&r.text);
            if let Some(url) = &r.url {
                self.string(url);
            }
            self.span(&r.span);
        }
        self.count(d.citations.len());
        for c in &d.citations {
            self.word(c.id);
            self.count(c.points.len());
            for at in &c.points {
                self.word(at.section);
                self.word(at.point);
            }
        }
        self.count(d.diagnostics.len());
        for diagnostic in &d.diagnostics {
            self.string(match diagnostic.severity {
                Severity::Warning => "warning",
                Severity::Info => "info",
            });
            self.string(diagnostic.code.as_str());
            self.string(&diagnostic.message);
            self.span(&diagnostic.span);
        }
    }

    fn heading(&mut self, h: &Heading) {
        self.string(&h.text);
        self.span(&h.span);
    }

    fn point(&mut self, p: &Point) {
        self.string(&p.text);
        self.ids(&p.citations);
        self.inlines(&p.inlines);
        self.span(&p.span);
    }

    /// Recursive through `children`, to the constant depth inlines nest to
    /// (see [`Inline`]).
    fn inlines(&mut self, inlines: &[Inline]) {
        self.count(inlines.len());
        for inline in inlines {
            match inline {
                Inline::Text { text, .. } => {
                    self.word(0);
                    self.string(text);
                }
                Inline::Cite { ids, .. } => {
                    self.word(1);
                    self.ids(ids);
                }
                Inline::Strong { children, .. } => {
                    self.word(2);
                    self.inlines(children);
                }
                Inline::Emphasis { children, .. } => {
                    self.word(3);
                    self.inlines(children);
                }
                Inline::Code { text, .. } => {
                    self.word(4);
                    self.string(text);
                }
                Inline::Link { url, children, .. } => {
                    self.word(5);
                    self.string(url);
                    self.inlines(children);
                }
            }
            self.span(&inline.span());
        }
    }
}

/// UTF-16 code units of UTF-8 `bytes`: one per character, two for those
/// beyond the BMP (4-byte sequences). Nearly every string is ASCII, which
/// core checks a word at a time.
fn utf16_len(bytes: &[u8]) -> u32 {
    if bytes.is_ascii() {
        return bytes.len() as u32;
    }
    let mut units = 0;
    for &b in bytes {
        units += u32::from(b & 0xC0 != 0x80) + u32::from(b >= 0xF0);
    }
    units
}

#[cfg(test)]
mod tests {
    use super::utf16_len;

    #[test]
    fn utf16_lengths_count_surrogate_pairs() {
        for s in ["", "plain", "é", "日本語", "a😀b", "\u{10FFFF}"] {
            assert_eq!(
                utf16_len(s.as_bytes()) as usize,
                s.encode_utf16().count(),
                "{s}"
            );
        }
    }
}
