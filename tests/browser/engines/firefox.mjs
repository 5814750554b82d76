// Firefox (Debian's firefox-esr) through puppeteer-core over WebDriver BiDi.
//
// A test context is a BiDi user context (its own cookies and storage). Three
// context options are per browser in Firefox, not per context, and BiDi has
// no command for them in this version: colorScheme, reducedMotion and
// javaScriptEnabled. They are preferences, so a context that asks for them
// gets a Firefox of its own launched with those preferences (one per set,
// kept until the test file ends). isMobile has no Firefox equivalent and is
// not needed: the test pages declare `width=device-width`, which a desktop
// browser already honours, and hasTouch is emulated (maxTouchPoints).
import puppeteer from "puppeteer-core";
import { Page } from "./page.mjs";

const EXECUTABLE = process.env.FIREFOX || "/usr/bin/firefox-esr";

/** Light, motion allowed: what playwright's contexts default to, whatever the machine says. */
const BASE_PREFS = {
  "layout.css.prefers-color-scheme.content-override": 1,
  "ui.prefersReducedMotion": 0,
};

function prefsFor({ colorScheme, reducedMotion, javaScriptEnabled } = {}) {
  const prefs = { ...BASE_PREFS };
  if (colorScheme === "dark") prefs["layout.css.prefers-color-scheme.content-override"] = 0;
  if (reducedMotion === "reduce") prefs["ui.prefersReducedMotion"] = 1;
  if (javaScriptEnabled === false) prefs["javascript.enabled"] = false;
  return prefs;
}

export function launchFirefox() {
  /** @type {Map<string, Promise<import("puppeteer-core").Browser>>} */
  const instances = new Map();
  const instance = (prefs) => {
    const key = JSON.stringify(prefs);
    if (!instances.has(key)) {
      instances.set(key, puppeteer.launch({ browser: "firefox", executablePath: EXECUTABLE, headless: true, extraPrefsFirefox: prefs }));
    }
    return instances.get(key);
  };
  return {
    async newContext(options = {}) {
      const browser = await instance(prefsFor(options));
      return new FirefoxContext(await browser.createBrowserContext(), options);
    },
    async close() {
      const all = await Promise.allSettled(instances.values());
      instances.clear();
      await Promise.all(all.filter((r) => r.status === "fulfilled").map((r) => r.value.close()));
    },
  };
}

class FirefoxContext {
  constructor(context, options) {
    this.context = context;
    this.options = options;
    this.initScripts = [];
  }

  addInitScript(fn) {
    this.initScripts.push(`(${fn})();`);
  }

  async newPage() {
    const page = await this.context.newPage();
    // playwright's default viewport, so that the engines lay pages out alike.
    const { viewport = { width: 1280, height: 720 }, hasTouch = false } = this.options;
    await page.setViewport({ ...viewport, hasTouch });
    for (const source of this.initScripts) await page.evaluateOnNewDocument(source);
    return new Page(driver(page), [...this.initScripts]);
  }

  close() {
    return this.context.close();
  }
}

/** page.mjs's driver over one puppeteer page. */
function driver(page) {
  // puppeteer serialises a function by its source: make one from ours.
  const fn = (source) => new Function(`return (${source})`)();
  return {
    async call(source, args, { handle = false } = {}) {
      if (!handle) return page.evaluate(fn(source), ...args);
      const result = await page.evaluateHandle(fn(source), ...args);
      const element = result.asElement();
      if (!element) await result.dispose();
      return element;
    },
    goto: (url) => page.goto(url),
    url: async () => page.url(),
    syncUrl: () => page.url(),
    mouseMove: (x, y) => page.mouse.move(x, y),
    mouseDown: () => page.mouse.down(),
    mouseUp: () => page.mouse.up(),
    tap: (x, y) => page.touchscreen.tap(x, y),
    async press(keys) {
      const held = keys.slice(0, -1);
      for (const key of held) await page.keyboard.down(key);
      await page.keyboard.press(keys[keys.length - 1]);
      for (const key of held.reverse()) await page.keyboard.up(key);
    },
    screenshot: async () => Buffer.from(await page.screenshot()),
    addInitScript: (source) => page.evaluateOnNewDocument(source),
    // The browser reports these itself, with the shapes playwright's have.
    on(type, listener) {
      if (!["pageerror", "console", "dialog", "request"].includes(type)) return false;
      page.on(type, listener);
      return true;
    },
    close: () => page.close(),
  };
}
