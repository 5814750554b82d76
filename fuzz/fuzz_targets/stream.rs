//! Any text, streamed in chunks of any size (on character boundaries):
//! nothing panics, every push's operations fit the page they change, the
//! page is busy and every pill has its tooltip after each, and after
//! `finish` the page holds exactly the markup of the whole text. The first
//! byte chooses the chunk sizes. Inputs are cut at 8 KB: a push re-reads
//! the unfinished point, and an input with no separator is one point.
#![no_main]

use digest_render::check::StreamPage;
use digest_render::stream::Stream;
use digest_render::{parse, render_html, RenderOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&seed, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(&rest[..rest.len().min(8192)]) else {
        return;
    };
    let mut page = StreamPage::new();
    let mut stream = Stream::new(RenderOptions::default(), "");
    let mut state = u32::from(seed) | 1;
    let mut at = 0;
    while at < text.len() {
        // A small xorshift: sizes of 1 to 64 bytes, moved to a boundary.
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let mut end = (at + 1 + (state % 64) as usize).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        page.apply(&stream.push(&text[at..end]));
        if let Err(e) = page.streaming_invariants() {
            panic!("{e} after {:?}", &text[..end]);
        }
        at = end;
    }
    page.finishing = true;
    page.apply(&stream.finish(usize::MAX).expect("no limit"));
    let want = render_html(&parse(text), &RenderOptions::default());
    assert_eq!(page.html(), want, "the finished stream differs from the whole text's markup");
});
