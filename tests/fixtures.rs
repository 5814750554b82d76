//! Every fixture parses to the structure its `.expect` file describes, and
//! keeps the model's invariants.

mod common;

use common::{check_invariants, fixtures, fixtures_dir, summary};

#[test]
fn fixtures_parse_to_what_a_reader_sees() {
    let mut failures = Vec::new();
    let all = fixtures();
    assert!(all.len() >= 30, "fixtures are missing");
    for (name, input) in &all {
        let digest = digest_render::parse(input);
        check_invariants(input, &digest);
        let expect_path = fixtures_dir().join(format!("{name}.expect"));
        let expected = std::fs::read_to_string(&expect_path).expect("every fixture has an .expect");
        let got = summary(&digest);
        if got != expected {
            failures.push(format!("--- {name}\nexpected:\n{expected}\ngot:\n{got}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixtures differ:\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}
