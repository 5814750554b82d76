// Shared set-up for the browser tests: the demo and test pages served from
// the working tree (with pkg/ and the fixtures mounted), and helpers to look
// at tooltips the way a reader would.
import { after, before } from "node:test";
import { join } from "node:path";
import { mkdirSync } from "node:fs";
import { launch, repo, serve } from "../js/support.mjs";

export { launch, repo };

export const out = join(repo, "target", "browser");
mkdirSync(out, { recursive: true });

/**
 * Serves www/ at /, the test pages at /test/, pkg/ (and the trap-test build
 * at /pkg-trap/) and the fixtures;
 * `headers(urlPath)`, if given, adds response headers (see scripts/serve.mjs).
 */
export async function site({ headers } = {}) {
  const server = await serve({
    root: join(repo, "www"),
    mounts: {
      "/pkg": join(repo, "pkg"),
      "/pkg-trap": join(repo, "target", "pkg-trap"),
      "/samples": join(repo, "tests", "fixtures"),
      "/test": join(repo, "tests", "browser", "pages"),
      "/out": out,
    },
    port: 0,
    headers,
  });
  return { server, url: `http://127.0.0.1:${server.address().port}` };
}

/**
 * For a test file: serves the site and starts Chromium before its tests,
 * then runs `setup(state)` if given; stops both after them. The returned
 * object gets `browser` and `base`. (A file's own top-level `before` would
 * not wait for this one, so set-up that needs the browser goes in `setup`.)
 * `headers` is passed to site().
 */
export function session({ args = [], setup, headers } = {}) {
  const state = {};
  before(async () => {
    const { server, url } = await site({ headers });
    state.server = server;
    state.base = url;
    state.browser = await launch(args);
    await setup?.(state);
  });
  after(async () => {
    await state.browser?.close();
    state.server?.close();
  });
  return state;
}

/** Opens `path` and waits for its script; fails the test on any page error. */
export async function open(context, base, path) {
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && page.errors.push(m.text()));
  await page.goto(base + path);
  await page.waitForSelector("body[data-ready]");
  return page;
}

/** The visible tooltips (there must never be more than one). */
export function openTooltips(page) {
  return page.locator('[role="tooltip"]:not([hidden])');
}

/** Where the open tooltip is, relative to the viewport, and where its trigger is. */
export function geometry(page) {
  return page.evaluate(() => {
    const tip = document.querySelector('[role="tooltip"]:not([hidden])');
    if (!tip) return null;
    const trigger = document.querySelector(`[aria-describedby="${tip.id}"]:focus, [aria-describedby="${tip.id}"]:hover`)
      || tip.previousElementSibling;
    const r = tip.getBoundingClientRect();
    const t = trigger.getBoundingClientRect();
    return {
      tip: { left: r.left, right: r.right, top: r.top, bottom: r.bottom },
      trigger: { left: t.left, right: t.right, top: t.top, bottom: t.bottom },
      viewport: { width: document.documentElement.clientWidth, height: document.documentElement.clientHeight },
      placement: tip.dataset.placement,
    };
  });
}

/** Waits until the opening animation is over, so measurements are final. */
export async function settled(page) {
  await page.waitForFunction(() => {
    const tip = document.querySelector('[role="tooltip"]:not([hidden])');
    return tip && tip.getAnimations().every((a) => a.playState === "finished");
  });
}
