// The render-only entry (`digest-render/render`: pkg/render.js and
// render_bg.wasm) in a page that loads nothing else: its markup is the full
// package's, render/update/finish/destroy and hydrate work with tooltips,
// what it does not do (models, streaming) throws a TypeError saying so, its
// option errors are the full package's, and the full package's files are
// never requested.
import assert from "node:assert/strict";
import { join } from "node:path";
import { fixtures } from "../js/support.mjs";
import { addSame, legacy, openTooltips, repo, session, test } from "./support.mjs";

/** The full package in Node: what the render-only module must agree with. */
let full;
let page;
/** Every URL the page requested, from before it loaded. */
const requests = [];

const s = session({
  setup: async (state) => {
    full = await import(join(repo, "pkg", "node.js"));
    const context = await state.browser.newContext();
    page = await context.newPage();
    page.errors = [];
    page.on("pageerror", (e) => page.errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && page.errors.push(m.text()));
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(`${state.base}/test/render-only.html`);
    await page.waitForSelector("body[data-ready]");
    await addSame(page);
  },
});

const A = "Key Facts - The bridge reopened on Monday [1][2] - Traffic is light [2]\nRoads|Bridge reopens\nValley Ledger·2025-04-01 10:00";
const B = "Outlook - Repairs continue next month [3] - A detour stays in place [1]";

/** Options that change every part of the markup they can. */
const OPTIONS = {
  headingLevel: 4,
  idPrefix: "ro",
  labels: { source: "Quelle {n}", citation: "Beleg {n}", alsoCitedIn: "Auch zitiert in", references: "Belege" },
  references: { 1: { title: "Harbour office notice", url: "https://example.com/harbour" }, 2: { text: "Crew log, second page" } },
};

const MODEL_MESSAGE = (name) => `${name}: input must be digest text, not object (digest-render/render reads text; import digest-render to render a Digest)`;
const APPEND_MESSAGE = "DigestView.append: views from digest-render/render do not stream; import digest-render for append";

/** `Name: message` of what `fn` throws, or "no error". */
function thrown(fn) {
  try {
    fn();
    return "no error";
  } catch (e) {
    return `${e.constructor.name}: ${e.message}`;
  }
}

test("it exports what the entry promises and no parseDigest", legacy, async () => {
  const names = await page.evaluate(() => Object.keys(api).sort());
  assert.deepEqual(names, ["DigestView", "hydrate", "initSync", "render", "renderHtml"]);
});

test("renderHtml in the page is exactly the full package's renderHtml in Node, and render puts it in the page, on every fixture", legacy, async () => {
  const cases = fixtures();
  const got = await page.evaluate((cases) => {
    const el = document.getElementById("one");
    return cases.map(([, text]) => {
      const html = api.renderHtml(text);
      const view = api.render(el, text);
      const rendered = same(el, html);
      view.destroy();
      el.replaceChildren();
      return { html, rendered };
    });
  }, cases);
  assert.equal(got.length, cases.length);
  cases.forEach(([name, text], i) => {
    assert.equal(got[i].html, full.renderHtml(text), name);
    assert.ok(got[i].rendered, `${name}: render put other markup in the page than renderHtml wrote`);
  });
});

test("with options (heading level, id prefix, labels, references) too", legacy, async () => {
  const names = ["references-basic", "inline-basic", "zh-markdown-references"];
  const cases = fixtures().filter(([name]) => names.includes(name));
  assert.equal(cases.length, names.length);
  const got = await page.evaluate(([cases, options]) => cases.map(([, text]) => api.renderHtml(text, options)), [cases, OPTIONS]);
  cases.forEach(([name, text], i) => {
    const want = full.renderHtml(text, OPTIONS);
    // The options must show, or this would compare default markup.
    assert.notEqual(want, full.renderHtml(text), `${name}: the options changed nothing`);
    assert.match(want, /<h4 class="digest-heading">/, name);
    assert.match(want, /id="ro-/, name);
    assert.match(want, /Harbour office notice/, name);
    assert.equal(got[i], want, name);
  });
});

test("render gives working tooltips; update and finish render the new text; destroy keeps the markup and removes the behaviour", async () => {
  const rendered = await page.evaluate((a) => {
    window.view = api.render(document.getElementById("one"), a);
    return same(document.getElementById("one"), api.renderHtml(a));
  }, A);
  assert.equal(rendered, true);

  const cite = page.locator("#one .digest-cite").first();
  await cite.hover();
  const tip = openTooltips(page);
  await tip.waitFor({ state: "visible" });
  assert.match(await tip.textContent(), /Source 1/);
  assert.match(await tip.textContent(), /Valley Ledger/);
  await page.keyboard.press("Escape");
  assert.equal(await openTooltips(page).count(), 0);

  const updated = await page.evaluate((b) => {
    const el = document.getElementById("one");
    view.update(b);
    const afterUpdate = same(el, api.renderHtml(b));
    view.finish();
    return { afterUpdate, afterFinish: same(el, api.renderHtml(b)) };
  }, B);
  assert.deepEqual(updated, { afterUpdate: true, afterFinish: true });

  // The updated digest's pills open their own tooltips.
  await page.locator("#one .digest-cite").first().focus();
  assert.equal(await openTooltips(page).count(), 1);
  assert.match(await openTooltips(page).textContent(), /Source 3/);
  await page.keyboard.press("Escape");

  const destroyed = await page.evaluate((b) => {
    const el = document.getElementById("one");
    const cite = el.querySelector(".digest-cite");
    const opens = () => {
      cite.blur();
      cite.focus(); // focus opens a tooltip at once where the view is live
      const open = document.querySelectorAll('[role="tooltip"]:not([hidden])').length;
      cite.blur();
      return open;
    };
    const before = opens();
    view.destroy();
    view.destroy(); // twice is fine
    const after = opens();
    return {
      before,
      after,
      kept: same(el, api.renderHtml(b)),
      update: (() => {
        try {
          view.update("x");
          return "no error";
        } catch (e) {
          return e.message;
        }
      })(),
    };
  }, B);
  assert.equal(destroyed.before, 1, "focus did not open a tooltip before destroy");
  assert.equal(destroyed.after, 0, "a tooltip opened after destroy");
  assert.equal(destroyed.kept, true);
  assert.match(destroyed.update, /destroyed/);
  assert.deepEqual(page.errors, []);
});

test("hydrate attaches the tooltips to the full package's server markup, keeping every node", async () => {
  const result = await page.evaluate((html) => {
    const el = document.getElementById("two");
    el.innerHTML = html;
    const before = [...el.querySelectorAll("*")];
    const view = api.hydrate(el);
    const after = [...el.querySelectorAll("*")];
    const cite = el.querySelector(".digest-cite");
    cite.focus();
    const tip = document.querySelector('[role="tooltip"]:not([hidden])');
    const out = {
      kept: after.length === before.length && after.every((n, i) => n === before[i]),
      tip: tip?.textContent ?? null,
      inside: !!tip && el.contains(tip),
    };
    cite.blur();
    view.destroy();
    return out;
  }, full.renderHtml(A));
  assert.equal(result.kept, true);
  assert.equal(result.inside, true);
  assert.match(result.tip, /Valley Ledger/);
});

test("a model, append and bad options throw TypeErrors saying why, options' the same as the full package's", async () => {
  const model = full.parseDigest(A);
  const bad = [{ headingLevel: "big" }, { headingLevel: 9 }, { references: 3 }, { labels: { source: 7 } }, { references: { abc: {} } }];
  const got = await page.evaluate(
    ([model, a, b, bad]) => {
      const thrown = (fn) => {
        try {
          fn();
          return "no error";
        } catch (e) {
          return `${e.constructor.name}: ${e.message}`;
        }
      };
      const el = document.getElementById("one");
      const view = api.render(el, a);
      const out = {
        renderHtml: thrown(() => api.renderHtml(model)),
        render: thrown(() => api.render(el, model)),
        append: thrown(() => view.append(" - More [3]")),
        appendEmpty: thrown(() => view.append("")),
        options: bad.map((options) => thrown(() => api.renderHtml("Facts - A point [1]", options))),
        renderOptions: thrown(() => api.render(el, "x", { dir: "up" })),
        container: thrown(() => api.render(null, "x")),
        hydrate: thrown(() => api.hydrate("not an element")),
      };
      // The view and the module keep working.
      view.update(b);
      out.updated = same(el, api.renderHtml(b));
      view.destroy();
      return out;
    },
    [model, A, B, bad],
  );
  assert.equal(got.renderHtml, `TypeError: ${MODEL_MESSAGE("renderHtml")}`);
  assert.equal(got.render, `TypeError: ${MODEL_MESSAGE("render")}`);
  assert.equal(got.append, `TypeError: ${APPEND_MESSAGE}`);
  assert.equal(got.appendEmpty, `TypeError: ${APPEND_MESSAGE}`);
  assert.deepEqual(
    got.options,
    bad.map((options) => thrown(() => full.renderHtml("Facts - A point [1]", options))),
  );
  // The full package's messages, as its own tests (api.test.mjs) have them.
  assert.equal(got.renderOptions, 'TypeError: render: options.dir must be "ltr" or "rtl", not string');
  assert.equal(got.container, thrown(() => full.render(null, "x")));
  assert.equal(got.hydrate, thrown(() => full.hydrate("not an element")));
  assert.equal(got.updated, true);
  assert.deepEqual(page.errors, []);
});

// Last: it looks at every request the page made in the tests above.
test("in a fresh page, a first call with every option gives the full package's markup, in both entries and a stream", legacy, async () => {
  // Options once crossed as an array the module read item by item, each
  // item a new slot in its table of JavaScript values; older WebKit
  // trapped when the module grew that table, on the first such call.
  const options = {
    ...OPTIONS,
    idPrefix: "fr\u00e9sh",
    labels: { ...OPTIONS.labels, months: ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII \u{1F4C5}"] },
    references: [{ id: 1, title: "Notice \u{1F6A2} of the port", text: "Kept in the log", url: "https://example.com/n" }],
  };
  const expected = full.renderHtml(A, options);
  for (const path of ["/test/render-only.html", "/test/api.html"]) {
    const context = await s.browser.newContext();
    const fresh = await context.newPage();
    await fresh.goto(`${s.base}${path}`);
    await fresh.waitForSelector("body[data-ready]");
    const got = await fresh.evaluate(([text, options]) => {
      try {
        return api.renderHtml(text, options);
      } catch (e) {
        return `${e.name}: ${e.message}`;
      }
    }, [A, options]);
    assert.equal(got, expected, path);
    if (path === "/test/api.html") {
      // A stream opens with the same options (its own crossing).
      const streamed = await fresh.evaluate(async ([text, options]) => {
        const el = document.getElementById("one");
        const view = api.render(el, "", options);
        view.append(text.slice(0, 20));
        await new Promise(requestAnimationFrame);
        view.append(text.slice(20));
        view.finish();
        const parsed = document.createElement("div");
        parsed.innerHTML = api.renderHtml(text, options);
        return parsed.innerHTML === el.innerHTML;
      }, [A, options]);
      assert.equal(streamed, true);
    }
    await context.close();
  }
});

test("the page requested render.js and render_bg.wasm, never digest_render.js or digest_render_bg.wasm", legacy, async () => {
  // The module is initialised and has rendered: nothing is left to load.
  await page.evaluate(() => api.renderHtml("Facts - A point [1]"));
  const paths = requests.map((u) => new URL(u).pathname);
  assert.ok(paths.includes("/pkg/render.js"), `no request for /pkg/render.js in ${paths.join(", ")}`);
  assert.ok(paths.includes("/pkg/render_bg.wasm"), `no request for /pkg/render_bg.wasm in ${paths.join(", ")}`);
  assert.deepEqual(
    paths.filter((p) => /(^|\/)digest_render(_bg\.wasm|\.js)$/.test(p)),
    [],
  );
  assert.deepEqual(page.errors, []);
});
