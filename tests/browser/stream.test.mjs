// Streaming (issue #15): `render(container, "")`, then `view.append(chunk)`
// (the page catches up at the next animation frame) and `view.finish()`;
// `<digest-view>`'s `stream(chunk)` and `finish()` the same way.
//
// - Streamed in chunks of 1 to 64 characters, every fixture ends as the
//   whole text renders at once.
// - Rendering is incremental: a point, heading or section that is complete
//   stays the same element to the end; an open tooltip stays open (and
//   learns about later points citing it).
// - Half-written marks (`[1`, `**`, `](`, `【`) and half-written inline
//   headings are never shown.
// - The article is aria-busy while it streams, and nothing is aria-live.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fixtures } from "../js/support.mjs";
import { engine, open, repo, session, test } from "./support.mjs";

const s = session();

/** The chunk sizes every fixture is streamed at. */
const SIZES = [1, 3, 7, 16, 64];

/**
 * The most frames one stream takes in the equality test. A frame is about
 * 17 ms (60 Hz) in every engine here, headless Chromium included (it
 * ignores --disable-frame-rate-limit), so chunk size 1 on the 3.7 kB
 * fixtures would take over a minute; a stream longer than this is cut into
 * streams of this many chunks that run side by side, each starting with the
 * text before its part in one chunk and ending with the rest in one chunk.
 * Together they still render every prefix the single stream would.
 */
const FRAME_BUDGET = 500;

/** The shared seed digest beside the repository, when this machine has it. */
const SEED = join(repo, "..", "shared", "seed", "digest.txt");

// Two digests of our own: headings inline in one line, and on lines of their
// own with `- ` bullets. Both have complete points, headings and sections
// long before the end.
const INLINE =
  "Key Facts - The harbour reopened after the storm [1][2] - Delays will clear by Friday [3] - Pilots are back on duty [1] " +
  "Local Impact - Boats returned to the quay [2] - Cafés reported more trade [4] Outlook - Dredging starts in June [5]\n" +
  "Ports|Harbour reopens after the storm\nCoast Post·2025-05-01 08:00";
const LINES =
  "## Key Facts\n- The harbour reopened after the storm [1][2]\n- Delays will clear by Friday [3]\n\n" +
  "## Local Impact\n- Boats returned to the quay [2]\n- Cafés reported more trade [4]\n\n" +
  "## Outlook\n- Dredging starts in June [5]\n- Survey boats go out first [1]\n\n" +
  "Ports|Harbour reopens after the storm\nCoast Post·2025-05-01 08:00";

/** A fresh page on the test page, with the in-page helpers. */
async function streamPage(options = {}) {
  const context = await s.browser.newContext({ viewport: { width: 1280, height: 720 }, ...options });
  const page = await open(context, s.base, "/test/stream.html");
  await page.evaluate(() => {
    window.kit = {
      frame: () => new Promise(requestAnimationFrame),
      /** `text` in chunks of `size` UTF-16 code units, never splitting a surrogate pair. */
      chunks(text, size) {
        const out = [];
        for (let i = 0; i < text.length; ) {
          let j = Math.min(i + size, text.length);
          const last = text.charCodeAt(j - 1);
          if (j < text.length && last >= 0xd800 && last <= 0xdbff) j++;
          out.push(text.slice(i, j));
          i = j;
        }
        return out;
      },
      /** What the article shows, without the hidden tooltips. */
      shownText(article) {
        const copy = article.cloneNode(true);
        for (const tips of copy.querySelectorAll(".digest-tooltips")) tips.remove();
        return copy.textContent;
      },
      /** Elements of `selector` in `article` that a later point has started after: they are complete. */
      complete(article, selector) {
        const points = [...article.querySelectorAll(".digest-point")];
        return [...article.querySelectorAll(selector)].map((el) =>
          points.some((p) => p !== el && !el.contains(p) && el.compareDocumentPosition(p) & Node.DOCUMENT_POSITION_FOLLOWING),
        );
      },
      /**
       * Where markup `a` and `b` first differ, with 60 characters either
       * side of it. The default id prefix is a hash of the whole digest, so
       * it differs whenever anything does: it is compared on its own and
       * left out of the search, which then finds the difference itself.
       */
      diff(a, b) {
        const prefix = (html) => /^<article [^>]*id="([^"]+)"/.exec(html)?.[1];
        const [pa, pb] = [prefix(a), prefix(b)];
        const ids = pa && pb && pa !== pb ? `, and its ids are ${pa}-… against ${pb}-…` : "";
        if (ids) {
          a = a.replaceAll(pa, "ID");
          b = b.replaceAll(pb, "ID");
        }
        let i = 0;
        while (i < a.length && i < b.length && a[i] === b[i]) i++;
        const near = (s) => s.slice(Math.max(0, i - 60), i + 60);
        if (a === b) return { ids, at: -1, got: "", want: "", gotLength: a.length, wantLength: b.length };
        return { ids, at: i, got: near(a), want: near(b), gotLength: a.length, wantLength: b.length };
      },
    };
  });
  return { context, page };
}

// ---------------------------------------------------------------------------
// 1. Equality on every fixture

let equality = null;

/**
 * Streams every fixture (and the seed, when present) at every chunk size,
 * all at once in one page: one container per stream, one loop that appends
 * each stream's next chunk every animation frame and finishes a stream after
 * its last chunk. Then compares each with the whole text rendered at once.
 * Runs once for the two tests that read it.
 */
function streamEverything() {
  equality ??= (async () => {
    const cases = fixtures();
    const seed = existsSync(SEED) ? readFileSync(SEED, "utf8") : null;
    if (seed !== null) cases.push(["shared seed digest", seed]);
    const { context, page } = await streamPage();
    try {
      const result = await page.evaluate(
        async ({ cases, sizes, budget }) => {
          const { frame, chunks: split, diff } = window.kit;
          const box = document.getElementById("many");
          const streams = [];
          for (const [name, text] of cases) {
            for (const size of sizes) {
              const all = split(text, size);
              const parts = Math.max(1, Math.ceil(all.length / budget));
              for (let k = 0; k < parts; k++) {
                const from = k * budget;
                const to = Math.min(all.length, from + budget);
                const chunks = all.slice(from, to);
                if (from > 0) chunks.unshift(all.slice(0, from).join(""));
                if (to < all.length) chunks.push(all.slice(to).join(""));
                const el = box.appendChild(document.createElement("div"));
                const label = parts > 1 ? `${size} (part ${k + 1} of ${parts})` : String(size);
                streams.push({ name, size: label, text, chunks, el, view: api.render(el, ""), next: 0, error: null });
              }
            }
          }
          const step = (s, fn) => {
            try {
              fn();
            } catch (e) {
              s.error = `${e.name}: ${e.message}`;
            }
          };
          const start = performance.now();
          let frames = 0;
          let active = [];
          for (const s of streams) {
            if (s.chunks.length) active.push(s);
            else step(s, () => s.view.finish()); // an empty fixture
          }
          while (active.length) {
            await frame();
            frames++;
            for (const s of active) {
              step(s, () => {
                s.view.append(s.chunks[s.next++]);
                if (s.next === s.chunks.length) s.view.finish();
              });
              if (s.error) s.next = s.chunks.length;
            }
            active = active.filter((s) => s.next < s.chunks.length);
          }
          const streamed = performance.now() - start;

          const whole = new Map();
          const reference = (text) => {
            if (!whole.has(text)) {
              const el = document.createElement("div");
              api.render(el, text).destroy();
              whole.set(text, el.innerHTML);
            }
            return whole.get(text);
          };
          const mismatches = [];
          for (const s of streams) {
            const want = reference(s.text);
            if (s.error) mismatches.push({ name: s.name, size: s.size, error: s.error });
            else if (s.el.innerHTML !== want) mismatches.push({ name: s.name, size: s.size, ...diff(s.el.innerHTML, want) });
            s.view.destroy();
            s.el.remove();
          }
          return { mismatches, streams: streams.length, frames, ms: Math.round(streamed) };
        },
        { cases, sizes: SIZES, budget: FRAME_BUDGET },
      );
      result.errors = page.errors;
      result.seed = seed !== null;
      return result;
    } finally {
      await context.close();
    }
  })();
  return equality;
}

function report(mismatches) {
  return mismatches
    .map((m) =>
      m.error
        ? `${m.name} at chunk size ${m.size}: ${m.error}`
        : m.at < 0
          ? `${m.name} at chunk size ${m.size}: the same markup${m.ids}`
          : `${m.name} at chunk size ${m.size}: differs at ${m.at} (${m.gotLength} against ${m.wantLength} characters)${m.ids}\n` +
            `    streamed: …${JSON.stringify(m.got)}…\n    whole:    …${JSON.stringify(m.want)}…`,
    )
    .join("\n");
}

test(`every fixture streamed in chunks of ${SIZES.join(", ")} characters ends as the whole text renders`, async (t) => {
  const result = await streamEverything();
  t.diagnostic(`${result.streams} streams side by side, ${result.frames} frames, ${result.ms} ms`);
  const mismatches = result.mismatches.filter((m) => m.name !== "shared seed digest");
  assert.equal(mismatches.length, 0, `${mismatches.length} streams differ from the whole text:\n${report(mismatches)}`);
  assert.deepEqual(result.errors, []);
});

test(`the shared seed digest streamed in chunks of ${SIZES.join(", ")} characters ends as the whole text renders`, async (t) => {
  if (!existsSync(SEED)) return t.skip(`no seed digest at ${SEED} on this machine (it lives beside the repository, not in it)`);
  const result = await streamEverything();
  assert.ok(result.seed, "the seed was not streamed");
  const mismatches = result.mismatches.filter((m) => m.name === "shared seed digest");
  assert.equal(mismatches.length, 0, `${mismatches.length} streams differ from the whole text:\n${report(mismatches)}`);
});
