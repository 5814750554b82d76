//! One self-contained HTML file: the digest's markup, the stylesheet
//! inlined, and optionally the tooltip behaviour inlined too (the wasm
//! module as base64 with its glue), for archiving or mail.
//!
//! The behaviour is the npm package's (built by `make pkg`), read from
//! disk: the native binary cannot carry the wasm build of its own crate.

use super::html::{cjk_language, escape};
use super::{RenderOptions, STYLESHEET};
use crate::Digest;

/// The package files the inlined script is made of.
pub struct Script {
    /// `render.js`: the render-only entry (`digest-render/render`), which
    /// is all `hydrate` needs.
    pub glue: String,
    /// `render_bg.wasm`, its module.
    pub wasm: Vec<u8>,
}

/// A complete HTML document for `digest`.
pub fn document(digest: &Digest, options: &RenderOptions, script: Option<&Script>) -> String {
    let article = crate::render_html(digest, options);
    let title = digest
        .title
        .as_ref()
        .map(|t| t.headline.as_str())
        .or_else(|| {
            digest
                .sections
                .iter()
                .find_map(|s| s.heading.as_ref())
                .map(|h| h.text.as_str())
        })
        .unwrap_or("Digest");
    let lang = digest
        .title
        .as_ref()
        .and_then(|t| cjk_language(&t.headline))
        .unwrap_or("en");
    let mut out = String::with_capacity(article.len() + STYLESHEET.len() + 512);
    out.push_str("<!doctype html>\n<html lang=\"");
    out.push_str(lang);
    out.push_str("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<link rel=\"icon\" href=\"data:,\">\n<title>");
    escape(&mut out, title);
    out.push_str("</title>\n<style>\n");
    out.push_str(STYLESHEET);
    out.push_str("body { margin: 0; } main { display: flex; justify-content: center; }\n</style>\n</head>\n<body>\n<main>\n");
    out.push_str(&article);
    out.push_str("\n</main>\n");
    if let Some(script) = script {
        // The glue is an ES module: load it from a blob URL, so its exports
        // keep their names whatever a minifier did inside it.
        let glue = crate::json::string_literal(&script.glue).replace("</", "<\\/");
        out.push_str("<script type=\"module\">\nconst glue = ");
        out.push_str(&glue);
        out.push_str(";\nconst wasm = \"");
        out.push_str(&base64(&script.wasm));
        out.push_str(
            "\";\nconst url = URL.createObjectURL(new Blob([glue], { type: \"text/javascript\" }));\n\
             const { initSync, hydrate } = await import(url);\n\
             URL.revokeObjectURL(url);\n\
             initSync({ module: Uint8Array.from(atob(wasm), (c) => c.charCodeAt(0)) });\n\
             hydrate(document.querySelector(\"main\"));\n</script>\n",
        );
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64(&[0xff, 0xfe, 0x00]), "//4A");
    }

    #[test]
    fn a_document_with_inlined_styles_and_no_script() {
        let digest = crate::parse("Facts - The port reopened [1]\n港航动态|南湾港复航");
        let doc = document(&digest, &RenderOptions::default(), None);
        assert!(doc.starts_with("<!doctype html>\n<html lang=\"zh\">"));
        assert!(doc.contains("<title>南湾港复航</title>"));
        assert!(doc.contains(".digest-tooltip"));
        assert!(!doc.contains("<script"));
    }
}
