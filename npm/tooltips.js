// The citation tooltips' behaviour in a live page. The markup (every
// tooltip, already written next to the digest) is the wasm module's; this
// file only shows, hides, moves and places it.
//
// Rules (WCAG 2.2 SC 1.4.13, content on hover or focus):
// - a tooltip opens on hover after a short intent delay, at once on
//   keyboard focus, and on tap on touch screens (tap again, or anywhere
//   else, closes it); a click pins a button trigger's tooltip;
// - the pointer can move from the trigger into the tooltip (hoverable);
//   Escape closes it (dismissible); it stays until the pointer or focus
//   leaves, or it is dismissed (persistent);
// - one tooltip is open at a time, across every digest on the page;
// - it stays inside the viewport: below the trigger, or above when there is
//   no room below, opening towards the digest's inline end (rightwards, or
//   leftwards in a right-to-left digest) and shifted sideways near the
//   edges. It is `position: fixed`, so opening it shifts no layout.
//
// While open, the tooltip element sits right after its trigger, so Tab from
// the trigger reaches the links inside it; it goes back when closed.
//
// Listeners are delegated: one set per document, plus one per shadow root
// holding digests (pointer and focus events that stay inside a shadow root
// never reach the document), however many digests and citations there are.
//
// Placement is written through CSSOM into one rule of a constructed
// stylesheet adopted by the tooltip's document or shadow root, so no
// element ever gets a `style` attribute and a strict `style-src` has
// nothing to block; where constructed stylesheets are missing, the
// tooltip's own CSSOM style is used instead (still no markup).

const OPEN_DELAY_MS = 150; // hover intent
const CLOSE_DELAY_MS = 300; // grace period to move from trigger to tooltip
const HIGHLIGHT_MS = 2000;
const MARGIN = 8; // from the viewport's edges
const GAP = 8; // from the trigger
const ARROW_INSET = 20; // from the tooltip's start edge to its arrow

/**
 * One attached container.
 * @typedef {{ root: Element, timers: { open: number, close: number, unhighlight: number },
 *   pending: HTMLElement | null, highlighted: HTMLElement | null }} Attached
 */

/** @type {Map<Document | ShadowRoot, Set<Attached>>} containers by the node their events reach */
const byEventRoot = new Map();
/** @type {Map<Document, number>} attached containers per document */
const documents = new Map();

/** The one open tooltip on the page. */
let open = null;
/** Set while focus goes back to a trigger after Escape, so that it does not reopen. */
let restoringFocus = false;
/** Whether the last pointer down came from a touch screen: taps behave differently. */
let touch = false;
/**
 * Whether the trigger under the last pointer down was open already: a tap
 * also focuses the trigger (which opens it), so the click that follows must
 * know how things stood before the tap.
 */
let pressedOpen = false;

/**
 * Attaches the behaviour to the digest markup inside `root`.
 * @param {Element} root
 * @returns {{ detach(): void, closeOwn(): void }}
 */
export function attach(root) {
  /** @type {Attached} */
  const state = { root, timers: { open: 0, close: 0, unhighlight: 0 }, pending: null, highlighted: null };
  const eventRoot = /** @type {Document | ShadowRoot} */ (root.getRootNode());
  const doc = root.ownerDocument;
  let set = byEventRoot.get(eventRoot);
  if (!set) {
    byEventRoot.set(eventRoot, (set = new Set()));
    for (const type in ROOT_HANDLERS) eventRoot.addEventListener(type, onRootEvent);
  }
  set.add(state);
  const count = documents.get(doc) ?? 0;
  if (count === 0) listenToDocument(doc, true);
  documents.set(doc, count + 1);

  let attached = true;
  return {
    /** Closes this digest's tooltip, if open (before its markup is replaced). */
    closeOwn() {
      if (open?.state === state) close(false);
      state.pending = null;
      for (const name of Object.keys(state.timers)) clearTimer(state, name);
    },
    detach() {
      if (!attached) return;
      attached = false;
      this.closeOwn();
      set.delete(state);
      if (set.size === 0) {
        byEventRoot.delete(eventRoot);
        for (const type in ROOT_HANDLERS) eventRoot.removeEventListener(type, onRootEvent);
      }
      const left = documents.get(doc) - 1;
      if (left === 0) {
        documents.delete(doc);
        listenToDocument(doc, false);
      } else documents.set(doc, left);
    },
  };
}


/** Presses anywhere close (capture: before the page's handlers); scrolls anywhere move the tooltip along. */
function listenToDocument(doc, on) {
  const method = on ? "addEventListener" : "removeEventListener";
  doc[method]("pointerdown", onPointerDown, true);
  doc[method]("keydown", onKeyDown);
  doc[method]("scroll", onViewportChange, true);
  doc.defaultView?.[method]("resize", onViewportChange);
}

function onPointerDown(event) {
  touch = event.pointerType === "touch";
  const target = eventElement(event);
  if (!target) return;
  const trigger = triggerOf(target)?.trigger;
  pressedOpen = Boolean(trigger && open?.trigger === trigger);
  if (open && !withinOpen(target)) close(false);
}

function onKeyDown(event) {
  if (event.key === "Escape" && open) close(true);
}

function onViewportChange() {
  if (!open) return;
  if (open.trigger.isConnected) place(open.trigger, open.tooltip);
  else close(false);
}

function onRootEvent(event) {
  const target = eventElement(event);
  if (target) ROOT_HANDLERS[event.type](target, event);
}

/** Hover: open after the intent delay. */
function pointerOver(target, event) {
  if (event.pointerType === "touch") return;
  if (withinOpen(target)) return clearTimer(open.state, "close");
  const found = triggerOf(target);
  if (!found) return;
  clearTimer(found.state, "close");
  found.state.pending = found.trigger;
  setTimer(found.state, "open", OPEN_DELAY_MS, () => {
    const trigger = found.state.pending;
    found.state.pending = null;
    if (trigger?.isConnected) show(found.state, trigger, "hover");
  });
}

/** Leaving the trigger or the tooltip (not for one another): close after a grace period. */
function pointerOut(target, event) {
  if (event.pointerType === "touch") return;
  const related = event.relatedTarget;
  const leaving = triggerOf(target);
  if (!leaving && !withinOpen(target)) return;
  if (related instanceof Element) {
    if (leaving?.trigger.contains(related) || withinOpen(related)) return;
  }
  const state = leaving?.state ?? open.state;
  clearTimer(state, "open");
  state.pending = null;
  if (open?.state === state && open.via === "hover") {
    setTimer(state, "close", CLOSE_DELAY_MS, () => {
      if (open?.state === state && open.via === "hover") close(false);
    });
  }
}

/** Keyboard focus opens at once. */
function focusIn(target) {
  if (withinOpen(target)) return clearTimer(open.state, "close");
  const found = triggerOf(target);
  if (!found) return;
  clearTimer(found.state, "open");
  clearTimer(found.state, "close");
  if (!restoringFocus) show(found.state, found.trigger, "focus");
}

/** Focus leaving both the trigger and the tooltip closes (unless the pointer opened it). */
function focusOut(target, event) {
  const related = event.relatedTarget;
  if (!withinOpen(target)) return;
  if (related instanceof Element && withinOpen(related)) return;
  if (open.via !== "hover") close(false);
}

/** Taps toggle; clicks pin a button trigger's tooltip; "Also cited in" links go to their point. */
function click(target, event) {
  const link = target.closest("a.digest-tooltip-point");
  if (link) {
    const found = containerOf(link);
    const point = inSameDigest(link, link.getAttribute("href")?.replace(/^#/, ""));
    event.preventDefault();
    close(false); // which empties the list the link is in
    if (found && point) highlight(found, point);
    return;
  }
  const found = triggerOf(target);
  if (!found) return;
  const { state, trigger } = found;
  if (touch) {
    event.preventDefault();
    if (pressedOpen) close(false);
    else show(state, trigger, "tap");
  } else if (trigger.localName === "button") {
    if (open?.trigger === trigger && open.via === "click") close(false);
    else show(state, trigger, "click");
  } else {
    close(false); // a link trigger: the browser goes to the reference
  }
}

/** The delegated listeners on each event root, by event type: each gets the event's element and the event. */
const ROOT_HANDLERS = { pointerover: pointerOver, pointerout: pointerOut, focusin: focusIn, focusout: focusOut, click };

/** The attached container holding `element`, if any. */
function containerOf(element) {
  const set = byEventRoot.get(element.getRootNode());
  if (set) for (const state of set) if (state.root.contains(element)) return state;
  return null;
}

/** The citation `element` is in, with its container's state. */
function triggerOf(element) {
  const trigger = element.closest(".digest-cite");
  const state = trigger && containerOf(trigger);
  return state ? { state, trigger } : null;
}

/** Whether `element` is inside the open trigger or tooltip. */
function withinOpen(element) {
  return Boolean(open && (open.trigger.contains(element) || open.tooltip.contains(element)));
}

/** The element an event happened on, looking into open shadow roots (text nodes: their parent). */
function eventElement(event) {
  let node = event.composedPath?.()[0] ?? event.target;
  if (node && node.nodeType !== 1) node = node.parentElement;
  return node instanceof Element ? node : null;
}

function setTimer(state, name, ms, run) {
  clearTimer(state, name);
  state.timers[name] = setTimeout(() => {
    state.timers[name] = 0;
    run();
  }, ms);
}

function clearTimer(state, name) {
  if (state.timers[name]) clearTimeout(state.timers[name]);
  state.timers[name] = 0;
}

/**
 * The element with `id` inside `scope`, or null. Ids we write are
 * `[A-Za-z0-9_-]`; anything else came from foreign markup and is not
 * looked up.
 */
export function byId(scope, id) {
  return (id && /^[A-Za-z0-9_-]+$/.test(id) && scope.querySelector("#" + id)) || null;
}

/** The element with `id` in the digest `from` is part of (ids are unique per digest only). */
function inSameDigest(from, id) {
  const article = from.closest("article.digest");
  return article && byId(article, id);
}

/** How a tooltip was opened: hover closes when the pointer leaves; the others stay until dismissed. */
function show(state, trigger, via) {
  if (open?.trigger === trigger) {
    // Already open: a stronger reason keeps it open longer.
    if (open.via === "hover" || via === "click" || via === "tap") open.via = via;
    return;
  }
  const tooltip = inSameDigest(trigger, trigger.getAttribute("aria-describedby"));
  if (!tooltip) return;
  close(false);

  const added = fromPage(trigger, tooltip);
  const home = tooltip.parentNode;
  const next = tooltip.nextSibling;
  trigger.after(tooltip);
  tooltip.hidden = false;
  tooltip.classList.add("digest-tooltip-open");
  place(trigger, tooltip);
  open = { state, trigger, tooltip, home, next, via, added };
}

/**
 * What an open tooltip shows that is on the page already, and so is not
 * written into every tooltip: under "Source N" (a citation without a
 * reference, whose trigger is a button), the header's source line; then
 * "Also cited in". Added to the tooltip as it opens; returns the nodes
 * added, which `close` removes, so the page stays the markup.
 */
function fromPage(trigger, tooltip) {
  const added = [];
  const article = trigger.closest("article.digest");
  const box = tooltip.querySelector(":scope > .digest-tooltip-source");
  const source = article?.querySelector(":scope > .digest-header > .digest-source");
  if (trigger.localName === "button" && box && source) {
    const line = /** @type {Element} */ (source.cloneNode(true));
    line.className = "digest-tooltip-text";
    box.append(line);
    added.push(line);
  }
  const also = article && alsoCitedIn(article, trigger, tooltip);
  if (also) {
    tooltip.append(also);
    added.push(also);
  }
  return added;
}

/**
 * "Also cited in": the other points citing the tooltip's source, or
 * nothing. The markup writes each point once, in its section, and the
 * block once, as a template in the tooltips' container; the block is made
 * from them here.
 */
function alsoCitedIn(article, trigger, tooltip) {
  const cite = tooltip.getAttribute("data-cite");
  const template = article.querySelector(":scope > .digest-tooltips > template.digest-also");
  if (!template || !/^[0-9]+$/.test(cite ?? "")) return null;
  const here = trigger.closest(".digest-point");
  const points = new Set();
  for (const pill of article.querySelectorAll(`.digest-point .digest-cite[data-cite="${cite}"]`)) {
    const point = pill.closest(".digest-point");
    if (point !== here && point.id) points.add(point);
  }
  if (points.size === 0) return null;
  const also = /** @type {Element} */ (template.content.firstElementChild.cloneNode(true));
  const list = also.querySelector("ul");
  const entry = list.firstElementChild;
  list.replaceChildren(...[...points].map((point) => alsoEntry(entry, point)));
  return also;
}

/** An entry of "Also cited in" for `point`: a link to it, its section's heading, its text. */
function alsoEntry(template, point) {
  const entry = /** @type {Element} */ (template.cloneNode(true));
  const link = entry.querySelector(".digest-tooltip-point");
  link.setAttribute("href", "#" + point.id);
  const heading = point.closest(".digest-section")?.querySelector(":scope > .digest-heading");
  const label = link.querySelector(".digest-tooltip-heading");
  if (heading) label.textContent = heading.textContent;
  else label.remove();
  // The point's words: not its pills, nor a link's "(opens in a new tab)".
  const copy = point.cloneNode(true);
  for (const skip of copy.querySelectorAll(".digest-cites, .digest-visually-hidden, .digest-tooltip")) skip.remove();
  link.append(copy.textContent.trim());
  return entry;
}

/** Whether `node` is the open tooltip (which a stream's changes leave where it is). */
export function isOpenTooltip(node) {
  return open !== null && open.tooltip === node;
}

/** Closes the open tooltip if it is inside `root`, before `root` is rebuilt. */
export function closeWithin(root) {
  if (open && root?.contains(open.tooltip)) close(false);
}

/**
 * After a stream changed `article`: the open tooltip in it follows its
 * pill (which may have been replaced by a link to the reference) and its
 * new content, or closes if its point went.
 */
export function afterPatch(article) {
  if (!open || !article?.contains(open.trigger.isConnected ? open.trigger : open.tooltip)) return;
  const { tooltip } = open;
  if (!tooltip.isConnected) {
    open = null;
    return;
  }
  if (!open.trigger.isConnected) {
    const pill = tooltip.previousElementSibling;
    if (!pill?.matches(".digest-cite") || pill.getAttribute("data-cite") !== tooltip.getAttribute("data-cite")) {
      return close(false);
    }
    open.trigger = pill;
  }
  tooltip.hidden = false;
  tooltip.classList.add("digest-tooltip-open");
  for (const node of open.added) node.remove();
  open.added = fromPage(open.trigger, tooltip);
  place(open.trigger, tooltip);
}

/** Closes the open tooltip; `restoreFocus` returns focus to its trigger when it was inside. */
function close(restoreFocus) {
  if (!open) return;
  const { trigger, tooltip, home, next, added } = open;
  open = null;
  const active = /** @type {Document | ShadowRoot} */ (tooltip.getRootNode()).activeElement;
  const hadFocus = Boolean(active && tooltip.contains(active));
  tooltip.hidden = true;
  tooltip.classList.remove("digest-tooltip-open");
  clearPlacement(tooltip);
  for (const node of added) node.remove();
  // Back where it was, so the hidden tooltips stay in the markup's order.
  if (home?.isConnected) home.insertBefore(tooltip, next?.parentNode === home ? next : null);
  if (restoreFocus && hadFocus) {
    restoringFocus = true;
    try {
      trigger.focus();
    } finally {
      restoringFocus = false;
    }
  }
}

function highlight(state, point) {
  state.highlighted?.classList.remove("digest-point-highlight");
  const reduced = matchMedia("(prefers-reduced-motion: reduce)").matches;
  point.scrollIntoView({ block: "center", behavior: reduced ? "instant" : "smooth" });
  point.classList.add("digest-point-highlight");
  // Focusable by script only, so screen readers land on the point too.
  if (!point.hasAttribute("tabindex")) point.setAttribute("tabindex", "-1");
  point.focus({ preventScroll: true });
  state.highlighted = point;
  setTimer(state, "unhighlight", HIGHLIGHT_MS, () => {
    point.classList.remove("digest-point-highlight");
    if (state.highlighted === point) state.highlighted = null;
  });
}

/** @type {WeakMap<Document | ShadowRoot, CSSStyleDeclaration | null>} */
const placementRules = new WeakMap();

/**
 * Where the open tooltip's position is written: one rule of a constructed
 * stylesheet adopted by its document or shadow root.
 */
function placementStyle(tooltip) {
  const root = /** @type {Document | ShadowRoot} */ (tooltip.getRootNode());
  let style = placementRules.get(root);
  if (style === undefined) {
    style = null;
    if ("adoptedStyleSheets" in root && "replaceSync" in CSSStyleSheet.prototype) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(".digest-tooltip.digest-tooltip-open{}");
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      style = /** @type {CSSStyleRule} */ (sheet.cssRules[0]).style;
    }
    placementRules.set(root, style);
  }
  return style ?? tooltip.style;
}

/**
 * A closed tooltip back as the markup wrote it. Where the placement went to
 * the element's own style (engines without constructed sheets) that stays:
 * removing the attribute is a CSP violation in WebKit 2.38.
 */
function clearPlacement(tooltip) {
  delete tooltip.dataset.placement;
}

const px = (v) => `${Math.max(0, Math.round(v))}px`;

/**
 * Puts the tooltip below the trigger, or above when it fits there and not
 * below, then shifts it sideways to stay `MARGIN` inside the viewport.
 */
function place(trigger, tooltip) {
  const viewport = trigger.ownerDocument.documentElement;
  const vw = viewport.clientWidth;
  const vh = viewport.clientHeight;
  const style = placementStyle(tooltip);
  style.setProperty("left", "0px");
  style.setProperty("top", "0px");
  const w = tooltip.offsetWidth;
  const h = tooltip.offsetHeight;
  const r = trigger.getBoundingClientRect();

  const below = r.bottom + GAP;
  const above = r.top - GAP - h;
  const fitsBelow = below + h <= vh - MARGIN;
  const fitsAbove = above >= MARGIN;
  const onTop = !fitsBelow && (fitsAbove || r.top > vh - r.bottom);
  const top = Math.max(MARGIN, Math.min(onTop ? above : below, vh - MARGIN - h));
  // It opens toward the digest's inline end, with its arrow near its start
  // edge: rightwards in a left-to-right digest, leftwards in a right-to-left
  // one (the pill itself sits in a left-to-right run, so ask the article).
  const center = r.left + r.width / 2;
  const rtl = getComputedStyle(trigger.closest(".digest") ?? trigger).direction === "rtl";
  const start = rtl ? center + ARROW_INSET - w : center - ARROW_INSET;
  const left = Math.max(MARGIN, Math.min(start, vw - MARGIN - w));

  style.setProperty("left", px(left));
  style.setProperty("top", px(top));
  style.setProperty("--digest-arrow-x", px(Math.min(Math.max(center - left, 12), Math.max(w - 12, 12))));
  tooltip.dataset.placement = onTop ? "top" : "bottom";
}
