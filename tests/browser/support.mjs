// Shared set-up for the browser tests: the demo and test pages served from
// the working tree (with pkg/ and the fixtures mounted), the browser engine
// this run tests (ENGINE: engines/index.mjs), and helpers to look at
// tooltips the way a reader would.
//
// Tests use playwright's API whatever the engine (Firefox and WebKit through
// adapters), and take `test` and `describe` from here: an engine may run
// only the tests marked `legacy`, and a test skips, saying why, where its
// engine cannot do what it needs (`unsupported`).
import * as nodeTest from "node:test";
import { join } from "node:path";
import { mkdirSync } from "node:fs";
import { repo, serve } from "../js/support.mjs";
import { selectedEngine, serverHelp } from "./engines/index.mjs";

export { repo };

/** The engine under test: { name, unsupported, legacy?, webdriver? }. */
export const engine = selectedEngine();

export const out = join(repo, "target", "browser");
mkdirSync(out, { recursive: true });

const help = engine.webdriver ? serverHelp(out) : null;

/** Test options that put a test in the small set the older WebKit (WPE, about Safari 16) runs too. */
export const legacy = Object.freeze({ legacy: true });

let registered = 0;
const suites = [];

/** node:test's `test`, registered only where this engine runs it. */
export function test(name, options, fn) {
  if (typeof options === "function") [options, fn] = [{}, options];
  const { legacy: inLegacySet, ...rest } = options;
  if (engine.legacy && !inLegacySet) return;
  registered++;
  return nodeTest.test(suites.length ? `${suites.join(" > ")} > ${name}` : name, rest, fn);
}

/**
 * node:test's `describe`; where only the legacy set runs, its tests are
 * registered on their own (named after the suite), so that no empty suite
 * is reported as passing.
 */
export function describe(name, fn) {
  if (!engine.legacy) return nodeTest.describe(name, fn);
  suites.push(name);
  try {
    fn();
  } finally {
    suites.pop();
  }
}

/**
 * Skips test `t`, printing why, where this engine cannot do `feature`
 * (engines/index.mjs lists them); returns whether it did.
 */
export function unsupported(t, feature) {
  const reason = engine.unsupported[feature];
  if (reason) t.skip(`${engine.name}: ${reason}`);
  return Boolean(reason);
}

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
      ...help?.serve.mounts,
    },
    port: 0,
    headers,
    rewriteHtml: help?.serve.rewriteHtml,
    onRequest: help?.serve.onRequest,
  });
  return { server, url: `http://127.0.0.1:${server.address().port}` };
}

/**
 * For a test file: serves the site and starts the engine's browser before
 * its tests, then runs `setup(state)` if given; stops both after them. The
 * returned object gets `browser` and `base`. (A file's own top-level
 * `before` would not wait for this one, so set-up that needs the browser
 * goes in `setup`.) `headers` is passed to site(); `args` are Chromium's
 * command-line arguments (the other engines have none to take).
 */
export function session({ args = [], setup, headers } = {}) {
  const state = {};
  nodeTest.before(async () => {
    // This hook starts while the file is still registering its tests: count
    // them once it has finished.
    await new Promise((resolve) => setImmediate(resolve));
    if (registered === 0) return; // none of this file's tests runs in this engine
    const { server, url } = await site({ headers });
    state.server = server;
    state.base = url;
    state.browser = await engine.launch({ args, server: help });
    await setup?.(state);
  });
  nodeTest.after(async () => {
    await state.browser?.close();
    state.server?.close();
  });
  return state;
}

/**
 * Gives `page` a `same(el, html)`: whether `el` holds the markup `html`.
 * The browser serialises markup its own way (hidden="", quotes), so what
 * the string becomes once parsed is compared with what is in the page.
 */
export function addSame(page) {
  return page.evaluate(() => {
    window.same = (el, html) => {
      const parsed = document.createElement("div");
      parsed.innerHTML = html;
      return parsed.innerHTML === el.innerHTML;
    };
  });
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

/**
 * Waits until the opening animation is over, so measurements are final.
 * The computed style is read first: it resolves the tooltip's style, which
 * starts the animation. Asked before that, an engine may list no animation
 * yet (every() of none is true), and a check would see the tooltip
 * mid-fade: the likeliest reading of a WebKitGTK contrast failure on the
 * open tooltip that did not reproduce.
 */
export async function settled(page) {
  await page.waitForFunction(() => {
    const tip = document.querySelector('[role="tooltip"]:not([hidden])');
    return tip && getComputedStyle(tip).opacity === "1" && tip.getAnimations().every((a) => a.playState === "finished");
  });
}
