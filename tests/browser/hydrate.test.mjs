// Server rendering then hydration: renderHtml in Node gives exactly the
// markup render gives in the browser, and hydrate attaches the tooltips to
// it without rebuilding anything.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fixtures } from "../js/support.mjs";
import { open, out, repo, session, test } from "./support.mjs";

let renderHtml;
const s = session({
  setup: async (state) => {
    ({ renderHtml } = await import(join(repo, "pkg", "node.js")));
  },
});

test("Node's renderHtml is exactly the markup render puts in the page, on every fixture", async () => {
  const context = await s.browser.newContext();
  const page = await open(context, s.base, "/test/api.html");
  for (const [name, text] of fixtures()) {
    const same = await page.evaluate(
      ([text, serverHtml]) => {
        const el = document.getElementById("one");
        const view = api.render(el, text);
        const parsed = document.createElement("div");
        parsed.innerHTML = serverHtml;
        const equal = parsed.innerHTML === el.innerHTML && parsed.firstElementChild.isEqualNode(el.firstElementChild);
        view.destroy();
        return equal;
      },
      [text, renderHtml(text)],
    );
    assert.ok(same, name);
  }
  await context.close();
});

test("hydrate keeps every node, shifts nothing, and the tooltips work", async () => {
  const text = "Key Facts - The bridge reopened on Monday [1][2] - Traffic is light [2] Outlook - Repairs continue [1]\nRoads|Bridge reopens\nValley Ledger·2025-04-01 10:00";
  writeFileSync(
    join(out, "ssr.html"),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Server rendered</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="/pkg/digest-render.css"></head><body><main><div id="digest">${renderHtml(text)}</div></main>
<script type="module">
  const nodes = () => [...document.querySelectorAll("#digest *")];
  const boxes = () => nodes().map((n) => JSON.stringify(n.getBoundingClientRect()));
  // Layout settled first: a fallback font arriving late moved boxes under
  // load in WebKitGTK (once in a clean-clone run), hydrate or not.
  await document.fonts.ready;
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const beforeNodes = nodes(), beforeBoxes = boxes(), beforeHtml = document.getElementById("digest").innerHTML;
  const { default: init, hydrate } = await import("/pkg/digest_render.js");
  await init();
  window.view = hydrate(document.getElementById("digest"));
  const afterNodes = nodes();
  window.identity = afterNodes.length === beforeNodes.length && afterNodes.every((n, i) => n === beforeNodes[i]);
  window.sameHtml = document.getElementById("digest").innerHTML === beforeHtml;
  window.sameBoxes = JSON.stringify(boxes()) === JSON.stringify(beforeBoxes);
  document.body.dataset.ready = "1";
</script></body></html>`,
  );
  const context = await s.browser.newContext();
  const page = await open(context, s.base, "/out/ssr.html");
  assert.deepEqual(await page.evaluate(() => [window.identity, window.sameHtml, window.sameBoxes]), [true, true, true]);
  await page.locator(".digest-cite").first().hover();
  const tip = page.locator('[role="tooltip"]:not([hidden])');
  await tip.waitFor({ state: "visible" });
  assert.match(await tip.textContent(), /Also cited in/);
  assert.deepEqual(page.errors, []);
  await context.close();
});
