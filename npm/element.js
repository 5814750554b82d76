// <digest-view>: a digest from the element's text, or from `src`.
//
// Parsing and markup are the wasm module's; rendering and the tooltips are
// the package's DOM layer (`render`); this file is the element around them.
//
//   <digest-view heading-level="3">Key Facts - The port reopened [1]…</digest-view>
//   <digest-view src="/digests/today.txt"></digest-view>
//
// - Text comes from the element's text content (a child
//   <script type="application/json"> holds references instead), or from
//   `src`, fetched with the page's credentials policy (`crossorigin` like an
//   <img>: "use-credentials" sends cookies cross-origin, "anonymous" never).
// - `heading-level`, `id-prefix` and `label-*` attributes (`label-source`,
//   `label-also-cited-in`…) map to the render options; `references` is also
//   a property.
// - It renders into a shadow root, so the page's CSS cannot break it and the
//   source text stays in the light DOM. The shadow root is styled with a
//   constructed stylesheet (adoptedStyleSheets), which a strict style-src
//   allows; where those are missing, with a <link> to the package's
//   stylesheet. Theme it with the --digest-*
//   custom properties and ::part(digest | header | headline | section |
//   heading | point | cite | note | references | tooltip).
// - Streaming: `stream(chunk)` adds text to the element's content (so the
//   light DOM holds the text too) and the digest catches up at the next
//   frame, keeping finished points; text appended to the content any other
//   way streams the same. `finish()` ends it (aria-busy goes), resolving
//   when the shadow DOM holds what the whole text renders to.
// - Elements render with the render-only module (`digest-render/render`);
//   the first time one streams, the full package (digest_render.js and its
//   module) loads, and that element's digest is rendered again from it
//   (the same markup) before the stream goes on. Pages that never stream
//   never load it.
// - Errors show in the element and fire an `error` event; a `render` event
//   follows every successful render, and a stream's finish.
import init, { render } from "./render.js";
import css from "./stylesheet.js";

const ready = init();

/** The full package, which streams, once an element first needs it. */
let full = null;

function fullPackage() {
  full ??= import("./digest_render.js")
    .then((api) => api.default().then(() => api))
    .catch((error) => {
      full = null; // the next stream tries again
      throw error;
    });
  return full;
}

/** One constructed stylesheet, shared by every element's shadow root. */
let sheet = null;

/** Styles `root` with the package's stylesheet. */
function style(root) {
  if ("adoptedStyleSheets" in root && "replaceSync" in CSSStyleSheet.prototype) {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
    }
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return;
  }
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = new URL("./digest-render.css", import.meta.url).href;
  root.append(link);
}

const LABELS = {
  "label-source": "source",
  "label-citation": "citation",
  "label-also-cited-in": "alsoCitedIn",
  "label-references": "references",
  "label-opens-in-new-tab": "opensInNewTab",
  "label-empty": "empty",
  "label-date-format": "dateFormat",
  "label-date-time-format": "dateTimeFormat",
};

const PARTS = {
  "digest": "digest",
  "digest-header": "header",
  "digest-headline": "headline",
  "digest-section": "section",
  "digest-heading": "heading",
  "digest-point": "point",
  "digest-cite": "cite",
  "digest-note": "note",
  "digest-references": "references",
  "digest-tooltip": "tooltip",
};

/** Sets the `part` of `root` and the digest's elements in it. */
function parts(root) {
  for (const [name, part] of Object.entries(PARTS)) {
    if (root.classList?.contains(name)) root.setAttribute("part", part);
    for (const el of root.querySelectorAll(`.${name}`)) el.setAttribute("part", part);
  }
}

export class DigestViewElement extends HTMLElement {
  static observedAttributes = ["src", "heading-level", "id-prefix", "crossorigin", ...Object.keys(LABELS)];

  #view = null;
  #references = null;
  #observer = null;
  #abort = null;
  #scheduled = false;
  #generation = 0;
  /** What the view shows: its text and options (as JSON), to tell an append from an edit. */
  #rendered = null;
  /** Set by `finish()` until an update has finished the stream. */
  #finished = null;
  /** What renders this element: the render-only package's `render`, or the full one's once it streams. */
  #render = render;

  constructor() {
    super();
    const root = this.attachShadow({ mode: "open" });
    style(root);
    this.container = document.createElement("div");
    this.container.setAttribute("part", "container");
    this.status = document.createElement("p");
    this.status.setAttribute("part", "error");
    this.status.setAttribute("role", "alert");
    this.status.hidden = true;
    root.append(this.status, this.container);
    // Elements a stream adds get their `part` as they arrive.
    new MutationObserver((records) => {
      for (const record of records) for (const node of record.addedNodes) if (node.nodeType === 1) parts(node);
    }).observe(this.container, { childList: true, subtree: true });
  }

  /** Adds `chunk` to the digest's text, streaming (see the file's comment). */
  stream(chunk) {
    if (typeof chunk !== "string") {
      throw new TypeError(`digest-view: stream(chunk) takes a string, not ${chunk === null ? "null" : typeof chunk}`);
    }
    this.append(chunk);
  }

  /** Ends a stream; resolves once the whole text is rendered. */
  finish() {
    this.#observer?.takeRecords(); // read by the update below
    return new Promise((resolve) => {
      const earlier = this.#finished;
      this.#finished = () => {
        earlier?.();
        resolve();
      };
      // Whichever update runs last (a newer one wins) finishes.
      this.#update().catch((error) => this.#fail(error));
    });
  }

  /** References that override or fill the text's own (see the package README). */
  get references() {
    return this.#references;
  }

  set references(value) {
    this.#references = value;
    this.#schedule();
  }

  connectedCallback() {
    // A property set before this element was upgraded shadows the accessor.
    if (Object.prototype.hasOwnProperty.call(this, "references")) {
      const value = this.references;
      delete this.references;
      this.references = value;
    }
    this.#observer = new MutationObserver(() => this.#schedule());
    this.#observer.observe(this, { childList: true, characterData: true, subtree: true });
    this.#schedule();
  }

  disconnectedCallback() {
    this.#observer?.disconnect();
    this.#observer = null;
    this.#abort?.abort();
    this.#abort = null;
    this.#view?.destroy();
    this.#view = null;
    this.#rendered = null;
    const finished = this.#finished;
    this.#finished = null;
    finished?.();
  }

  attributeChangedCallback() {
    this.#schedule();
  }

  /** Renders once per task, however many changes arrive together. */
  #schedule() {
    if (this.#scheduled || !this.isConnected) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      this.#update().catch((error) => this.#fail(error));
    });
  }

  #options() {
    const options = {};
    const level = this.getAttribute("heading-level");
    if (level !== null) options.headingLevel = Number(level);
    const prefix = this.getAttribute("id-prefix");
    if (prefix !== null) options.idPrefix = prefix;
    const labels = {};
    for (const [attribute, key] of Object.entries(LABELS)) {
      const value = this.getAttribute(attribute);
      if (value !== null) labels[key] = value;
    }
    if (Object.keys(labels).length) options.labels = labels;
    const references = this.#references ?? this.#scriptReferences();
    if (references) options.references = references;
    return options;
  }

  #scriptReferences() {
    const script = this.querySelector(':scope > script[type="application/json"]');
    if (!script) return null;
    try {
      return JSON.parse(script.textContent);
    } catch (error) {
      throw new SyntaxError(`digest-view: the references script is not valid JSON (${error.message})`);
    }
  }

  /** The element's own text, without the references script. */
  #text() {
    let text = "";
    for (const node of this.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) text += node.data;
      else if (node.nodeType === Node.ELEMENT_NODE && node.localName !== "script") text += node.textContent;
    }
    return text;
  }

  async #update() {
    const generation = ++this.#generation;
    await ready;
    let text;
    const src = this.getAttribute("src");
    if (src !== null) {
      this.#abort?.abort();
      this.#abort = new AbortController();
      const crossorigin = this.getAttribute("crossorigin");
      const credentials = crossorigin === "use-credentials" ? "include" : crossorigin === null ? "same-origin" : "omit";
      let response;
      try {
        response = await fetch(new URL(src, document.baseURI), { credentials, signal: this.#abort.signal });
      } catch (error) {
        if (error.name === "AbortError") return;
        throw new Error(`digest-view: could not fetch ${src} (${error.message})`);
      }
      if (!response.ok) throw new Error(`digest-view: ${src} answered ${response.status} ${response.statusText}`.trim());
      text = await response.text();
    } else {
      text = this.#text();
    }
    // A newer change started while this one waited: let it win.
    if (generation !== this.#generation || !this.isConnected) return;
    const options = this.#options();
    const key = JSON.stringify(options);
    const shown = this.#rendered;
    const appended = src === null && this.#view && shown?.key === key && text.startsWith(shown.text);
    if (appended && text.length > shown.text.length && this.#render === render) {
      // The render-only module does not stream: render what is shown again
      // with the full package, whose view does.
      const api = await fullPackage();
      if (generation !== this.#generation || !this.isConnected) return;
      this.#render = api.render;
      this.#view.destroy();
      this.#view = this.#render(this.container, shown.text, options);
      parts(this.container);
    }
    const finished = this.#finished;
    this.#finished = null;
    if (appended) {
      // Text appended: stream it.
      if (text.length > shown.text.length) this.#view.append(text.slice(shown.text.length));
      shown.text = text;
      if (finished) {
        this.#view.finish();
        this.dispatchEvent(new CustomEvent("render"));
        finished();
      }
      return;
    }
    this.#view?.destroy();
    this.#view = this.#render(this.container, text, options);
    this.#rendered = { text, key };
    parts(this.container);
    this.status.hidden = true;
    this.dispatchEvent(new CustomEvent("render"));
    finished?.();
  }

  #fail(error) {
    const finished = this.#finished;
    this.#finished = null;
    finished?.();
    this.status.textContent = error.message || String(error);
    this.status.hidden = false;
    this.dispatchEvent(new CustomEvent("error", { detail: error }));
  }
}

if (!customElements.get("digest-view")) {
  customElements.define("digest-view", DigestViewElement);
}
