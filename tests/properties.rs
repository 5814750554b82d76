//! Property tests: the parser is total, loses nothing, and reads the same
//! digest the same way in every layout.

mod common;

use common::{check_invariants, summary};
use proptest::prelude::*;

/// Pieces digests are made of, hostile ones included, so random sequences
/// hit the interesting boundaries far more often than random characters do.
const PIECES: &[&str] = &[
    "Key Facts",
    "the port",
    "Rates rose",
    " - ",
    " - - - ",
    "- ",
    " – ",
    " — ",
    "— ",
    "——",
    "—",
    "－ ",
    "[1]",
    "[2, 3]",
    "[3-5]",
    "[9-2]",
    "[1-99999]",
    "[12",
    "[",
    "]",
    "[sic]",
    "[^4]",
    "【1】",
    "【",
    "】",
    "［２］",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "  ",
    "\t",
    "\u{a0}",
    "\u{3000}",
    "|",
    "｜",
    "丨",
    "·",
    " · ",
    "2025-06-09 08:30",
    "2025年6月9日",
    "2025-13-45",
    "3 June 2025",
    "Jun 3, 2025, 3:39 PM",
    "下午3:39",
    "31 Juneteenth 2025",
    "03.06.2025",
    "Source: ",
    "来源：",
    ", ",
    "[^1]: ",
    "[1]: ",
    "Photo: credit",
    "References",
    "参考资料",
    "[1] Courier https://example.com/a",
    "https://",
    "## ",
    "# ",
    "**Bold**",
    "**",
    "__",
    "*",
    "_",
    "*em*",
    "`",
    "``",
    "`code`",
    "[a](",
    "](https://example.com/a_b)",
    "[link](https://example.com)",
    "[x](javascript:alert(1))",
    ")",
    "**Key Facts:** ",
    "Key Facts: ",
    "核心观点：",
    "：",
    "* ",
    "1. ",
    "• ",
    "---",
    "市场反应",
    "港口重新开放。",
    "，",
    "。",
    "😀",
    "e\u{301}",
    "\u{200b}",
    "\u{202e}",
    "<script>",
    "&amp;",
    "\"",
    ":",
    "Next Steps",
    "Outlook:",
    "1234567890",
    "０",
    "Q3",
    "&",
];

fn digest_like() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(PIECES).prop_map(str::to_string),
            1 => "\\PC{0,6}",
        ],
        0..60,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn any_string_gives_a_digest_that_keeps_the_invariants(input in "\\PC{0,300}") {
        let digest = digest_render::parse(&input);
        check_invariants(&input, &digest);
    }

    #[test]
    fn digest_shaped_noise_keeps_the_invariants(input in digest_like()) {
        let digest = digest_render::parse(&input);
        check_invariants(&input, &digest);
    }
}

// A digest generated as a model, then written out in each layout: every
// layout must parse back to the model.

const HEADING_WORDS: &[&str] = &[
    "Market",
    "Outlook",
    "Risks",
    "Local",
    "Impact",
    "Next",
    "Steps",
    "Funding",
    "Q3",
    "2026",
    "Background",
    "Reaction",
    "Timeline",
    "Costs",
];
const JOINERS: &[&str] = &["&", "for", "the", "and", "of"];
const OPENERS: &[&str] = &[
    "Crews",
    "The council",
    "Prices",
    "Officials",
    "Traders",
    "Residents",
    "A survey",
];
const WORDS: &[&str] = &[
    "repaired",
    "the",
    "bridge",
    "within",
    "two",
    "weeks",
    "said",
    "costs",
    "would",
    "rise",
    "by",
    "12%",
    "after",
    "storm",
    "damage",
    "to",
    "harbour",
    "walls",
    "were",
    "cleared",
    "on",
    "Monday",
    "in",
    "north",
    "districts",
    "expect",
    "delays",
    "until",
    "spring,",
    "with",
    "more",
    "buses",
];

/// A point's text and its citation ids.
type GeneratedPoint = (String, Vec<u32>);

#[derive(Debug, Clone)]
struct Model {
    sections: Vec<(String, Vec<GeneratedPoint>)>,
}

fn heading() -> impl Strategy<Value = String> {
    (
        prop::sample::select(HEADING_WORDS),
        prop::option::of((
            prop::sample::select(JOINERS),
            prop::sample::select(HEADING_WORDS),
        )),
        prop::option::of(prop::sample::select(HEADING_WORDS)),
    )
        .prop_map(|(a, joined, c)| {
            let mut h = a.to_string();
            if let Some((j, b)) = joined {
                h += &format!(" {j} {b}");
            }
            if let Some(c) = c {
                h += &format!(" {c}");
            }
            h
        })
}

fn point() -> impl Strategy<Value = (String, Vec<u32>)> {
    (
        prop::sample::select(OPENERS),
        prop::collection::vec(prop::sample::select(WORDS), 2..12),
        prop::collection::btree_set(1u32..30, 1..4),
    )
        .prop_map(|(opener, words, ids)| {
            let text = format!("{opener} {}", words.join(" "));
            let text = text.trim_end_matches(',').to_string();
            (text, ids.into_iter().collect())
        })
}

fn model() -> impl Strategy<Value = Model> {
    prop::collection::vec((heading(), prop::collection::vec(point(), 1..4)), 1..5)
        .prop_map(|sections| Model { sections })
}

fn cites(ids: &[u32], style: usize) -> String {
    match style % 3 {
        0 => ids.iter().map(|i| format!("[{i}]")).collect(),
        1 => format!(
            "[{}]",
            ids.iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        _ => ids.iter().map(|i| format!("【{i}】")).collect(),
    }
}

fn one_line(m: &Model, style: usize) -> String {
    let mut out = String::new();
    for (heading, points) in &m.sections {
        if !out.is_empty() {
            out.push(' ');
        }
        out += heading;
        for (text, ids) in points {
            out += &format!(" - {text} {}", cites(ids, style));
        }
    }
    out + "\nDesk|A headline for the test\nTest Wire·2025-06-09 08:30\n"
}

/// The one-line layout with another separator, and headings in bold.
fn one_line_dashed(m: &Model, style: usize) -> String {
    let dash = [" – ", " — ", " - "][style % 3];
    let (open, close) = [("**", "**"), ("__", "__"), ("**", ":**")][style % 3];
    let mut out = String::new();
    for (heading, points) in &m.sections {
        if !out.is_empty() {
            out.push(' ');
        }
        out += &format!("{open}{heading}{close}");
        for (text, ids) in points {
            out += &format!("{dash}{text} {}", cites(ids, style));
        }
    }
    out + "\nDesk|A headline for the test\nTest Wire·2025-06-09 08:30\n"
}

/// A line per section, opened by its heading and a colon.
fn lead_in_lines(m: &Model, style: usize) -> String {
    let dash = [" – ", " — ", " - "][style % 3];
    let mut out = String::new();
    for (heading, points) in &m.sections {
        out += &format!("{heading}:");
        for (i, (text, ids)) in points.iter().enumerate() {
            let before = if i == 0 { " " } else { dash };
            out += &format!("{before}{text} {}", cites(ids, style));
        }
        out += "\n";
    }
    out + "Desk|A headline for the test\nTest Wire·2025-06-09 08:30\n"
}

fn broken_lines(m: &Model, style: usize) -> String {
    let mut out = String::new();
    for (heading, points) in &m.sections {
        out += &format!("{heading}\n");
        for (text, ids) in points {
            out += &format!("- {text} {}\n", cites(ids, style));
        }
    }
    out + "Desk|A headline for the test\nTest Wire·2025-06-09 08:30\n"
}

fn markdown(m: &Model, style: usize) -> String {
    let mut out = String::from("# Desk|A headline for the test\n\n");
    for (heading, points) in &m.sections {
        out += &format!("## {heading}\n\n");
        for (i, (text, ids)) in points.iter().enumerate() {
            let bullet = ["* ", "- ", "• ", "1. "][(i + style) % 4];
            out += &format!("{bullet}{text} {}\r\n", cites(ids, style));
        }
        out += "\n";
    }
    out + "Test Wire · 2025-06-09 08:30\n"
}

fn expected(m: &Model) -> String {
    let mut out = String::from(
        "column: Desk\nheadline: A headline for the test\npublisher: Test Wire\npublished: 2025-06-09T08:30\n",
    );
    for (heading, points) in &m.sections {
        out += &format!("section: {heading}\n");
        for (text, ids) in points {
            let ids: Vec<String> = ids.iter().map(u32::to_string).collect();
            out += &format!("- {text} {{{}}}\n", ids.join(","));
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn every_layout_reads_back_the_same_digest(m in model(), style in 0usize..6) {
        let want = expected(&m);
        for input in [
            one_line(&m, style),
            one_line_dashed(&m, style),
            lead_in_lines(&m, style),
            broken_lines(&m, style),
            markdown(&m, style),
        ] {
            let digest = digest_render::parse(&input);
            check_invariants(&input, &digest);
            prop_assert_eq!(summary(&digest), want.clone(), "input:\n{}", input);
        }
    }
}
