// Trap recovery in Node: the test build of the package (make pkg-trap,
// cargo feature test-trap) can make its wasm module trap on purpose, as an
// undiscovered bug or memory exhaustion would, and poison the instance so
// that every later call into it traps too. The call that traps must throw
// an Error saying the module was restarted, and every entry point must work
// right after it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { repo } from "./support.mjs";

const api = await import(join(repo, "target", "pkg-trap", "node.js"));
const renderOnly = await import(join(repo, "target", "pkg-trap", "node-render.js"));
const text = "Key Facts - The ferry ran again on Monday [1][2] - Crossings were added [2]\nTransport|Ferry service resumes\nHarbour Gazette·2025-05-12 09:15";

function assertRestarted(call, caller) {
  assert.throws(call, (e) => {
    assert.equal(e.constructor, Error);
    assert.match(e.message, new RegExp(`^${caller}: the digest-render WebAssembly module failed .* and was restarted`));
    assert.ok(e.cause instanceof WebAssembly.RuntimeError, `cause: ${e.cause}`);
    return true;
  });
}

test("a trap throws an Error saying the module restarted, and the next calls work", () => {
  const before = api.renderHtml(text);
  assertRestarted(() => api.trapForTests(true), "trapForTests");
  assert.equal(api.parseDigest(text).sections[0].points.length, 2);
  assert.equal(api.renderHtml(text), before);
});

test("the render-only module (digest-render/render) restarts the same way after a trap, poisoned or not", () => {
  const before = renderOnly.renderHtml(text);
  assert.equal(before, api.renderHtml(text));
  for (const poison of [false, true]) {
    assertRestarted(() => renderOnly.trapForTests(poison), "trapForTests");
    assert.equal(renderOnly.renderHtml(text), before);
  }
});

test("a poisoned instance is replaced: without the restart, every later call would trap", () => {
  for (let round = 0; round < 20; round++) {
    assertRestarted(() => api.trapForTests(true), "trapForTests");
    assert.equal(api.parseDigest(text).title.headline, "Ferry service resumes");
  }
});

test("errors about the arguments are not failures: they pass through and restart nothing", () => {
  assert.throws(() => api.parseDigest(42), (e) => e instanceof TypeError && /^parseDigest: text must be a string/.test(e.message));
  assert.throws(() => api.renderHtml("x", { headingLevel: 9 }), RangeError);
  const cyclic = { sections: [] };
  cyclic.self = cyclic;
  assert.throws(() => api.renderHtml(cyclic), TypeError);
  assert.equal(api.renderHtml(text).startsWith("<article"), true);
});

test("a digest too large to render is a RangeError about its size, and the module keeps working", () => {
  const hostile = "[1 - ".repeat((10 << 20) / 5);
  assert.throws(() => api.renderHtml(hostile), (e) => e instanceof RangeError && /MB of markup, more than the 256 MB/.test(e.message));
  assert.throws(() => api.parseDigest(hostile), (e) => e instanceof RangeError && /MB of model JSON/.test(e.message));
  assert.throws(() => api.parseDigest("x".repeat((32 << 20) + 1)), (e) => e instanceof RangeError && /more than the 32 M one call reads/.test(e.message));
  assert.equal(api.parseDigest(text).sections[0].heading.text, "Key Facts");
});
