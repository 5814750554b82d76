//! A fixed workload for `valgrind --tool=callgrind` (instruction counts are
//! repeatable where timings are not): `PROFILE=parse|html`, `PROFILE_RUNS=N`.
mod corpus;

fn main() {
    let runs: usize = std::env::var("PROFILE_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let text = corpus::digest(&mut corpus::Rng::new(1));
    let options = digest_render::RenderOptions::default();
    let html = std::env::var("PROFILE").as_deref() == Ok("html");
    for _ in 0..runs {
        let digest = digest_render::parse(std::hint::black_box(&text));
        if html {
            std::hint::black_box(digest_render::render_html(&digest, &options));
        }
        std::hint::black_box(digest);
    }
    eprintln!("{} bytes x {runs}", text.len());
}
