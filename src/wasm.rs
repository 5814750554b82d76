//! The JavaScript API, and nothing else: argument checks, conversion at the
//! boundary, and calls into the model, the renderer and the DOM behaviour.
//!
//! Wrong argument types throw a `TypeError` that names the argument (a
//! `RangeError` for a number out of range); nothing here panics, so the
//! module keeps working after any bad call.

use crate::render::dom::View;
use crate::render::RenderOptions;
use crate::{parse_with_references, Digest};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(typescript_custom_section)]
const TS_EXTRA: &'static str = r#"
/** Digest text, or a model `parseDigest` returned. */
export type DigestInput = string | Digest;
/** A reference given by the caller: `{ id, title?, text?, url? }`. */
export type ReferenceOption = ReferenceInput & { id: number };
/**
 * What `parseDigest`, `renderHtml`, `render` and `hydrate` accept: the
 * generated `RenderOptions`, widened where JavaScript callers get more
 * freedom (references keyed by id, any subset of the labels).
 */
export type Options = Omit<RenderOptions, "references" | "labels"> & {
    references?: ReferenceOption[] | Record<string, Omit<ReferenceOption, "id">>;
    labels?: Partial<Labels>;
};
"#;

mod alloc;
mod input;

#[wasm_bindgen]
extern "C" {
    /// The options object, typed for TypeScript; checked by `input::options`.
    #[wasm_bindgen(typescript_type = "Options")]
    pub type OptionsArg;
}

use input::{describe, type_error, Result};

/// A digest from text or from a model object.
fn digest_arg(function: &str, value: JsValue, options: &RenderOptions) -> Result<Digest> {
    if let Some(text) = value.as_string() {
        return Ok(parse_with_references(&text, &options.references));
    }
    let mut digest = input::digest(function, &value)?;
    crate::apply_references(&mut digest, &options.references);
    Ok(digest)
}

/// The model as a JavaScript object: serialised to JSON here and parsed by
/// the engine's `JSON.parse`. Measured (BENCHMARKS.md), this is about 4 times
/// faster than building the object field by field across the boundary with
/// serde-wasm-bindgen, whose calls were 80% of parseDigest's time, and it
/// makes the module smaller. The serde attributes of the model decide the
/// JSON either way.
fn to_js(digest: &Digest) -> Result<JsValue> {
    js_sys::JSON::parse(&crate::json::to_string(digest, false))
}

/// The digest model of `text`.
#[wasm_bindgen(js_name = parseDigest, unchecked_return_type = "Digest")]
pub fn parse_digest(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    options: Option<OptionsArg>,
) -> Result<JsValue> {
    let text = string_arg("parseDigest", "text", &text)?;
    let options = input::options(
        "parseDigest",
        &options.map(JsValue::from).unwrap_or_default(),
    )?;
    to_js(&parse_with_references(&text, &options.references))
}

/// Escaped, semantic HTML: the markup `render` puts in the page.
#[wasm_bindgen(js_name = renderHtml)]
pub fn render_html_js(
    #[wasm_bindgen(unchecked_param_type = "DigestInput")] input: JsValue,
    options: Option<OptionsArg>,
) -> Result<String> {
    let options = input::options(
        "renderHtml",
        &options.map(JsValue::from).unwrap_or_default(),
    )?;
    let digest = digest_arg("renderHtml", input, &options)?;
    // References were merged into the digest already.
    Ok(crate::render::html::render(&digest, &options))
}

fn string_arg(function: &str, name: &str, value: &JsValue) -> Result<String> {
    value.as_string().ok_or_else(|| {
        type_error(
            &[
                function,
                ": ",
                name,
                " must be a string, not ",
                &describe(value),
            ]
            .concat(),
        )
    })
}

fn container_arg(function: &str, container: &JsValue) -> Result<web_sys::Element> {
    container
        .dyn_ref::<web_sys::Element>()
        .cloned()
        .ok_or_else(|| {
            type_error(
                &[
                    function,
                    ": container must be an Element, not ",
                    &describe(container),
                ]
                .concat(),
            )
        })
}

/// Renders into `container` (its content is replaced) with working citation
/// tooltips.
#[wasm_bindgen]
pub fn render(
    #[wasm_bindgen(unchecked_param_type = "Element")] container: JsValue,
    #[wasm_bindgen(unchecked_param_type = "DigestInput")] input: JsValue,
    options: Option<OptionsArg>,
) -> Result<DigestView> {
    let container = container_arg("render", &container)?;
    let options = input::options("render", &options.map(JsValue::from).unwrap_or_default())?;
    let text = input.as_string();
    let digest = digest_arg("render", input, &options)?;
    let view = View::render(container, &digest, options, text);
    Ok(DigestView { view: Some(view) })
}

/// Attaches the tooltip behaviour to markup `renderHtml` produced (on a
/// server, say) without rebuilding it.
#[wasm_bindgen]
pub fn hydrate(
    #[wasm_bindgen(unchecked_param_type = "Element")] container: JsValue,
    options: Option<OptionsArg>,
) -> Result<DigestView> {
    let container = container_arg("hydrate", &container)?;
    let options = input::options("hydrate", &options.map(JsValue::from).unwrap_or_default())?;
    Ok(DigestView {
        view: Some(View::hydrate(container, options)),
    })
}

/// A rendered digest in the page.
#[wasm_bindgen]
pub struct DigestView {
    view: Option<View>,
}

#[wasm_bindgen]
impl DigestView {
    fn live(&mut self, method: &str) -> Result<&mut View> {
        self.view.as_mut().ok_or_else(|| {
            JsError::new(&["DigestView.", method, ": the view was destroyed"].concat()).into()
        })
    }

    /// Renders `text` in place of the current digest.
    pub fn update(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> Result<()> {
        let text = string_arg("DigestView.update", "text", &text)?;
        self.live("update")?.set_text(text);
        Ok(())
    }

    /// Adds `chunk` to the text (streaming); the page catches up at the next
    /// animation frame.
    pub fn append(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] chunk: JsValue,
    ) -> Result<()> {
        let chunk = string_arg("DigestView.append", "chunk", &chunk)?;
        self.live("append")?.append(&chunk);
        Ok(())
    }

    /// Renders any appended text now.
    pub fn finish(&mut self) -> Result<()> {
        self.live("finish")?.flush();
        Ok(())
    }

    /// Removes the behaviour (listeners, timers, an open tooltip). The markup
    /// stays. Calling it again does nothing.
    pub fn destroy(&mut self) {
        if let Some(view) = self.view.take() {
            view.destroy();
        }
    }
}
