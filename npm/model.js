// The digest model from the module's compact records (src/wasm/records.rs
// has the layout): numbers in 32-bit words, strings sliced from one text
// decoded once. Building the objects here is about twice as fast as the
// module writing JSON for `JSON.parse` (BENCHMARKS.md). The objects are
// the same, member for member and in the same order, as the model's JSON.

const decoder = new TextDecoder();
const INLINE_TYPES = ["text", "cite", "strong", "emphasis", "code", "link"];

/**
 * @param {Uint8Array} bytes the module's records
 * @param {string} input the text they were parsed from: most strings are
 *   slices of it
 * @returns {import("./digest_render").Digest}
 */
export function modelFrom(bytes, input) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(0, true);
  // The module's copy starts a buffer of its own, so the words are aligned.
  const w = new Uint32Array(bytes.buffer, bytes.byteOffset + 4, count);
  const text = decoder.decode(bytes.subarray(4 + 4 * count));
  let i = 0;
  // Bit 31 of a start: the offsets are into the input.
  const str = () => {
    const start = w[i++];
    return start < 0x80000000 ? text.slice(start, w[i++]) : input.slice(start - 0x80000000, w[i++]);
  };
  const span = () => ({ start: w[i++], end: w[i++] });
  // Arrays are filled by push so that they are packed, as JSON.parse makes them.
  const list = (item) => {
    const out = [];
    for (let n = w[i++]; n > 0; n--) out.push(item());
    return out;
  };
  const ids = () => list(() => w[i++]);
  // Recursive to the depth inlines nest to, which the parser bounds.
  const inlines = () =>
    list(() => {
      const kind = w[i++];
      const inline = { type: INLINE_TYPES[kind] };
      if (kind === 0 || kind === 4) inline.text = str();
      else if (kind === 1) inline.ids = ids();
      else {
        if (kind === 5) inline.url = str();
        inline.children = inlines();
      }
      inline.span = span();
      return inline;
    });
  const heading = () => ({ text: str(), span: span() });

  const digest = {};
  const flags = w[i++];
  if (flags & 1) {
    const title = {};
    if (w[i++]) title.column = str();
    title.headline = str();
    title.span = span();
    digest.title = title;
  }
  if (flags & 2) {
    const hasDate = w[i++];
    const source = { publisher: str() };
    if (hasDate) source.published = str();
    source.raw = str();
    source.span = span();
    digest.source = source;
  }
  digest.sections = list(() => {
    const section = {};
    if (w[i++]) section.heading = heading();
    section.points = list(() => ({ text: str(), citations: ids(), inlines: inlines(), span: span() }));
    section.span = span();
    return section;
  });
  digest.notes = list(heading);
  if (flags & 4) digest.referencesHeading = heading();
  digest.references = list(() => {
    const reference = { id: w[i++] };
    const has = w[i++];
    if (has & 1) reference.title = str();
    reference.text = str();
    if (has & 2) reference.url = str();
    reference.span = span();
    return reference;
  });
  digest.citations = list(() => ({ id: w[i++], points: list(() => ({ section: w[i++], point: w[i++] })) }));
  digest.diagnostics = list(() => ({ severity: str(), code: str(), message: str(), span: span() }));
  return digest;
}
