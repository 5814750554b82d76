//! Native parse throughput on seed-like digests (divan).
//! `make bench` runs it; `cargo bench --bench parse`.

mod corpus;

use divan::{black_box, counter::BytesCount, Bencher};

fn main() {
    divan::main();
}

/// One seed-sized digest, parsed again and again.
#[divan::bench]
fn one_digest(bencher: Bencher) {
    let text = corpus::digest(&mut corpus::Rng::new(1));
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| digest_render::parse(black_box(&text)));
}

/// The real seed digest, when this checkout sits beside it.
#[divan::bench]
fn seed_digest(bencher: Bencher) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seed/digest.txt");
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|_| corpus::digest(&mut corpus::Rng::new(2)));
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| digest_render::parse(black_box(&text)));
}

/// A megabyte of digests, back to back, as one input.
#[divan::bench]
fn one_megabyte(bencher: Bencher) {
    let text = corpus::ordinary(1 << 20);
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| digest_render::parse(black_box(&text)));
}

/// Parse and render to HTML, as the CLI's `html` does.
#[divan::bench]
fn parse_and_render_html(bencher: Bencher) {
    let text = corpus::digest(&mut corpus::Rng::new(1));
    let options = digest_render::RenderOptions::default();
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| digest_render::render_html(&digest_render::parse(black_box(&text)), &options));
}
