//! Any text, with any references given by the caller, renders to
//! well-formed markup made only of the renderer's elements and attributes,
//! whose links are only `#…` or http(s). The first line supplies the
//! caller's reference (title and URL), the rest is the digest.
#![no_main]

use digest_render::{parse, render_html, ReferenceInput, RenderOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (given, body) = text.split_once('\n').unwrap_or(("", text));
    let options = RenderOptions {
        heading_level: Some(2 + (data.len() % 5) as u8),
        references: vec![ReferenceInput {
            id: 1,
            title: Some(given.to_string()),
            text: None,
            url: Some(given.to_string()),
        }],
        ..Default::default()
    };
    let html = render_html(&parse(body), &options);
    if let Err(e) = digest_render::check::html(&html) {
        panic!("{e}");
    }
});
