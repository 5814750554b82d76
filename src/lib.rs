//! digest-render: news-digest text to a typed model, and the model to HTML
//! with a tooltip on every citation.
//!
//! ```
//! let digest = digest_render::parse(
//!     "Key Facts - The harbour reopened [1] - Boats returned [2]\n\
//!      World Desk|Harbour reopens\n\
//!      Coastline Courier·2025-06-09 08:30",
//! );
//! assert_eq!(digest.sections[0].heading.as_ref().unwrap().text, "Key Facts");
//! assert_eq!(digest.sections[0].points[1].citations, vec![2]);
//! assert_eq!(digest.source.as_ref().unwrap().published.as_deref(), Some("2025-06-09T08:30"));
//!
//! let html = digest_render::render_html(&digest, &Default::default());
//! assert!(html.contains(r#"<time datetime="2025-06-09T08:30">9 June 2025, 08:30</time>"#));
//! ```
//!
//! Layout: [`model`] holds the types, [`parse`] one module per construct,
//! [`render`] the markup.

#[doc(hidden)]
#[cfg(not(target_arch = "wasm32"))]
pub mod check;
mod decimal;
pub mod json;
pub mod model;
pub mod parse;
pub mod records;
pub mod render;
pub mod stream;
#[cfg(target_arch = "wasm32")]
mod wasm;

pub use model::Digest;
pub use parse::{apply_references, parse, parse_with_references};
pub use render::{Labels, ReferenceInput, RenderOptions};

/// The digest as an HTML fragment: see [`render::html`] for the markup.
/// `options.references` are laid over the digest's own first.
pub fn render_html(digest: &Digest, options: &RenderOptions) -> String {
    if options.references.is_empty() {
        return render::html::render(digest, options);
    }
    let mut merged = digest.clone();
    apply_references(&mut merged, &options.references);
    render::html::render(&merged, options)
}
