// The browser engines the browser tests run in, one per process: ENGINE
// names it (chromium when unset; `make test-browser` runs each of ENGINES).
// Each engine gives the tests a browser with playwright's API: Chromium is
// playwright-core itself; Firefox and WebKit are adapters (page.mjs).
//
// `unsupported` lists what an engine cannot do at all, with the reason a
// test that needs it prints when it skips there (support.mjs: unsupported()).
// `legacy` marks the engine that runs only the tests marked as standing for
// older browsers (support.mjs: legacy).
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { launch as launchChromium } from "../../js/support.mjs";
import { launchFirefox } from "./firefox.mjs";
import { launchWebKit, RECORDER } from "./webkit.mjs";

const TOUCH_AS_MOUSE = 'its WebDriver performs touch actions as mouse input (pointerType "mouse", no touch events), so a tap cannot be made';

export const ENGINES = {
  chromium: {
    // playwright-core, as the suite always was.
    unsupported: {},
    launch: ({ args }) => launchChromium(args),
  },
  firefox: {
    // Debian's firefox-esr through puppeteer-core, WebDriver BiDi (firefox.mjs).
    unsupported: {},
    launch: () => launchFirefox(),
  },
  webkitgtk: {
    // Debian's WebKitGTK MiniBrowser through WebKitWebDriver (webkit.mjs).
    unsupported: { touch: TOUCH_AS_MOUSE },
    webdriver: true,
    launch: ({ server }) => launchWebKit("webkitgtk", server),
  },
  wpe: {
    // Debian's WPE WebKit 2.38 (Safari 16.0's engine), cog through WPEWebDriver.
    unsupported: { touch: TOUCH_AS_MOUSE },
    webdriver: true,
    legacy: true,
    launch: ({ server }) => launchWebKit("wpe", server),
  },
};

export function selectedEngine() {
  const name = process.env.ENGINE || "chromium";
  const engine = ENGINES[name];
  if (!engine) throw new Error(`ENGINE=${name}: not one of ${Object.keys(ENGINES).join(", ")}`);
  return { name, ...engine };
}

/**
 * How the test server helps the WebDriver engines (webkit.mjs): it starts
 * every HTML page with /__engine/init.js (the error recorder and the
 * context's init scripts, written before each navigation) and reports the
 * requests it serves. The folder is this process's, so that test files
 * running side by side do not share it.
 */
export function serverHelp(out) {
  const dir = join(out, "engine", String(process.pid));
  mkdirSync(dir, { recursive: true });
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
  let listener = null;
  const setInitScript = (source) => writeFileSync(join(dir, "init.js"), `${RECORDER}\n${source}\n`);
  setInitScript("");
  return {
    /** For serve(): the init script's folder, the rewrite, the request log. */
    serve: {
      mounts: { "/__engine": dir },
      rewriteHtml(html) {
        const tag = '<script src="/__engine/init.js"></script>';
        const head = /<head(\s[^>]*)?>/i.exec(html);
        if (head) return html.slice(0, head.index + head[0].length) + tag + html.slice(head.index + head[0].length);
        const doctype = /^\s*<!doctype[^>]*>/i.exec(html);
        return doctype ? doctype[0] + tag + html.slice(doctype[0].length) : tag + html;
      },
      onRequest(req) {
        if (!req.url.startsWith("/__engine/")) listener?.(`http://${req.headers.host}${req.url}`);
      },
    },
    /** For webkit.mjs. */
    out,
    setInitScript,
    onRequest(fn) {
      listener = fn;
    },
  };
}
