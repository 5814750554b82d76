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
//
// All of them are in the older WebKit's (WPE's) set too: streaming is for
// every supported browser, and none needs what an engine adapter lacks (the
// tooltip opens by keyboard focus).
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fixtures } from "../js/support.mjs";
import { legacy, open, repo, session, test } from "./support.mjs";

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
    };
  });
  await page.evaluate((source) => (window.kit.diff = new Function(`return (${source})`)()), diffMarkup.toString());
  return { context, page };
}

/** Fails with every problem found, one a line, when there is any. */
function none(problems, what) {
  if (problems.length) assert.fail(`${what}:\n  ${problems.join("\n  ")}`);
}

/**
 * Where markup `a` and `b` first differ, with 60 characters either side of
 * it. The default id prefix is a hash of the whole digest, so it differs
 * whenever anything does: it is compared on its own and left out of the
 * search, which then finds the difference itself. (Runs in the page too.)
 */
function diffMarkup(a, b) {
  const prefix = (html) => /<article [^>]*id="([^"]+)"/.exec(html)?.[1];
  const [pa, pb] = [prefix(a), prefix(b)];
  const ids = pa && pb && pa !== pb ? `; id prefix ${pa} against ${pb}` : "";
  if (ids) {
    a = a.replaceAll(pa, "ID");
    b = b.replaceAll(pb, "ID");
  }
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const near = (s) => s.slice(Math.max(0, i - 60), i + 60);
  if (a === b) return { ids, at: -1, got: "", want: "", gotLength: a.length, wantLength: b.length };
  return { ids, at: i, got: near(a), want: near(b), gotLength: a.length, wantLength: b.length };
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

/** One line (and the two excerpts) per stream that differs from the whole text. */
function report(mismatches) {
  return mismatches.map((m) => `${m.name} at chunk size ${m.size}: ${m.error ?? describeDiff(m)}`);
}

/** What diffMarkup found, in words, with the excerpts on lines of their own. */
function describeDiff(d) {
  if (d.at < 0) return `the same markup but for its ids${d.ids}`;
  return (
    `differs at ${d.at} (${d.gotLength} against ${d.wantLength} characters)${d.ids}\n` +
    `      streamed: …${JSON.stringify(d.got)}…\n      whole:    …${JSON.stringify(d.want)}…`
  );
}

test(`every fixture streamed in chunks of ${SIZES.join(", ")} characters ends as the whole text renders`, legacy, async (t) => {
  const result = await streamEverything();
  t.diagnostic(`${result.streams} streams side by side, ${result.frames} frames, ${result.ms} ms`);
  const mismatches = result.mismatches.filter((m) => m.name !== "shared seed digest");
  none(report(mismatches), `${mismatches.length} streams differ from the whole text`);
  assert.deepEqual(result.errors, []);
});

test(`the shared seed digest streamed in chunks of ${SIZES.join(", ")} characters ends as the whole text renders`, legacy, async (t) => {
  if (!existsSync(SEED)) return t.skip(`no seed digest at ${SEED} on this machine (it lives beside the repository, not in it)`);
  const result = await streamEverything();
  assert.ok(result.seed, "the seed was not streamed");
  const mismatches = result.mismatches.filter((m) => m.name === "shared seed digest");
  none(report(mismatches), `${mismatches.length} streams differ from the whole text`);
});

// ---------------------------------------------------------------------------
// 2. Identity: what is complete is never rebuilt

const KINDS = [".digest-point", ".digest-heading", ".digest-section"];

/** Lists, for each stream, the complete elements that did not survive to the end. */
function identityProblems(runs) {
  const lines = [];
  for (const r of runs) {
    if (!r.lost.length) continue;
    lines.push(`${r.name} in chunks of ${r.size}: ${r.lost.length} of ${r.keptTotal} complete elements were replaced:`);
    for (const l of r.lost.slice(0, 6)) {
      lines.push(`  ${l.kind} #${l.index} ${JSON.stringify(l.text)}: complete at frame ${l.keptAt}, replaced by ${l.lostAt === "finish" ? "finish()" : `frame ${l.lostAt}`}`);
    }
    if (r.lost.length > 6) lines.push(`  … and ${r.lost.length - 6} more`);
  }
  return lines;
}

/**
 * Streams each of `texts` at each of `sizes` side by side into containers
 * that `make(box)` returns ({ el, root, append(chunk), finish() }), a frame
 * after each chunk. After each frame it keeps, per position, the first
 * point, heading and section that is complete (a later point has started
 * after it), and notes when one is no longer the element at its position;
 * after finish() it checks them all once more.
 */
const trackIdentity = async ({ texts, sizes, element }) => {
  const { frame, chunks: split, complete } = window.kit;
  const KINDS = [".digest-point", ".digest-heading", ".digest-section"];
  const box = document.getElementById("live");
  const runs = [];
  for (const [name, text] of texts) {
    for (const size of sizes) {
      let root, append, finish, el;
      if (element) {
        el = document.createElement("digest-view");
        const rendered = new Promise((resolve) => el.addEventListener("render", resolve, { once: true }));
        box.append(el);
        await rendered;
        if (typeof el.stream !== "function" || typeof el.finish !== "function") {
          el.remove();
          return { missing: `<digest-view> has no ${typeof el.stream !== "function" ? "stream(chunk)" : "finish()"} method` };
        }
        root = el.shadowRoot;
        append = (chunk) => el.stream(chunk);
        finish = () => el.finish();
      } else {
        el = box.appendChild(document.createElement("div"));
        const view = api.render(el, "");
        root = el;
        append = (chunk) => view.append(chunk);
        finish = () => view.finish();
        el.view = view;
      }
      runs.push({ name, size, text, el, root, append, finish, chunks: split(text, size), next: 0, kept: new Map(), lost: new Map() });
    }
  }
  const look = (r, when) => {
    const article = r.root.querySelector("article.digest");
    if (!article) return;
    for (const kind of KINDS) {
      const done = complete(article, kind);
      article.querySelectorAll(kind).forEach((el, index) => {
        const key = `${kind} ${index}`;
        if (done[index] && !r.kept.has(key)) r.kept.set(key, { kind, index, el, keptAt: when, text: el.textContent.slice(0, 40) });
      });
    }
    for (const [key, k] of r.kept) {
      if (r.lost.has(key)) continue;
      if (!k.el.isConnected || article.querySelectorAll(k.kind)[k.index] !== k.el) r.lost.set(key, when);
    }
  };
  let frames = 0;
  let active = runs;
  while (active.length) {
    for (const r of active) r.append(r.chunks[r.next++]);
    await frame();
    frames++;
    for (const r of active) {
      look(r, frames);
      if (r.next === r.chunks.length) {
        // The element's finish() resolves once it has rendered.
        await r.finish();
        look(r, "finish");
      }
    }
    active = active.filter((r) => r.next < r.chunks.length);
  }
  return {
    frames,
    runs: runs.map((r) => {
      const out = {
        name: r.name,
        size: r.size,
        kept: Object.fromEntries(KINDS.map((kind) => [kind, [...r.kept.values()].filter((k) => k.kind === kind).length])),
        keptTotal: r.kept.size,
        lost: [...r.lost].map(([key, lostAt]) => {
          const { kind, index, keptAt, text } = r.kept.get(key);
          return { kind, index, keptAt, text, lostAt };
        }),
        html: r.root.innerHTML,
        text: r.text,
      };
      r.el.view?.destroy();
      r.el.remove();
      return out;
    }),
  };
};

test("streamed, a complete point, heading or section stays the same element to the end", legacy, async () => {
  const { context, page } = await streamPage();
  const result = await page.evaluate(trackIdentity, { texts: [["headings inline", INLINE], ["headings on lines", LINES]], sizes: [2, 5] });
  for (const r of result.runs) {
    for (const kind of KINDS) assert.ok(r.kept[kind] > 0, `${r.name} in chunks of ${r.size}: no ${kind} was ever complete, so nothing was checked`);
  }
  none(identityProblems(result.runs), "complete elements were rebuilt while streaming");
  assert.deepEqual(page.errors, []);
  await context.close();
});

// ---------------------------------------------------------------------------
// 3. An open tooltip stays open while the digest streams

// The first point cites [1], and so does a later one (two points further
// on, so that it is still to come when the second point shows, even where
// the point being written is held back); the title and source lines come
// last, adding the header above the points while the tooltip is open.
const TOOLTIP =
  "Key Facts - The harbour reopened after the storm [1] - Ferries resume on Monday [2] - Tugs are on standby [2] " +
  "- Pilots are back on duty [1][3] " +
  "- Cranes are being tested [3] Outlook - Dredging starts in June [4]\n" +
  "Ports|Harbour reopens after the storm\nCoast Post·2025-05-01 08:00";

test("a tooltip opened while the digest streams stays open by its pill, and lists later points citing it", legacy, async () => {
  const { context, page } = await streamPage();
  // Stream until the first point is complete (the second has started).
  const before = await page.evaluate(async (text) => {
    const { frame, chunks } = window.kit;
    const el = document.getElementById("live");
    const run = (window.run = { el, view: api.render(el, ""), chunks: chunks(text, 4), next: 0 });
    while (run.next < run.chunks.length) {
      run.view.append(run.chunks[run.next++]);
      await frame();
      if (el.querySelectorAll(".digest-point").length >= 2) break;
    }
    return { streamed: run.chunks.slice(0, run.next).join(""), pills: el.querySelectorAll('.digest-point .digest-cite[data-cite="1"]').length };
  }, TOOLTIP);
  assert.equal(before.pills, 1, `after ${JSON.stringify(before.streamed)}, expected one pill for [1], in the first point`);

  // Keyboard focus opens the tooltip at once.
  await page.locator('#live .digest-cite[data-cite="1"]').focus();
  const opened = await page.evaluate(() => {
    const open = document.querySelectorAll(".digest-tooltip-open");
    window.run.tip = open[0];
    window.run.pill = document.querySelector('#live .digest-cite[data-cite="1"]');
    return { open: open.length, after: open[0]?.previousElementSibling === window.run.pill };
  });
  assert.deepEqual(opened, { open: 1, after: true }, "focusing the pill did not open its tooltip");

  // Stream the rest, a frame after each chunk, and look after each frame.
  const result = await page.evaluate(async () => {
    const { frame } = window.kit;
    const run = window.run;
    const { tip, pill } = run;
    const problems = new Map();
    const check = (when) => {
      const note = (key, message) => problems.has(key) || problems.set(key, `${message} (${when}, after ${JSON.stringify(run.chunks.slice(0, run.next).join("").slice(-30))})`);
      if (!tip.isConnected) note("gone", "the open tooltip was removed from the page");
      else if (!tip.classList.contains("digest-tooltip-open") || tip.hidden) note("closed", "the tooltip closed");
      if (!pill.isConnected) note("pill", "its pill was removed from the page");
      else if (tip.isConnected && tip.previousElementSibling !== pill) note("moved", "the tooltip is no longer right after its pill");
      const open = document.querySelectorAll(".digest-tooltip-open").length;
      if (open !== 1) note("count", `${open} tooltips are open`);
      if (document.activeElement !== pill) note("focus", `focus left the pill for <${document.activeElement?.localName}>`);
      if (tip.isConnected && pill.isConnected && !tip.hidden) {
        const r = tip.getBoundingClientRect();
        const p = pill.getBoundingClientRect();
        const below = r.top >= p.bottom - 1 && r.top <= p.bottom + 12;
        const above = r.bottom <= p.top + 1 && r.bottom >= p.top - 12;
        const centre = p.left + p.width / 2;
        if (!(below || above) || centre < r.left || centre > r.right) {
          note("place", `the tooltip (top ${Math.round(r.top)}, left ${Math.round(r.left)}) is no longer next to its pill (top ${Math.round(p.top)}, bottom ${Math.round(p.bottom)})`);
        }
      }
    };
    /** The points the tooltip shows under "Also cited in", and the ones it should. */
    const also = () => {
      const article = document.querySelector("#live article.digest");
      const points = [...article.querySelectorAll(".digest-point")];
      const later = points.slice(1).filter((p) => p.querySelector('.digest-cite[data-cite="1"]')).map((p) => p.id);
      const shown = [...tip.querySelectorAll(".digest-tooltip-also li")].filter((li) => li.getClientRects().length > 0).map((li) => li.querySelector("a").getAttribute("href").slice(1));
      return { shown, want: later };
    };
    let frames = 0;
    while (run.next < run.chunks.length) {
      run.view.append(run.chunks[run.next++]);
      await frame();
      check(`frame ${++frames}`);
    }
    const streamed = also();
    run.view.finish();
    check("after finish()");
    const finished = also();
    run.view.destroy();
    return { frames, problems: [...problems.values()], streamed, finished };
  });
  assert.ok(result.frames > 5, "too little was streamed while the tooltip was open");
  const problems = [...result.problems];
  for (const [when, also] of [["at the end of the stream", result.streamed], ["after finish()", result.finished]]) {
    assert.equal(also.want.length, 1, `${when}: expected one later point citing [1]`);
    if (also.shown.join() !== also.want.join()) {
      problems.push(`${when}, "Also cited in" shows ${JSON.stringify(also.shown)}, not the later point ${JSON.stringify(also.want)}`);
    }
  }
  none(problems, "the open tooltip did not stay as it was while the digest streamed");
  assert.deepEqual(page.errors, []);
  await context.close();
});

// ---------------------------------------------------------------------------
// 4. Half-written marks and headings are never shown

// A two-digit citation, bold, a link, a full-width citation, and an inline
// heading. No word in the points starts with a heading's first letter (H,
// L), so that only a half-written heading can end a point with a prefix of
// one.
const MARKS =
  "Harbour News - The harbour reopened after a long closure [12] - Crews worked **through the night** to clear the channel [2] " +
  "- Details are in [the report](https://example.com/r) published today [3] - Ferry operators resumed sailings at once 【4】 " +
  "Local Impact - Boats returned to the quay [2]\nPorts|Shipping resumes at the quay\nCoast Post·2025-05-01 08:00";
const RAW = ["[1", "**", "](", "【"];

test("while streaming, half-written marks and inline headings are never shown", legacy, async () => {
  const { context, page } = await streamPage();
  const result = await page.evaluate(
    async ({ text, sizes, raw }) => {
      const { frame, chunks, shownText } = window.kit;
      const box = document.getElementById("live");
      const runs = sizes.map((size) => {
        const el = box.appendChild(document.createElement("div"));
        return { size, el, view: api.render(el, ""), chunks: chunks(text, size), next: 0, shown: [], points: [], pills: new Map() };
      });
      let active = runs;
      while (active.length) {
        for (const r of active) r.view.append(r.chunks[r.next++]);
        await frame();
        for (const r of active) {
          const article = r.el.querySelector("article.digest");
          const streamed = r.chunks.slice(0, r.next).join("");
          r.shown.push({ streamed, text: article ? shownText(article) : "" });
          r.points.push({ streamed, texts: article ? [...article.querySelectorAll(".digest-point")].map((p) => p.textContent) : [] });
          for (const pill of article?.querySelectorAll(".digest-cite") ?? []) r.pills.set(pill.dataset.cite, r.pills.get(pill.dataset.cite) ?? streamed);
        }
        active = active.filter((r) => r.next < r.chunks.length);
      }
      return runs.map((r) => {
        r.view.finish();
        const article = r.el.querySelector("article.digest");
        const headings = [...article.querySelectorAll(".digest-heading")].map((h) => h.textContent);
        const final = shownText(article);
        const cited = new Set([...article.querySelectorAll(".digest-cite")].map((pill) => pill.dataset.cite));
        r.view.destroy();
        r.el.remove();
        // The first frame each raw mark showed in.
        const marks = [];
        for (const mark of raw) {
          const at = r.shown.find((f) => f.text.includes(mark));
          if (at) {
            const i = at.text.indexOf(mark);
            marks.push(`${JSON.stringify(mark)} showed after ${JSON.stringify(at.streamed.slice(-30))}: …${JSON.stringify(at.text.slice(Math.max(0, i - 30), i + 30))}…`);
          }
        }
        // Points that ended with the start of a heading (at a word's
        // start): the first time for each heading, and how many frames.
        const halfHeadings = [];
        for (const heading of headings) {
          let firstSeen = null;
          let frames = 0;
          for (const { streamed, texts } of r.points) {
            const point = texts.find((text) => {
              const t = text.trimEnd();
              for (let n = Math.min(heading.length, t.length); n >= 1; n--) {
                if (t.endsWith(heading.slice(0, n)) && !/\p{L}/u.test(t.charAt(t.length - n - 1))) return true;
              }
              return false;
            });
            if (point === undefined) continue;
            frames++;
            firstSeen ??= `after ${JSON.stringify(streamed.slice(-30))}, a point showed …${JSON.stringify(point.trimEnd().slice(-40))}`;
          }
          if (firstSeen) halfHeadings.push(`heading ${JSON.stringify(heading)} was half-written at the end of a point at ${frames} frames; first ${firstSeen}`);
        }
        // Pills for a citation the text never makes: a half-written one ([1 of [12]).
        for (const [id, streamed] of r.pills) {
          if (!cited.has(id)) marks.push(`a pill for [${id}], which the text never cites, showed after ${JSON.stringify(streamed.slice(-30))}`);
        }
        return { size: r.size, frames: r.shown.length, headings, final, marks, halfHeadings };
      });
    },
    { text: MARKS, sizes: [1, 5], raw: RAW },
  );
  const problems = [];
  for (const r of result) {
    // The whole text has every mark closed: none of them shows at the end.
    assert.deepEqual(r.headings, ["Harbour News", "Local Impact"], "the whole text's headings");
    for (const mark of RAW) assert.ok(!r.final.includes(mark), `the whole text shows ${mark}: ${r.final}`);
    problems.push(...r.marks.map((m) => `in chunks of ${r.size}, ${m.startsWith('"') ? "raw " : ""}${m}`));
    problems.push(...r.halfHeadings.map((h) => `in chunks of ${r.size}, ${h}`));
  }
  none(problems, "half-written marks or headings showed while streaming");
  assert.deepEqual(page.errors, []);
  await context.close();
});

// ---------------------------------------------------------------------------
// 5. aria-busy while streaming

test("the article is aria-busy from the first streamed frame until finish(), and nothing in it is aria-live", legacy, async () => {
  const { context, page } = await streamPage();
  const result = await page.evaluate(async (text) => {
    const { frame, chunks } = window.kit;
    const el = document.getElementById("live");
    const view = api.render(el, "");
    const frames = [];
    for (const chunk of chunks(text, 7)) {
      view.append(chunk);
      await frame();
      const article = el.querySelector("article.digest");
      frames.push({ busy: article ? article.getAttribute("aria-busy") : "(no article)", live: el.querySelectorAll("[aria-live]").length });
    }
    view.finish();
    const article = el.querySelector("article.digest");
    const after = { busy: article.getAttribute("aria-busy"), live: el.querySelectorAll("[aria-live]").length };
    view.destroy();
    return { frames, after };
  }, INLINE);
  const problems = [];
  const notBusy = result.frames.map((f, i) => `frame ${i + 1}: ${f.busy === null ? "no aria-busy" : `aria-busy=${JSON.stringify(f.busy)}`}`).filter((_, i) => result.frames[i].busy !== "true");
  if (notBusy.length) problems.push(`the article was not aria-busy="true" at ${notBusy.length} of ${result.frames.length} frames (${notBusy.slice(0, 3).join(", ")}${notBusy.length > 3 ? ", …" : ""})`);
  if (result.after.busy !== null) problems.push(`after finish(), the article still has aria-busy=${JSON.stringify(result.after.busy)}`);
  const live = result.frames.filter((f) => f.live).length;
  if (live) problems.push(`an element had aria-live at ${live} frames`);
  if (result.after.live) problems.push("after finish(), an element has aria-live");
  none(problems, "aria-busy and aria-live while streaming");
  assert.deepEqual(page.errors, []);
  await context.close();
});

// ---------------------------------------------------------------------------
// 6. <digest-view> streams

test("<digest-view> stream(chunk) then finish() gives the shadow DOM of the whole text, keeping complete elements", legacy, async () => {
  const { context, page } = await streamPage();
  const texts = [["headings inline", INLINE], ["headings on lines", LINES]];
  const result = await page.evaluate(trackIdentity, { texts, sizes: [4], element: true });
  if (result.missing) assert.fail(result.missing);
  const problems = [];
  for (const r of result.runs) {
    const whole = await page.evaluate(async (text) => {
      const el = document.createElement("digest-view");
      el.textContent = text;
      const rendered = new Promise((resolve) => el.addEventListener("render", resolve, { once: true }));
      document.getElementById("live").append(el);
      await rendered;
      const html = el.shadowRoot.innerHTML;
      el.remove();
      return html;
    }, r.text);
    const d = diffMarkup(r.html, whole);
    if (d.at >= 0 || d.ids) problems.push(`${r.name}: the streamed shadow DOM ${describeDiff(d)}`);
    assert.ok(r.kept[".digest-point"] > 0, `${r.name}: no point was ever complete, so nothing was checked`);
  }
  problems.push(...identityProblems(result.runs));
  none(problems, "<digest-view> streamed differs from <digest-view> given the whole text");
  assert.deepEqual(page.errors, []);
  await context.close();
});
