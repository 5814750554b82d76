//! Helpers shared by the integration tests.
#![allow(dead_code)]

use digest_render::model::Digest;
use std::path::{Path, PathBuf};

pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Every `tests/fixtures/*.txt`, sorted, with its name.
pub fn fixtures() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(fixtures_dir())
        .expect("tests/fixtures exists")
        .filter_map(|e| {
            let path = e.ok()?.path();
            (path.extension()? == "txt").then(|| {
                let name = path.file_stem().unwrap().to_string_lossy().into_owned();
                (
                    name,
                    std::fs::read_to_string(&path).expect("fixture is UTF-8"),
                )
            })
        })
        .collect();
    out.sort();
    out
}

/// The seed digest, when this checkout sits beside the shared folder.
pub fn seed() -> Option<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seed/digest.txt");
    std::fs::read_to_string(path).ok()
}

/// The structure a reader sees, in the `.expect` format of tests/fixtures/README.md.
pub fn summary(d: &Digest) -> String {
    let mut out = String::new();
    if let Some(t) = &d.title {
        if let Some(c) = &t.column {
            out += &format!("column: {c}\n");
        }
        out += &format!("headline: {}\n", t.headline);
    }
    if let Some(s) = &d.source {
        out += &format!("publisher: {}\n", s.publisher);
        if let Some(p) = &s.published {
            out += &format!("published: {p}\n");
        }
    }
    for section in &d.sections {
        match &section.heading {
            Some(h) => out += &format!("section: {}\n", h.text),
            None => out += "section:\n",
        }
        for point in &section.points {
            out += &format!("- {}", point.text);
            if !point.citations.is_empty() {
                let ids: Vec<String> = point.citations.iter().map(u32::to_string).collect();
                out += &format!(" {{{}}}", ids.join(","));
            }
            out += "\n";
        }
    }
    for n in &d.notes {
        out += &format!("note: {}\n", n.text);
    }
    for r in &d.references {
        out += &format!("reference: {} | {}", r.id, r.text);
        if let Some(u) = &r.url {
            out += &format!(" | {u}");
        }
        out += "\n";
    }
    let mut codes: Vec<&str> = d.diagnostics.iter().map(|x| x.code.as_str()).collect();
    codes.sort();
    for c in codes {
        out += &format!("diagnostic: {c}\n");
    }
    out
}

/// Asserts the invariants every digest must keep (see `digest_render::check`).
pub fn check_invariants(input: &str, d: &Digest) {
    if let Err(e) = digest_render::check::invariants(input, d) {
        panic!("{e}; input {input:?}");
    }
}

/// Asserts the HTML is the renderer's own well-formed markup; returns its text.
pub fn check_html(html: &str) -> String {
    digest_render::check::html(html).unwrap_or_else(|e| panic!("{e}"))
}
