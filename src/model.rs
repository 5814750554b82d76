//! The digest model: one set of types used everywhere.
//!
//! The CLI prints it as JSON, the wasm API hands it to JavaScript, the
//! renderers read it, and the TypeScript declarations are generated from it.
//! Field names are camelCase on the wire.
//!
//! Every node carries a [`Span`] into the input. Spans count UTF-16 code
//! units, so that `input.slice(span.start, span.end)` in JavaScript is the
//! node's source; Rust callers also get byte offsets ([`Span::bytes`]).

use serde::{Deserialize, Serialize};

/// Whether this build writes markup and nothing else: the render-only
/// wasm module (feature `lite`). The markup shows no diagnostic and no
/// span, so there the parser leaves [`Digest::diagnostics`] empty and every
/// [`Span`] zero, and the module carries none of the code that makes them
/// (nor the stream's, since it has no streams). Every other build, and
/// every test, has them all.
pub(crate) const MARKUP_ONLY: bool = cfg!(feature = "lite");

/// A parsed digest. Every field is always present on output; Option fields
/// are left out when empty.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Digest {
    /// The article's original title line (`Column|Headline`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Title>,
    /// The source line (`Publisher·2025-06-03 15:39`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// The body, in document order.
    pub sections: Vec<Section>,
    /// Lines after the body that are none of title, source line or
    /// references (a byline, a photo credit, an editor's note), in document
    /// order: kept as written so that nothing is dropped, shown after the
    /// points, each with an `unplaced-text` diagnostic.
    pub notes: Vec<Note>,
    /// The heading of the references block (`References`, `参考资料`), if the
    /// text has one; the renderer shows it as the list's caption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub references_heading: Option<Heading>,
    /// Entries of the references block, in document order.
    pub references: Vec<Reference>,
    /// For every cited id, ascending, the points that cite it.
    pub citations: Vec<Citation>,
    /// What the parser recovered from, in document order.
    pub diagnostics: Vec<Diagnostic>,
}

/// `Column|Headline`: the column is optional.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Title {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    pub headline: String,
    pub span: Span,
}

/// `Publisher·2025-06-03 15:39`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Source {
    pub publisher: String,
    /// ISO 8601 local time, `2025-06-03T15:39`, or `2025-06-03` for a date alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// The line as written (trimmed).
    pub raw: String,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Section {
    /// Absent for points that come before any heading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<Heading>,
    pub points: Vec<Point>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Heading {
    /// Without Markdown marks or a trailing colon.
    pub text: String,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Point {
    /// The point without citation markers, white space folded.
    pub text: String,
    /// Cited ids in order of first appearance, each once, ranges expanded.
    pub citations: Vec<u32>,
    /// Text, citation groups and Markdown marks (strong, emphasis, code,
    /// links) in source order, so a renderer can put each marker where it
    /// stood.
    pub inlines: Vec<Inline>,
    pub span: Span,
}

/// A piece of a point.
///
/// An inline never contains one of its own kind (no strong in a strong, at
/// any depth), a link holds no citation group, and code holds nothing: so
/// inlines nest at most three deep (link > strong > emphasis, say) whatever
/// the input, and walks over them may recurse.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Inline {
    /// Text with white space folded to single spaces. Leading or trailing
    /// space is kept where the source had it next to a citation, so that
    /// `rose [1] after` and `开放【1】之后` both render as written.
    Text { text: String, span: Span },
    /// One citation group: `[1][2]`, `[1, 2]`, `[3-5]`, `【1】`.
    Cite { ids: Vec<u32>, span: Span },
    /// `**strong**` or `__strong__`; the span covers the marks.
    Strong { children: Vec<Inline>, span: Span },
    /// `*emphasis*` or `_emphasis_`; the span covers the marks.
    Emphasis { children: Vec<Inline>, span: Span },
    /// `` `code` ``: the text as written between the backticks, white space
    /// not folded.
    Code { text: String, span: Span },
    /// `[text](https://…)`: only an `http:` or `https:` URL makes one. The
    /// children are the link text's inlines.
    Link {
        url: String,
        children: Vec<Inline>,
        span: Span,
    },
}

impl Inline {
    /// The inline's source, marks included.
    pub fn span(&self) -> Span {
        match self {
            Inline::Text { span, .. }
            | Inline::Cite { span, .. }
            | Inline::Strong { span, .. }
            | Inline::Emphasis { span, .. }
            | Inline::Code { span, .. }
            | Inline::Link { span, .. } => *span,
        }
    }

    /// The inlines inside a strong, an emphasis or a link; none for the rest.
    pub fn children(&self) -> &[Inline] {
        match self {
            Inline::Strong { children, .. }
            | Inline::Emphasis { children, .. }
            | Inline::Link { children, .. } => children,
            Inline::Text { .. } | Inline::Cite { .. } | Inline::Code { .. } => &[],
        }
    }
}

/// A line the parser could place nowhere: see [`Digest::notes`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Note {
    /// The line with white space folded.
    pub text: String,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Reference {
    pub id: u32,
    /// Only from references the caller supplies; the text's own entries have
    /// no separate title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The entry without its `[n]` marker and without the URL.
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Citation {
    pub id: u32,
    pub points: Vec<PointRef>,
}

/// Indices into [`Digest::sections`] and [`Section::points`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PointRef {
    pub section: u32,
    pub point: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: DiagnosticCode,
    /// One sentence a person can act on.
    pub message: String,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    /// The input was malformed and the parser guessed.
    Warning,
    /// Worth knowing, nothing was guessed.
    Info,
}

/// Machine-readable reason for a [`Diagnostic`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "kebab-case")]
pub enum DiagnosticCode {
    /// `[12` with no closing bracket; read as a citation.
    UnclosedCitation,
    /// `[9-2]`, or a range too long to expand; its ends are kept.
    InvalidRange,
    /// A citation id too large to be one (more than 9 digits); kept as text.
    InvalidCitation,
    /// A reference that no point cites.
    UnusedReference,
    /// A cited id with no entry, when the text has a references block.
    MissingReference,
    /// A second reference with an id already used; the first one wins.
    DuplicateReference,
    /// A source line whose date is not a real calendar date or time.
    InvalidDate,
    /// A line after the body that belongs to none of the references, title
    /// or source (it becomes a note), or separators with no text between them.
    UnplacedText,
}

impl DiagnosticCode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::UnclosedCitation => "unclosed-citation",
            Self::InvalidRange => "invalid-range",
            Self::InvalidCitation => "invalid-citation",
            Self::UnusedReference => "unused-reference",
            Self::MissingReference => "missing-reference",
            Self::DuplicateReference => "duplicate-reference",
            Self::InvalidDate => "invalid-date",
            Self::UnplacedText => "unplaced-text",
        }
    }
}

/// A range of the input: `start..end` in UTF-16 code units (what JavaScript
/// strings index by). The byte range is kept alongside for Rust callers but
/// not serialised: it means nothing to JavaScript, and a model that came back
/// from JSON has no input to point into.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Span {
    pub start: u32,
    pub end: u32,
    #[serde(skip)]
    pub byte_start: u32,
    #[serde(skip)]
    pub byte_end: u32,
}

impl Span {
    /// The node's source as a byte range of the input, for `&input[range]`.
    pub fn bytes(&self) -> std::ops::Range<usize> {
        self.byte_start as usize..self.byte_end as usize
    }
}

impl Digest {
    /// The reference with this id: the first one, when ids repeat.
    pub fn reference(&self, id: u32) -> Option<&Reference> {
        self.references.iter().find(|r| r.id == id)
    }

    /// The points that cite `id`.
    pub fn citing_points(&self, id: u32) -> &[PointRef] {
        match self.citations.binary_search_by_key(&id, |c| c.id) {
            Ok(i) => &self.citations[i].points,
            Err(_) => &[],
        }
    }

    pub fn point(&self, at: PointRef) -> Option<&Point> {
        self.sections
            .get(at.section as usize)?
            .points
            .get(at.point as usize)
    }
}

/// A reference given by the caller instead of (or besides) the text's own
/// references block.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", default)]
pub struct ReferenceInput {
    pub id: u32,
    pub title: Option<String>,
    pub text: Option<String>,
    pub url: Option<String>,
}
