// The package's API. The wasm module reads text and writes markup
// (`model`, `markup`); this layer puts the markup in the page through the
// package's one Trusted Types policy and attaches the tooltips' behaviour
// (tooltips.js). Every call into the module goes through module.js's
// `guarded`, which restarts the module if a call ever fails inside it.
// The glue is imported as a namespace here, not through module.js, so that
// the bundler calls its functions directly instead of building an object
// of getters for them.
//
// scripts/build-pkg bundles this file twice: for `digest-render`, with the
// full module, and for `digest-render/render` (npm/render.js), with the
// render-only module and FULL_MODULE false, which drops what only the full
// module can do: models as input and streaming (`parseDigest` is not
// exported there at all).
import * as glue from "./glue.js";
import { modelFrom } from "./model.js";
import { guarded, init, initSync, instance } from "./module.js";
import { applyOps } from "./patch.js";
import { attach } from "./tooltips.js";

export { init as default, initSync };

/**
 * The digest model of `text`.
 * @param {string} text
 * @param {import("./digest_render").Options} [options]
 */
export function parseDigest(text, options) {
  // Checked here, so that the text crosses as a string argument (one
  // copy into the module, no call back out to read it).
  const caller = "parseDigest";
  checkString(caller, "text", text);
  checkLength(caller, "text", text);
  // Only the full bundle exports this: the test keeps the render-only one
  // from linking the `model` export its module lacks.
  if (FULL_MODULE) {
    const records = guarded(caller, () => glue.model(caller, text, ...flatOptions(caller, options)));
    return modelFrom(records, wellFormed(text));
  }
}

/**
 * Escaped, semantic HTML: the markup `render` puts in the page.
 * @param {string | import("./digest_render").Digest} input
 * @param {import("./digest_render").Options} [options]
 */
export function renderHtml(input, options) {
  return markup("renderHtml", input, options);
}

/**
 * Renders into `container` (its content is replaced) with working citation
 * tooltips.
 */
export function render(container, input, options) {
  checkContainer("render", container);
  const html = markup("render", input, options);
  setMarkup("render", container, html, options);
  return new DigestView(container, options, typeof input === "string" ? input : "");
}

/**
 * Attaches the tooltips to markup `renderHtml` produced (on a server, say)
 * without rebuilding it.
 */
export function hydrate(container, options) {
  checkContainer("hydrate", container);
  // The options are read now, so that bad ones fail here and not at the
  // first update.
  markup("hydrate", "", options);
  return new DigestView(container, options, "");
}

/** A rendered digest in the page. */
export class DigestView {
  #root;
  #options;
  #text;
  #frame = 0;
  /** @type {ReturnType<typeof attach> | null} */
  #behaviour;
  /**
   * While streaming: the module's stream (its handle, in which instance),
   * the article it writes, and the text not yet given to it.
   * @type {{ handle: number, instance: number, article: Element | null, pending: string } | null}
   */
  #stream = null;

  /** @internal Made by `render` and `hydrate`. */
  constructor(root, options, text) {
    this.#root = root;
    this.#options = options;
    this.#text = text;
    this.#behaviour = attach(root);
  }

  /** Renders `text` in place of the current digest. */
  update(text) {
    const caller = "DigestView.update";
    checkString(caller, "text", text);
    this.#live(caller);
    this.#cancelFrame();
    this.#closeStream();
    this.#text = text;
    this.#render(caller);
  }

  /**
   * Adds `chunk` to the text (streaming); the page catches up at the next
   * animation frame, changing only what the chunk changed: finished points
   * keep their elements (and an open tooltip stays open). The article has
   * `aria-busy="true"` until `finish()`.
   */
  append(chunk) {
    const caller = "DigestView.append";
    if (!FULL_MODULE) {
      throw new TypeError(`${caller}: views from digest-render/render do not stream; import digest-render for append`);
    }
    checkString(caller, "chunk", chunk);
    this.#live(caller);
    const text = this.#text + chunk;
    checkLength(caller, "the text with this chunk", text);
    this.#text = text;
    if (this.#stream) this.#stream.pending += chunk;
    if (!this.#frame) {
      this.#frame = requestAnimationFrame(() => {
        this.#frame = 0;
        if (this.#behaviour) this.#streamOn(caller, false);
      });
    }
  }

  /**
   * Renders any appended text now; after a stream, the page then holds
   * exactly what `render` makes of the whole text, and `aria-busy` goes.
   */
  finish() {
    const caller = "DigestView.finish";
    this.#live(caller);
    this.#cancelFrame();
    if (this.#stream || this.#frame) this.#streamOn(caller, true);
    else this.#render(caller);
  }

  /**
   * Removes the behaviour (listeners, timers, an open tooltip). The markup
   * stays. Calling it again does nothing.
   */
  destroy() {
    this.#cancelFrame();
    this.#closeStream();
    this.#behaviour?.detach();
    this.#behaviour = null;
  }

  #live(caller) {
    if (!this.#behaviour) throw new Error(`${caller}: the view was destroyed`);
  }

  #cancelFrame() {
    if (this.#frame) cancelAnimationFrame(this.#frame);
    this.#frame = 0;
  }

  #render(caller) {
    const html = markup(caller, this.#text, this.#options, "text");
    this.#behaviour.closeOwn();
    setMarkup(caller, this.#root, html, this.#options);
  }

  /**
   * Gives the stream the text it has not had (a new stream, with all of
   * the text, when there is none or the module was restarted since) and
   * applies its changes; with `finish`, the last ones.
   */
  #streamOn(caller, finish) {
    if (FULL_MODULE) {
      let stream = this.#stream;
      if (!stream || stream.instance !== instance()) {
        const handle = guarded(caller, () => glue.streamOpen(...flatOptions(caller, this.#options)));
        const article = stream?.article ?? this.#root.querySelector(":scope > article.digest");
        stream = this.#stream = { handle, instance: instance(), article, pending: this.#text };
      }
      const chunk = stream.pending;
      stream.pending = "";
      let ops;
      try {
        ops = guarded(caller, () => glue.streamPush(caller, stream.handle, chunk, finish));
      } catch (error) {
        // The next call starts a new stream from the whole text.
        this.#stream = null;
        throw error;
      }
      if (finish) this.#stream = null;
      const root = this.#root;
      stream.article = applyOps(root, stream.article, ops, (html) => parseMarkup(caller, root, html, this.#options));
    }
  }

  #closeStream() {
    const stream = this.#stream;
    this.#stream = null;
    if (FULL_MODULE && stream && stream.instance === instance()) {
      guarded("DigestView", () => glue.streamClose(stream.handle));
    }
  }
}

// `using view = render(…)` where the engine has explicit resource
// management. Feature-tested: where Symbol.dispose is missing (Safari,
// Chrome before 134, Firefox before 141) a computed [Symbol.dispose] key
// would be the string "undefined", giving every view a stray method.
if (typeof Symbol.dispose === "symbol") {
  Object.defineProperty(DigestView.prototype, Symbol.dispose, {
    value: function dispose() {
      this.destroy();
    },
    writable: true,
    configurable: true,
  });
}

/** The markup for `input`; `name` is how the caller's errors name it. */
function markup(caller, input, options, name = "input") {
  checkLength(caller, name, input);
  return guarded(caller, () => {
    const [numbers, optionText] = flatOptions(caller, options);
    // A model crosses as its JSON, read by the module (src/wasm/digest_json.rs).
    const model = typeof input !== "string";
    if (model && !FULL_MODULE) {
      throw new TypeError(
        `${caller}: input must be digest text, not ${describe(input)} (digest-render/render reads text; import digest-render to render a Digest)`,
      );
    }
    if (model && (typeof input !== "object" || input === null || Array.isArray(input))) {
      throw new TypeError(`${caller}: input must be digest text or a Digest, not ${describe(input)}`);
    }
    return glue.markup(caller, model ? (JSON.stringify(input) ?? "") : input, model, numbers, optionText);
  });
}

/** The labels in the order the module reads them (src/wasm/input.rs `options`). */
const LABELS = ["source", "citation", "alsoCitedIn", "references", "opensInNewTab", "empty", "dateFormat", "dateTimeFormat"];

/**
 * `options` checked, throwing the TypeError or RangeError for the first
 * thing wrong, and flattened for the module (src/wasm/input.rs `options`
 * says how): here, where the checks cost the page less than in the module.
 * Read from their JSON, as the module read them before: members JSON does
 * not carry (undefined, functions, inherited) are missing, and `toJSON` is
 * honoured; but a number that is not finite (which JSON writes as null)
 * is caught in `headingLevel` first.
 */
function flatOptions(caller, options) {
  if (options == null) return NO_OPTIONS;
  const fail = (path, expected, value) => {
    throw new TypeError(`${caller}: options${path} must be ${expected}, not ${describe(value)}`);
  };
  const isObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value);
  const string = (value, path) => (value == null || typeof value === "string" ? value : fail(path, "a string", value));
  if (typeof options !== "object" || Array.isArray(options)) fail("", "an object", options);
  const json = JSON.stringify(options);
  // The module's JSON reader went no deeper than 64 levels.
  const deep = (value, depth) =>
    depth > 64 || (typeof value === "object" && value !== null && Object.values(value).some((v) => deep(v, depth + 1)));
  const tree = json === undefined ? 0 : JSON.parse(json);
  if (json === undefined || deep(tree, 0)) throw new TypeError(`${caller}: options could not be read`);
  const o = tree ?? 0;
  const level = options.headingLevel;
  let shown = typeof level === "number" && !isFinite(level) ? level : undefined;
  let heading = o.headingLevel;
  if (heading == null) heading = 0;
  else if (typeof heading !== "number") shown ?? fail(".headingLevel", "a number from 2 to 6", heading);
  else if (!(Number.isInteger(heading) && heading > 1 && heading < 7)) shown = heading;
  if (shown !== undefined) throw new RangeError(`${caller}: options.headingLevel must be 2 to 6, not ${shown}`);
  const dir = o.dir;
  const flat = [
    heading,
    dir == null ? 0 : dir === "ltr" ? 1 : dir === "rtl" ? 2 : fail(".dir", '"ltr" or "rtl"', dir),
    string(o.idPrefix, ".idPrefix"),
  ];
  const labels = o.labels;
  if (labels != null) {
    if (!isObject(labels)) fail(".labels", "an object", labels);
    for (const name of LABELS) flat.push(string(labels[name], `.labels.${name}`));
    const months = labels.months;
    if (months != null) {
      if (!Array.isArray(months)) fail(".labels.months", "an array", months);
      months.forEach((month, i) => typeof month === "string" || fail(`.labels.months[${i}]`, "a string", month));
      if (months.length !== 12) fail(".labels.months", "a list of 12 names", months);
      flat.push(...months);
    }
  }
  flat.length = 23;
  const reference = (entry, path, id) => {
    if (!isObject(entry)) fail(path, "an object", entry);
    id ??= entry.id;
    if (!(Number.isInteger(id) && id >= 0 && id <= 4294967295)) fail(path + ".id", "a whole number from 0", id);
    flat.push(id, string(entry.title, path + ".title"), string(entry.text, path + ".text"), string(entry.url, path + ".url"));
  };
  const references = o.references;
  if (Array.isArray(references)) references.forEach((entry, i) => reference(entry, `.references[${i}]`));
  else if (references != null) {
    if (!isObject(references)) fail(".references", "an array or an object keyed by id", references);
    for (const key of Object.keys(references)) {
      // The module's trim: Unicode white space (U+0085 too, not U+FEFF).
      const id = /^(?:[^\S\uFEFF]|\x85)*(\d{1,10})(?:[^\S\uFEFF]|\x85)*$/.exec(key)?.[1];
      if (!(id <= 4294967295)) {
        throw new TypeError(`${caller}: options.references keys must be citation numbers, not "${wellFormed(key)}"`);
      }
      reference(references[key], `.references.${key}`, +id);
    }
  }
  return crossing(flat);
}

/** A string not set, among the numbers `crossing` writes. */
const NONE = 0xffffffff;

/** No options: no numbers. */
const NO_OPTIONS = [new Uint32Array(0), ""];

/**
 * The flattened options as they cross into the module: numbers, where a
 * string is its length (`NONE`: not set), and the strings joined. (Not an
 * array of the values: the module read each from the table of JavaScript
 * values, which older WebKit could not grow from inside the module.)
 */
function crossing(flat) {
  const numbers = new Uint32Array(flat.length);
  let text = "";
  for (let i = 0; i < flat.length; i++) {
    const value = flat[i];
    if (typeof value === "number") numbers[i] = value;
    else if (value == null) numbers[i] = NONE;
    else {
      numbers[i] = value.length;
      text += value;
    }
  }
  return [numbers, text];
}

/**
 * The longest text one call reads, in UTF-16 code units (32 MB of ASCII).
 * Digests are short; the limit keeps a runaway stream or a wrong file from
 * filling the module's memory, which never shrinks. The module also refuses
 * to write more than 256 MB of markup or JSON, or 64 MB of markup for one
 * step of a stream (src/wasm.rs).
 */
const MAX_TEXT = 32 << 20;

function checkLength(caller, name, text) {
  if (typeof text === "string" && text.length > MAX_TEXT) {
    throw new RangeError(
      `${caller}: ${name} is ${Math.round(text.length / 2 ** 20)} M characters long, ` +
        "more than the 32 M one call reads; split it into smaller digests",
    );
  }
}

/** @type {{ createHTML(html: string): unknown } | null | undefined} */
let policy;

/**
 * Puts the renderer's markup into `container`. The package's HTML sinks
 * are this and `parseMarkup`'s template, only ever given the module's
 * markup (from `markup()` or a stream's changes).
 */
function setMarkup(caller, container, html, options) {
  container.innerHTML = trusted(caller, html, options);
}

/**
 * The first element of the renderer's markup `html`, parsed in a
 * `<template>` of `container`'s document (inert: nothing in it loads or
 * runs) through the same policy as `setMarkup`.
 */
function parseMarkup(caller, container, html, options) {
  const template = container.ownerDocument.createElement("template");
  template.innerHTML = trusted(caller, html, options);
  return /** @type {Element} */ (template.content.firstElementChild);
}

/** `html` as the policy in `options` or the package's makes it (a string where there are no Trusted Types). */
function trusted(caller, html, options) {
  const own = options?.trustedTypesPolicy;
  if (own != null && typeof own.createHTML !== "function") {
    throw new TypeError(`${caller}: options.trustedTypesPolicy must be a Trusted Types policy`);
  }
  return /** @type {string} */ ((own ?? packagePolicy(caller))?.createHTML(html) ?? html);
}

/**
 * The package's Trusted Types policy, `digest-render`, made on first use
 * where the browser has Trusted Types. Its `createHTML` passes the string
 * through, which is safe because it is only ever given the renderer's own
 * output: every piece of the input in it is escaped, only http(s) URLs
 * reach an `href`, and no element or attribute appears that the renderer
 * does not write (the fuzzers and the XSS corpus check this). The policy
 * object never leaves this module, so nothing else can use it.
 */
function packagePolicy(caller) {
  if (policy !== undefined) return policy;
  const factory = globalThis.trustedTypes;
  if (!factory?.createPolicy) return (policy = null);
  try {
    return (policy = factory.createPolicy("digest-render", { createHTML: (html) => html }));
  } catch (error) {
    throw new TypeError(
      `${caller}: the page's Content-Security-Policy does not allow the Trusted Types policy "digest-render"; ` +
        "add it to the trusted-types directive, or pass your own policy as options.trustedTypesPolicy",
      { cause: error },
    );
  }
}

/**
 * `text` as the module read it: a lone surrogate crosses as U+FFFD, and the
 * model's strings sliced from the input must say the same.
 */
function wellFormed(text) {
  if (text.toWellFormed) return text.toWellFormed();
  // Engines before ES2024 (WebKit 2.38); no lookbehind there either.
  return text.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]|[\uD800-\uDFFF]/g, (c) => (c.length === 2 ? c : "\uFFFD"));
}

/** What a value is, in words, as the module's own errors say it. */
function describe(value) {
  return value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
}

function checkString(caller, name, value) {
  if (typeof value !== "string") throw new TypeError(`${caller}: ${name} must be a string, not ${describe(value)}`);
}

function checkContainer(caller, container) {
  if (typeof Element === "undefined" || !(container instanceof Element)) {
    throw new TypeError(`${caller}: container must be an Element, not ${describe(container)}`);
  }
}
