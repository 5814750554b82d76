// The package in Node 20, installed from the packed tarball: the import,
// the model against the native CLI, the markup, and bad calls; and the
// render-only entry, `digest-render/render`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { consumer, fixtures, fixturesDir, native } from "./support.mjs";

const dir = consumer("node", {});
const api = await import(join(dir, "node_modules", "digest-render", "node.js"));

test("imports by name with no init, and init() resolves", async () => {
  const script = `const { parseDigest, renderHtml } = await import('digest-render');
    const d = parseDigest('Key Facts - The port reopened [1]');
    if (d.sections[0].points[0].citations[0] !== 1) throw new Error('bad model');
    if (!renderHtml(d).startsWith('<article class="digest"')) throw new Error('bad html');
    const init = (await import('digest-render')).default;
    await init();
    console.log('ok');`;
  const { execFileSync } = await import("node:child_process");
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: dir, encoding: "utf8" });
  assert.equal(out.trim(), "ok");
});

test("parseDigest gives the native model on every fixture, member for member and in order", () => {
  for (const [name, text] of fixtures()) {
    const ours = api.parseDigest(text);
    const theirs = JSON.parse(native("json", name));
    assert.deepEqual(ours, theirs, name);
    // The objects are built from the module's records, not parsed from
    // JSON: their members come in the model's order too.
    assert.equal(JSON.stringify(ours), JSON.stringify(theirs), name);
  }
});

test("renderHtml gives the native markup, from text and from the model", () => {
  for (const [name, text] of fixtures()) {
    const expected = native("html", name);
    assert.equal(api.renderHtml(text), expected, name);
    assert.equal(api.renderHtml(api.parseDigest(text)), expected, `${name} from the model`);
  }
});

test("options: references as an array or keyed object, labels, heading level", () => {
  const text = "Facts - The port reopened [1][2]";
  const byArray = api.renderHtml(text, { references: [{ id: 1, title: "Port authority", url: "https://example.com/p" }] });
  const byKey = api.renderHtml(text, { references: { 1: { title: "Port authority", url: "https://example.com/p" } } });
  assert.equal(byArray, byKey);
  assert.match(byArray, /Port authority/);
  assert.match(byArray, /href="https:\/\/example.com\/p"/);
  const model = api.parseDigest(text, { references: { 2: { text: "Crew log" } } });
  assert.equal(model.references.find((r) => r.id === 2).text, "Crew log");
  const html = api.renderHtml(text, { headingLevel: 4, labels: { source: "Quelle {n}", citation: "Quelle {n}" } });
  assert.match(html, /<h4 class="digest-heading">Facts<\/h4>/);
  assert.match(html, /aria-label="Quelle 1"/);
});

test("wrong argument types throw a TypeError naming the argument, and the module keeps working", () => {
  const cases = [
    [() => api.parseDigest(42), TypeError, /parseDigest: text must be a string, not number/],
    [() => api.parseDigest(null), TypeError, /text must be a string, not null/],
    [() => api.parseDigest({}), TypeError, /text must be a string, not object/],
    [() => api.parseDigest("x", 5), TypeError, /options must be an object, not number/],
    [() => api.parseDigest("x", { headingLevel: "2" }), TypeError, /options\.headingLevel must be a number/],
    [() => api.parseDigest("x", { headingLevel: 9 }), RangeError, /headingLevel must be 2 to 6, not 9/],
    [() => api.parseDigest("x", { headingLevel: NaN }), RangeError, /headingLevel must be 2 to 6, not NaN/],
    [() => api.renderHtml("x", { headingLevel: -Infinity }), RangeError, /headingLevel must be 2 to 6, not -Infinity/],
    [() => api.renderHtml(undefined), TypeError, /renderHtml: input must be digest text or a Digest, not undefined/],
    [() => api.renderHtml([1, 2]), TypeError, /input must be digest text or a Digest, not an array/],
    [() => api.renderHtml({ sections: 5 }), TypeError, /input\.sections must be an array, not number/],
    [() => api.renderHtml({ sections: [{ points: [{ text: 1 }] }] }), TypeError, /input\.sections\[0\]\.points\[0\]\.text must be a string/],
    [() => api.renderHtml("x", { references: 3 }), TypeError, /options\.references must be an array or an object keyed by id/],
    [() => api.renderHtml("x", { references: { abc: {} } }), TypeError, /keys must be citation numbers, not "abc"/],
    [() => api.renderHtml("x", { references: [{ id: -1 }] }), TypeError, /options\.references\[0\]\.id must be a whole number/],
    [() => api.renderHtml("x", { labels: { source: 7 } }), TypeError, /options\.labels\.source must be a string/],
    [() => api.renderHtml("x", { dir: "up" }), TypeError, /options\.dir must be "ltr" or "rtl", not string/],
    [() => api.renderHtml("x", { labels: { months: ["Jan"] } }), TypeError, /options\.labels\.months must be a list of 12 names/],
    [() => api.renderHtml({ sections: [{ points: [{ text: "a", inlines: [{ type: "cite", ids: [1.5] }] }] }] }), TypeError, /input\.sections\[0\]\.points\[0\]\.inlines\[0\]\.ids\[0\] must be a whole number from 0, not number/],
    [() => api.renderHtml({ title: { headline: "x" }, sections: [{ points: [{ text: "a", inlines: [{ type: "note" }] }] }] }), TypeError, /inlines\[0\]\.type must be "text", "cite", "strong", "emphasis", "code" or "link", not string/],
    [() => api.renderHtml({ sections: [{ points: [{ text: "a", inlines: [{ type: "strong", children: [{ type: "strong", children: [] }] }] }] }] }), TypeError, /inlines\[0\]\.children\[0\]\.type must be "text", "cite", "emphasis", "code" or "link", not "strong"/],
    [() => api.renderHtml({ sections: [{ points: [{ text: "a", inlines: [{ type: "link", url: "https://example.com", children: [{ type: "cite", ids: [1] }] }] }] }] }), TypeError, /inlines\[0\]\.children\[0\]\.type must be "text", "strong", "emphasis" or "code", not "cite"/],
    // Objects JSON cannot express: the engine's own error, as a TypeError.
    [() => { const o = { sections: [] }; o.self = o; return api.renderHtml(o); }, TypeError, /circular/i],
    [() => api.renderHtml("x", { idPrefix: 1n }), TypeError, /BigInt/],
    [() => api.hydrate(null), TypeError, /hydrate: container must be an Element, not null/],
  ];
  for (const [call, kind, message] of cases) {
    assert.throws(call, (e) => e instanceof kind && message.test(e.message), String(message));
    // Never a wasm trap, and everything still works after the error.
    assert.equal(api.parseDigest("Facts - Still fine [1]").sections[0].points[0].text, "Still fine");
  }
});

test("lone surrogates, NUL and very long lines give a model", () => {
  const d = api.parseDigest("Facts - a\uD800b [1] - c\u0000d [2] - e\uDC00 \uD83D\uDE00 [3]");
  assert.equal(d.sections[0].points.length, 3);
  // As the module read them: a lone surrogate is U+FFFD, a pair stays.
  assert.equal(d.sections[0].points[0].text, "a\uFFFDb");
  assert.equal(d.sections[0].points[0].inlines[0].text, "a\uFFFDb ");
  assert.equal(d.sections[0].points[2].text, "e\uFFFD \uD83D\uDE00");
  const long = "word ".repeat(200_000) + "[1]";
  assert.equal(api.parseDigest(long).sections[0].points[0].citations[0], 1);
});

test("spans index the JavaScript string", () => {
  const text = "市场反应 - 港口😀恢复作业【1】 - Boats returned [2]\n港航动态|南湾港复航";
  const d = api.parseDigest(text);
  assert.equal(text.slice(d.sections[0].heading.span.start, d.sections[0].heading.span.end), "市场反应");
  const cite = d.sections[0].points[0].inlines.find((i) => i.type === "cite");
  assert.equal(text.slice(cite.span.start, cite.span.end), "【1】");
  assert.equal(text.slice(d.title.span.start, d.title.span.end), "港航动态|南湾港复航");
});

test("`digest-render/render` resolves to the render-only entry, with no init, and renders every fixture as `digest-render` does", async () => {
  // Imported by its name from the consumer, so that package.json's
  // exports map (the "node" condition) is what finds the file.
  const script = `const fs = await import('node:fs');
    const path = await import('node:path');
    const mod = await import('digest-render/render');
    await mod.default();
    const dir = process.argv[1];
    const out = {};
    for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.txt'))) {
      out[f.replace(/\\.txt$/, '')] = mod.renderHtml(fs.readFileSync(path.join(dir, f), 'utf8'));
    }
    console.log(JSON.stringify({ names: Object.keys(mod).sort(), out }));`;
  const { execFileSync } = await import("node:child_process");
  const stdout = execFileSync(process.execPath, ["--input-type=module", "-e", script, fixturesDir], {
    cwd: dir,
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  const { names, out } = JSON.parse(stdout);
  assert.deepEqual(names, ["DigestView", "default", "hydrate", "initSync", "render", "renderHtml"]);
  const all = fixtures();
  assert.deepEqual(Object.keys(out).sort(), all.map(([name]) => name).sort());
  for (const [name, text] of all) assert.equal(out[name], api.renderHtml(text), name);
});

test("`digest-render/render` in Node: options as the full package's; a model is a TypeError naming digest-render", async () => {
  const renderOnly = await import(join(dir, "node_modules", "digest-render", "node-render.js"));
  const text = "Facts - The port reopened [1][2] Outlook - Dredging starts in June [2]";
  const options = { headingLevel: 5, idPrefix: "port", labels: { citation: "Quelle {n}" }, references: [{ id: 2, title: "Harbour log" }] };
  const withOptions = renderOnly.renderHtml(text, options);
  assert.notEqual(withOptions, renderOnly.renderHtml(text));
  assert.equal(withOptions, api.renderHtml(text, options));
  assert.throws(
    () => renderOnly.renderHtml(api.parseDigest(text)),
    (e) => e instanceof TypeError && e.message === "renderHtml: input must be digest text, not object (digest-render/render reads text; import digest-render to render a Digest)",
  );
  for (const bad of [{ headingLevel: "2" }, { headingLevel: 9 }, { dir: "up" }, { references: { abc: {} } }]) {
    const message = (fn) => {
      try {
        fn();
      } catch (e) {
        return `${e.constructor.name}: ${e.message}`;
      }
      return "no error";
    };
    const theirs = message(() => api.renderHtml(text, bad));
    assert.notEqual(theirs, "no error");
    assert.equal(message(() => renderOnly.renderHtml(text, bad)), theirs, JSON.stringify(bad));
  }
});
