//! Golden outputs: the full model (with spans) and the HTML of every
//! fixture, as committed under tests/golden/. A change in either shows up
//! as a diff to review. `UPDATE_GOLDEN=1 cargo test --test golden` rewrites
//! them after an intended change.

mod common;

use digest_render::{json, parse, render_html, RenderOptions};
use std::path::Path;

#[test]
fn fixtures_match_their_golden_json_and_html() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    if update {
        std::fs::create_dir_all(&dir).unwrap();
    }
    let mut stale = Vec::new();
    for (name, input) in common::fixtures() {
        let digest = parse(&input);
        let outputs = [
            ("json", json::to_string(&digest, true) + "\n"),
            (
                "html",
                render_html(&digest, &RenderOptions::default()) + "\n",
            ),
        ];
        for (ext, got) in outputs {
            let path = dir.join(format!("{name}.{ext}"));
            if update {
                std::fs::write(&path, &got).unwrap();
            } else if std::fs::read_to_string(&path).ok().as_deref() != Some(got.as_str()) {
                stale.push(path.display().to_string());
            }
        }
    }
    assert!(
        stale.is_empty(),
        "outputs differ from tests/golden (review, then UPDATE_GOLDEN=1): {stale:#?}"
    );
}

#[test]
fn our_json_is_what_serde_json_writes() {
    for (name, input) in common::fixtures() {
        let digest = parse(&input);
        let ours: serde_json::Value =
            serde_json::from_str(&json::to_string(&digest, false)).unwrap();
        assert_eq!(ours, serde_json::to_value(&digest).unwrap(), "{name}");
        // And the JSON reads back into the same model (spans' byte offsets aside).
        let back: digest_render::Digest = serde_json::from_value(ours).unwrap();
        assert_eq!(
            json::to_string(&back, false),
            json::to_string(&digest, false),
            "{name}"
        );
    }
}
