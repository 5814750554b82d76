// The package in a browser, as its two kinds of front-end users load it:
// a Vite app (no plugins, no config) built with `vite build`, and a plain
// page with <script type="module"> and no bundler; and a Vite app of the
// render-only entry (`digest-render/render`). All must render with working
// tooltips in headless Chromium.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { consumer, launch, repo, serve } from "./support.mjs";

const TEXT =
  "Key Facts - The ferry timetable changes on Monday [1][2] - Two late sailings are cut [2] Local Impact - Commuters face longer waits [1]\\nTransport|Ferry timetable changes\\nHarbour Post·2025-03-02 09:15";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Loads `url`, waits for the page's script, hovers a citation, returns what it saw. */
async function check(url) {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(url);
  await page.waitForSelector("body[data-ready]");
  const sections = await page.locator("article.digest section.digest-section").count();
  const trigger = page.locator(".digest-cite").first();
  await trigger.hover();
  const tooltip = page.locator('[role="tooltip"]:not([hidden])');
  await tooltip.waitFor({ state: "visible", timeout: 3000 });
  const tip = await tooltip.textContent();
  const describedBy = await trigger.getAttribute("aria-describedby");
  const tipId = await tooltip.getAttribute("id");
  await page.close();
  return { sections, tip, errors, describedBy, tipId };
}

/**
 * A Vite app (in a folder named `name`) that renders TEXT with `render`
 * imported from `specifier`, built with `vite build`; returns its folder.
 */
function viteApp(name, title, specifier) {
  const dir = consumer(name, {
    "index.html": `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><link rel="icon" href="data:,"></head>
<body><main><h1>${title}</h1><div id="digest"></div></main><script type="module" src="/main.js"></script></body></html>`,
    "main.js": `import init, { render } from "${specifier}";
import "digest-render/style.css";
await init();
render(document.getElementById("digest"), "${TEXT}");
document.body.dataset.ready = "1";
`,
  });
  execFileSync(process.execPath, [join(repo, "node_modules", "vite", "bin", "vite.js"), "build", "--logLevel", "warn"], {
    cwd: dir,
    stdio: "pipe",
  });
  return dir;
}

/** `check` of the app `dir` built, served from its dist folder. */
async function checkBuilt(dir) {
  const server = await serve({ root: join(dir, "dist"), port: 0 });
  try {
    return await check(`http://127.0.0.1:${server.address().port}/`);
  } finally {
    server.close();
  }
}

test("a Vite app built with `vite build` renders a digest with tooltips", async () => {
  const dir = viteApp("vite", "Vite consumer", "digest-render");
  const { sections, tip, errors, describedBy, tipId } = await checkBuilt(dir);
  assert.deepEqual(errors, []);
  assert.equal(sections, 2);
  assert.equal(describedBy, tipId);
  assert.match(tip, /Source 1/);
  assert.match(tip, /Harbour Post/);
});

test("a Vite app importing `digest-render/render` renders with tooltips and bundles only the render-only module", async () => {
  const dir = viteApp("vite-render", "Vite render-only consumer", "digest-render/render");
  const wasm = readdirSync(join(dir, "dist", "assets")).filter((f) => f.endsWith(".wasm"));
  assert.equal(wasm.length, 1, `one module in the build, not ${wasm.join(", ") || "none"}`);
  assert.match(wasm[0], /^render_bg\b/);
  const { sections, tip, errors, describedBy, tipId } = await checkBuilt(dir);
  assert.deepEqual(errors, []);
  assert.equal(sections, 2);
  assert.equal(describedBy, tipId);
  assert.match(tip, /Harbour Post/);
});

test("a plain page imports pkg/digest_render.js with no bundler", async () => {
  const server = await serve({
    root: join(repo, "tests", "js", "plain"),
    mounts: { "/pkg": join(repo, process.env.PKG_DIR || "pkg") },
    port: 0,
  });
  try {
    const { sections, tip, errors } = await check(`http://127.0.0.1:${server.address().port}/`);
    assert.deepEqual(errors, []);
    assert.equal(sections, 2);
    assert.match(tip, /Also cited in/);
  } finally {
    server.close();
  }
});
