//! Reading the JavaScript layer's arguments into Rust values, and the
//! errors the module throws: a `TypeError` (or `RangeError`) that names
//! the calling function, built in one place.
//!
//! The options arrive checked and flattened by the JavaScript layer
//! (`flatOptions` in npm/api.js); a model arrives as JSON and is read by
//! [`super::digest_json`].

use crate::model::ReferenceInput;
use crate::render::bidi::Direction;
use crate::render::{Labels, RenderOptions};
use js_sys::{RangeError, TypeError};
use wasm_bindgen::prelude::*;

pub type Result<T> = std::result::Result<T, JsValue>;

/// Appends the pieces in order.
#[inline(never)]
pub fn put(out: &mut String, pieces: &[&str]) {
    let mut i = 0;
    while i < pieces.len() {
        out.push_str(pieces[i]);
        i += 1;
    }
}

/// A `TypeError`, or a `RangeError` when `range`, whose message is
/// `pieces` in order. (One builder for every message: each `concat` and
/// error made in place was a copy of that code.)
#[inline(never)]
pub fn error(range: bool, pieces: &[&str]) -> JsValue {
    let mut message = String::new();
    put(&mut message, pieces);
    if range {
        RangeError::new(&message).into()
    } else {
        TypeError::new(&message).into()
    }
}

/// A string not set, among the options' numbers.
const NONE: u32 = u32::MAX;

/// The flattened options being read: numbers in order, and the strings,
/// whose lengths are among the numbers, one after another in `text`.
struct Flat<'a> {
    numbers: &'a [u32],
    at: usize,
    text: &'a str,
}

impl Flat<'_> {
    fn number(&mut self) -> u32 {
        let n = self.numbers.get(self.at).copied().unwrap_or(NONE);
        self.at += 1;
        n
    }

    /// The next string: its length (UTF-16 code units, as JavaScript
    /// counts) is the next number.
    fn string(&mut self) -> Option<String> {
        let units = self.number();
        if units == NONE {
            return None;
        }
        // Whole characters (a byte that does not continue one starts one;
        // four-byte ones are two units) until `units` are counted.
        let bytes = self.text.as_bytes();
        let (mut counted, mut end) = (0, 0);
        while end < bytes.len() && (counted < units || bytes[end] & 0xC0 == 0x80) {
            if bytes[end] & 0xC0 != 0x80 {
                counted += 1 + (bytes[end] >= 0xF0) as u32;
            }
            end += 1;
        }
        let (head, rest) = self.text.split_at(end);
        self.text = rest;
        Some(head.to_owned())
    }
}

/// The render options as the JavaScript layer checked and flattened them
/// (`flatOptions` in npm/api.js, which throws every `TypeError` and
/// `RangeError` about them): no numbers for none, or in order the heading
/// level (0: not set), the direction (0: not set, 1: ltr, 2: rtl), the id
/// prefix, the eight labels below, the twelve month names, then each
/// reference as its id, title, text and url. A string is its length among
/// the numbers ([`NONE`]: not set) and its text in `text`, after the
/// strings before it. (Checked here before, from the options' JSON: that
/// reader cost the module more than the checks cost the JavaScript. The
/// values crossed as one array read item by item before, each item a slot
/// in the table of JavaScript values; older WebKit (Safari 16) trapped
/// when the module grew that table itself.)
pub fn options(numbers: &[u32], text: &str) -> Option<RenderOptions> {
    if numbers.is_empty() {
        return None;
    }
    let mut flat = Flat {
        numbers,
        at: 0,
        text,
    };
    let level = flat.number();
    let dir = match flat.number() {
        1 => Some(Direction::Ltr),
        2 => Some(Direction::Rtl),
        _ => None,
    };
    let id_prefix = flat.string();
    let mut labels = Labels::default();
    // In `flatOptions`' `LABELS` order.
    let fields: [&mut String; 8] = [
        &mut labels.source,
        &mut labels.citation,
        &mut labels.also_cited_in,
        &mut labels.references,
        &mut labels.opens_in_new_tab,
        &mut labels.empty,
        &mut labels.date_format,
        &mut labels.date_time_format,
    ];
    // Indexed: the array's by-value iterator was kept in memory.
    let mut i = 0;
    while i < fields.len() {
        if let Some(label) = flat.string() {
            *fields[i] = label;
        }
        i += 1;
    }
    // The months are all given or none.
    if let Some(first) = flat.string() {
        let mut months = Vec::with_capacity(12);
        months.push(first);
        while months.len() < 12 {
            months.push(flat.string().unwrap_or_default());
        }
        labels.months = months;
    } else {
        flat.at += 11;
    }
    let mut references = Vec::new();
    while flat.at < numbers.len() {
        references.push(ReferenceInput {
            id: flat.number(),
            title: flat.string(),
            text: flat.string(),
            url: flat.string(),
        });
    }
    Some(RenderOptions {
        heading_level: (level != 0).then_some(level as u8),
        dir,
        id_prefix,
        labels,
        references,
    })
}
