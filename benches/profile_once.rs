//! A fixed workload for `valgrind --tool=callgrind` (instruction counts are
//! repeatable where timings are not):
//!   PROFILE=parse|html PROFILE_RUNS=N      one seed-sized digest, N times
//!   PROFILE_SHAPE=NAME PROFILE_MB=N        one hostile shape of N MB, once
//! Comparing the instruction counts of a shape at two sizes shows whether
//! its cost is linear, free of the memory effects that skew timings.
mod corpus;

fn main() {
    let env = |k: &str| std::env::var(k).ok();
    if let Some(shape) = env("PROFILE_SHAPE") {
        let mb: usize = env("PROFILE_MB").and_then(|v| v.parse().ok()).unwrap_or(1);
        let text = corpus::shape(&shape, mb << 20);
        std::hint::black_box(digest_render::parse(&text));
        return;
    }
    let runs: usize = env("PROFILE_RUNS")
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let text = corpus::digest(&mut corpus::Rng::new(1));
    let options = digest_render::RenderOptions::default();
    let html = env("PROFILE").as_deref() == Some("html");
    for _ in 0..runs {
        let digest = digest_render::parse(std::hint::black_box(&text));
        if html {
            std::hint::black_box(digest_render::render_html(&digest, &options));
        }
        std::hint::black_box(digest);
    }
}
