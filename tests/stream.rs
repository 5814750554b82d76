//! The stream's operations, applied to a plain model of the page: after
//! `finish` the page holds exactly the markup of the whole text, for every
//! fixture at several chunk sizes; points once final are never touched;
//! each push reads only the unfinished tail. The browser tests
//! (tests/browser/stream.test.mjs) apply the same operations to a real DOM.

use digest_render::check::StreamPage as Page;
use digest_render::stream::Stream;
use digest_render::{render_html, RenderOptions};
use std::fs;

/// Chunks of at most `size` characters.
fn chunks(text: &str, size: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut count = 0;
    for (i, _) in text.char_indices() {
        if count == size {
            out.push(&text[start..i]);
            start = i;
            count = 0;
        }
        count += 1;
    }
    out.push(&text[start..]);
    out
}

fn stream(text: &str, size: usize) -> Page {
    let mut page = Page::new();
    let mut s = Stream::new(RenderOptions::default(), "");
    for chunk in chunks(text, size) {
        let ops = s.push(chunk);
        page.apply(&ops);
        if let Err(e) = page.streaming_invariants() {
            panic!("{e} after {size}-character chunks up to {:?}", chunk);
        }
    }
    page.finishing = true;
    page.apply(&s.finish(usize::MAX).unwrap());
    page
}

fn inputs() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for entry in fs::read_dir("tests/fixtures").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            out.push((
                path.display().to_string(),
                fs::read_to_string(&path).unwrap(),
            ));
        }
    }
    if let Ok(seed) = fs::read_to_string("../shared/seed/digest.txt") {
        out.push(("seed".into(), seed));
    }
    out.sort();
    out
}

#[test]
fn finished_stream_is_the_whole_text_markup() {
    let mut failures = Vec::new();
    for (name, text) in inputs() {
        let want = render_html(&digest_render::parse(&text), &RenderOptions::default());
        for size in [1, 3, 7, 16, 64, usize::MAX] {
            let page = stream(&text, size);
            let got = page.html();
            if got != want {
                let at = got
                    .bytes()
                    .zip(want.bytes())
                    .take_while(|(a, b)| a == b)
                    .count();
                let lo = at.saturating_sub(80);
                failures.push(format!(
                    "{name} at {size}: differs at {at}\n  got  …{}\n  want …{}",
                    got.get(lo..(at + 80).min(got.len())).unwrap_or(""),
                    want.get(lo..(at + 80).min(want.len())).unwrap_or(""),
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// While streaming, never; at the end, only where references turned pills
/// into links (the point's element stays: the page morphs it).
#[test]
fn final_points_are_not_rewritten() {
    let mut rewritten = Vec::new();
    for (name, text) in inputs() {
        for size in [1, 7, 64] {
            let page = stream(&text, size);
            if page.rewritten_after_final > 0 || !page.rewritten_at_finish.is_empty() {
                rewritten.push(format!(
                    "{name} at {size}: {} while streaming; at the end {:?}",
                    page.rewritten_after_final, page.rewritten_at_finish
                ));
            }
        }
    }
    assert!(rewritten.is_empty(), "{rewritten:#?}");
}

/// A push whose markup would be over the limit is refused before any of it
/// is written, with about the size it would have (the wasm boundary makes
/// that a `RangeError`; before, one push of a hostile 10 MB digest ran the
/// module out of memory). The same text in small pushes stays under it.
#[test]
fn a_push_over_the_markup_limit_is_refused_with_its_size() {
    let text = "Port Update - Ferries run again [1] - Buses follow [2][3]\n".repeat(300);
    let whole = render_html(&digest_render::parse(&text), &RenderOptions::default()).len();
    let limit = whole / 4;
    let mut s = Stream::new(RenderOptions::default(), "");
    let size = s.push_and_finish(&text, false, limit).unwrap_err();
    assert!(
        size > limit && size >= whole / 2 && size <= whole * 2,
        "refused with {size} bytes for {whole} bytes of markup"
    );
    let mut page = Page::new();
    let mut s = Stream::new(RenderOptions::default(), "");
    for chunk in chunks(&text, 200) {
        page.apply(&s.push_and_finish(chunk, false, limit).unwrap());
    }
    page.finishing = true;
    page.apply(&s.push_and_finish("", true, usize::MAX).unwrap());
    assert_eq!(
        page.html(),
        render_html(&digest_render::parse(&text), &RenderOptions::default())
    );
}
