//! Linearity: each hostile shape's cost per byte, at growing sizes, against
//! ordinary digest text of the same size. A linear parser keeps each row's
//! ns/byte flat across sizes, and every shape within a small factor of
//! ordinary text. Prints a table; asserts nothing (timing is not a test).
//!
//! `cargo bench --bench shapes` (sizes in MB: SHAPE_SIZES=1,4,10).

mod corpus;

use std::time::Instant;

fn time_per_byte(text: &str) -> f64 {
    // Best of a few runs: the least disturbed by the rest of the machine.
    let runs = if text.len() > 4 << 20 { 3 } else { 5 };
    let mut best = f64::MAX;
    for _ in 0..runs {
        let start = Instant::now();
        let digest = digest_render::parse(std::hint::black_box(text));
        std::hint::black_box(&digest);
        let elapsed = start.elapsed().as_secs_f64();
        drop(digest);
        best = best.min(elapsed);
    }
    best * 1e9 / text.len() as f64
}

fn main() {
    let sizes: Vec<usize> = std::env::var("SHAPE_SIZES")
        .unwrap_or_else(|_| "1,4,10".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let shapes = corpus::all_shapes();
    let mut table: Vec<Vec<f64>> = vec![Vec::new(); shapes.len()];
    for &mb in &sizes {
        for (i, (name, _)) in shapes.iter().enumerate() {
            table[i].push(time_per_byte(&corpus::shape(name, mb << 20)));
        }
    }
    let header: Vec<String> = sizes.iter().map(|mb| format!("{mb} MB ns/B")).collect();
    println!(
        "| shape | {} | vs ordinary (largest) | growth (largest/smallest) |",
        header.join(" | ")
    );
    println!("|---|{}---|---|", "---|".repeat(sizes.len()));
    let ordinary_last = *table[0].last().unwrap();
    let mut worst_required: f64 = 0.0;
    for ((name, required), row) in shapes.iter().zip(&table) {
        let cells: Vec<String> = row.iter().map(|v| format!("{v:.2}")).collect();
        let last = *row.last().unwrap();
        let ratio = last / ordinary_last;
        if *required {
            worst_required = worst_required.max(ratio);
        }
        let mark = if *required || name == "ordinary digests" {
            ""
        } else {
            " (extra)"
        };
        println!(
            "| {name}{mark} | {} | {ratio:.2}x | {:.2}x |",
            cells.join(" | "),
            last / row[0]
        );
    }
    let mbps = 1e3 / ordinary_last;
    println!("\nordinary digest text: {mbps:.0} MB/s");
    println!(
        "required shapes: at most {worst_required:.2}x ordinary per byte ({})",
        if worst_required <= 3.0 {
            "within 3x"
        } else {
            "OVER 3x"
        }
    );
    println!(
        "extra shapes cost per node, not per byte: a section every 12 bytes, or 32 ids per 7 bytes;\n\
         they stay linear (instruction counts: `PROFILE_SHAPE=... valgrind --tool=callgrind` on benches/profile_once)"
    );
}
