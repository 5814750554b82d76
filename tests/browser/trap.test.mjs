// Trap recovery in the browser, with the trap-test build of the package
// (make pkg-trap): after the module traps, and with its instance poisoned
// so that every later call into it would trap too, every entry point works
// on the same page: parseDigest, renderHtml, a view from render (update and
// append), a view from hydrate (its tooltips and update), <digest-view>
// (re-rendering when its text changes, with the render-only module, which
// is trapped and poisoned too), a new render, and a stream.
import assert from "node:assert/strict";
import { open, openTooltips, session, test } from "./support.mjs";

const s = session();

async function trapPage() {
  const context = await s.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await open(context, s.base, "/test/trap.html");
  return { context, page };
}

/**
 * Traps the full module on purpose, and the render-only one the same way;
 * returns what the full module's call threw (the render-only one's must say
 * the same).
 */
async function trap(page) {
  const [full, renderOnly] = await page.evaluate(() =>
    [api, renderOnly].map((entry) => {
      try {
        entry.trapForTests(true);
        return { threw: false };
      } catch (e) {
        return { threw: true, name: e.constructor.name, message: e.message, cause: e.cause?.constructor?.name };
      }
    }),
  );
  // The same but for the engine's words about the trap (WebKit quotes
  // the minified call, which differs between the two bundles).
  const same = ({ message, ...rest }) => ({ ...rest, message: message?.replace(/ \(.*\) and was/, " (…) and was") });
  assert.deepEqual(same(renderOnly), same(full));
  return full;
}

test("a trap throws an Error saying the module restarted; every entry point works after it", async () => {
  const { context, page } = await trapPage();
  const thrown = await trap(page);
  assert.equal(thrown.threw, true);
  assert.equal(thrown.name, "Error");
  assert.match(thrown.message, /^trapForTests: the digest-render WebAssembly module failed .* and was restarted/);
  assert.equal(thrown.cause, "RuntimeError");

  const after = await page.evaluate(async () => {
    const model = api.parseDigest(text);
    const html = api.renderHtml(text);
    const renderOnlyHtml = renderOnly.renderHtml(text);
    // The view from render: update, then append and finish.
    const rendered = document.getElementById("rendered");
    window.rendered.update(text.replace("Crossings were added", "Two crossings were added"));
    const updated = rendered.querySelector(".digest-point").nextElementSibling.textContent;
    window.rendered.append(" Later - Timetables are printed [4]");
    window.rendered.finish();
    // A new render on a fresh container.
    const fresh = document.createElement("div");
    document.querySelector("main").append(fresh);
    api.render(fresh, text);
    // <digest-view> re-renders when its text changes.
    const element = document.getElementById("element");
    const rerendered = new Promise((resolve) => element.addEventListener("render", resolve, { once: true }));
    element.firstChild.data = element.firstChild.data.replace("Study rooms", "Group rooms");
    await rerendered;
    return {
      points: model.sections[0].points.length,
      html: html.startsWith('<article class="digest"'),
      renderOnlyHtml: renderOnlyHtml === html,
      updated,
      appended: rendered.querySelectorAll(".digest-section").length,
      fresh: fresh.querySelectorAll(".digest-cite").length,
      element: element.shadowRoot.querySelector(".digest").textContent.includes("Group rooms"),
    };
  });
  assert.deepEqual(after, {
    points: 2,
    html: true,
    renderOnlyHtml: true,
    updated: "Two crossings were added2",
    appended: 3,
    fresh: 4,
    element: true,
  });
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("after a trap, hydrated and rendered tooltips still open, and the hydrated view updates", async () => {
  const { context, page } = await trapPage();
  for (let i = 0; i < 3; i++) assert.equal((await trap(page)).threw, true);
  for (const container of ["#hydrated", "#rendered"]) {
    await page.locator(`${container} .digest-cite`).first().hover();
    const tip = openTooltips(page);
    await tip.waitFor({ state: "visible" });
    assert.match(await tip.textContent(), /Source 1/);
    await page.mouse.move(5, 880);
    await page.waitForFunction(() => !document.querySelector('[role="tooltip"]:not([hidden])'));
  }
  const headline = await page.evaluate(() => {
    window.hydrated.update(text.replace("Ferry service resumes", "Ferry service is back"));
    return document.querySelector("#hydrated .digest-headline").textContent;
  });
  assert.equal(headline, "Ferry service is back");
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("a 10 MB hostile digest throws a RangeError about its size, and the page keeps working", async () => {
  const { context, page } = await trapPage();
  const result = await page.evaluate(() => {
    const hostile = "[1 - ".repeat((10 << 20) / 5);
    let error;
    try {
      api.render(document.getElementById("rendered"), hostile);
    } catch (e) {
      error = { name: e.constructor.name, message: e.message };
    }
    window.rendered.update(text);
    return { error, points: document.querySelectorAll("#rendered .digest-point").length };
  });
  assert.equal(result.error?.name, "RangeError");
  assert.match(result.error.message, /^render: this digest would make about \d+ MB of markup, more than the 256 MB/);
  assert.equal(result.points, 3);
  await context.close();
});

test("a stream refuses one push of a hostile digest with a RangeError about its size, and the page keeps working", async () => {
  const { context, page } = await trapPage();
  const result = await page.evaluate(async () => {
    const el = document.createElement("div");
    document.querySelector("main").append(el);
    const view = api.render(el, "");
    view.append("Port Update - ");
    await new Promise(requestAnimationFrame); // the stream is open
    let error;
    try {
      // One point citing in every word: about 100 MB of markup at once.
      view.append("a [1] ".repeat(700000));
      view.finish();
    } catch (e) {
      error = { name: e.constructor.name, message: e.message };
    }
    const other = document.createElement("div");
    api.render(other, text);
    return { error, points: other.querySelectorAll(".digest-point").length };
  });
  assert.equal(result.error?.name, "RangeError");
  assert.match(result.error.message, /^DigestView\.finish: this digest would make about \d+ MB of markup, more than the 64 MB/);
  assert.equal(result.points, 3);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("a stream goes on after a trap: the view opens a new stream from its text, keeps its points and ends equal", async () => {
  const { context, page } = await trapPage();
  const result = await page.evaluate(async () => {
    const frame = () => new Promise(requestAnimationFrame);
    const el = document.createElement("div");
    document.querySelector("main").append(el);
    const view = api.render(el, "");
    const whole = text.replace("\n", " - Timetables are printed [4]\n");
    const cut = whole.indexOf("Outlook");
    for (const chunk of whole.slice(0, cut).match(/.{1,6}/gs)) {
      view.append(chunk);
      await frame();
    }
    const first = el.querySelector(".digest-point");
    let threw = false;
    try {
      api.trapForTests(true); // poisoned: the old instance and its streams are gone
    } catch {
      threw = true;
    }
    for (const chunk of whole.slice(cut).match(/.{1,6}/gs)) {
      view.append(chunk);
      await frame();
    }
    const busy = el.querySelector("article").getAttribute("aria-busy");
    view.finish();
    const other = document.createElement("div");
    api.render(other, whole);
    return { threw, busy, kept: el.querySelector(".digest-point") === first, equal: el.innerHTML === other.innerHTML };
  });
  assert.deepEqual(result, { threw: true, busy: "true", kept: true, equal: true });
  assert.deepEqual(page.errors, []);
  await context.close();
});
