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
//! Most strings are the input's own words: those are given as UTF-16
//! offsets into the input, which JavaScript holds already and slices (as
//! es-module-lexer does), so only text the parser changed (folded spaces,
//! dates, messages) is copied and decoded.
//!
//! ```text
//! bytes:   [word count n: u32 LE] [n words: u32 LE] [strings: UTF-8]
//! string:  start end         (UTF-16 offsets into the decoded strings; with
//!                             bit 31 of start set, into the input)
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
use crate::parse::utf16_len;

/// Set in a string's start when its offsets are into the input.
pub const FROM_INPUT: u32 = 1 << 31;

/// `digest`, parsed from `input`, as records (see the module's
/// documentation). `input` must be the text `digest` was parsed from (an
/// input of 2 GB or more, whose offsets could reach bit 31, is not used).
pub fn write(digest: &Digest, input: &str) -> Vec<u8> {
    let mut w = Records {
        input: if input.len() < FROM_INPUT as usize {
            input
        } else {
            ""
        },
        words: Vec::new(),
        strings: String::new(),
        utf16: 0,
    };
    w.digest(digest);
    let mut out = Vec::with_capacity(4 + 4 * w.words.len() + w.strings.len());
    out.extend_from_slice(&(w.words.len() as u32).to_le_bytes());
    for word in &w.words {
        out.extend_from_slice(&word.to_le_bytes());
    }
    out.extend_from_slice(w.strings.as_bytes());
    out
}

struct Records<'a> {
    input: &'a str,
    words: Vec<u32>,
    strings: String,
    /// Length of `strings` in UTF-16 code units.
    utf16: u32,
}

impl Records<'_> {
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

    /// `s`, which is the input's text at `span` unless the parser changed
    /// it (a byte comparison: cheaper than copying and decoding it).
    fn string_at(&mut self, s: &str, span: &Span) {
        self.string_from(s, span.byte_start, span.start);
    }

    /// `s`, which may be the input's text from byte `byte_start` (UTF-16
    /// `start`) on.
    fn string_from(&mut self, s: &str, byte_start: u32, start: u32) {
        let from = byte_start as usize;
        if self.input.as_bytes().get(from..from + s.len()) == Some(s.as_bytes()) {
            self.words.push(start | FROM_INPUT);
            self.words.push(start + utf16_len(s.as_bytes()));
        } else {
            self.string(s);
        }
    }

    fn span(&mut self, span: &Span) {
        self.words.push(span.start);
        self.words.push(span.end);
    }

    fn ids(&mut self, ids: &[u32]) {
        self.count(ids.len());
        self.words.extend_from_slice(ids);
    }

    // Out of line: inlined into `write`, LLVM's code for both was larger.
    #[inline(never)]
    fn digest(&mut self, d: &Digest) {
        let flags = u32::from(d.title.is_some())
            | u32::from(d.source.is_some()) << 1
            | u32::from(d.references_heading.is_some()) << 2;
        self.word(flags);
        if let Some(t) = &d.title {
            self.word(u32::from(t.column.is_some()));
            if let Some(column) = &t.column {
                self.string_from(column, t.span.byte_start, t.span.start);
            }
            self.string(&t.headline);
            self.span(&t.span);
        }
        if let Some(s) = &d.source {
            self.word(u32::from(s.published.is_some()));
            self.string_from(&s.publisher, s.span.byte_start, s.span.start);
            if let Some(published) = &s.published {
                self.string(published);
            }
            self.string_at(&s.raw, &s.span);
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
            self.string_at(&note.text, &note.span);
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
        self.string_at(&h.text, &h.span);
        self.span(&h.span);
    }

    fn point(&mut self, p: &Point) {
        // The text starts where its first inline does, when the parser
        // kept it as written.
        match p.inlines.first() {
            Some(first) => {
                let at = first.span();
                self.string_from(&p.text, at.byte_start, at.start);
            }
            None => self.string(&p.text),
        }
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
                Inline::Text { text, span } => {
                    self.word(0);
                    self.string_at(text, span);
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
                Inline::Code { text, span } => {
                    self.word(4);
                    // The text inside the backticks.
                    self.string_from(text, span.byte_start + 1, span.start + 1);
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

#[cfg(test)]
mod tests {
    use super::{utf16_len, write};

    /// The strings copied into the records (the input's words are not).
    fn copied(input: &str) -> String {
        let records = write(&crate::parse(input), input);
        let words = u32::from_le_bytes(records[..4].try_into().unwrap()) as usize;
        String::from_utf8(records[4 + 4 * words..].to_vec()).unwrap()
    }

    #[test]
    fn only_text_the_parser_changed_is_copied() {
        let input = "Key Facts - The port  reopened [1] - Ships `run` again [2]\n\
                     Coastline Courier·2025-06-09 08:30";
        // The date, the folded point (its text and its inline's), and
        // the text of a point with marks, which has none; the code's own
        // text and every other string are the input's.
        assert_eq!(
            copied(input),
            "2025-06-09T08:30The port reopenedThe port reopened Ships run again"
        );
    }

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
