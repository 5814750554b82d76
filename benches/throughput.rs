//! Native parse throughput as one JSON line, for bench/run.mjs to put in
//! BENCHMARKS.md: the median of many timed runs over a seed-sized digest,
//! the real seed when present, and parse + HTML rendering.
//! (`benches/parse.rs` gives the same with divan's statistics.)

mod corpus;

use std::time::Instant;

/// Median MB/s of `f` over `text`, after a warm-up.
fn mb_per_second(text: &str, f: impl Fn(&str)) -> f64 {
    let per_sample = (2_000_000 / text.len()).max(1);
    for _ in 0..per_sample {
        f(text);
    }
    let mut samples: Vec<f64> = (0..31)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..per_sample {
                f(std::hint::black_box(text));
            }
            (text.len() * per_sample) as f64 / start.elapsed().as_secs_f64() / 1e6
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

fn main() {
    let digest = corpus::digest(&mut corpus::Rng::new(1));
    let seed_path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seed/digest.txt");
    let seed = std::fs::read_to_string(seed_path).ok();
    let options = digest_render::RenderOptions::default();
    let parse = |t: &str| drop(std::hint::black_box(digest_render::parse(t)));
    let render = |t: &str| {
        drop(std::hint::black_box(digest_render::render_html(
            &digest_render::parse(t),
            &options,
        )))
    };
    let seed_mbps = seed.as_deref().map(|s| mb_per_second(s, parse));
    println!(
        "{{\"digestBytes\":{},\"parseMBps\":{:.1},\"seedParseMBps\":{},\"parseAndRenderMBps\":{:.1}}}",
        digest.len(),
        mb_per_second(&digest, parse),
        seed_mbps.map_or("null".to_string(), |v| format!("{v:.1}")),
        mb_per_second(&digest, render),
    );
}
