// Without JavaScript, server-rendered markup stays readable: citations are
// links to the references list, and nothing is hidden that only script
// could show.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { out, repo, session, test } from "./support.mjs";

const s = session();

test("citation links reach their reference with JavaScript disabled", async () => {
  const { renderHtml } = await import(join(repo, "pkg", "node.js"));
  const text =
    "Key Facts - The bridge reopened on Monday [1][2] - Traffic is light [2]\nReferences\n[1] City roads office https://example.com/roads\n[2] Valley Ledger report";
  const markup = renderHtml(text);
  writeFileSync(
    join(out, "nojs.html"),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>No script</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="/pkg/digest-render.css"></head><body><main>${markup}</main></body></html>`,
  );
  const context = await s.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${s.base}/out/nojs.html`);
  const text2 = await page.locator("article.digest").innerText();
  for (const visible of ["The bridge reopened on Monday", "Traffic is light", "City roads office", "Valley Ledger report"]) {
    assert.ok(text2.includes(visible), `${visible} is not visible`);
  }
  assert.equal(await page.locator('[role="tooltip"]:visible').count(), 0);
  const cite = page.locator('a.digest-cite[data-cite="2"]').first();
  const href = await cite.getAttribute("href");
  await cite.click();
  assert.equal(new URL(page.url()).hash, href);
  assert.equal(await page.locator(`${href}:target`).count(), 1);
  await context.close();
});
