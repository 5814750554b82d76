// The package on a page with a strict Content-Security-Policy and Trusted
// Types: render, hydrate and <digest-view> must work with no violation at
// all (no innerHTML without the `digest-render` policy, no style attributes
// for tooltip placement), and the tooltips must still open on hover, focus
// and tap, close on Escape, and sit next to their citation.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, legacy, open, out, repo, session, site, test, unsupported } from "./support.mjs";

const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "require-trusted-types-for 'script'; trusted-types digest-render";

const pages = join(repo, "tests", "browser", "pages");

// Server-rendered for the hydrate page (our own words, like the other pages).
const HYDRATE_TEXT = `Overview - The Millbrook night market opens for the summer season on Friday with sixty stalls [1] - Organisers expect about 4,000 visitors on each weekend evening [1][2] Getting There - Extra late buses will run on route 12 until midnight [3] - Parking on Mill Street is closed from 5 pm on market nights [2][3]
Community|Night market returns to Millbrook for the summer
Millbrook Weekly·2025-06-09 08:30`;

// Every response carries the policy; only the documents' copy matters.
const s = session({
  headers: () => ({ "content-security-policy": CSP }),
  setup: async () => {
    const { renderHtml } = await import(join(repo, "pkg", "node.js"));
    const html = readFileSync(join(pages, "csp-hydrate.html"), "utf8");
    const marker = "<!-- server-rendered -->";
    assert.ok(html.includes(marker), "csp-hydrate.html lost its marker");
    writeFileSync(join(out, "csp-hydrate.html"), html.replace(marker, () => renderHtml(HYDRATE_TEXT)));
  },
});

// Where each surface's digest lives; `scope` is a locator that contains it
// (playwright's locators pierce the element's open shadow root).
const surfaces = [
  {
    name: "render",
    path: "/test/csp-render.html",
    scope: (page) => page.locator("#digest"),
    expect: { headline: "River ferry back in service after ramp repairs", sections: 3, points: 6, cites: 9 },
  },
  {
    name: "hydrate",
    path: "/out/csp-hydrate.html",
    scope: (page) => page.locator("#digest"),
    expect: { headline: "Night market returns to Millbrook for the summer", sections: 2, points: 4, cites: 6 },
  },
  {
    name: "<digest-view>",
    path: "/test/csp-element.html",
    scope: (page) => page.locator("digest-view"),
    expect: { headline: "Coastal path reopens after landslip is cleared", sections: 2, points: 4, cites: 6 },
  },
];

/** Records every CSP violation from the first script on, in window.cspViolations. */
function recordViolations() {
  window.cspViolations = [];
  // Capture on window: violations inside a shadow root are composed and reach it too.
  addEventListener(
    "securitypolicyviolation",
    (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}${e.sample ? ` (${e.sample})` : ""}`),
    true,
  );
}

/** A fresh context (closed after `body`) with `path` open and violations recorded. */
async function withPage(path, { base = s.base, ...options }, body) {
  const context = await s.browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  try {
    await context.addInitScript(recordViolations);
    const page = await open(context, base, path);
    await body(page);
  } finally {
    await context.close();
  }
}

/** No CSP violation and no page or console error so far. */
async function assertClean(page) {
  // Violation events are queued as tasks: let any pending one arrive first.
  const violations = await page.evaluate(() => new Promise((done) => setTimeout(() => done(window.cspViolations), 50)));
  assert.deepEqual(violations, [], "CSP violations");
  assert.deepEqual(page.errors, [], "page errors");
}

/** Fails at once, with the page's errors, if the digest is not on the page. */
async function assertRendered(page, surface) {
  const scope = surface.scope(page);
  const count = await scope.locator(".digest-cite").count();
  if (count === 0) {
    const violations = await page.evaluate(() => window.cspViolations);
    assert.fail(`no citations rendered; CSP violations: ${JSON.stringify(violations)}; page errors: ${JSON.stringify(page.errors)}`);
  }
  assert.equal(await scope.locator(".digest-headline").textContent(), surface.expect.headline);
  assert.equal(await scope.locator(".digest-section").count(), surface.expect.sections, "sections");
  assert.equal(await scope.locator(".digest-point").count(), surface.expect.points, "points");
  assert.equal(count, surface.expect.cites, "citations");
}

const openTips = (surface, page) => surface.scope(page).locator('[role="tooltip"]:not([hidden])');

/** Waits until exactly the tooltip `trigger` describes is open. */
async function assertOpenFor(surface, page, trigger, how) {
  const tips = openTips(surface, page);
  await tips.first().waitFor({ state: "visible", timeout: 5000 }).catch(() => {
    throw new assert.AssertionError({ message: `${how} did not open a tooltip; page errors: ${JSON.stringify(page.errors)}` });
  });
  assert.equal(await tips.count(), 1, `${how}: more than one tooltip open`);
  assert.equal(await tips.getAttribute("id"), await trigger.getAttribute("aria-describedby"), `${how} opened the wrong tooltip`);
}

async function assertClosed(surface, page, how) {
  await openTips(surface, page).first().waitFor({ state: "hidden", timeout: 5000 }).catch(() => {
    throw new assert.AssertionError({ message: `${how} did not close the tooltip` });
  });
}

/**
 * No style attribute anywhere on the page (shadow roots included). Where
 * constructed stylesheets are missing (Safari before 16.4: the WPE run) the
 * tooltip's place is written to its own style through CSSOM, which no CSP
 * blocks (it stays when the tooltip closes): tooltips with only their
 * placement are expected there.
 */
async function assertNoStyleAttributes(page, when) {
  const styled = await page.locator("[style]").evaluateAll((els) => els.map((e) => `<${e.localName} class="${e.className}" style="${e.getAttribute("style")}">`));
  const constructed = await page.evaluate(() => "adoptedStyleSheets" in document);
  const placement = /^<div class="digest-tooltip( digest-tooltip-open)?" style="left: \d+px; top: \d+px; --digest-arrow-x: \d+px;">$/;
  const unexpected = constructed ? styled : styled.filter((s) => !placement.test(s));
  assert.deepEqual(unexpected, [], `elements with a style attribute ${when}`);
}

/** While a tooltip is open: no violation (placing it must not need a style attribute), no style attribute. */
async function assertCleanWhileOpen(page, when) {
  await assertClean(page);
  await assertNoStyleAttributes(page, when);
}

/** The trigger's tooltip box and its own, once its opening animation is over. */
async function placement(page, trigger) {
  const handle = await trigger.elementHandle();
  await page.waitForFunction((el) => {
    const tip = el.getRootNode().getElementById(el.getAttribute("aria-describedby"));
    // Style first, so that the animation has started (see support.mjs's settled).
    return tip && !tip.hidden && getComputedStyle(tip).opacity === "1" && tip.getAnimations().every((a) => a.playState === "finished");
  }, handle, { timeout: 5000 });
  return handle.evaluate((el) => {
    const tip = el.getRootNode().getElementById(el.getAttribute("aria-describedby"));
    const box = (r) => ({ left: r.left, right: r.right, top: r.top, bottom: r.bottom });
    return {
      tip: box(tip.getBoundingClientRect()),
      trigger: box(el.getBoundingClientRect()),
      viewport: { width: document.documentElement.clientWidth, height: document.documentElement.clientHeight },
    };
  });
}

for (const surface of surfaces) {
  describe(`${surface.name} under a strict CSP with Trusted Types`, () => {
    test("renders the digest with no CSP violation and no page error", legacy, async () => {
      await withPage(surface.path, {}, async (page) => {
        await assertRendered(page, surface);
        await assertClean(page);
        await assertNoStyleAttributes(page, "after rendering");
      });
    });

    test("hover and keyboard focus open a citation's tooltip, Escape closes it", legacy, async () => {
      await withPage(surface.path, {}, async (page) => {
        await assertRendered(page, surface);
        const cites = surface.scope(page).locator(".digest-cite");

        await cites.nth(0).hover();
        await assertOpenFor(surface, page, cites.nth(0), "hover");
        await assertCleanWhileOpen(page, "while a tooltip is open");
        await page.keyboard.press("Escape");
        await assertClosed(surface, page, "Escape after hover");

        await cites.nth(2).focus();
        await assertOpenFor(surface, page, cites.nth(2), "focus");
        await assertCleanWhileOpen(page, "while a tooltip is open");
        await page.keyboard.press("Escape");
        await assertClosed(surface, page, "Escape after focus");
        await assertClean(page);
      });
    });

    test("a tap opens a citation's tooltip on a touch screen", async (t) => {
      if (unsupported(t, "touch")) return;
      await withPage(surface.path, { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true }, async (page) => {
        await assertRendered(page, surface);
        const cite = surface.scope(page).locator(".digest-cite").nth(1);
        await cite.scrollIntoViewIfNeeded();
        await cite.tap();
        await assertOpenFor(surface, page, cite, "tap");
        await assertCleanWhileOpen(page, "while a tooltip is open");
      });
    });

    for (const width of [1280, 360]) {
      test(`at ${width} px every tooltip opens beside its citation, inside the viewport`, async () => {
        await withPage(surface.path, { viewport: { width, height: 740 } }, async (page) => {
          await assertRendered(page, surface);
          const cites = surface.scope(page).locator(".digest-cite");
          const count = await cites.count();
          for (let i = 0; i < count; i++) {
            const trigger = cites.nth(i);
            // Every third citation at the bottom edge, where the tooltip must flip above.
            await trigger.evaluate((el, low) => el.scrollIntoView({ block: low ? "end" : "center" }), i % 3 === 0);
            await trigger.focus({ preventScroll: true });
            const g = await placement(page, trigger);
            const where = `citation ${i}: ${JSON.stringify(g)}`;
            assert.ok(
              g.tip.left >= -0.5 && g.tip.top >= -0.5 && g.tip.right <= g.viewport.width + 0.5 && g.tip.bottom <= g.viewport.height + 0.5,
              `tooltip leaves the viewport, ${where}`,
            );
            const below = g.tip.top - g.trigger.bottom;
            const above = g.trigger.top - g.tip.bottom;
            assert.ok((below >= -1 && below <= 24) || (above >= -1 && above <= 24), `tooltip is not just below or just above its citation, ${where}`);
            assert.ok(g.tip.left < g.trigger.right && g.tip.right > g.trigger.left, `tooltip does not overlap its citation horizontally, ${where}`);
            // After the geometry, so that this test names the misplacement itself.
            await assertCleanWhileOpen(page, `while tooltip ${i} is open`);
          }
        });
      });
    }
  });
}

describe("control: the same page without the policy", () => {
  test("csp-render.html renders and its tooltip opens when served with no CSP header", async () => {
    // A server of its own, without the header, so a CSP failure above can be
    // told apart from a broken page or package.
    const { server, url } = await site();
    try {
      await withPage("/test/csp-render.html", { base: url }, async (page) => {
        const surface = surfaces[0];
        await assertRendered(page, surface);
        const cite = surface.scope(page).locator(".digest-cite").first();
        await cite.hover();
        await assertOpenFor(surface, page, cite, "hover");
        await assertClean(page);
      });
    } finally {
      server.close();
    }
  });
});

describe("a page that names its own Trusted Types policy", () => {
  test("render uses options.trustedTypesPolicy, with no violation and no policy named digest-render", async () => {
    const policy = CSP.replace("trusted-types digest-render", "trusted-types site-html");
    const { server, url } = await site({ headers: () => ({ "content-security-policy": policy }) });
    try {
      await withPage("/test/csp-own-policy.html", { base: url }, async (page) => {
        const digest = page.locator("#digest");
        assert.equal(await digest.locator(".digest-point").count(), 2, "nothing rendered");
        assert.equal(await page.evaluate(() => window.policyCalls), 1);
        const cite = digest.locator(".digest-cite").first();
        await cite.hover();
        await page.locator('[role="tooltip"]:not([hidden])').waitFor({ state: "visible" });
        await assertClean(page);
      });
    } finally {
      server.close();
    }
  });
});
