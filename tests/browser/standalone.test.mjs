// `digest-render html --standalone`: one self-contained file whose
// tooltips work with nothing else loaded; without the script it stays
// readable with JavaScript off.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { out, repo, session, test } from "./support.mjs";

const s = session();

const cli = (...args) =>
  execFileSync(join(repo, "target", "debug", "digest-render"), ["html", "--standalone", ...args, join(repo, "tests", "fixtures", "references-basic.txt")], {
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });

test("the standalone page works on its own: styles and behaviour inlined", async () => {
  writeFileSync(join(out, "standalone.html"), cli("--package", join(repo, "pkg")));
  const context = await s.browser.newContext();
  const page = await context.newPage();
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${s.base}/out/standalone.html`);
  // The inlined module compiles the wasm after the load event: wait until
  // the behaviour is attached (focusing a citation opens its tooltip).
  await page.waitForFunction(() => {
    const cite = document.querySelector(".digest-cite");
    cite.blur();
    cite.focus();
    const open = !!document.querySelector('[role="tooltip"]:not([hidden])');
    cite.blur();
    return open;
  });
  await page.locator(".digest-cite").first().hover();
  await page.locator('[role="tooltip"]:not([hidden])').waitFor({ state: "visible" });
  assert.deepEqual(errors, []);
  // Only the page itself crosses the network (blob: and data: URLs are in the page).
  assert.deepEqual(requests.filter((u) => !u.endsWith("/out/standalone.html") && !/^(data|blob):/.test(u)), []);
  const bg = await page.locator(".digest-tooltip-open").evaluate((e) => getComputedStyle(e).position);
  assert.equal(bg, "fixed");
  await context.close();
});

test("without the script, with JavaScript off, everything is readable and citations link", async () => {
  writeFileSync(join(out, "standalone-plain.html"), cli("--no-script"));
  const context = await s.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${s.base}/out/standalone-plain.html`);
  const cite = page.locator("a.digest-cite").first();
  const href = await cite.getAttribute("href");
  await cite.click();
  assert.equal(new URL(page.url()).hash, href);
  assert.ok((await page.locator(".digest-reference").count()) > 0);
  await context.close();
});
