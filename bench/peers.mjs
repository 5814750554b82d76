// The Markdown + tooltip stack digest-render is measured against in the
// browser, bundled by esbuild for bench/page.html.
export { default as MarkdownIt } from "markdown-it";
export { default as footnote } from "markdown-it-footnote";
export { default as tippy } from "tippy.js";
