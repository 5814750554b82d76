// WebKit through selenium-webdriver over classic WebDriver: WebKitGTK
// (Debian's MiniBrowser, WebKitWebDriver) and the older WPE WebKit (cog,
// WPEWebDriver), which stands for Safari 16.
//
// Each test context is a WebDriver session of its own, with a driver
// process of its own: both drivers allow one session at a time, and a
// context's options are the browser's command line or environment:
// - MiniBrowser is a GTK window with no headless mode (without a display the
//   new-session request hangs, so it is guarded by a timeout): it runs on an
//   Xvfb display (xvfb-run) started once per test file. A small GTK
//   stylesheet shrinks its toolbar so that the window can be as narrow as a
//   phone's (360 px); the window is then sized so that the viewport is what
//   the test asked for.
// - colorScheme "dark" is MiniBrowser's --dark-mode, javaScriptEnabled false
//   its --enable-javascript=false, reducedMotion "reduce" GTK's
//   gtk-enable-animations=0 setting (settings.ini), which WebKitGTK reports
//   as prefers-reduced-motion.
// - cog's headless platform always has an 800 x 600 viewport and none of
//   those options; the WPE set of tests is chosen so that they do not matter.
//
// Classic WebDriver has no init scripts and no page events, so the test
// server helps (see rewriteHtml and serverRequest, used by support.mjs):
// every HTML page it serves starts with a script that records uncaught
// errors, unhandled rejections and console.error calls (drained with every
// call into the page, in-page.mjs) and then runs the context's init
// scripts; the requests a page makes are the ones the server sees. A dialog
// (alert) is reported when a driver command finds it open.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { constants } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Builder, Key, Origin } from "selenium-webdriver";
import { Page } from "./page.mjs";

const SESSION_TIMEOUT_MS = 30_000;

/** Processes started here, stopped when this process exits, also on a signal. */
const children = new Set();
let cleanupSet = false;
function cleanupOnExit() {
  if (cleanupSet) return;
  cleanupSet = true;
  process.on("exit", () => {
    for (const child of children) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.once(signal, () => process.exit(128 + constants.signals[signal]));
  }
}

function start(command, args, options) {
  cleanupOnExit();
  // Its own process group, so that stopping it stops the browser it started.
  const child = spawn(command, args, { detached: true, ...options });
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

async function stop(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    return;
  }
  await Promise.race([exited, sleep(5000)]);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function minibrowser() {
  if (process.env.MINIBROWSER) return process.env.MINIBROWSER;
  const files = execFileSync("dpkg", ["-L", "libwebkit2gtk-4.1-0"], { encoding: "utf8" });
  const path = files.split("\n").find((f) => f.endsWith("/MiniBrowser"));
  if (!path) throw new Error("no MiniBrowser in libwebkit2gtk-4.1-0: run scripts/ensure-tools webkitgtk");
  return path;
}

/** An Xvfb display for MiniBrowser; it ends when its stdin closes (cat exits, xvfb-run cleans up). */
async function startXvfb() {
  const child = start("xvfb-run", ["-a", "-s", "-screen 0 1600x1200x24", "sh", "-c", 'echo "$DISPLAY $XAUTHORITY"; exec cat'], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const line = await new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      if (out.includes("\n")) resolve(out.split("\n")[0]);
    });
    child.once("exit", (code) => reject(new Error(`xvfb-run exited (${code}): ${stderr}`)));
  });
  const [display, xauthority] = line.trim().split(" ");
  return { child, display, xauthority };
}

/** GTK settings for MiniBrowser (XDG_CONFIG_HOME): a toolbar that fits 360 px, and animations on or off. */
function gtkConfig(dir, animations) {
  mkdirSync(join(dir, "gtk-3.0"), { recursive: true });
  writeFileSync(join(dir, "gtk-3.0", "settings.ini"), `[Settings]\ngtk-enable-animations=${animations ? 1 : 0}\n`);
  writeFileSync(
    join(dir, "gtk-3.0", "gtk.css"),
    "/* The browser's own toolbar only: web content is not styled by GTK. */\n" +
      "window * { min-width: 0; min-height: 0; margin: 0; padding: 0; border-width: 0; font-size: 1px; }\n",
  );
  return dir;
}

async function startDriver(command, env) {
  const port = await freePort();
  const child = start(command, [`--port=${port}`], { env, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${command} exited (${child.exitCode}): ${stderr}`);
    try {
      if ((await fetch(`${url}/status`)).ok) return { child, url };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${command} did not answer on ${url}: ${stderr}`);
    await sleep(50);
  }
}

/**
 * @param {"webkitgtk" | "wpe"} kind
 * @param {{ out: string, setInitScript(source: string): void, onRequest(listener: ((url: string) => void) | null): void }} server
 *   how the test server helps (support.mjs)
 */
export function launchWebKit(kind, server) {
  let xvfb = null;
  const configs = {};
  const contexts = new Set();

  async function session(options) {
    const { colorScheme, reducedMotion, javaScriptEnabled, hasTouch } = options;
    if (hasTouch) throw new Error(`${kind}: no touch input through WebDriver (tests skip taps here)`);
    let command, capabilities, env;
    if (kind === "wpe") {
      if (colorScheme === "dark" || reducedMotion === "reduce" || javaScriptEnabled === false) {
        throw new Error("wpe: cog has no options for colour scheme, reduced motion or JavaScript (not in the WPE set)");
      }
      command = "WPEWebDriver";
      env = process.env;
      capabilities = {
        browserName: "cog",
        "wpe:browserOptions": { binary: "/usr/bin/cog", args: ["--automation", "--platform=headless"] },
      };
    } else {
      xvfb ??= startXvfb();
      const { display, xauthority } = await xvfb;
      const profile = reducedMotion === "reduce" ? "reduced-motion" : "default";
      configs[profile] ??= gtkConfig(join(server.out, "webkitgtk", profile), profile === "default");
      command = "WebKitWebDriver";
      env = { ...process.env, DISPLAY: display, XAUTHORITY: xauthority, XDG_CONFIG_HOME: configs[profile], GDK_BACKEND: "x11" };
      delete env.WAYLAND_DISPLAY;
      const args = ["--automation"];
      if (colorScheme === "dark") args.push("--dark-mode");
      if (javaScriptEnabled === false) args.push("--enable-javascript=false");
      capabilities = { browserName: "MiniBrowser", "webkitgtk:browserOptions": { binary: minibrowser(), args } };
    }
    const { child, url } = await startDriver(command, env);
    const pending = new Builder().usingServer(url).withCapabilities(capabilities).build();
    let timer;
    const timeout = new Promise((resolve, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${command} opened no session in ${SESSION_TIMEOUT_MS / 1000} s (MiniBrowser needs a display: is Xvfb working?)`)),
        SESSION_TIMEOUT_MS,
      );
    });
    pending.catch(() => {}); // a late failure after the timeout won
    try {
      const driver = await Promise.race([pending, timeout]);
      // Long in-page loops (the XSS corpus) take minutes in a slow engine.
      await driver.manage().setTimeouts({ script: 600_000, pageLoad: 60_000 });
      return { driver, child };
    } catch (error) {
      await stop(child);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    async newContext(options = {}) {
      const context = new WebKitContext(kind, server, options, session, () => contexts.delete(context));
      contexts.add(context);
      return context;
    },
    async close() {
      await Promise.all([...contexts].map((c) => c.close()));
      if (xvfb) {
        const { child } = await xvfb.catch(() => ({}));
        child?.stdin.end();
        await Promise.race([new Promise((resolve) => child?.once("exit", resolve)), sleep(5000)]);
        await stop(child);
        xvfb = null;
      }
    },
  };
}

class WebKitContext {
  constructor(kind, server, options, session, forget) {
    this.kind = kind;
    this.server = server;
    this.options = options;
    this.session = session;
    this.forget = forget;
    this.initScripts = [];
    this.opened = null;
  }

  addInitScript(fn) {
    this.initScripts.push(`(${fn})();`);
  }

  async newPage() {
    if (this.opened) throw new Error(`${this.kind}: one page per context (a context is one WebDriver session)`);
    this.opened = this.session(this.options);
    const { driver } = await this.opened;
    if (this.kind === "webkitgtk") await viewport(driver, this.options.viewport ?? { width: 1280, height: 720 });
    const page = new Page(webdriver(driver, this.server), [...this.initScripts]);
    this.server.onRequest((url) => page.emit("request", { url: () => url }));
    return page;
  }

  async close() {
    this.forget();
    const opened = this.opened;
    this.opened = null;
    if (!opened) return;
    this.server.onRequest(null);
    const { driver, child } = await opened.catch(() => ({}));
    await driver?.quit().catch(() => {});
    await stop(child);
  }
}

/** Sizes MiniBrowser's window so that its viewport is exactly width x height. */
async function viewport(driver, { width, height }) {
  // The window resizes after setRect answers: read the viewport once it
  // has stopped changing.
  const settled = async () => {
    let last = "";
    for (let i = 0; i < 40; i++) {
      const now = (await driver.executeScript("return [innerWidth, innerHeight]")).join();
      if (now === last) return now.split(",").map(Number);
      last = now;
      await sleep(50);
    }
    return last.split(",").map(Number);
  };
  let rect = { width, height };
  let inner;
  for (let i = 0; i < 5; i++) {
    await driver.manage().window().setRect(rect);
    inner = await settled();
    if (inner[0] === width && inner[1] === height) return;
    rect = { width: rect.width + width - inner[0], height: rect.height + height - inner[1] };
  }
  throw new Error(`webkitgtk: asked for a ${width} x ${height} viewport, got ${inner.join(" x ")}`);
}

const KEYS = { Tab: Key.TAB, Escape: Key.ESCAPE, Shift: Key.SHIFT, Enter: Key.ENTER, Control: Key.CONTROL, Alt: Key.ALT };

/** page.mjs's driver over one WebDriver session. */
function webdriver(driver, server) {
  let dialogListener = () => {};
  // Commands go one after the other, in the order the test gave them (two
  // HTTP requests in flight could reach the browser in either order: an
  // event listener after the change it waits for).
  let queue = Promise.resolve();
  const command = (run) => {
    const result = queue.then(run).catch((error) => {
      // A command that finds an alert open fails; the dialog is reported
      // (it was dismissed: unhandledPromptBehavior's default).
      if (error.name === "UnexpectedAlertOpenError") dialogListener(error.getAlertText?.() ?? error.message);
      throw error;
    });
    queue = result.catch(() => {});
    return result;
  };
  const actions = () => driver.actions({ async: true });
  return {
    oneCommandAtATime: true,
    call: (source, args) => command(() => driver.executeScript(`return (${source}).apply(null, arguments)`, ...args)),
    async goto(url, initScripts) {
      server.setInitScript(initScripts.join("\n"));
      await command(() => driver.get(url));
    },
    url: () => command(() => driver.getCurrentUrl()),
    mouseMove: (x, y) =>
      command(() => actions().move({ x: Math.round(x), y: Math.round(y), origin: Origin.VIEWPORT, duration: 0 }).perform()),
    mouseDown: () => command(() => actions().press().perform()),
    mouseUp: () => command(() => actions().release().perform()),
    tap() {
      throw new Error("no touch input through WebDriver here");
    },
    async press(keys) {
      const codes = keys.map((k) => KEYS[k] ?? k);
      let chain = actions();
      for (const code of codes) chain = chain.keyDown(code);
      for (const code of [...codes].reverse()) chain = chain.keyUp(code);
      await command(() => chain.perform());
    },
    screenshot: async () => Buffer.from(await command(() => driver.takeScreenshot()), "base64"),
    onDialog(listener) {
      dialogListener = listener;
    },
    close: () => driver.quit(),
  };
}

/** The recorder every served page starts with in WebKit, before the context's init scripts. */
export const RECORDER = `(() => {
  const state = (window.__digestEngine = { errors: [] });
  const text = (e) => (e && e.message) || String(e);
  addEventListener("error", (e) => state.errors.push(["pageerror", text(e.error ?? e.message)]));
  addEventListener("unhandledrejection", (e) => state.errors.push(["pageerror", text(e.reason)]));
  const error = console.error;
  console.error = function (...args) {
    state.errors.push(["console", args.map(String).join(" ")]);
    return error.apply(this, args);
  };
})();`;
