//! The real digest users have: read from the shared seed when this checkout
//! sits beside it, skipped otherwise (its text is not ours to copy).

mod common;

#[test]
fn seed_parses_to_the_structure_a_reader_sees() {
    let Some(input) = common::seed() else {
        eprintln!("skipped: ../shared/seed/digest.txt is not here");
        return;
    };
    let digest = digest_render::parse(&input);
    common::check_invariants(&input, &digest);
    println!("{}", common::summary(&digest));

    // Four sections, each with a heading and two points, every point cited.
    assert_eq!(digest.sections.len(), 4);
    for section in &digest.sections {
        let heading = section
            .heading
            .as_ref()
            .expect("every section has a heading");
        assert!(
            heading.text.split(' ').count() <= 5,
            "heading {:?}",
            heading.text
        );
        assert_eq!(section.points.len(), 2, "points under {:?}", heading.text);
        for point in &section.points {
            assert!(!point.citations.is_empty());
            assert!(!point.text.contains('['), "marker left in {:?}", point.text);
            assert!(
                !point.text.contains(" - "),
                "separator left in {:?}",
                point.text
            );
        }
    }
    // Headings are exactly the text between a citation group and ` - `.
    let body = input.lines().next().unwrap();
    for section in &digest.sections[1..] {
        let h = &section.heading.as_ref().unwrap().text;
        assert!(
            body.contains(&format!("] {h} - ")),
            "{h:?} is not between a citation and a separator"
        );
    }

    let title = digest.title.as_ref().expect("title line");
    let title_line = input.lines().nth(1).unwrap();
    let (column, headline) = title_line.split_once('|').unwrap();
    assert_eq!(title.column.as_deref(), Some(column));
    assert_eq!(title.headline, headline);

    let source = digest.source.as_ref().expect("source line");
    let source_line = input.lines().nth(2).unwrap().trim();
    let (publisher, when) = source_line.split_once('·').unwrap();
    assert_eq!(source.publisher, publisher);
    assert_eq!(
        source.published.as_deref(),
        Some(when.replace(' ', "T").as_str())
    );
    assert!(digest.diagnostics.is_empty(), "{:?}", digest.diagnostics);

    // Citation index: every id the text mentions, in ascending order.
    let ids: Vec<u32> = digest.citations.iter().map(|c| c.id).collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    assert_eq!(ids, sorted);
    assert!(ids.contains(&1) && ids.contains(&10));
}
