//! Deterministic digests for the benchmarks, in the seed's layout, from our
//! own vocabulary. Shared by the parse and shape benchmarks.
#![allow(dead_code)]

const HEADINGS: &[&str] = &[
    "Key Facts",
    "Local Impact",
    "Market Reaction & Q3 Outlook",
    "Next Steps",
    "Background",
    "Risks for the 2026 Season",
    "Costs and Funding",
    "What Officials Said",
];
const OPENERS: &[&str] = &[
    "The harbour authority",
    "Shipping firms",
    "Local fishermen",
    "City officials",
    "Analysts",
    "The regional council",
    "Union leaders",
    "Residents",
];
const WORDS: &[&str] = &[
    "said",
    "the",
    "repairs",
    "would",
    "take",
    "about",
    "three",
    "weeks",
    "after",
    "storm",
    "damage",
    "to",
    "the",
    "outer",
    "breakwater",
    "and",
    "that",
    "traffic",
    "was",
    "expected",
    "to",
    "recover",
    "by",
    "the",
    "end",
    "of",
    "the",
    "month,",
    "while",
    "insurers",
    "estimated",
    "losses",
    "at",
    "12",
    "million",
    "euros",
    "across",
    "the",
    "coastal",
    "districts",
];

/// A small xorshift generator: the same digests on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed.max(1))
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

/// One digest in the seed's layout: a one-line body of 4 sections with 2
/// points each, a title line and a source line (about 1.5 KB).
pub fn digest(rng: &mut Rng) -> String {
    let mut body = String::new();
    for s in 0..4 {
        if s > 0 {
            body.push(' ');
        }
        body += HEADINGS[rng.below(HEADINGS.len())];
        for _ in 0..2 {
            body += " - ";
            body += OPENERS[rng.below(OPENERS.len())];
            for _ in 0..(20 + rng.below(20)) {
                body.push(' ');
                body += WORDS[rng.below(WORDS.len())];
            }
            let a = 1 + rng.below(10);
            let b = 1 + rng.below(10);
            body += &format!(" [{a}][{b}]");
        }
    }
    format!("{body}\nWorld Desk|Harbour repairs to take three weeks\nCoastline Courier·2025-06-09 08:30\n")
}

/// Ordinary digest text of at least `size` bytes: digests one after another.
pub fn ordinary(size: usize) -> String {
    let mut rng = Rng::new(7);
    let mut out = String::with_capacity(size + 2048);
    while out.len() < size {
        out += &digest(&mut rng);
    }
    out
}

/// The shapes, ordinary text first, each with whether every release must
/// parse it within 3 times the per-byte cost of ordinary text (the shapes
/// the hostile-input issue lists); the others are reported too. The
/// unclosed-opening shapes of [`OPENINGS`] follow these, in every
/// [`SETTINGS`].
pub const SHAPES: &[(&str, bool)] = &[
    ("ordinary digests", false),
    ("only [", true),
    ("only '- '", true),
    ("'- - -' runs", true),
    ("【 runs", true),
    ("digits", true),
    ("heading-like line", true),
    ("heading-like with dashes", false),
    ("unclosed [1,", false),
    ("ranges [1-32]", false),
    ("short lines", false),
    ("CJK text", false),
    ("distinct ids in one list", false),
    ("distinct ids in groups", false),
    ("source lines", false),
    ("footnote definitions", false),
    ("reference link ending in dots", false),
];

/// Every construct's opening mark without its close, alone and followed by
/// digits, commas, dashes and ranges, and nested openings; separators and
/// heading marks with nothing they separate or mark; emphasis, code and
/// link marks inside points with no partner. Repeated, each one asks
/// the parser to look ahead for a close (or a heading, or a point) that
/// never comes.
pub const OPENINGS: &[&str] = &[
    "[",
    "[1",
    "[1,",
    "[1-",
    "[1-2",
    "[^",
    "[^1",
    "【",
    "【1",
    "【1，",
    "［1",
    "〔1",
    "(",
    "(1",
    "[[1",
    "[【［(",
    "【[1",
    "[1[^2【3",
    " – ",
    " — ",
    "——",
    "**",
    "__",
    "*",
    "_",
    "`",
    "[text](",
    "[text](https://x",
    "**_*",
    "**Key Facts",
    "Key Facts: ",
    "**Key Facts:** ",
    "核心观点：",
    "[^1]: ",
    "[1]: ",
];

/// What each opening is repeated with: nothing, a point separator, a
/// heading before it, a bullet, a line break.
pub const SETTINGS: &[(&str, &str, &str)] = &[
    ("alone", "", ""),
    ("with separators", "", " - "),
    ("after headings", "Key Facts - ", " "),
    ("in bullets", "- ", "\n"),
    ("with line breaks", "", "\n"),
];

/// `before`, then 1, 2, 3… joined by `between` up to `size` bytes, then
/// `after`: every id new, so nothing can be shared or skipped.
fn counted(before: &str, between: &str, after: &str, size: usize) -> String {
    let mut out = String::with_capacity(size + 16);
    out.push_str(before);
    let mut id = 1u32;
    while out.len() < size {
        if id > 1 {
            out.push_str(between);
        }
        out.push_str(&id.to_string());
        id += 1;
    }
    out.push_str(after);
    out
}

/// The name of the opening shape `opening` in `setting`.
pub fn opening_shape_name(opening: &str, setting: &str) -> String {
    format!("unclosed {opening:?} {setting}")
}

/// Every shape's name, with whether it is held to 3x ordinary text: the
/// fixed ones, then every opening in every setting. Those are held to
/// linearity only: most make a model node every few bytes (a point per
/// line, a citation per `[1 - `), which costs more per byte than prose.
pub fn all_shapes() -> Vec<(String, bool)> {
    let mut all: Vec<(String, bool)> = SHAPES.iter().map(|&(n, r)| (n.to_string(), r)).collect();
    for opening in OPENINGS {
        for (setting, _, _) in SETTINGS {
            all.push((opening_shape_name(opening, setting), false));
        }
    }
    all
}

/// One hostile shape, `size` bytes or a little more.
pub fn shape(name: &str, size: usize) -> String {
    let rep = |unit: &str| unit.repeat(size / unit.len() + 1);
    match name {
        "ordinary digests" => ordinary(size),
        "only [" => rep("["),
        "only '- '" => rep("- "),
        "'- - -' runs" => rep(" - - -"),
        "【 runs" => rep("【"),
        "digits" => rep("0123456789"),
        "heading-like line" => rep("Market Outlook "),
        "heading-like with dashes" => rep("Market Outlook - "),
        "unclosed [1," => rep("[1,"),
        "ranges [1-32]" => rep("[1-32] "),
        "short lines" => rep("Key\n- x [1]\n"),
        "CJK text" => rep("港口于周一恢复作业【1】，"),
        "distinct ids in one list" => counted("Rates rose [", ",", "]", size),
        "distinct ids in groups" => counted("Rates rose [", "][", "]", size),
        "source lines" => rep("Courier·Tue, Jun 3, 2025, 3:39 PM\n"),
        "footnote definitions" => rep("[^1]: Port notice https://example.com/n\n"),
        // One reference entry whose link runs into a sentence's worth of
        // trailing punctuation, all of it stripped from the link.
        "reference link ending in dots" => [
            "- Ferries run again [1]\nSources\n[1] Port notice https://example.com/n(",
            &".)".repeat(size / 2),
            "\n",
        ]
        .concat(),
        _ => {
            for opening in OPENINGS {
                for (setting, before, after) in SETTINGS {
                    if name == opening_shape_name(opening, setting) {
                        return rep(&[before, *opening, after].concat());
                    }
                }
            }
            panic!("no shape named {name}")
        }
    }
}
