//! References given by the caller, laid over the text's own block.

use digest_render::model::DiagnosticCode;
use digest_render::{parse, parse_with_references, ReferenceInput};

fn input(id: u32, title: Option<&str>, text: Option<&str>, url: Option<&str>) -> ReferenceInput {
    ReferenceInput {
        id,
        title: title.map(String::from),
        text: text.map(String::from),
        url: url.map(String::from),
    }
}

const TEXT: &str = "Facts - The port reopened [1][2] - Crews worked overnight [3]\nReferences\n[1] Harbour report\n[4] An entry nobody cites";

#[test]
fn given_references_fill_gaps_and_override_fields() {
    let plain = parse(TEXT);
    let codes =
        |d: &digest_render::Digest| d.diagnostics.iter().map(|x| x.code).collect::<Vec<_>>();
    assert_eq!(
        codes(&plain),
        [
            DiagnosticCode::MissingReference,
            DiagnosticCode::MissingReference,
            DiagnosticCode::UnusedReference
        ]
    );

    let merged = parse_with_references(
        TEXT,
        &[
            input(
                1,
                Some("Port authority"),
                None,
                Some("https://example.com/port"),
            ),
            input(2, None, Some("Crew schedule"), None),
            input(3, Some("Union statement"), None, None),
        ],
    );
    let one = merged.reference(1).unwrap();
    assert_eq!(one.title.as_deref(), Some("Port authority"));
    assert_eq!(one.text, "Harbour report", "fields not given are kept");
    assert_eq!(one.url.as_deref(), Some("https://example.com/port"));
    assert_eq!(merged.reference(2).unwrap().text, "Crew schedule");
    assert_eq!(
        merged.reference(2).unwrap().span,
        Default::default(),
        "added entries are not in the input"
    );
    // Every citation now has a reference; [4] is still never cited.
    assert_eq!(codes(&merged), [DiagnosticCode::UnusedReference]);
}

#[test]
fn given_references_without_a_block_report_what_is_still_missing() {
    let merged = parse_with_references(
        "Facts - The port reopened [1][2]",
        &[input(1, Some("Report"), None, None)],
    );
    let missing: Vec<_> = merged
        .diagnostics
        .iter()
        .filter(|d| d.code == DiagnosticCode::MissingReference)
        .collect();
    assert_eq!(missing.len(), 1);
    assert!(missing[0].message.contains("[2]"));
}
