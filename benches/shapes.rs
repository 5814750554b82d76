//! Linearity: each hostile shape's cost per byte, at growing sizes, against
//! ordinary digest text of the same size: the parser at every size, and the
//! HTML writer at the two smaller ones (its output is many times its input,
//! so the largest size would mostly measure memory). A linear parser and
//! writer keep each row's ns/byte flat across sizes. Prints a table and
//! writes it to bench/out/shapes.md for BENCHMARKS.md; asserts nothing
//! (timing is not a test).
//!
//! `cargo bench --bench shapes` (sizes in MB: SHAPE_SIZES=1,4,10).

mod corpus;

use std::fmt::Write as _;
use std::time::Instant;

/// Best of a few runs (the least disturbed by the rest of the machine), in
/// ns per input byte.
fn best_per_byte(bytes: usize, runs: usize, mut run: impl FnMut()) -> f64 {
    let mut best = f64::MAX;
    for _ in 0..runs {
        let start = Instant::now();
        run();
        best = best.min(start.elapsed().as_secs_f64());
    }
    best * 1e9 / bytes as f64
}

fn main() {
    let sizes: Vec<usize> = std::env::var("SHAPE_SIZES")
        .unwrap_or_else(|_| "1,4,10".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let render_sizes = &sizes[..sizes.len().min(2)];
    let shapes = corpus::all_shapes();
    let mut parse: Vec<Vec<f64>> = vec![Vec::new(); shapes.len()];
    let mut render: Vec<Vec<f64>> = vec![Vec::new(); shapes.len()];
    let options = digest_render::RenderOptions::default();
    for &mb in &sizes {
        for (i, (name, _)) in shapes.iter().enumerate() {
            let text = corpus::shape(name, mb << 20);
            let runs = if mb > 4 { 3 } else { 5 };
            parse[i].push(best_per_byte(text.len(), runs, || {
                std::hint::black_box(digest_render::parse(std::hint::black_box(&text)));
            }));
            if render_sizes.contains(&mb) {
                let digest = digest_render::parse(&text);
                render[i].push(best_per_byte(text.len(), 3, || {
                    std::hint::black_box(digest_render::render_html(&digest, &options));
                }));
            }
        }
    }

    let mut out = String::new();
    let header: Vec<String> = sizes
        .iter()
        .map(|mb| format!("parse {mb} MB"))
        .chain(render_sizes.iter().map(|mb| format!("render {mb} MB")))
        .collect();
    let _ = writeln!(
        out,
        "| shape (ns per input byte) | {} | parse vs ordinary | parse growth | render growth |",
        header.join(" | ")
    );
    let _ = writeln!(out, "|---|{}---|---|---|", "---:|".repeat(header.len()));
    let ordinary_last = *parse[0].last().unwrap();
    let growth = |row: &[f64]| row.last().unwrap() / row[0];
    let (mut worst_required, mut worst_growth): (f64, (f64, &str)) = (0.0, (0.0, ""));
    for (((name, required), p), r) in shapes.iter().zip(&parse).zip(&render) {
        let cells: Vec<String> = p.iter().chain(r).map(|v| format!("{v:.2}")).collect();
        let ratio = p.last().unwrap() / ordinary_last;
        if *required {
            worst_required = worst_required.max(ratio);
        }
        for g in [growth(p), growth(r)] {
            if g > worst_growth.0 {
                worst_growth = (g, name);
            }
        }
        let mark = if *required || name == "ordinary digests" {
            ""
        } else {
            " (extra)"
        };
        let _ = writeln!(
            out,
            "| {name}{mark} | {} | {ratio:.2}x | {:.2}x | {:.2}x |",
            cells.join(" | "),
            growth(p),
            growth(r)
        );
    }
    let _ = writeln!(
        out,
        "\nOrdinary digest text parses at {:.0} MB/s. The shapes held to it (no mark) parse at \
         most {worst_required:.2}x as slowly per byte as ordinary text ({}). The largest growth of cost \
         per byte from the smallest size to the largest is {:.2}x ({}): linear work keeps it near 1. \
         Shapes marked extra make many model nodes per byte (a point every few bytes, a new id \
         every 7), so they cost more per byte, and are held to linearity only. Timings of one run on a \
         shared machine: `PROFILE_SHAPE=NAME valgrind --tool=callgrind` on benches/profile_once counts \
         instructions instead, which repeat exactly.",
        1e3 / ordinary_last,
        if worst_required <= 3.0 {
            "within 3x"
        } else {
            "OVER 3x"
        },
        worst_growth.0,
        worst_growth.1,
    );
    print!("{out}");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/out");
    if std::fs::create_dir_all(&dir).is_ok() {
        let _ = std::fs::write(dir.join("shapes.md"), out);
    }
}
