//! The boundary to JavaScript, and nothing else: text and options in,
//! the model (as records) or the markup out, and streams
//! ([`streams`]). The DOM (putting markup in the page, the tooltips'
//! behaviour, Trusted Types) is the package's JavaScript layer
//! (`npm/api.js`), which calls these functions and wraps them for
//! callers; the names callers see come from there.
//!
//! The package ships two builds of this crate: the full module, and a
//! render-only one (feature `lite`, for `digest-render/render` and
//! `<digest-view>`) with `markup` of text alone, a third smaller.
//!
//! Wrong argument types throw a `TypeError` that names the calling function
//! and the path into the argument (a `RangeError` for a number out of
//! range); nothing here panics, so the module keeps working after any bad
//! call. The JavaScript layer checks the options and that a model is an
//! object (smaller there than here); this reads what is inside a model.

use crate::render::RenderOptions;
use crate::{parse_with_references, Digest};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_EXTRA: &'static str = r#"
/** Digest text, or a model `parseDigest` returned. */
export type DigestInput = string | Digest;
/** A reference given by the caller: `{ id, title?, text?, url? }`. */
export type ReferenceOption = ReferenceInput & { id: number };
/**
 * What `parseDigest`, `renderHtml`, `render` and `hydrate` accept: the
 * generated `RenderOptions`, widened where JavaScript callers get more
 * freedom (references keyed by id, any subset of the labels), plus the
 * page's own Trusted Types policy for `render`.
 */
export type Options = Omit<RenderOptions, "references" | "labels"> & {
    references?: ReferenceOption[] | Record<string, Omit<ReferenceOption, "id">>;
    labels?: Partial<Labels>;
    /**
     * A Trusted Types policy of the page's, used instead of the package's
     * own `digest-render` policy to put the markup in the page.
     */
    trustedTypesPolicy?: { createHTML(html: string): unknown };
};
"#;

mod alloc;
#[cfg(not(feature = "lite"))]
mod digest_json;
mod input;
#[cfg(not(feature = "lite"))]
mod streams;

use input::Result;

/// A digest from text, or from a model object's JSON when `model` (the
/// JavaScript layer checked it is an object and wrote its JSON).
fn digest_arg(function: &str, input: &str, model: bool, options: &RenderOptions) -> Result<Digest> {
    if !model {
        return Ok(parse_with_references(input, &options.references));
    }
    #[cfg(not(feature = "lite"))]
    {
        let mut digest = digest_json::digest(function, input)?;
        crate::apply_references(&mut digest, &options.references);
        Ok(digest)
    }
    // The render-only module's JavaScript layer never passes a model.
    #[cfg(feature = "lite")]
    Err(input::error(
        false,
        &[function, ": this module renders digest text only"],
    ))
}

/// The most markup or model JSON one call writes, in bytes. Linear memory
/// never shrinks, so a module that once held a gigabyte keeps it for the
/// life of the page; and engines cannot make a string much longer than
/// 512 M characters at all. An ordinary 10 MB digest makes about 134 MB of
/// markup and 90 MB of JSON; hostile text (a citation every five bytes)
/// makes 60 times its size. Checked against the writers' size hints, before
/// any of it is written.
const MAX_OUTPUT: usize = 256 << 20;

/// A `RangeError` when `hint` (bytes of `what`) is over `max`.
fn check_size(caller: &str, hint: usize, max: usize, what: &str) -> Result<()> {
    if hint <= max {
        return Ok(());
    }
    let mb = crate::render::html::number(hint >> 20);
    let max_mb = crate::render::html::number(max >> 20);
    Err(input::error(
        true,
        &[
            caller,
            ": this digest would make about ",
            &mb,
            " MB of ",
            what,
            ", more than the ",
            &max_mb,
            " MB one call may write; split it into smaller digests",
        ],
    ))
}

/// The digest model of `text` as compact records (see [`crate::records`]), which
/// the JavaScript layer builds its objects from; `caller` names the public
/// function in error messages.
///
/// The model crossed as one JSON string for `JSON.parse` before, and as
/// objects built field by field through serde-wasm-bindgen before that,
/// whose calls across the boundary were 80% of parseDigest's time
/// (BENCHMARKS.md).
#[cfg(not(feature = "lite"))]
#[wasm_bindgen]
pub fn model(caller: &str, text: &str, options: &[u32], option_text: &str) -> Result<Vec<u8>> {
    test_trap::check();
    // The JavaScript layer checked that `text` is a string.
    // Only the references matter here.
    let references = input::options(options, option_text).map_or_else(Vec::new, |o| o.references);
    let digest = parse_with_references(text, &references);
    // The limit is on the model's JSON, which is about the size of the
    // objects built from the records.
    check_size(
        caller,
        crate::json::size_hint(&digest),
        MAX_OUTPUT,
        "model JSON",
    )?;
    Ok(crate::records::write(&digest, text))
}

/// Escaped, semantic HTML for text or a model: what `render` puts in the
/// page.
#[wasm_bindgen]
pub fn markup(
    caller: &str,
    input: &str,
    model: bool,
    options: &[u32],
    option_text: &str,
) -> Result<String> {
    test_trap::check();
    let given = input::options(options, option_text);
    let options = given.as_ref().unwrap_or_else(|| default_options());
    let digest = digest_arg(caller, input, model, options)?;
    let size = crate::render::html::size_hint(&digest);
    check_size(caller, size, MAX_OUTPUT, "markup")?;
    // References were merged into the digest already.
    Ok(crate::render::html::render_sized(&digest, options, size))
}

/// State of this instance in a `static`. The module runs on one thread,
/// so sharing it between threads never happens.
struct OneThread<T>(T);

unsafe impl<T> Sync for OneThread<T> {}

/// The options of a call without any, made once: building the default
/// labels' strings was a fortieth of renderHtml's time.
fn default_options() -> &'static RenderOptions {
    static DEFAULT: OneThread<std::cell::OnceCell<RenderOptions>> =
        OneThread(std::cell::OnceCell::new());
    DEFAULT.0.get_or_init(RenderOptions::default)
}

/// For the trap-recovery tests only (`--features test-trap`, never in the
/// shipped package): a way to make the module trap on purpose, the way an
/// undiscovered bug or memory exhaustion would.
#[cfg(feature = "test-trap")]
mod test_trap {
    use std::sync::atomic::{AtomicBool, Ordering};
    use wasm_bindgen::prelude::*;

    /// Set by `trapForTests(true)`: every later call traps as well, the way
    /// a corrupted instance keeps failing. Only a new instance clears it.
    static POISONED: AtomicBool = AtomicBool::new(false);

    pub fn check() {
        if POISONED.load(Ordering::Relaxed) {
            std::arch::wasm32::unreachable();
        }
    }

    #[wasm_bindgen(js_name = trapForTests)]
    pub fn trap(poison: bool) {
        POISONED.store(poison, Ordering::Relaxed);
        std::arch::wasm32::unreachable();
    }
}

#[cfg(not(feature = "test-trap"))]
mod test_trap {
    #[inline(always)]
    pub fn check() {}
}
