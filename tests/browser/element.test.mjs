// <digest-view>: text content, src, attributes, references, late upgrade,
// errors, disconnect, theming through custom properties and ::part; the
// full package loads only once an element streams.
import assert from "node:assert/strict";
import { join } from "node:path";
import { legacy, open, repo, session, test } from "./support.mjs";

let renderHtml;
const s = session({
  setup: async () => {
    ({ renderHtml } = await import(join(repo, "pkg", "node.js")));
  },
});

async function elementPage() {
  const context = await s.browser.newContext();
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(e.message));
  page.requests = [];
  page.on("request", (r) => page.requests.push(new URL(r.url()).pathname));
  await page.addInitScript(() => {
    window.rejections = 0;
    addEventListener("unhandledrejection", () => window.rejections++);
  });
  await page.goto(`${s.base}/test/element.html`);
  await page.waitForFunction(() =>
    ["inline", "remote", "themed"].every((id) => document.getElementById(id).shadowRoot?.querySelector("article.digest")),
  );
  return { context, page };
}

const shadowText = (page, id, selector) =>
  page.evaluate(([id, selector]) => document.getElementById(id).shadowRoot.querySelector(selector)?.textContent ?? null, [id, selector]);

test("one script tag: text content and src render, with working tooltips", legacy, async () => {
  const { context, page } = await elementPage();
  assert.equal(await shadowText(page, "inline", ".digest-headline"), "Ferry timetable changes");
  assert.match(await shadowText(page, "remote", ".digest-headline"), /Port Selwick harbour reopens/);
  const cite = page.locator("#inline .digest-cite").first(); // locators pierce open shadow roots
  await cite.hover();
  const tip = page.locator('#inline [role="tooltip"]:not([hidden])');
  await tip.waitFor({ state: "visible" });
  assert.match(await tip.textContent(), /Harbour Post/);
  await cite.focus();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Escape");
  assert.equal(await page.locator('#inline [role="tooltip"]:not([hidden])').count(), 0);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("references from a child script, heading-level, and theming through custom properties and ::part", legacy, async () => {
  const { context, page } = await elementPage();
  assert.equal(await shadowText(page, "themed", "h3.digest-heading"), "Outlook");
  assert.equal(await shadowText(page, "themed", ".digest-reference-title"), "Roads office notice");
  const styles = await page.evaluate(() => {
    const root = document.getElementById("themed").shadowRoot;
    return {
      cite: getComputedStyle(root.querySelector(".digest-cite")).color,
      link: getComputedStyle(root.querySelector(".digest-reference-link")).color,
    };
  });
  assert.deepEqual(styles, { cite: "rgb(255, 0, 0)", link: "rgb(0, 128, 0)" });
  await context.close();
});

test("it re-renders when its text, attributes or src change", async () => {
  const { context, page } = await elementPage();
  const rendered = (id) => page.evaluate((id) => new Promise((r) => document.getElementById(id).addEventListener("render", r, { once: true })), id);

  let done = rendered("inline");
  await page.evaluate(() => (document.getElementById("inline").firstChild.data = "Changed - A new point [7]"));
  await done;
  assert.equal(await shadowText(page, "inline", ".digest-heading"), "Changed");

  done = rendered("inline");
  await page.evaluate(() => document.getElementById("inline").setAttribute("heading-level", "5"));
  await done;
  assert.equal(await shadowText(page, "inline", "h5.digest-heading"), "Changed");

  done = rendered("inline");
  await page.evaluate(() => document.getElementById("inline").setAttribute("label-source", "Quelle {n}"));
  await done;
  assert.match(await shadowText(page, "inline", '[role="tooltip"]'), /Quelle 7/);

  done = rendered("remote");
  await page.evaluate(() => document.getElementById("remote").setAttribute("src", "/samples/zh-multiline.txt"));
  await done;
  assert.match(await shadowText(page, "remote", ".digest-column"), /\p{Script=Han}/u);

  done = rendered("themed");
  await page.evaluate(() => (document.getElementById("themed").references = [{ id: 1, title: "From the property" }]));
  await done;
  assert.equal(await shadowText(page, "themed", ".digest-reference-title"), "From the property");
  await context.close();
});

test("a fetch error shows in the element and fires an error event, never an unhandled rejection", async () => {
  const { context, page } = await elementPage();
  const message = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const el = document.createElement("digest-view");
        el.addEventListener("error", (e) => resolve(e.detail.message));
        el.setAttribute("src", "/samples/does-not-exist.txt");
        document.body.append(el);
      }),
  );
  assert.match(message, /does-not-exist\.txt answered 404/);
  const shown = await page.evaluate(() => {
    const el = document.querySelector('digest-view[src$="does-not-exist.txt"]');
    const status = el.shadowRoot.querySelector('[role="alert"]');
    return status.hidden ? null : status.textContent;
  });
  assert.match(shown, /404/);
  const bad = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const el = document.createElement("digest-view");
        el.addEventListener("error", (e) => resolve(e.detail.name + ": " + e.detail.message));
        el.setAttribute("heading-level", "9");
        el.textContent = "Facts - A point [1]";
        document.body.append(el);
      }),
  );
  assert.match(bad, /RangeError: render: options.headingLevel must be 2 to 6/);
  await page.waitForTimeout(100);
  assert.equal(await page.evaluate(() => window.rejections), 0);
  await context.close();
});

test("created before the module loads (late upgrade), with a property set early; disconnect cleans up", async () => {
  const context = await s.browser.newContext();
  const page = await open(context, s.base, "/test/api.html"); // a page without element.js
  await page.evaluate(() => {
    const el = document.createElement("digest-view");
    el.id = "late";
    el.textContent = "Facts - The bridge reopened [1]";
    el.references = { 1: { title: "Set before upgrade" } };
    document.body.append(el);
  });
  assert.equal(await page.evaluate(() => !!document.getElementById("late").shadowRoot), false);
  await page.addScriptTag({ type: "module", url: "/pkg/element.js" });
  await page.waitForFunction(() => document.getElementById("late").shadowRoot?.querySelector(".digest-reference-title"));
  assert.equal(await shadowText(page, "late", ".digest-reference-title"), "Set before upgrade");

  // Remove while a tooltip is open, then put it back: it renders again.
  await page.locator("#late .digest-cite").first().focus();
  await page.evaluate(() => {
    window.kept = document.getElementById("late");
    window.kept.remove();
  });
  assert.equal(await page.locator('[role="tooltip"]:not([hidden])').count(), 0);
  await page.evaluate(() => document.body.append(window.kept));
  await page.waitForFunction(() => document.getElementById("late").shadowRoot.querySelector("article.digest"));
  assert.deepEqual(page.errors, []);
  await context.close();
});

/** How many times the page requested each of the full package's files. */
const fullPackageRequests = (page) => ({
  "digest_render.js": page.requests.filter((p) => p === "/pkg/digest_render.js").length,
  "digest_render_bg.wasm": page.requests.filter((p) => p === "/pkg/digest_render_bg.wasm").length,
});

test("elements that do not stream never load the full package; the first stream loads it once, and streamed text renders as the whole text", legacy, async () => {
  const { context, page } = await elementPage();
  const first = "Key Facts - The night bus returns to the valley route [1] - Fares stay as they were [2]";
  const chunks = [" Outlook - A winter timetable follows in October [1][3]", "\nTransport|Night bus returns\nValley Courier·2025-09-14 18:30"];
  const second = "Summary - The library opens on Sundays from May [1]";
  const more = " - Study rooms can be booked online [2] - Late returns cost nothing in the first week [1]";

  // Two more elements, each rendered, then edited (not an append: it renders
  // again, it does not stream).
  await page.evaluate(async ([first, second]) => {
    for (const [id, text] of [["bus", first], ["library", second]]) {
      const el = document.createElement("digest-view");
      el.id = id;
      el.textContent = text.replace("[1]", "[4]");
      const rendered = () => new Promise((resolve) => el.addEventListener("render", resolve, { once: true }));
      let done = rendered();
      document.querySelector("main").append(el);
      await done;
      done = rendered();
      el.textContent = text;
      await done;
    }
  }, [first, second]);
  assert.ok(page.requests.includes("/pkg/render_bg.wasm"), `the render-only module was not requested: ${page.requests.join(", ")}`);
  assert.deepEqual(fullPackageRequests(page), { "digest_render.js": 0, "digest_render_bg.wasm": 0 }, "loaded before any element streamed");

  // One streams by text appended to it, then the other through
  // stream(chunk): the first stream loads the full package, the second
  // uses it.
  const markup = (el) => {
    // The digest as the element shows it, without the `part` attributes
    // it adds for theming.
    const copy = el.shadowRoot.querySelector('[part="container"]').cloneNode(true);
    for (const node of copy.querySelectorAll("[part]")) node.removeAttribute("part");
    return { text: el.textContent, html: copy.innerHTML };
  };
  const library = await page.evaluate(
    async ([more, markup]) => {
      const el = document.getElementById("library");
      el.append(more);
      await el.finish();
      return new Function(`return (${markup})`)()(el);
    },
    [more, markup.toString()],
  );
  assert.deepEqual(fullPackageRequests(page), { "digest_render.js": 1, "digest_render_bg.wasm": 1 }, "after text was appended to an element");
  const bus = await page.evaluate(
    async ([chunks, markup]) => {
      const el = document.getElementById("bus");
      for (const chunk of chunks) el.stream(chunk);
      await el.finish();
      return new Function(`return (${markup})`)()(el);
    },
    [chunks, markup.toString()],
  );
  const shown = [bus, library];
  const wholeBus = first + chunks.join("");
  const wholeLibrary = second + more;
  assert.deepEqual(shown.map((s) => s.text), [wholeBus, wholeLibrary]);
  // renderHtml's markup as this browser serialises it.
  const want = await page.evaluate((htmls) => htmls.map((html) => {
    const parsed = document.createElement("div");
    parsed.innerHTML = html;
    return parsed.innerHTML;
  }), [renderHtml(wholeBus), renderHtml(wholeLibrary)]);
  assert.equal(shown[0].html, want[0], "stream(chunk) then finish()");
  assert.equal(shown[1].html, want[1], "text appended then finish()");
  assert.deepEqual(fullPackageRequests(page), { "digest_render.js": 1, "digest_render_bg.wasm": 1 });
  assert.deepEqual(page.errors, []);
  await context.close();
});
