//! Reading JavaScript arguments into Rust values, with a `TypeError` that
//! names the argument and the path into it when something has the wrong
//! type: `renderHtml: input.sections[1].points[0].text must be a string, not number`.
//!
//! Written by hand instead of through serde's `Deserialize`: the generic
//! visitors cost more wasm than everything else in the module together, and
//! the renderer needs only part of a `Digest`. The field names follow the
//! model's camelCase wire names; a browser test renders every fixture from
//! `parseDigest`'s output and from its text and checks the markup is equal.

use crate::model::{Digest, Heading, Inline, Point, Reference, Section, Source, Title};
use crate::render::{Labels, ReferenceInput, RenderOptions};
use js_sys::{Array, Object, RangeError, Reflect, TypeError};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

pub type Result<T> = std::result::Result<T, JsValue>;

/// A value and where it came from, for error messages.
pub struct Arg<'a> {
    function: &'a str,
    path: String,
    value: JsValue,
}

pub fn type_error(message: &str) -> JsValue {
    TypeError::new(message).into()
}

/// What a value is, in words: `null`, `an array`, `number` ...
pub fn describe(value: &JsValue) -> String {
    if value.is_null() {
        "null".into()
    } else if Array::is_array(value) {
        "an array".into()
    } else {
        value
            .js_typeof()
            .as_string()
            .unwrap_or_else(|| "a value".into())
    }
}

fn is_plain_object(value: &JsValue) -> bool {
    value.is_object() && !Array::is_array(value) && !value.is_function()
}

impl<'a> Arg<'a> {
    pub fn new(function: &'a str, name: &str, value: JsValue) -> Self {
        Arg {
            function,
            path: name.to_string(),
            value,
        }
    }

    pub fn value(&self) -> &JsValue {
        &self.value
    }

    fn wrong(&self, expected: &str) -> JsValue {
        type_error(
            &[
                self.function,
                ": ",
                &self.path,
                " must be ",
                expected,
                ", not ",
                &describe(&self.value),
            ]
            .concat(),
        )
    }

    pub fn is_missing(&self) -> bool {
        self.value.is_undefined() || self.value.is_null()
    }

    pub fn string(&self) -> Result<String> {
        self.value.as_string().ok_or_else(|| self.wrong("a string"))
    }

    fn optional_string(&self) -> Result<Option<String>> {
        if self.is_missing() {
            Ok(None)
        } else {
            self.string().map(Some)
        }
    }

    /// A whole number in `0..=u32::MAX`.
    fn number(&self) -> Result<u32> {
        match self.value.as_f64() {
            Some(n) if n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&n) => Ok(n as u32),
            _ => Err(self.wrong("a whole number from 0")),
        }
    }

    fn field(&self, key: &str) -> Result<Arg<'a>> {
        let value = Reflect::get(&self.value, &JsValue::from_str(key))?;
        Ok(Arg {
            function: self.function,
            path: [self.path.as_str(), ".", key].concat(),
            value,
        })
    }

    pub fn object(&self) -> Result<()> {
        if is_plain_object(&self.value) {
            Ok(())
        } else {
            Err(self.wrong("an object"))
        }
    }

    /// Each element of an array (missing: none).
    fn each<T>(&self, mut read: impl FnMut(Arg<'a>) -> Result<T>) -> Result<Vec<T>> {
        if self.is_missing() {
            return Ok(Vec::new());
        }
        let array: &Array = self.value.dyn_ref().ok_or_else(|| self.wrong("an array"))?;
        let mut out = Vec::with_capacity(array.length() as usize);
        for (i, value) in array.iter().enumerate() {
            out.push(read(Arg {
                function: self.function,
                path: [
                    self.path.as_str(),
                    "[",
                    &crate::render::html::number(i),
                    "]",
                ]
                .concat(),
                value,
            })?);
        }
        Ok(out)
    }

    /// An optional object read by `read`.
    fn optional<T>(&self, read: impl FnOnce(&Arg<'a>) -> Result<T>) -> Result<Option<T>> {
        if self.is_missing() {
            return Ok(None);
        }
        self.object()?;
        read(self).map(Some)
    }
}

/// Render options: `undefined`/`null` for the defaults, or an object.
pub fn options(function: &str, value: JsValue) -> Result<RenderOptions> {
    let arg = Arg::new(function, "options", value);
    if arg.is_missing() {
        return Ok(RenderOptions::default());
    }
    arg.object()?;
    let level = arg.field("headingLevel")?;
    let heading_level = if level.is_missing() {
        None
    } else {
        match level.value.as_f64() {
            Some(n) if n.fract() == 0.0 && (2.0..=6.0).contains(&n) => Some(n as u8),
            Some(n) => {
                // JavaScript writes the number: Rust's float formatting
                // would add kilobytes to the module for one message.
                let shown: String = js_sys::Number::from(n)
                    .to_string_with_radix(10)
                    .map(String::from)
                    .unwrap_or_default();
                return Err(RangeError::new(
                    &[
                        function,
                        ": options.headingLevel must be 2 to 6, not ",
                        &shown,
                    ]
                    .concat(),
                )
                .into());
            }
            None => return Err(level.wrong("a number from 2 to 6")),
        }
    };
    let id_prefix = arg.field("idPrefix")?.optional_string()?;
    let labels = labels(&arg.field("labels")?)?;
    let references = references(&arg.field("references")?)?;
    Ok(RenderOptions {
        heading_level,
        labels,
        references,
        id_prefix,
    })
}

fn labels(arg: &Arg) -> Result<Labels> {
    let mut labels = Labels::default();
    if arg.is_missing() {
        return Ok(labels);
    }
    arg.object()?;
    let fields: [(&str, &mut String); 8] = [
        ("source", &mut labels.source),
        ("citation", &mut labels.citation),
        ("alsoCitedIn", &mut labels.also_cited_in),
        ("references", &mut labels.references),
        ("opensInNewTab", &mut labels.opens_in_new_tab),
        ("empty", &mut labels.empty),
        ("dateFormat", &mut labels.date_format),
        ("dateTimeFormat", &mut labels.date_time_format),
    ];
    for (key, slot) in fields {
        if let Some(text) = arg.field(key)?.optional_string()? {
            *slot = text;
        }
    }
    let months = arg.field("months")?;
    if !months.is_missing() {
        let names = months.each(|m| m.string())?;
        if names.len() != 12 {
            return Err(type_error(
                &[arg.function, ": options.labels.months must list 12 names"].concat(),
            ));
        }
        labels.months = names;
    }
    Ok(labels)
}

/// An array of `{ id, title?, text?, url? }`, or an object keyed by id.
fn references(arg: &Arg) -> Result<Vec<ReferenceInput>> {
    if arg.is_missing() {
        return Ok(Vec::new());
    }
    if Array::is_array(&arg.value) {
        return arg.each(|entry| {
            entry.object()?;
            reference_input(&entry, entry.field("id")?.number()?)
        });
    }
    if !is_plain_object(&arg.value) {
        return Err(arg.wrong("an array or an object keyed by id"));
    }
    let mut out = Vec::new();
    for pair in Object::entries(arg.value.unchecked_ref()).iter() {
        let pair: Array = pair.unchecked_into();
        let key = pair.get(0).as_string().unwrap_or_default();
        let id: u32 = key.trim().parse().map_err(|_| {
            type_error(
                &[
                    arg.function,
                    ": ",
                    &arg.path,
                    " keys must be citation numbers, not \"",
                    &key,
                    "\"",
                ]
                .concat(),
            )
        })?;
        let entry = Arg {
            function: arg.function,
            path: [arg.path.as_str(), "[", &key, "]"].concat(),
            value: pair.get(1),
        };
        entry.object()?;
        out.push(reference_input(&entry, id)?);
    }
    Ok(out)
}

fn reference_input(entry: &Arg, id: u32) -> Result<ReferenceInput> {
    Ok(ReferenceInput {
        id,
        title: entry.field("title")?.optional_string()?,
        text: entry.field("text")?.optional_string()?,
        url: entry.field("url")?.optional_string()?,
    })
}

/// A `Digest` object (as `parseDigest` returns), reading what rendering
/// needs: title, source, sections and references. The citation index is
/// rebuilt from the points; spans and diagnostics are not read.
pub fn digest(arg: &Arg) -> Result<Digest> {
    arg.object()?;
    let title = arg.field("title")?.optional(|t| {
        Ok(Title {
            column: t.field("column")?.optional_string()?,
            headline: t.field("headline")?.string()?,
            span: Default::default(),
        })
    })?;
    let source = arg.field("source")?.optional(|s| {
        let publisher = s.field("publisher")?.string()?;
        let raw = s
            .field("raw")?
            .optional_string()?
            .unwrap_or_else(|| publisher.clone());
        Ok(Source {
            publisher,
            published: s.field("published")?.optional_string()?,
            raw,
            span: Default::default(),
        })
    })?;
    let sections = arg.field("sections")?.each(|s| {
        s.object()?;
        Ok(Section {
            heading: s.field("heading")?.optional(heading)?,
            points: s.field("points")?.each(|p| point(&p))?,
            span: Default::default(),
        })
    })?;
    let references = arg.field("references")?.each(|r| {
        r.object()?;
        Ok(Reference {
            id: r.field("id")?.number()?,
            title: r.field("title")?.optional_string()?,
            text: r.field("text")?.optional_string()?.unwrap_or_default(),
            url: r.field("url")?.optional_string()?,
            span: Default::default(),
        })
    })?;
    let mut digest = Digest {
        title,
        source,
        sections,
        references_heading: arg.field("referencesHeading")?.optional(heading)?,
        references,
        citations: Vec::new(),
        diagnostics: Vec::new(),
    };
    digest.citations = crate::parse::index_citations(&digest.sections);
    Ok(digest)
}

fn heading(h: &Arg) -> Result<Heading> {
    Ok(Heading {
        text: h.field("text")?.string()?,
        span: Default::default(),
    })
}

fn point(p: &Arg) -> Result<Point> {
    p.object()?;
    let inlines = p.field("inlines")?.each(|inline| {
        inline.object()?;
        let kind = inline.field("type")?;
        match kind.string()?.as_str() {
            "text" => Ok(Inline::Text {
                text: inline.field("text")?.string()?,
                span: Default::default(),
            }),
            "cite" => Ok(Inline::Cite {
                ids: inline.field("ids")?.each(|id| id.number())?,
                span: Default::default(),
            }),
            _ => Err(kind.wrong("\"text\" or \"cite\"")),
        }
    })?;
    Ok(Point {
        text: p.field("text")?.string()?,
        citations: p.field("citations")?.each(|id| id.number())?,
        inlines,
        span: Default::default(),
    })
}
