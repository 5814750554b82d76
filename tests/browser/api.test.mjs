// DigestView in a page: update, append (streaming), finish, destroy, several
// digests on one page, and bad calls from a page.
import assert from "node:assert/strict";
import { addSame, legacy, open, openTooltips, out, session, test } from "./support.mjs";

let context, page;
const s = session({
  setup: async (state) => {
    context = await state.browser.newContext();
    page = await open(context, state.base, "/test/api.html");
    await addSame(page);
  },
});

const A = "Key Facts - The bridge reopened on Monday [1][2] - Traffic is light [2]\nRoads|Bridge reopens\nValley Ledger·2025-04-01 10:00";
const B = "Outlook - Repairs continue next month [3] - A detour stays in place [1]";

test("update renders new text; the markup is what renderHtml writes", legacy, async () => {
  const same = await page.evaluate(([a, b]) => {
    const el = document.getElementById("one");
    const view = api.render(el, a);
    const first = same(el, api.renderHtml(a));
    view.update(b);
    const second = same(el, api.renderHtml(b));
    view.destroy();
    return [first, second];
  }, [A, B]);
  assert.deepEqual(same, [true, true]);
});

test("append streams text in; finish renders it at once; an animation frame catches up", async () => {
  const result = await page.evaluate(async (text) => {
    const el = document.getElementById("one");
    const view = api.render(el, "");
    const chunks = text.match(/.{1,7}/gs);
    for (const chunk of chunks) view.append(chunk);
    const beforeFinish = same(el, api.renderHtml(text));
    view.finish();
    const afterFinish = same(el, api.renderHtml(text));
    // Appending after finish streams again from the whole text.
    const first = el.querySelector(".digest-point");
    view.append("\nKey Facts - One more point [4] - And ");
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const afterFrame = {
      shown: [...el.querySelectorAll(".digest-point")].some((p) => p.textContent.startsWith("One more point")),
      busy: el.querySelector("article").getAttribute("aria-busy"),
      kept: el.querySelector(".digest-point") === first,
    };
    view.append("another [1]");
    view.finish();
    const afterSecondFinish = same(el, api.renderHtml(text + "\nKey Facts - One more point [4] - And another [1]"));
    view.destroy();
    return { beforeFinish, afterFinish, afterFrame, afterSecondFinish };
  }, A);
  assert.deepEqual(result, {
    beforeFinish: false,
    afterFinish: true,
    afterFrame: { shown: true, busy: "true", kept: true },
    afterSecondFinish: true,
  });
});

test("render accepts a model from parseDigest, with options", async () => {
  const html = await page.evaluate((text) => {
    const el = document.getElementById("one");
    const view = api.render(el, api.parseDigest(text), { headingLevel: 3, references: { 1: { title: "City roads office" } } });
    const out = el.innerHTML;
    view.destroy();
    return out;
  }, A);
  assert.match(html, /<h3 class="digest-heading">Key Facts<\/h3>/);
  assert.match(html, /City roads office/);
});

test("parseDigest's strings are the text as the module read it: slices of it, lone surrogates as U+FFFD", legacy, async () => {
  const got = await page.evaluate(() => {
    const d = api.parseDigest("Facts - Ferries \uD800ran [1] - Buses \uD83D\uDE8C ran [2]\nCoastline Courier\u00B72025-06-09 08:30");
    const [a, b] = d.sections[0].points;
    return [a.text, a.inlines[0].text, b.text, d.sections[0].heading.text, d.source.raw];
  });
  assert.deepEqual(got, [
    "Ferries \uFFFDran",
    "Ferries \uFFFDran ",
    "Buses \uD83D\uDE8C ran",
    "Facts",
    "Coastline Courier\u00B72025-06-09 08:30",
  ]);
});

test("one tooltip open across several digests on a page", async () => {
  await page.evaluate(([a, b]) => {
    window.views = [api.render(document.getElementById("one"), a), api.render(document.getElementById("two"), b)];
  }, [A, B]);
  await page.locator("#one .digest-cite").first().focus();
  await page.locator("#two .digest-cite").first().focus();
  assert.equal(await openTooltips(page).count(), 1);
  assert.equal(await page.locator("#two [role=tooltip]:not([hidden])").count(), 1);
  await page.evaluate(() => window.views.forEach((v) => v.destroy()));
});

test("destroy keeps the markup, removes the behaviour, and later calls say so", async () => {
  const result = await page.evaluate((text) => {
    const el = document.getElementById("one");
    const view = api.render(el, text);
    view.destroy();
    view.destroy(); // twice is fine
    let error = null;
    try {
      view.update("x");
    } catch (e) {
      error = e.message;
    }
    return { kept: same(el, api.renderHtml(text)), error };
  }, A);
  assert.equal(result.kept, true);
  assert.match(result.error, /destroyed/);
  await page.locator("#one .digest-cite").first().focus();
  await page.locator("#one .digest-cite").first().hover();
  await page.waitForTimeout(400);
  assert.equal(await openTooltips(page).count(), 0);
});

test("a view is disposable where the engine has Symbol.dispose, and has no stray method where it has not", legacy, async () => {
  const result = await page.evaluate((text) => {
    const view = api.render(document.getElementById("one"), text);
    const symbol = typeof Symbol.dispose === "symbol";
    // Without the symbol, a computed [Symbol.dispose] key is "undefined".
    const stray = "undefined" in view;
    if (symbol) view[Symbol.dispose]();
    let disposed = false;
    try {
      view.update("x");
    } catch {
      disposed = true;
    }
    view.destroy();
    return { symbol, stray, disposed };
  }, A);
  assert.equal(result.stray, false, "a method named 'undefined'");
  assert.equal(result.disposed, result.symbol, "Symbol.dispose did not destroy the view");
});

test("bad calls throw TypeErrors and the module keeps working", async () => {
  const messages = await page.evaluate(() => {
    const out = [];
    for (const call of [
      () => api.render(null, "x"),
      () => api.render(document.getElementById("one"), 5),
      () => api.render(document.getElementById("one"), "x", { headingLevel: "big" }),
      () => api.hydrate("not an element"),
    ]) {
      try {
        call();
        out.push("no error");
      } catch (e) {
        out.push(`${e.constructor.name}: ${e.message}`);
      }
    }
    out.push(api.renderHtml("Facts - Still working [1]").includes("Still working"));
    return out;
  });
  assert.deepEqual(messages, [
    "TypeError: render: container must be an Element, not null",
    "TypeError: render: input must be digest text or a Digest, not number",
    "TypeError: render: options.headingLevel must be a number from 2 to 6, not string",
    "TypeError: hydrate: container must be an Element, not string",
    true,
  ]);
  assert.deepEqual(page.errors, []);
});

test("'Also cited in' and the source line are taken from the page when a tooltip opens, and go when it closes", legacy, async () => {
  const text =
    "Harbour - Ferries ran **late** [1] - Crews [checked](https://example.org/a) the quay [2] before noon [1]\n" +
    "Times - Buses keep the `winter` timetable [1][3]\n" +
    "Port Desk|Ferries and buses\n" +
    "Coastline Courier·2025-06-09 08:30";
  const opened = await page.evaluate((text) => {
    const el = document.getElementById("one");
    window.alsoView = api.render(el, text);
    el.querySelector('.digest-cite[data-cite="1"]').focus();
    const tip = document.querySelector('[role="tooltip"]:not([hidden])');
    const entries = [...(tip?.querySelectorAll(".digest-tooltip-also li") ?? [])];
    return {
      id: tip?.id,
      source: [...(tip?.querySelectorAll(".digest-tooltip-source > p") ?? [])].map((p) => [p.className, p.textContent]),
      entries: entries.map((li) => li.textContent),
      hrefs: entries.map((li) => li.querySelector("a.digest-tooltip-point").getAttribute("href")),
      points: [...el.querySelectorAll(".digest-point")].map((p) => "#" + p.id),
      clamped: entries.length > 0 && getComputedStyle(entries[0].firstElementChild).overflow === "hidden",
    };
  }, text);
  assert.match(opened.id, /-t1$/);
  // "Source 1", then the header's source line: [1] has no reference.
  assert.deepEqual(opened.source, [
    ["digest-tooltip-title", "Source 1"],
    ["digest-tooltip-text", "Coastline Courier · 9 June 2025, 08:30"],
  ]);
  // The others citing [1], in order: heading, then the words without pills,
  // marks or a link's "(opens in a new tab)".
  assert.deepEqual(opened.entries, ["Harbour Crews checked the quay before noon", "Times Buses keep the winter timetable"]);
  assert.deepEqual(opened.hrefs, [opened.points[1], opened.points[2]]);
  assert.ok(opened.clamped, "long points are not cut to their first lines");
  await page.keyboard.press("Escape");
  const closed = await page.evaluate((text) => {
    const el = document.getElementById("one");
    // Engines without constructed stylesheets place tooltips through the
    // element's own style, which stays (README): set apart here.
    const copy = el.cloneNode(true);
    if (!("adoptedStyleSheets" in document)) for (const node of copy.querySelectorAll("[style]")) node.removeAttribute("style");
    const result = { open: document.querySelectorAll('[role="tooltip"]:not([hidden])').length, same: same(copy, api.renderHtml(text)) };
    window.alsoView.destroy();
    return result;
  }, text);
  assert.deepEqual(closed, { open: 0, same: true });
  assert.deepEqual(page.errors, []);
});
