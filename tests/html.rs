//! The HTML rendering: well-formed, made only of the renderer's markup,
//! and complete.

mod common;

use common::{check_html, fixtures};
use digest_render::model::{Digest, Inline, Point, Section, Span};
use digest_render::{parse, render_html, ReferenceInput, RenderOptions};

fn html(text: &str) -> String {
    render_html(&parse(text), &RenderOptions::default())
}

#[test]
fn every_fixture_renders_well_formed_markup_with_all_its_text() {
    for (name, input) in fixtures() {
        let digest = parse(&input);
        let out = render_html(&digest, &RenderOptions::default());
        let text = check_html(&out);
        for section in &digest.sections {
            if let Some(h) = &section.heading {
                assert!(
                    text.contains(&h.text),
                    "{name}: heading {:?} missing",
                    h.text
                );
            }
            for point in &section.points {
                for id in &point.citations {
                    assert!(
                        out.contains(&format!("data-cite=\"{id}\"")),
                        "{name}: trigger {id}"
                    );
                }
            }
        }
        if let Some(t) = &digest.title {
            assert!(text.contains(&t.headline), "{name}: headline");
        }
        for note in &digest.notes {
            assert!(text.contains(&note.text), "{name}: note {:?}", note.text);
        }
    }
}

#[test]
fn lines_placed_nowhere_are_shown_as_text_after_the_points() {
    let attack = "<img src=x onerror=alert(1)>\"'&";
    let out = html(&format!(
        "Key Facts - Point [1]\nDesk|Headline\nCourier·2025-06-09\nPhoto: {attack}\nReferences\n[1] Report"
    ));
    let text = check_html(&out);
    assert!(text.contains(&format!("Photo: {attack}")), "{text}");
    assert!(!out.contains("<img"));
    let note = out.find("<p class=\"digest-note\">").expect("a note");
    assert!(out.find("digest-point").unwrap() < note);
    assert!(note < out.find("digest-references").unwrap());
}

#[test]
fn markup_from_the_input_stays_text() {
    let attack = "<img src=x onerror=alert(1)>\"'&";
    let input = format!(
        "Key {attack} - Point {attack} [1] Next {attack} - More [2]\n{attack}|{attack}\n{attack}·2025-06-09\nReferences\n[1] {attack} https://example.com/\"><script>x</script>\n[2] javascript:alert(1)"
    );
    let out = html(&input);
    let text = check_html(&out);
    assert!(
        text.matches(attack).count() >= 4,
        "payload not shown as text:\n{text}"
    );
    assert!(!out.contains("<img") && !out.contains("<script"));
    assert!(!out.contains("href=\"javascript"));
}

#[test]
fn citations_link_to_references_without_script_and_have_tooltips() {
    let out = html(
        "Facts - The port reopened [1][2]\nReferences\n[1] Harbour report https://example.com/a",
    );
    check_html(&out);
    let prefix = out
        .split("id=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    // [1] has a reference: a link to it. [2] has none: a button.
    assert!(out.contains(&format!("<a class=\"digest-cite\" href=\"#{prefix}-r1\" data-cite=\"1\" aria-describedby=\"{prefix}-t1\"")));
    assert!(out.contains(&format!(
        "<li class=\"digest-reference\" id=\"{prefix}-r1\" value=\"1\">"
    )));
    assert!(out.contains(&format!("<button type=\"button\" class=\"digest-cite\" data-cite=\"2\" aria-describedby=\"{prefix}-t2\"")));
    for id in [1, 2] {
        assert!(
            out.contains(&format!("role=\"tooltip\" id=\"{prefix}-t{id}\"")),
            "tooltip {id}"
        );
    }
    assert!(out
        .contains("href=\"https://example.com/a\" target=\"_blank\" rel=\"noopener noreferrer\""));
}

#[test]
fn tooltips_without_a_reference_take_the_publisher_and_date_from_the_header() {
    let out =
        html("Facts - The port reopened [3]\nDesk|Port news\nCoastline Courier·2025-06-09 08:30");
    let tooltip = out.split("role=\"tooltip\"").nth(1).unwrap();
    assert!(tooltip.contains("Source 3"));
    // Once, in the header: the DOM layer adds it to a tooltip as it opens.
    assert!(!tooltip.contains("Coastline Courier"));
    assert_eq!(out.matches("Coastline Courier").count(), 1);
    assert!(out.contains(
        "<p class=\"digest-source\"><span class=\"digest-publisher\">Coastline Courier</span>"
    ));
}

#[test]
fn also_cited_in_is_written_once_for_the_page_to_fill() {
    let out = html("One - First point [1] - Second point [1][2] Two - Third point [1]");
    // One template, in the tooltips' container, with the label and one
    // entry: the DOM layer lists the points, which are on the page
    // already, when a tooltip opens.
    assert_eq!(out.matches("<template").count(), 1);
    let template = out.split("<template").nth(1).unwrap();
    let template = template.split("</template>").next().unwrap();
    assert!(template.starts_with(" class=\"digest-also\"><div class=\"digest-tooltip-also\">"));
    assert!(template.contains(">Also cited in</p><ul><li><a class=\"digest-tooltip-point\">"));
    assert_eq!(template.matches("<li>").count(), 1);
    // No tooltip has it, nor any point's words.
    let tooltips = out.split("</template>").nth(1).unwrap();
    assert_eq!(tooltips.matches("role=\"tooltip\"").count(), 2);
    assert!(!tooltips.contains("Also cited in"));
    assert!(!tooltips.contains("point"));
}

#[test]
fn options_set_levels_labels_and_references() {
    let digest = parse("Facts - The port reopened [1]\nDesk|Port news");
    let options = RenderOptions {
        heading_level: Some(4),
        dir: None,
        labels: digest_render::Labels {
            source: "来源 {n}".into(),
            citation: "引用 {n}".into(),
            ..Default::default()
        },
        references: vec![ReferenceInput {
            id: 1,
            title: Some("Port authority".into()),
            text: Some("Statement on reopening".into()),
            url: Some("javascript:alert(1)".into()),
        }],
        id_prefix: Some("my-digest".into()),
    };
    let out = render_html(&digest, &options);
    check_html(&out);
    assert!(out.contains("<h4 class=\"digest-heading\">Facts</h4>"));
    assert!(out.contains("<h3 class=\"digest-headline\">Port news</h3>"));
    assert!(out.contains("aria-label=\"引用 1\""));
    assert!(out.contains("id=\"my-digest-r1\""));
    assert!(out.contains("Port authority") && out.contains("Statement on reopening"));
    assert!(
        !out.contains("javascript:"),
        "unsafe URL from options was linked"
    );
}

#[test]
fn the_same_digest_gets_the_same_ids_and_different_ones_differ() {
    let a = html("Facts - The port reopened [1]");
    assert_eq!(a, html("Facts - The port reopened [1]"));
    let b = html("Facts - The port closed [1]");
    let id = |s: &str| s.split('"').nth(3).unwrap().to_string();
    assert_ne!(id(&a), id(&b));
}

#[test]
fn an_empty_digest_says_so() {
    let out = html("  \n ");
    check_html(&out);
    assert!(out.contains("This digest is empty."));
}

#[test]
fn cjk_text_is_marked_with_its_language() {
    let out = html("市场反应 - 港口于周一恢复作业【1】\n港航动态|南湾港复航");
    assert!(out.contains("<h2 class=\"digest-heading\" lang=\"zh\">市场反应</h2>"));
}

/// A one-point digest whose point holds `inlines`, as a caller might build it.
fn with_inlines(inlines: Vec<Inline>) -> Digest {
    Digest {
        sections: vec![Section {
            heading: None,
            points: vec![Point {
                text: "built by hand".into(),
                citations: Vec::new(),
                inlines,
                span: Span::default(),
            }],
            span: Span::default(),
        }],
        ..Default::default()
    }
}

fn text(t: &str) -> Inline {
    Inline::Text {
        text: t.into(),
        span: Span::default(),
    }
}

/// The rendered point, from `<li …>` to `</li>`.
fn point_markup(digest: &Digest) -> String {
    let out = render_html(digest, &RenderOptions::default());
    check_html(&out);
    let li = out.split("<li class=\"digest-point\"").nth(1).unwrap();
    let body = &li[li.find('>').unwrap() + 1..];
    body[..body.find("</li>").unwrap()].to_string()
}

#[test]
fn marks_render_as_strong_em_code_and_links_in_a_new_tab() {
    let span = Span::default();
    let digest = with_inlines(vec![
        Inline::Strong {
            children: vec![
                text("Rates <rose> "),
                Inline::Emphasis {
                    children: vec![text("fast")],
                    span,
                },
                text(" "),
                Inline::Cite { ids: vec![1], span },
            ],
            span,
        },
        text(" in "),
        Inline::Code {
            text: "a < b && c".into(),
            span,
        },
        text(" per "),
        Inline::Link {
            url: "https://example.com/r?a=1&b=2".into(),
            children: vec![text("the report")],
            span,
        },
    ]);
    let got = point_markup(&digest);
    assert!(
        got.starts_with("<strong>Rates &lt;rose&gt; <em>fast</em><span class=\"digest-cites\">"),
        "{got}"
    );
    assert!(got.contains("</span></strong> in <code>a &lt; b &amp;&amp; c</code> per <a class=\"digest-link\" href=\"https://example.com/r?a=1&amp;b=2\" target=\"_blank\" rel=\"noopener noreferrer\">the report<span class=\"digest-visually-hidden\"> (opens in a new tab)</span></a>"), "{got}");
}

#[test]
fn models_that_break_the_nesting_rules_still_render_valid_markup() {
    let span = Span::default();
    // A strong in a strong, an unsafe link, and a citation in a link.
    let digest = with_inlines(vec![
        Inline::Strong {
            children: vec![Inline::Strong {
                children: vec![text("twice")],
                span,
            }],
            span,
        },
        Inline::Link {
            url: "javascript:alert(1)".into(),
            children: vec![text("unsafe")],
            span,
        },
        Inline::Link {
            url: "https://example.com".into(),
            children: vec![text("cites"), Inline::Cite { ids: vec![2], span }],
            span,
        },
    ]);
    let got = point_markup(&digest);
    assert!(
        got.starts_with("<strong>twice</strong>unsafecites"),
        "{got}"
    );
    assert!(
        !got.contains("javascript") && !got.contains("digest-link"),
        "{got}"
    );
    assert!(got.contains("data-cite=\"2\""), "{got}");
}

#[test]
fn markdown_in_points_becomes_markup() {
    let out =
        html("Facts - The reservoir rose **sharply** [1] - Towns *prepared* with `sandbags` [1]");
    check_html(&out);
    assert!(
        out.contains("The reservoir rose <strong>sharply</strong><span class=\"digest-cites\">")
    );
    assert!(out.contains("Towns <em>prepared</em> with <code>sandbags</code>"));
}
