//! Hostile shapes: large inputs built to trip a parser. Each must give a
//! digest that keeps the invariants, with the outcome a reader would expect.
//! How long they take is measured by `make bench`, never asserted here.

mod common;

use common::check_invariants;
use digest_render::model::DiagnosticCode;

const SIZE: usize = 1 << 20;

fn repeat_to(unit: &str, size: usize) -> String {
    unit.repeat(size / unit.len() + 1)
}

fn parse_checked(input: &str) -> digest_render::Digest {
    let digest = digest_render::parse(input);
    check_invariants(input, &digest);
    digest
}

#[test]
fn only_opening_brackets_are_one_point_of_text() {
    let input = repeat_to("[", SIZE);
    let d = parse_checked(&input);
    assert_eq!(d.sections.len(), 1);
    assert_eq!(d.sections[0].points.len(), 1);
    assert_eq!(d.sections[0].points[0].text.len(), input.len());
    assert!(d.citations.is_empty());
}

#[test]
fn only_separators_make_no_points_and_say_so() {
    for unit in [
        "- ",
        " - ",
        "- - -\n",
        "\u{a0}-\u{a0}",
        " – ",
        "— ",
        "– — -\n",
        "\u{a0}—\u{a0}",
    ] {
        let input = repeat_to(unit, SIZE);
        let d = parse_checked(&input);
        assert!(d.sections.iter().all(|s| s.points.is_empty()), "{unit:?}");
        assert!(
            d.diagnostics
                .iter()
                .any(|x| x.code == DiagnosticCode::UnplacedText),
            "{unit:?}"
        );
    }
}

#[test]
fn full_width_bracket_runs_stay_text() {
    let input = repeat_to("【", SIZE);
    let d = parse_checked(&input);
    assert_eq!(d.sections[0].points[0].text, input);
}

#[test]
fn endless_digits_are_one_point() {
    let d = parse_checked(&repeat_to("0123456789", SIZE));
    assert_eq!(d.sections[0].points.len(), 1);
}

#[test]
fn one_endless_heading_like_line_is_a_point_not_a_heading() {
    let input = repeat_to("Market Outlook ", SIZE);
    let d = parse_checked(&input);
    assert!(d.sections[0].heading.is_none());
    assert_eq!(d.sections[0].points.len(), 1);
}

#[test]
fn heading_like_words_between_dashes_stay_short() {
    let d = parse_checked(&repeat_to("Market Outlook - ", SIZE));
    for section in &d.sections {
        if let Some(h) = &section.heading {
            assert_eq!(h.text, "Market Outlook");
        }
    }
}

#[test]
fn doubled_dashes_and_unclosed_bold_stay_text() {
    // (A line of nothing but `—`, `*` or `_` is a rule.)
    for unit in ["港口——", "**Key Facts ", "__x"] {
        let input = repeat_to(unit, SIZE);
        let d = parse_checked(&input);
        assert_eq!(d.sections.len(), 1, "{unit:?}");
        assert_eq!(d.sections[0].points.len(), 1, "{unit:?}");
        assert!(d.sections[0].heading.is_none(), "{unit:?}");
    }
}

#[test]
fn lead_ins_over_and_over_make_one_section_per_line() {
    // On one line: the first is the heading, the rest its point.
    let d = parse_checked(&repeat_to("Key Facts: ", SIZE));
    assert_eq!(d.sections.len(), 1);
    assert_eq!(d.sections[0].heading.as_ref().unwrap().text, "Key Facts");
    assert_eq!(d.sections[0].points.len(), 1);
    // On many: a section a line.
    let unit = "Key Facts: Crews cleared the road [1]\n";
    let d = parse_checked(&repeat_to(unit, SIZE));
    assert!(d.sections.len() > SIZE / unit.len() - 2);
}

#[test]
fn many_points_and_citations() {
    let d = parse_checked(&repeat_to(
        "Key Facts - Crews cleared the road [1][2] - Traffic resumed [3] ",
        SIZE,
    ));
    let points: usize = d.sections.iter().map(|s| s.points.len()).sum();
    assert!(points > 10_000);
    assert_eq!(d.citations.len(), 3);
}

#[test]
fn an_unclosed_list_that_never_ends() {
    let d = parse_checked(&repeat_to("[1,", SIZE));
    assert!(d.sections[0].points[0].text.starts_with("[1,"));
}

#[test]
fn long_ranges_are_capped() {
    let d = parse_checked(&repeat_to("[1-32]", SIZE / 4));
    assert_eq!(d.citations.len(), 32);
    let d = parse_checked("Rates rose [1-1000000]");
    assert_eq!(d.sections[0].points[0].citations, vec![1, 1_000_000]);
    assert!(d
        .diagnostics
        .iter()
        .any(|x| x.code == DiagnosticCode::InvalidRange));
}

#[test]
fn ids_too_long_are_text_with_a_warning() {
    let d = parse_checked("Rates rose [12345678901234567890]");
    assert!(d.citations.is_empty());
    assert!(d.sections[0].points[0]
        .text
        .contains("[12345678901234567890]"));
    assert!(d
        .diagnostics
        .iter()
        .any(|x| x.code == DiagnosticCode::InvalidCitation));
}

#[test]
fn many_short_lines() {
    parse_checked(&repeat_to("x\n", SIZE));
    parse_checked(&repeat_to("\r", SIZE));
    parse_checked(&repeat_to("## H\n", SIZE));
    parse_checked(&repeat_to("References\n[1] x\n", SIZE));
}

#[test]
fn endless_footnote_definitions_are_one_references_block() {
    let d = parse_checked(&repeat_to(
        "[^1]: Port notice https://example.com/n\n",
        SIZE,
    ));
    assert!(d.sections.is_empty());
    assert!(d.references.len() > 10_000);
    assert!(d.references_heading.is_none());
}

#[test]
fn endless_source_lines_take_the_last_and_leave_the_rest_to_the_body() {
    let d = parse_checked(&repeat_to("Courier·3 June 2025 15:39\n", SIZE));
    assert_eq!(
        d.source.and_then(|s| s.published).as_deref(),
        Some("2025-06-03T15:39")
    );
    assert!(d.notes.is_empty());
}

#[test]
fn nul_and_control_characters_are_text() {
    let d = parse_checked("Key Facts - a\u{0}b [1]\u{7} - \u{1b}[31mred [2]");
    assert!(d.sections[0].points[0].text.contains('\u{0}'));
}
