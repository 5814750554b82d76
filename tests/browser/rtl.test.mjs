// Right-to-left digests: the article takes the direction of its text, pills
// stay at the logical end of their point (the visual left) and read 2 3,
// parts that read the other way are isolated, tooltips stay in the
// viewport, and axe-core finds nothing; the same through <digest-view> and
// hydration. A screenshot of the Arabic sample lands in target/browser/,
// one per engine; the older WebKit runs the layout test of the Arabic one.
import assert from "node:assert/strict";
import { join } from "node:path";
import { engine, geometry, legacy, open, out, repo, session, settled, test } from "./support.mjs";

const s = session();

async function demo(sample, width = 1280) {
  const context = await s.browser.newContext({ viewport: { width, height: 900 } });
  const page = await open(context, s.base, `/?sample=${sample}`);
  return { context, page };
}

/** Every point's text box and pills, in the rendered digest. */
function layout(page) {
  return page.evaluate(() => {
    const article = document.querySelector("#digest article.digest");
    const points = [...article.querySelectorAll(".digest-point")].map((li) => {
      // The text's last line: where a wrapped point ends, and its pills sit.
      const range = document.createRange();
      range.selectNodeContents(li.firstChild);
      const lines = [...range.getClientRects()].filter((r) => r.width > 0);
      const text = lines.reduce((last, r) => (r.bottom > last.bottom + 1 ? r : last), lines[0]);
      const pills = [...li.querySelectorAll(".digest-cite")].map((c) => {
        const b = c.getBoundingClientRect();
        return { n: c.textContent, left: b.left, right: b.right, top: b.top };
      });
      return { text: { left: text.left, right: text.right, bottom: text.bottom }, pills };
    });
    return { direction: getComputedStyle(article).direction, points };
  });
}

for (const sample of ["rtl-arabic", "rtl-hebrew"]) {
  test(`${sample}: right to left, pills at each point's visual left, reading 2 3`, sample === "rtl-arabic" ? legacy : {}, async () => {
    const { context, page } = await demo(sample);
    const { direction, points } = await layout(page);
    assert.equal(direction, "rtl");
    assert.ok(points.length >= 3);
    for (const { text, pills } of points) {
      const last = pills.at(-1);
      if (last.top < text.bottom - 1) {
        // On the text's last line, to its left.
        assert.ok(last.right <= text.left + 1, `pill ${last.n} at ${last.right} is not left of the text at ${text.left}`);
      } else {
        // Wrapped onto a line of their own (a narrow window): that line
        // starts at the right, where the text's lines start.
        assert.ok(pills[0].right >= text.right - 40 || last.right >= text.right - 40, `pills wrapped but not to the line's start: ${JSON.stringify({ text, pills })}`);
      }
      for (let i = 1; i < pills.length; i++) {
        assert.ok(pills[i - 1].right <= pills[i].left + 1, `pills ${pills[i - 1].n} ${pills[i].n} do not read left to right`);
      }
    }
    assert.deepEqual(page.errors, []);
    await context.close();
  });
}

test("an English publisher in a Hebrew digest and a Hebrew reference in an English one are isolated", async () => {
  const { context, page } = await demo("rtl-hebrew");
  const publisher = await page.locator(".digest-publisher").evaluate((e) => getComputedStyle(e).direction);
  assert.equal(publisher, "ltr");
  await context.close();
  const mixed = await demo("rtl-mixed-references");
  const directions = await mixed.page.evaluate(() => ({
    article: getComputedStyle(document.querySelector("#digest article")).direction,
    reference: getComputedStyle(document.querySelector(".digest-reference-text")).direction,
  }));
  assert.deepEqual(directions, { article: "ltr", reference: "rtl" });
  await mixed.context.close();
});

for (const width of [360, 1280]) {
  test(`at ${width} px every tooltip of the Arabic sample opens inside the viewport, beside its pill`, async () => {
    const { context, page } = await demo("rtl-arabic", width);
    const count = await page.locator("#digest .digest-cite").count();
    for (let i = 0; i < count; i++) {
      const cite = page.locator("#digest .digest-cite").nth(i);
      await cite.scrollIntoViewIfNeeded();
      await cite.focus();
      await settled(page);
      const g = await geometry(page);
      assert.ok(g.tip.left >= 0 && g.tip.right <= g.viewport.width + 0.5, `tooltip ${i} leaves the viewport: ${JSON.stringify(g)}`);
      const adjacent = Math.abs(g.tip.top - g.trigger.bottom) <= 24 || Math.abs(g.trigger.top - g.tip.bottom) <= 24;
      assert.ok(adjacent, `tooltip ${i} is not next to its pill: ${JSON.stringify(g)}`);
      assert.ok(g.tip.left <= g.trigger.right && g.tip.right >= g.trigger.left, `tooltip ${i} does not overlap its pill horizontally`);
      await page.keyboard.press("Escape");
    }
    if (width === 1280) {
      await page.locator("#digest .digest-cite").nth(1).focus();
      await settled(page);
      await page.screenshot({ path: join(out, `demo-rtl-tooltip-${engine.name}.png`) });
    }
    await context.close();
  });
}

test("axe-core finds no violations on the Arabic sample, tooltip closed and open", async () => {
  const { context, page } = await demo("rtl-arabic");
  const violations = async () => {
    await page.addScriptTag({ path: join(repo, "node_modules", "axe-core", "axe.min.js") });
    const result = await page.evaluate(() => axe.run(document, { resultTypes: ["violations"] }));
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  };
  assert.deepEqual(await violations(), []);
  await page.locator("#digest .digest-cite").first().focus();
  await settled(page);
  assert.deepEqual(await violations(), []);
  await context.close();
});

test("<digest-view> and hydration carry the direction", async () => {
  const context = await s.browser.newContext();
  const page = await open(context, s.base, "/test/api.html");
  const result = await page.evaluate(async () => {
    const text = "الحقائق - افتتحت المكتبة طابقها العلوي [1]\nثقافة|المكتبة تفتح طابقها العلوي";
    await import("/pkg/element.js");
    const element = document.createElement("digest-view");
    element.textContent = text;
    const rendered = new Promise((resolve) => element.addEventListener("render", resolve, { once: true }));
    document.body.append(element);
    await rendered;
    const server = document.getElementById("server");
    server.innerHTML = api.renderHtml(text);
    const view = api.hydrate(server);
    view.destroy();
    return {
      element: getComputedStyle(element.shadowRoot.querySelector("article")).direction,
      hydrated: getComputedStyle(server.querySelector("article")).direction,
      forced: api.renderHtml(text, { dir: "ltr" }).includes('dir="ltr"'),
    };
  });
  assert.deepEqual(result, { element: "rtl", hydrated: "rtl", forced: true });
  await context.close();
});
