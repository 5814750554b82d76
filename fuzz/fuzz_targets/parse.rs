//! Any text parses to a digest that keeps every invariant (spans, nothing
//! lost, citation index) and serialises to JSON our own reader (the one the
//! wasm boundary reads objects with) reads back; the reader takes any text
//! without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let digest = digest_render::parse(text);
    if let Err(e) = digest_render::check::invariants(text, &digest) {
        panic!("{e}");
    }
    let json = digest_render::json::to_string(&digest, false);
    assert!(json.starts_with('{') && json.ends_with('}'));
    let back = digest_render::json::read::parse(&json).expect("our JSON reads back");
    assert!(back.get("sections").is_some());
    let _ = digest_render::json::read::parse(text);
});
