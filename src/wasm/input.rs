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
use js_sys::{Array, RangeError, TypeError};
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

/// The render options as the JavaScript layer checked and flattened them
/// (`flatOptions` in npm/api.js, which throws every `TypeError` and
/// `RangeError` about them): an empty array for none, or one of the
/// heading level (0: not set), the direction (0: not set, 1: ltr, 2: rtl),
/// the id prefix, the eight labels below, the twelve month names, then each
/// reference as its id, title, text and url; a string that is not set is
/// missing. (Checked here before, from the options' JSON: that reader cost
/// the module more than the checks cost the JavaScript.)
pub fn options(js: &JsValue) -> Option<RenderOptions> {
    let list: &Array = js.unchecked_ref();
    // (Empty for none, not `undefined`: a test for that was an import.)
    if list.length() == 0 {
        return None;
    }
    let text = |i: u32| list.get(i).as_string();
    let number = |i: u32| list.get(i).as_f64().unwrap_or(0.0) as u32;
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
        if let Some(label) = text(3 + i as u32) {
            *fields[i] = label;
        }
        i += 1;
    }
    // The months are all given or none. (Tested by reading the first: an
    // `is_string` test was an import of its own.)
    if let Some(first) = text(11) {
        let mut months = Vec::with_capacity(12);
        months.push(first);
        let mut m = 12;
        while m < 23 {
            months.push(text(m).unwrap_or_default());
            m += 1;
        }
        labels.months = months;
    }
    let mut references = Vec::new();
    let mut at = 23;
    while at < list.length() {
        references.push(ReferenceInput {
            id: number(at),
            title: text(at + 1),
            text: text(at + 2),
            url: text(at + 3),
        });
        at += 4;
    }
    let level = number(0);
    Some(RenderOptions {
        heading_level: (level != 0).then_some(level as u8),
        dir: match number(1) {
            1 => Some(Direction::Ltr),
            2 => Some(Direction::Rtl),
            _ => None,
        },
        id_prefix: text(2),
        labels,
        references,
    })
}
