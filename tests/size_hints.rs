//! The size hints the wasm boundary checks its limit against (before it
//! spends memory on the markup or the JSON) stay close to what the writers
//! really write: within a factor of 2 either way, on the fixtures and the
//! hostile shapes at 256 KB, wherever the output is large enough to matter
//! (16 KB; below that, a few hundred bytes of fixed markup dominate).

mod common;
#[path = "../benches/corpus/mod.rs"]
mod corpus;

use digest_render::{json, parse, render::html, RenderOptions};

fn check(name: &str, input: &str, worst: &mut (f64, String)) {
    let digest = parse(input);
    let pairs = [
        (
            html::size_hint(&digest),
            html::render(&digest, &RenderOptions::default()).len(),
            "html",
        ),
        (
            json::size_hint(&digest),
            json::to_string(&digest, false).len(),
            "json",
        ),
    ];
    for (hint, real, what) in pairs {
        if hint.max(real) < 16 << 10 {
            continue;
        }
        let ratio = hint as f64 / real as f64;
        let off = ratio.max(1.0 / ratio);
        if off > worst.0 {
            *worst = (off, format!("{name} {what}: hint {hint}, real {real}"));
        }
    }
}

#[test]
fn hints_are_within_a_factor_of_two_of_the_real_sizes() {
    let mut worst = (1.0, String::new());
    for (name, input) in common::fixtures() {
        check(&name, &input, &mut worst);
    }
    for (name, _) in corpus::all_shapes() {
        check(&name, &corpus::shape(&name, 256 << 10), &mut worst);
    }
    assert!(worst.0 <= 2.0, "worst: {} ({:.2}x)", worst.1, worst.0);
}
