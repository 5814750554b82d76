//! A `Digest` object, as `parseDigest` returns it, from the JSON the
//! JavaScript layer writes with the engine's `JSON.stringify`, with a
//! `TypeError` that names the argument and the path into it when something
//! has the wrong type: `renderHtml: input.sections[1].points[0].text must
//! be a string, not number`.
//!
//! Objects cross the boundary once, as JSON, and are read from a [`Value`]
//! tree: reading them field by field through `Reflect` cost a boundary
//! call per field and more wasm than the parser, and serde's generic
//! visitors cost more still. (What JSON does not carry, such as
//! `undefined` members, functions or properties inherited from a
//! prototype, reads as missing; `toJSON` is honoured.) The field names
//! follow the model's camelCase wire names; a browser test renders every
//! fixture from `parseDigest`'s output and from its text and checks the
//! markup is equal. Not in the render-only module (feature `lite`), which
//! reads text only.

use super::input::{error, put, Result};
use crate::json::read::{self, Value};
use crate::model::{Digest, Heading, Inline, Note, Point, Reference, Section, Source, Title};
use wasm_bindgen::JsValue;

/// Where a value sits in an argument, for error messages; built into a
/// string only when there is an error to report.
#[derive(Clone, Copy)]
struct At<'a> {
    parent: Option<&'a At<'a>>,
    name: &'a str,
    /// Array index, when `name` is empty.
    index: usize,
    /// `None` for a missing member (or one JSON cannot carry).
    value: Option<&'a Value>,
}

impl<'a> At<'a> {
    fn root(name: &'a str, value: &'a Value) -> Self {
        At {
            parent: None,
            name,
            index: 0,
            value: Some(value),
        }
    }

    fn field(&'a self, key: &'a str) -> At<'a> {
        At {
            parent: Some(self),
            name: key,
            index: 0,
            value: self.value.and_then(|v| v.get(key)),
        }
    }

    /// The value, unless it is missing or `null`.
    fn present(&self) -> Option<&'a Value> {
        self.value.filter(|v| !matches!(v, Value::Null))
    }

    fn path(&self, out: &mut String) {
        if let Some(parent) = self.parent {
            parent.path(out);
            if self.name.is_empty() {
                out.push('[');
                out.push_str(&crate::render::html::number(self.index));
                out.push(']');
                return;
            }
            out.push('.');
        }
        out.push_str(self.name);
    }
}

/// Reads typed values; the first mismatch is kept as the error and reading
/// goes on with defaults, so building a struct needs no early returns (whose
/// clean-up code, one per field, was most of this module's size).
struct Reader<'f> {
    function: &'f str,
    error: Option<JsValue>,
}

impl Reader<'_> {
    #[inline(never)]
    fn wrong(&mut self, at: &At, expected: &str) {
        self.wrong_as(at, expected, at.value.map_or("undefined", Value::kind));
    }

    /// Like [`Self::wrong`], saying what the value is as `what`.
    fn wrong_as(&mut self, at: &At, expected: &str, what: &str) {
        self.fail(at, &[" must be ", expected, ", not ", what]);
    }

    /// Keeps the `TypeError` `function: path` and `tail`, unless there is
    /// one already.
    #[inline(never)]
    fn fail(&mut self, at: &At, tail: &[&str]) {
        if self.error.is_none() {
            let mut message = String::new();
            put(&mut message, &[self.function, ": "]);
            at.path(&mut message);
            put(&mut message, tail);
            self.error = Some(error(false, &[&message]));
        }
    }

    fn finish<T>(self, value: T) -> Result<T> {
        match self.error {
            Some(e) => Err(e),
            None => Ok(value),
        }
    }

    #[inline(never)]
    fn string(&mut self, at: &At) -> String {
        match at.value {
            Some(Value::String(s)) => s.clone(),
            _ => {
                self.wrong(at, "a string");
                String::new()
            }
        }
    }

    #[inline(never)]
    fn optional_string(&mut self, at: &At) -> Option<String> {
        at.present()?;
        Some(self.string(at))
    }

    /// A whole number in `0..=u32::MAX`.
    #[inline(never)]
    fn number(&mut self, at: &At) -> u32 {
        // Not `whole_number` and `unwrap_or_else`: their instances cost
        // more than this.
        if let Some(Value::Number(n)) = at.value {
            if let Some(n) = read::parse_u32(n) {
                return n;
            }
        }
        self.wrong(at, "a whole number from 0");
        0
    }

    /// Whether `at` holds an object (reported when it does not).
    #[inline(never)]
    fn object(&mut self, at: &At) -> bool {
        let is = matches!(at.value, Some(Value::Object(_)));
        if !is {
            self.wrong(at, "an object");
        }
        is
    }

    /// The elements of an array (missing: none).
    #[inline(never)]
    fn items<'a>(&mut self, at: &At<'a>) -> &'a [Value] {
        match at.present() {
            None => &[],
            Some(Value::Array(items)) => items,
            Some(_) => {
                self.wrong(at, "an array");
                &[]
            }
        }
    }

    /// Each element of an array (missing: none). Only the loop is generic:
    /// it is a copy per type read.
    fn each<'a, T>(&mut self, at: &At<'a>, mut read: impl FnMut(&mut Self, &At) -> T) -> Vec<T> {
        let items = self.items(at);
        let mut out = Vec::with_capacity(items.len());
        let mut index = 0;
        while index < items.len() {
            let item = At {
                parent: Some(at),
                name: "",
                index,
                value: Some(&items[index]),
            };
            out.push(read(self, &item));
            index += 1;
        }
        out
    }

    /// The member `key` of the object at `at`, as [`Self::string`] reads
    /// it. (The member reads take the key: an `At` built at each of their
    /// calls was a copy of its code per field.)
    #[inline(never)]
    fn string_in(&mut self, at: &At, key: &str) -> String {
        self.string(&at.field(key))
    }

    #[inline(never)]
    fn optional_string_in(&mut self, at: &At, key: &str) -> Option<String> {
        self.optional_string(&at.field(key))
    }

    #[inline(never)]
    fn number_in(&mut self, at: &At, key: &str) -> u32 {
        self.number(&at.field(key))
    }

    /// The member `key`, an array of whole numbers.
    fn numbers(&mut self, at: &At, key: &str) -> Vec<u32> {
        self.each(&at.field(key), |r, id| r.number(id))
    }

    /// An optional object read by `read`.
    fn optional<T>(&mut self, at: &At, read: impl FnOnce(&mut Self, &At) -> T) -> Option<T> {
        self.given(at).then(|| read(self, at))
    }

    /// Whether `at` holds an object to read: `false` when it is missing or
    /// `null`, and reported when it is something else. (The generic
    /// [`Self::optional`] was a copy of this per type.)
    #[inline(never)]
    fn given(&mut self, at: &At) -> bool {
        at.present().is_some() && self.object(at)
    }
}

/// A `Digest` object (as `parseDigest` returns) from its JSON (the
/// JavaScript layer checked it is an object and wrote it), reading what
/// rendering needs: title, source, sections, notes and references. The
/// citation index is rebuilt from the points; spans and diagnostics are
/// not read.
pub fn digest(function: &str, json: &str) -> Result<Digest> {
    // Not one whole JSON value of at most 64 levels, or empty
    // (`JSON.stringify` wrote nothing).
    let value =
        read::parse(json).ok_or_else(|| error(false, &[function, ": input could not be read"]))?;
    let at = At::root("input", &value);
    let mut r = Reader {
        function,
        error: None,
    };
    let title = r.optional(&at.field("title"), title);
    let source = r.optional(&at.field("source"), source);
    let sections = r.each(&at.field("sections"), section);
    let notes = r.each(&at.field("notes"), note);
    let references = r.each(&at.field("references"), |r, e| {
        r.object(e);
        Reference {
            id: r.number_in(e, "id"),
            title: r.optional_string_in(e, "title"),
            text: r.optional_string_in(e, "text").unwrap_or_default(),
            url: r.optional_string_in(e, "url"),
            span: Default::default(),
        }
    });
    let mut digest = Digest {
        title,
        source,
        sections,
        notes,
        references_heading: r.optional(&at.field("referencesHeading"), heading),
        references,
        citations: Vec::new(),
        diagnostics: Vec::new(),
    };
    digest.citations = crate::parse::index_citations(&digest.sections);
    r.finish(digest)
}

/// (The title, notes, source, sections and points are read out of line:
/// inlined in `digest` and the `each` loops, their code was larger.)
#[inline(never)]
fn title(r: &mut Reader, t: &At) -> Title {
    Title {
        column: r.optional_string_in(t, "column"),
        headline: r.string_in(t, "headline"),
        span: Default::default(),
    }
}

#[inline(never)]
fn note(r: &mut Reader, n: &At) -> Note {
    r.object(n);
    Note {
        text: r.string_in(n, "text"),
        span: Default::default(),
    }
}

#[inline(never)]
fn source(r: &mut Reader, s: &At) -> Source {
    let publisher = r.string_in(s, "publisher");
    Source {
        raw: r
            .optional_string_in(s, "raw")
            .unwrap_or_else(|| publisher.clone()),
        published: r.optional_string_in(s, "published"),
        publisher,
        span: Default::default(),
    }
}

#[inline(never)]
fn section(r: &mut Reader, s: &At) -> Section {
    r.object(s);
    Section {
        heading: r.optional(&s.field("heading"), heading),
        points: r.each(&s.field("points"), point),
        span: Default::default(),
    }
}

/// (Out of line: read for sections and the references heading, a copy in
/// each place cost more than the call.)
#[inline(never)]
fn heading(r: &mut Reader, h: &At) -> Heading {
    Heading {
        text: r.string_in(h, "text"),
        span: Default::default(),
    }
}

#[inline(never)]
fn point(r: &mut Reader, p: &At) -> Point {
    r.object(p);
    Point {
        inlines: inlines(r, &p.field("inlines"), 0),
        text: r.string_in(p, "text"),
        citations: r.numbers(p, "citations"),
        span: Default::default(),
    }
}

/// The inline kinds by their `type`, and the containers each may not sit
/// inside (bits): an inline never inside its own kind, and no citation
/// group inside a link (whose text may hold strong, emphasis and code, as
/// the parser writes `[**bold** words](https://…)`). Code holds no inlines.
const KINDS: [(&str, u8); 6] = [
    ("text", 0),
    ("cite", LINK),
    ("strong", STRONG),
    ("emphasis", EMPHASIS),
    ("code", 0),
    ("link", LINK),
];
const STRONG: u8 = 1;
const EMPHASIS: u8 = 2;
const LINK: u8 = 4;

/// An array of inlines inside the containers `inside` (bits of [`KINDS`]).
/// Recursive: an inline of a kind already open is refused, not read, so the
/// depth is at most the three containers.
fn inlines(r: &mut Reader, at: &At, inside: u8) -> Vec<Inline> {
    r.each(at, |r, inline| {
        r.object(inline);
        let kind = inline.field("type");
        let name = match kind.value {
            Some(Value::String(name)) => name,
            _ => "",
        };
        let mut known = None;
        let mut k = 0;
        while k < KINDS.len() {
            if KINDS[k].0 == name {
                known = Some(k);
                break;
            }
            k += 1;
        }
        match known.filter(|&k| KINDS[k].1 & inside == 0) {
            Some(0) => Inline::Text {
                text: r.string_in(inline, "text"),
                span: Default::default(),
            },
            Some(1) => Inline::Cite {
                ids: r.numbers(inline, "ids"),
                span: Default::default(),
            },
            Some(2) => Inline::Strong {
                children: inlines(r, &inline.field("children"), inside | STRONG),
                span: Default::default(),
            },
            Some(3) => Inline::Emphasis {
                children: inlines(r, &inline.field("children"), inside | EMPHASIS),
                span: Default::default(),
            },
            Some(4) => Inline::Code {
                text: r.string_in(inline, "text"),
                span: Default::default(),
            },
            Some(_) => Inline::Link {
                url: r.string_in(inline, "url"),
                children: inlines(r, &inline.field("children"), inside | LINK),
                span: Default::default(),
            },
            None => {
                // `"text", "cite", … or "link"`: the kinds allowed here.
                // (Written out by hand: `join` costs the module a kilobyte,
                // a filter iterator more than counting first.)
                let allowed = |k: usize| KINDS[k].1 & inside == 0;
                let mut left = 0;
                let mut k = 0;
                while k < KINDS.len() {
                    left += usize::from(allowed(k));
                    k += 1;
                }
                let mut expected = String::new();
                k = 0;
                while k < KINDS.len() {
                    if allowed(k) {
                        left -= 1;
                        if !expected.is_empty() {
                            expected.push_str(if left > 0 { ", " } else { " or " });
                        }
                        expected.push('"');
                        expected.push_str(KINDS[k].0);
                        expected.push('"');
                    }
                    k += 1;
                }
                match known {
                    // A known kind where it may not be: name it.
                    Some(_) => {
                        // Pushed, not a `concat` (`join_generic_copy`).
                        let mut quoted = String::from("\"");
                        quoted.push_str(name);
                        quoted.push('"');
                        r.wrong_as(&kind, &expected, &quoted)
                    }
                    None => r.wrong(&kind, &expected),
                }
                Inline::Text {
                    text: String::new(),
                    span: Default::default(),
                }
            }
        }
    })
}
