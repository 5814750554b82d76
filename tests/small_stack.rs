//! No recursion grows with the input: every hostile shape of the benchmark
//! corpus (each construct's opening mark repeated without its close, in
//! every setting) is parsed and rendered on a thread with a 64 KB stack.
//! A parser that recursed once per repetition would overflow it within a
//! few hundred repetitions; these inputs hold hundreds of thousands.

#[path = "../benches/corpus/mod.rs"]
mod corpus;

use digest_render::{check, parse, render_html, RenderOptions};

const SIZE: usize = 1 << 20;
const STACK: usize = 64 << 10;

/// Parses and renders `input` on a small stack; the digest's invariants
/// are checked afterwards, on an ordinary one. (The markup's safety is the
/// fuzzers' and the XSS corpus's to check: checking megabytes of it here
/// would be most of the test's time.)
fn on_small_stack(name: &str, input: String) {
    let worker = std::thread::Builder::new()
        .name(name.into())
        .stack_size(STACK)
        .spawn(move || {
            let digest = parse(&input);
            let html = render_html(&digest, &RenderOptions::default());
            (input, digest, html)
        })
        .expect("thread starts");
    // An overflow aborts the whole process with the thread's name; a panic
    // comes back here.
    let (input, digest, html) = worker.join().unwrap_or_else(|_| panic!("{name}: panicked"));
    check::invariants(&input, &digest).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(
        html.starts_with("<article") && html.ends_with("</article>"),
        "{name}: no article"
    );
}

#[test]
fn every_hostile_shape_parses_and_renders_on_a_64_kb_stack() {
    let shapes = corpus::all_shapes();
    assert!(shapes.len() > 170, "the shape list shrank");
    for (name, _) in shapes {
        if name == "ordinary digests" {
            continue;
        }
        let input = corpus::shape(&name, SIZE);
        on_small_stack(&name, input);
    }
}

#[test]
fn chained_unclosed_citations_read_as_a_reader_would() {
    // `[1[1[1…`: each list runs into the next opening bracket, so none is a
    // citation but the last, which ends the text.
    let input = "[1".repeat(100_000);
    let digest = parse(&input);
    let point = &digest.sections[0].points[0];
    assert_eq!(point.citations, vec![1]);
    assert!(point.text.starts_with("[1[1[1"));
    // `[1[2] …`: an unclosed list right before a closed one joins it.
    let digest = parse("Fares rose [1[2] - Trains ran late [3]");
    assert_eq!(digest.sections[0].points[0].citations, vec![1, 2]);
}
