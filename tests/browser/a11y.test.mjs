// axe-core finds no accessibility violations on the demo, in light and in
// dark, with a tooltip closed and open.
import assert from "node:assert/strict";
import { join } from "node:path";
import { open, openTooltips, repo, session, settled, test } from "./support.mjs";

const s = session();

async function violations(page) {
  await page.addScriptTag({ path: join(repo, "node_modules", "axe-core", "axe.min.js") });
  const result = await page.evaluate(async () => {
    const { violations } = await axe.run(document, { resultTypes: ["violations"] });
    // What the page was like when axe looked, for a failure that does not
    // reproduce (WebKitGTK once reported the open tooltip's colours in dark
    // on a loaded machine): the colours axe compared, and the tooltip's state.
    const tip = document.querySelector('[role="tooltip"]:not([hidden])');
    const state = tip && {
      opacity: getComputedStyle(tip).opacity,
      background: getComputedStyle(tip).backgroundColor,
      animations: tip.getAnimations().map((a) => `${a.animationName ?? ""} ${a.playState} ${a.currentTime}`),
      dark: matchMedia("(prefers-color-scheme: dark)").matches,
    };
    return violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => {
        const data = n.any[0]?.data;
        const colours = data?.fgColor ? ` [${data.fgColor} on ${data.bgColor}, ${data.contrastRatio}]` : "";
        return n.target.join(" ") + colours;
      }),
      state,
    }));
  });
  return result.map((v) => `${v.id} (${v.impact}): ${v.nodes.join(", ")}${v.state ? ` (open tooltip: ${JSON.stringify(v.state)})` : ""}`);
}

for (const scheme of ["light", "dark"]) {
  for (const sample of ["inline-basic", "zh-markdown-references", "markdown-large"]) {
    test(`no violations in ${scheme} on ${sample}, tooltip closed and open`, async () => {
      const context = await s.browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 900 } });
      const page = await open(context, s.base, `/?sample=${sample}`);
      assert.deepEqual(await violations(page), []);
      await page.locator('.digest-cite').first().focus();
      await settled(page);
      assert.equal(await openTooltips(page).count(), 1);
      assert.deepEqual(await violations(page), []);
      await context.close();
    });
  }
}

test("the theme switch overrides the system scheme, and passes too", async () => {
  const context = await s.browser.newContext({ colorScheme: "light" });
  const page = await open(context, s.base, "/");
  await page.selectOption("#theme", "dark");
  const bg = await page.locator(".digest").evaluate((e) => getComputedStyle(e).backgroundColor);
  assert.equal(bg, "rgb(13, 17, 23)");
  assert.deepEqual(await violations(page), []);
  await context.close();
});
