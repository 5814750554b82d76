//! Inputs kept in fuzz/regressions/ (ones that once broke an invariant, and
//! hand-picked tricky shapes) replayed through the fuzz targets' checks.

use digest_render::{check, parse, render_html, RenderOptions};
use std::path::Path;

#[test]
fn every_kept_input_keeps_the_invariants() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).expect("fuzz/regressions exists") {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        let digest = parse(text);
        check::invariants(text, &digest).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let html = render_html(&digest, &RenderOptions::default());
        check::html(&html).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        count += 1;
    }
    assert!(count > 0, "no regression inputs");
}
