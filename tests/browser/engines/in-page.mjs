// What the Firefox and WebKit adapters run inside the page: one function,
// shipped as source text with every call (page.mjs), so that it needs no
// set-up in the page and works under any Content-Security-Policy (drivers
// evaluate it directly, never through the page's eval). It must not refer
// to anything outside itself.
//
// It finds elements the way playwright's locators do (CSS that pierces open
// shadow roots across descendant combinators, `:visible`, nth), runs the
// test's function, and returns the result as JSON that keeps `undefined`
// (WebDriver would turn it into null), with the page errors the WebKit
// adapter's init script recorded since the last call.

/**
 * @param {Function | null} fn the test's function, if the call has one
 * @param {string} payload JSON: { op, args?, chain?, what?, detach?, id? }
 * @param {unknown[]} handles elements passed from the test (element handles)
 */
export function inPage(fn, payload, handles) {
  const MARK = "__digestEngine";

  const encode = (value) =>
    JSON.stringify(value, (key, v) => {
      if (v === undefined) return { [MARK]: "undefined" };
      if (typeof v === "number" && !Number.isFinite(v)) return { [MARK]: String(v) };
      if (typeof v === "bigint") return { [MARK]: "bigint", value: String(v) };
      return v;
    });
  const decode = (value) => {
    if (Array.isArray(value)) return value.map(decode);
    if (value && typeof value === "object") {
      if (MARK in value) {
        const m = value[MARK];
        if (typeof m === "number") return handles[m];
        return m === "undefined" ? undefined : Number(m);
      }
      const out = {};
      for (const [k, v] of Object.entries(value)) out[k] = decode(v);
      return out;
    }
    return value;
  };

  /** The parent element, stepping out of a shadow root to its host. */
  const up = (el) => el.parentElement ?? el.parentNode?.host ?? null;

  /** Top-level compounds of a selector with descendant combinators only. */
  const compounds = (selector) => {
    const parts = [];
    let current = "";
    let depth = 0;
    let quote = null;
    for (const ch of selector.trim()) {
      if (quote) {
        if (ch === quote) quote = null;
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === "[" || ch === "(") depth++;
      else if (ch === "]" || ch === ")") depth--;
      else if (depth === 0 && /[>+~,]/.test(ch)) {
        throw new Error(`the engine adapter's locators take descendant combinators only, not ${JSON.stringify(selector)}`);
      } else if (depth === 0 && /\s/.test(ch)) {
        if (current) parts.push(current);
        current = "";
        continue;
      }
      current += ch;
    }
    if (current) parts.push(current);
    return parts;
  };

  const visible = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== "hidden";
  };

  /** Every element under `root`, shadow trees included, in tree order. */
  const descendants = (root) => {
    const out = [];
    const walk = (node) => {
      for (const child of node.children) {
        out.push(child);
        if (child.shadowRoot) walk(child.shadowRoot);
        walk(child);
      }
    };
    if (root.shadowRoot) walk(root.shadowRoot);
    walk(root);
    return out;
  };

  const query = (scope, selector) => {
    let parts = compounds(selector);
    let onlyVisible = false;
    const last = parts[parts.length - 1];
    if (last.endsWith(":visible")) {
      onlyVisible = true;
      parts = [...parts.slice(0, -1), last.slice(0, -":visible".length) || "*"];
    }
    if (parts.some((p) => p.includes(":visible"))) throw new Error(`:visible only at the end of a selector: ${selector}`);
    const target = parts[parts.length - 1];
    return descendants(scope).filter((el) => {
      if (!el.matches(target)) return false;
      let i = parts.length - 2;
      for (let node = up(el); node && i >= 0; node = up(node)) if (node.matches(parts[i])) i--;
      return i < 0 && (!onlyVisible || visible(el));
    });
  };

  /** The elements a locator's chain of { selector?, nth? } steps resolves to. */
  const resolve = (chain) => {
    let scopes = [document];
    for (const { selector, nth } of chain) {
      const seen = new Set();
      // A step without a selector picks from what the previous one found.
      const found = selector === undefined ? scopes : [];
      for (const scope of selector === undefined ? [] : scopes) {
        for (const el of query(scope, selector)) {
          if (seen.has(el)) continue;
          seen.add(el);
          found.push(el);
        }
      }
      scopes = nth === undefined ? found : [found.at(nth)].filter(Boolean);
    }
    return scopes;
  };

  // Synchronous unless the test's function returns a promise: with
  // JavaScript off a page runs no promise jobs, so an async wrapper would
  // never settle there.
  const finish = (value) => {
    const errors = globalThis.__digestEngine.errors.splice(0);
    return encode({ value, errors, url: location.href });
  };
  const request = JSON.parse(payload);
  // A WebDriver session runs one command at a time, so a call that waits
  // (for an event, say) would hold up the call that makes it happen. With
  // `detach`, a call whose function returns a promise leaves it here and
  // answers PENDING; "settle" then asks for its outcome (page.mjs).
  const PENDING = "__digestEngine:pending";
  const state = (globalThis.__digestEngine ??= { errors: [] });
  state.pending ??= new Map();
  if (request.op === "settle") {
    const entry = state.pending.get(request.id);
    if (!entry) throw new Error("the page was left or reloaded before the call finished");
    if (!("outcome" in entry)) return PENDING;
    state.pending.delete(request.id);
    if (entry.failed) throw entry.outcome;
    return entry.outcome;
  }
  const then = (value, next) => {
    if (typeof value?.then !== "function") return next(value);
    if (request.detach === undefined) return value.then(next);
    const entry = {};
    state.pending.set(request.detach, entry);
    value.then(next).then(
      (outcome) => Object.assign(entry, { outcome }),
      (outcome) => Object.assign(entry, { outcome, failed: true }),
    );
    return PENDING;
  };

  const args = decode(request.args ?? []);
  if (request.op === "call") return then(fn(...args), finish);
  const found = resolve(request.chain);
  const strict = () => {
    if (found.length > 1) throw new Error(`strict mode violation: the locator matches ${found.length} elements`);
    return found[0];
  };
  switch (request.what) {
    case "count":
      return finish(found.length);
    case "element":
      // The element itself (the driver turns it into a handle), not JSON.
      return found.length ? strict() : null;
    case "state":
      return finish({ count: found.length, visible: found.length === 1 && visible(found[0]) });
    case "all":
      return then(fn(found, ...args), finish);
    case "one":
      return found.length ? then(fn(strict(), ...args), (value) => finish({ value })) : finish({ missing: true });
    case "point": {
      // Where a pointer action goes: the centre of the element, scrolled
      // into view if it is not, and only if nothing covers it there.
      if (!found.length) return finish({ retry: "no element" });
      const el = strict();
      if (!visible(el)) return finish({ retry: "not visible" });
      const view = document.documentElement;
      let r = el.getBoundingClientRect();
      if (r.top < 0 || r.left < 0 || r.bottom > view.clientHeight || r.right > view.clientWidth) {
        el.scrollIntoView({ block: "center", inline: "center", behavior: "instant" });
        r = el.getBoundingClientRect();
      }
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      let hit = document.elementFromPoint(x, y);
      while (hit?.shadowRoot) {
        const inner = hit.shadowRoot.elementFromPoint(x, y);
        if (!inner || inner === hit) break;
        hit = inner;
      }
      let inside = false;
      for (let node = hit; node && !inside; node = up(node)) inside = node === el;
      if (inside) return finish({ x, y, rect: [r.left, r.top, r.width, r.height] });
      return finish({ retry: `covered by <${hit?.localName ?? "nothing"}${hit?.className ? ` class="${hit.className}"` : ""}>` });
    }
    default:
      throw new Error(`unknown locator request ${request.what}`);
  }
}
