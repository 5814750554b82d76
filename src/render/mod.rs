//! Rendering a [`Digest`](crate::Digest): options, labels, and the view of
//! references the renderers share.
//!
//! [`html`] writes the markup, and it is the only place markup is written:
//! the package's JavaScript layer puts the same string in the page and
//! attaches the tooltips' behaviour, so the server and the client cannot
//! drift apart.

pub mod bidi;
pub mod html;
#[cfg(not(target_arch = "wasm32"))]
pub mod standalone;

/// The default stylesheet, for pages that inline it.
pub const STYLESHEET: &str = include_str!("style.css");

pub use crate::model::ReferenceInput;
pub use crate::parse::safe_url;
use serde::Deserialize;

/// Options for [`html::render`], as JavaScript passes them (camelCase).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", default)]
pub struct RenderOptions {
    /// Level of the section headings, 2 to 6 (default 2). The headline sits
    /// one level above; the references heading at this level.
    pub heading_level: Option<u8>,
    /// Every user-visible string the renderer writes.
    pub labels: Labels,
    /// References that override or fill the text's own references block.
    pub references: Vec<ReferenceInput>,
    /// Prefix for element ids. Default: derived from the digest's content, so
    /// a server and a browser rendering the same digest agree.
    pub id_prefix: Option<String>,
    /// The digest's base direction. Default: from its text (see [`bidi`]).
    pub dir: Option<bidi::Direction>,
}

/// User-visible strings, for localisation. `{n}` stands for a citation
/// number; date templates use `{day}`, `{month}`, `{year}`, `{date}`, `{time}`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", default)]
pub struct Labels {
    /// Title of a tooltip for a citation with no known reference.
    pub source: String,
    /// Accessible name of a citation trigger; must contain `{n}`.
    pub citation: String,
    pub also_cited_in: String,
    /// Heading of the references list when the text has none of its own.
    pub references: String,
    /// Appended, for screen readers, to links that open a new tab.
    pub opens_in_new_tab: String,
    /// Shown when the digest has nothing in it.
    pub empty: String,
    pub months: Vec<String>,
    pub date_format: String,
    pub date_time_format: String,
}

impl Default for Labels {
    fn default() -> Self {
        // One out-of-line conversion: inlined, each `into()` costs the wasm
        // module its own allocation code.
        #[inline(never)]
        fn text(s: &str) -> String {
            s.to_string()
        }
        // An array, not one string split: a `Split` iterator of its own.
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let mut months = Vec::with_capacity(MONTHS.len());
        let mut i = 0;
        while i < MONTHS.len() {
            months.push(text(MONTHS[i]));
            i += 1;
        }
        Self {
            source: text("Source {n}"),
            citation: text("Source {n}"),
            also_cited_in: text("Also cited in"),
            references: text("References"),
            opens_in_new_tab: text("opens in a new tab"),
            empty: text("This digest is empty."),
            months,
            date_format: text("{day} {month} {year}"),
            date_time_format: text("{date}, {time}"),
        }
    }
}

impl RenderOptions {
    /// The section heading level, clamped to 2..=6.
    pub fn heading_level(&self) -> u8 {
        self.heading_level.unwrap_or(2).clamp(2, 6)
    }
}
