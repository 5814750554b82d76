// axe-core finds no accessibility violations on the demo, in light and in
// dark, with a tooltip closed and open.
import assert from "node:assert/strict";
import { join } from "node:path";
import { open, openTooltips, repo, session, settled, test } from "./support.mjs";

const s = session();

async function violations(page) {
  await page.addScriptTag({ path: join(repo, "node_modules", "axe-core", "axe.min.js") });
  const result = await page.evaluate(() => axe.run(document, { resultTypes: ["violations"] }));
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
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
