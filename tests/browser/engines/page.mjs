// The page the tests see in Firefox and WebKit: the part of playwright's
// Page and Locator API the tests use, over a small per-engine driver
// (firefox.mjs: puppeteer over WebDriver BiDi; webkit.mjs: selenium over
// classic WebDriver). Chromium needs none of this: its tests get
// playwright's own objects, so a test is written once against that API.
//
// A driver does little: run a function in the page (with element handles
// as arguments, and getting one back), navigate, move and press the mouse,
// tap, press keys, take a screenshot. Finding elements, waiting and the
// checks before a pointer action (visible, still, not covered) are done
// here, the same way for both, by in-page.mjs.
import { readFileSync, writeFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { inPage } from "./in-page.mjs";

/** How long waits and actions retry before failing, unless a test says otherwise. */
export const TIMEOUT = 15_000;
const MARK = "__digestEngine";
const PENDING = "__digestEngine:pending";

/** A function's source for the driver: `fn` called with the decoded payload. */
function wrapper(fn) {
  return `(payload, ...handles) => (${inPage})(${fn ? fn.toString() : "null"}, payload, handles)`;
}

function decode(value) {
  if (Array.isArray(value)) return value.map(decode);
  if (value && typeof value === "object") {
    if (MARK in value) {
      const m = value[MARK];
      if (m === "undefined") return undefined;
      if (m === "bigint") return BigInt(value.value);
      return Number(m);
    }
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = decode(v);
    return out;
  }
  return value;
}

/** Arguments as JSON that keeps undefined, with element handles passed beside it. */
function encodeArgs(args) {
  const natives = [];
  const json = JSON.stringify(args, (key, v) => {
    if (v instanceof ElementHandle) return { [MARK]: natives.push(v.native) - 1 };
    if (v === undefined) return { [MARK]: "undefined" };
    return v;
  });
  return { json, natives };
}

class ElementHandle {
  constructor(page, native) {
    this.page = page;
    this.native = native;
  }

  evaluate(fn, arg) {
    return this.page.evaluateWith(fn, [this, arg]);
  }
}

class Locator {
  constructor(page, chain) {
    this.page = page;
    this.chain = chain;
  }

  locator(selector) {
    return new Locator(this.page, [...this.chain, { selector }]);
  }

  nth(index) {
    const last = this.chain[this.chain.length - 1];
    if (last.nth !== undefined) return new Locator(this.page, [...this.chain, { nth: index }]);
    return new Locator(this.page, [...this.chain.slice(0, -1), { ...last, nth: index }]);
  }

  first() {
    return this.nth(0);
  }

  #request(what, fn, args = []) {
    return this.page.run(fn, { op: "locator", chain: this.chain, what }, args);
  }

  count() {
    return this.#request("count");
  }

  /** `fn(element, ...args)` once exactly one element matches (waits for it). */
  async #one(fn, args = [], timeout = TIMEOUT) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const result = await this.#request("one", fn, args);
      if (!result.missing) return result.value;
      if (Date.now() > deadline) throw new Error(`no element for ${this}`);
      await sleep(50);
    }
  }

  evaluate(fn, arg) {
    return this.#one(fn, [arg]);
  }

  evaluateAll(fn, arg) {
    return this.#request("all", fn, [arg]);
  }

  getAttribute(name) {
    return this.#one((el, name) => el.getAttribute(name), [name]);
  }

  textContent() {
    return this.#one((el) => el.textContent);
  }

  innerText() {
    return this.#one((el) => el.innerText);
  }

  focus(options) {
    return this.#one((el, options) => el.focus(options), [options]);
  }

  scrollIntoViewIfNeeded() {
    return this.#one((el) => {
      const r = el.getBoundingClientRect();
      const view = document.documentElement;
      if (r.top < 0 || r.left < 0 || r.bottom > view.clientHeight || r.right > view.clientWidth) {
        el.scrollIntoView({ block: "center", inline: "center", behavior: "instant" });
      }
    });
  }

  boundingBox() {
    return this.#one((el) => {
      const r = el.getBoundingClientRect();
      return r.width || r.height ? { x: r.left, y: r.top, width: r.width, height: r.height } : null;
    });
  }

  async elementHandle() {
    await this.waitFor({ state: "attached" });
    const native = await this.page.driver.call(wrapper(null), [JSON.stringify({ op: "locator", chain: this.chain, what: "element" })], { handle: true });
    if (!native) throw new Error(`no element for ${this}`);
    return new ElementHandle(this.page, native);
  }

  async waitFor({ state = "visible", timeout = TIMEOUT } = {}) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const { count, visible } = await this.#request("state");
      if (count > 1 && (state === "attached" || state === "visible")) {
        throw new Error(`strict mode violation: ${this} matches ${count} elements`);
      }
      const done = {
        attached: count === 1,
        detached: count === 0,
        visible,
        hidden: !visible,
      }[state];
      if (done) return;
      if (Date.now() > deadline) throw new Error(`waiting for ${this} to be ${state}: timed out after ${timeout} ms`);
      await sleep(50);
    }
  }

  /**
   * Where a pointer action lands: the element's centre, once it is visible,
   * has stopped moving (the same box twice, a frame apart) and nothing else
   * is on top of it there, as playwright checks before acting.
   */
  async #point(timeout = TIMEOUT) {
    const deadline = Date.now() + timeout;
    let reason = "";
    for (;;) {
      const first = await this.#request("point");
      if (!first.retry) {
        await sleep(20);
        const second = await this.#request("point");
        if (!second.retry && second.rect.join() === first.rect.join()) return second;
        reason = second.retry ?? "still moving";
      } else reason = first.retry;
      if (Date.now() > deadline) throw new Error(`cannot act on ${this}: ${reason}`);
      await sleep(50);
    }
  }

  async hover() {
    const { x, y } = await this.#point();
    await this.page.mouse.move(x, y);
  }

  async click() {
    const { x, y } = await this.#point();
    await this.page.mouse.move(x, y);
    await this.page.driver.mouseDown();
    await this.page.driver.mouseUp();
    await this.page.afterInput();
  }

  async tap() {
    const { x, y } = await this.#point();
    await this.page.driver.tap(x, y);
    await this.page.afterInput();
  }

  toString() {
    return this.chain
      .map(({ selector, nth }) => [selector, nth === undefined ? undefined : `nth=${nth}`].filter((s) => s !== undefined).join(" >> "))
      .join(" >> ");
  }
}

export class Page {
  /**
   * @param {object} driver the engine's (see the file's comment)
   * @param {string[]} initScripts the context's, run before the page's own scripts
   */
  constructor(driver, initScripts = []) {
    this.driver = driver;
    this.initScripts = initScripts;
    this.listeners = new Map();
    this.lastUrl = "about:blank";
    this.calls = 0;
    this.pointer = { x: 0, y: 0 };
    this.keyboard = {
      // "Shift+Tab": keys held down in order, released in reverse.
      press: async (keys) => {
        await driver.press(keys.split("+"));
        await this.afterInput();
      },
    };
    this.mouse = {
      move: async (x, y, { steps = 1 } = {}) => {
        const from = this.pointer;
        for (let i = 1; i <= steps; i++) {
          await driver.mouseMove(from.x + ((x - from.x) * i) / steps, from.y + ((y - from.y) * i) / steps);
        }
        this.pointer = { x, y };
        await this.afterInput();
      },
    };
    driver.onDialog?.((message) => this.emit("dialog", { message: () => message, dismiss: async () => {} }));
  }

  on(type, listener) {
    // Events the driver gets from the browser itself come from there;
    // the others from the page's own recording (webkit.mjs).
    if (this.driver.on?.(type, listener)) return;
    if (!this.listeners.has(type)) this.listeners.set(type, []);
    this.listeners.get(type).push(listener);
  }

  emit(type, event) {
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }

  /** Runs in-page.mjs with `request`; returns the decoded value, passing on recorded errors. */
  async run(fn, request, args) {
    const { json, natives } = encodeArgs(args);
    // One command at a time (WebDriver): a call waiting on a promise stays
    // in the page and is asked after until it settles (in-page.mjs).
    const detach = this.driver.oneCommandAtATime ? ++this.calls : undefined;
    let raw = await this.driver.call(wrapper(fn), [JSON.stringify({ ...request, args: JSON.parse(json), detach }), ...natives]);
    while (raw === PENDING) {
      await sleep(20);
      raw = await this.driver.call(wrapper(null), [JSON.stringify({ op: "settle", id: detach })]);
    }
    const { value, errors, url } = JSON.parse(raw);
    this.lastUrl = url;
    for (const [type, text] of errors) {
      if (type === "pageerror") this.emit("pageerror", new Error(text));
      else this.emit("console", { type: () => "error", text: () => text });
    }
    return decode(value);
  }

  evaluateWith(fn, args) {
    return this.run(fn, { op: "call" }, args);
  }

  evaluate(fn, arg) {
    return this.evaluateWith(fn, [arg]);
  }

  /** After input the page may have navigated (a link): keep url() current. */
  async afterInput() {
    this.lastUrl = await this.driver.url();
  }

  url() {
    return this.driver.syncUrl?.() ?? this.lastUrl;
  }

  async goto(url) {
    await this.driver.goto(url, this.initScripts);
    this.lastUrl = await this.driver.url();
  }

  locator(selector) {
    return new Locator(this, [{ selector }]);
  }

  waitForSelector(selector) {
    return this.locator(selector).waitFor({ state: "visible" });
  }

  async waitForFunction(fn, arg, { timeout = TIMEOUT } = {}) {
    const deadline = Date.now() + timeout;
    // Truthy in the page (a function or an element is, but serialises to nothing).
    const test = new Function(`return async (arg) => Boolean(await (${fn})(arg))`)();
    for (;;) {
      if (await this.evaluate(test, arg)) return true;
      if (Date.now() > deadline) throw new Error(`waitForFunction timed out after ${timeout} ms: ${fn}`);
      await sleep(30);
    }
  }

  waitForTimeout(ms) {
    return sleep(ms);
  }

  addInitScript(fn) {
    this.initScripts.push(`(${fn})();`);
    return this.driver.addInitScript?.(`(${fn})();`);
  }

  /** A script element; `url` waits until it ran (a module's load event), `path` is inlined. */
  async addScriptTag({ url, path, content, type }) {
    if (path) content = readFileSync(path, "utf8");
    await this.evaluate(
      ({ url, content, type }) =>
        new Promise((resolve, reject) => {
          const script = document.createElement("script");
          if (type) script.type = type;
          if (url) {
            script.onload = resolve;
            script.onerror = () => reject(new Error(`could not load ${url}`));
            script.src = url;
          } else script.textContent = content;
          document.head.append(script);
          if (!url) resolve();
        }),
      { url, content, type },
    );
  }

  /** Picks an option the way a person's choice does: the value, then input and change events. */
  selectOption(selector, value) {
    return this.locator(selector).evaluate((select, value) => {
      select.value = value;
      select.dispatchEvent(new Event("input", { bubbles: true }));
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }, value);
  }

  async screenshot({ path }) {
    const png = await this.driver.screenshot();
    if (path) writeFileSync(path, png);
    return png;
  }

  close() {
    return this.driver.close();
  }
}
