// Big and odd input in a real browser: a 10 MB digest renders without
// crashing the tab, memory stops growing across 10,000 render/destroy
// cycles, and odd strings or wrong types give a model or a TypeError.
import assert from "node:assert/strict";
import { open, session, test } from "./support.mjs";

let context, page;
// Chromium gets gc() (a V8 flag) so that garbage is collected between
// rounds; the other engines have no such switch. The module's memory does
// not wait for the garbage collector (destroy() and each call free what
// they used, and the bundle registers no finalizers), so the test means the
// same without it.
const s = session({
  args: ["--js-flags=--expose-gc"],
  setup: async (state) => {
    context = await state.browser.newContext();
    page = await open(context, state.base, "/test/api.html");
  },
});

test("wasm memory does not grow across 10,000 render/destroy cycles", async () => {
  const sizes = await page.evaluate(async () => {
    const settle = async () => {
      globalThis.gc?.();
      await new Promise((r) => setTimeout(r, 50));
      globalThis.gc?.();
      await new Promise((r) => setTimeout(r, 50));
    };
    const el = document.getElementById("one");
    const text = "Key Facts - The bridge reopened on Monday [1][2] - Traffic is light [2] Outlook - Repairs continue [1]\nRoads|Bridge reopens\nValley Ledger·2025-04-01 10:00";
    const cycle = (n) => {
      for (let i = 0; i < n; i++) {
        const view = api.render(el, text + " ".repeat(i % 7));
        view.append(" - More [3]");
        view.destroy();
      }
    };
    cycle(1000); // let the allocator reach its working size (one round's)
    await settle();
    const before = wasm.memory.buffer.byteLength;
    for (let round = 0; round < 10; round++) {
      cycle(1000);
      await settle();
    }
    return { before, after: wasm.memory.buffer.byteLength };
  });
  assert.equal(sizes.after, sizes.before, `memory grew from ${sizes.before} to ${sizes.after} bytes`);
});

test("a 10 MB digest renders in the tab, and the module keeps working", async () => {
  const result = await page.evaluate(() => {
    const unit = "Key Facts - Crews cleared the harbour road overnight after the storm [1][2] - Ferries resumed at noon [3] Outlook - Repairs will take a month [1]\n";
    const text = unit.repeat(Math.ceil((10 << 20) / unit.length));
    const el = document.getElementById("one");
    const view = api.render(el, text);
    const sections = el.querySelectorAll("section.digest-section").length;
    view.destroy();
    el.replaceChildren();
    return { length: text.length, sections, after: api.parseDigest("Facts - Still working [1]").sections.length };
  });
  assert.ok(result.length >= 10 << 20);
  assert.ok(result.sections > 100_000, `${result.sections} sections`);
  assert.equal(result.after, 1);
});

test("lone surrogates, NUL, long lines and wrong types give a model or a TypeError", async () => {
  const outcomes = await page.evaluate(() => {
    const outcome = (f) => {
      try {
        const value = f();
        return typeof value === "string" ? "string" : value && value.sections ? `model:${value.sections.length}` : typeof value;
      } catch (e) {
        return `${e.constructor.name}`;
      }
    };
    return [
      outcome(() => api.parseDigest("Facts - a\uD800b [1] - \uDC00 [2]")),
      outcome(() => api.parseDigest("Facts - a\u0000b [1]")),
      outcome(() => api.parseDigest("x".repeat(5_000_000) + " [1]")),
      outcome(() => api.renderHtml("\uDFFF\uD800".repeat(1000))),
      outcome(() => api.parseDigest(Symbol("x"))),
      outcome(() => api.parseDigest(12n)),
      outcome(() => api.renderHtml({ sections: [{ points: [{ text: "t", inlines: [{ type: "cite", ids: [1.5] }] }] }] })),
      outcome(() => api.renderHtml({ sections: [{ points: [{ text: "t", inlines: [{ type: "video" }] }] }] })),
      outcome(() => api.parseDigest("Facts - after the errors [1]")),
    ];
  });
  assert.deepEqual(outcomes, ["model:1", "model:1", "model:1", "string", "TypeError", "TypeError", "TypeError", "TypeError", "model:1"]);
});
