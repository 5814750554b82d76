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
//! assert_eq!(digest.source.unwrap().published.as_deref(), Some("2025-06-09T08:30"));
//! ```

pub mod model;
pub mod parse;

pub use model::Digest;
pub use parse::parse;
