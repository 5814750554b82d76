// Applying a stream's changes (src/stream.rs, `Ops`) to the page.
//
// The wasm module says what changed as operations on the markup it wrote
// before: a point, a section, a tooltip, an attribute of the article, or
// the whole article. Each carries the renderer's markup for that part;
// this file only parses it (through the package's Trusted Types policy,
// by the caller's `parse`) and fits it into the page. Elements that match
// are kept (`morph`), so a point whose text grew keeps its element and its
// text node, and nothing the operations do not name is touched.
import { afterPatch, byId, closeWithin, isOpenTooltip } from "./tooltips.js";

/**
 * Applies `ops` (JSON from the module) to `article`, the stream's
 * `<article class="digest">` (null before the first), inside `container`.
 * `parse(html)` gives the markup's first element.
 * @param {Element} container
 * @param {Element | null} article
 * @param {string} ops
 * @param {(html: string) => Element} parse
 * @returns {Element | null} the article afterwards
 */
export function applyOps(container, article, ops, parse) {
  for (const op of JSON.parse(ops)) {
    switch (op[0]) {
      case 0:
        if (op[2] === null) article.removeAttribute(op[1]);
        else article.setAttribute(op[1], op[2]);
        break;
      case 1:
        morph(article.children[op[1]], parse(op[2]));
        break;
      case 2:
        article.insertBefore(parse(op[2]), article.children[op[1]] ?? null);
        break;
      case 3:
        article.children[op[1]].remove();
        break;
      case 4: {
        const list = pointsOf(article.children[op[1]]);
        const point = list.children[op[2]];
        if (point) morph(point, parse(op[3]));
        else list.append(parse(op[3]));
        break;
      }
      case 5: {
        const list = pointsOf(article.children[op[1]]);
        while (list.children.length > op[2]) list.lastElementChild.remove();
        break;
      }
      case 6: {
        const fresh = parse(op[2]);
        const tooltip = byId(article, op[1]);
        if (tooltip && isOpenTooltip(tooltip)) morphChildren(tooltip, fresh);
        else if (tooltip) morph(tooltip, fresh);
        else {
          const home = article.querySelector(":scope > .digest-tooltips");
          const next = op[3] ? byId(article, op[3]) : null;
          home.insertBefore(fresh, next?.parentNode === home ? next : null);
        }
        break;
      }
      case 7:
        byId(article, op[1])?.remove();
        break;
      case 8: {
        const fresh = parse(op[1]);
        closeWithin(article);
        if (article?.isConnected && article.parentNode === container) article = morph(article, fresh);
        else {
          container.replaceChildren(fresh);
          article = fresh;
        }
        break;
      }
    }
  }
  afterPatch(article);
  return article;
}

function pointsOf(section) {
  return section.querySelector(":scope > ul.digest-points");
}

/**
 * Makes `node` equal to `fresh` (an element or text node of parsed
 * markup), keeping `node` and its descendants where they match: same kind,
 * same name, the same attribute names in the same order (so the result
 * serialises exactly as `fresh` would). Returns the node now in the page.
 * Recursion follows the markup's depth, which the renderer bounds.
 */
export function morph(node, fresh) {
  if (
    node.nodeType !== fresh.nodeType ||
    node.nodeName !== fresh.nodeName ||
    (node.nodeType === 1 && !sameAttributeNames(node, fresh))
  ) {
    node.replaceWith(fresh);
    return fresh;
  }
  if (node.nodeType !== 1) {
    if (node.nodeValue !== fresh.nodeValue) node.nodeValue = fresh.nodeValue;
    return node;
  }
  for (const { name, value } of fresh.attributes) {
    if (node.getAttribute(name) !== value) node.setAttribute(name, value);
  }
  morphChildren(node, fresh);
  return node;
}

/**
 * Makes `node`'s children equal to `fresh`'s; an open tooltip (which the
 * DOM layer moved there) stays. Children are matched in order, and a child
 * gone from the middle (a header or a section before the rest) or new
 * there is seen one place ahead, so the elements after it still match.
 */
function morphChildren(node, fresh) {
  const old = [];
  for (const child of node.childNodes) if (!isOpenTooltip(child)) old.push(child);
  const wanted = [...fresh.childNodes];
  let o = 0;
  for (let w = 0; w < wanted.length; w++) {
    const child = wanted[w];
    if (o < old.length && !sameKind(old[o], child)) {
      if (o + 1 < old.length && sameKind(old[o + 1], child)) old[o++].remove();
      else if (w + 1 < wanted.length && sameKind(old[o], wanted[w + 1])) {
        node.insertBefore(child, old[o]);
        continue;
      }
    }
    if (o < old.length) morph(old[o++], child);
    else node.append(child);
  }
  for (const extra of old.slice(o)) extra.remove();
}

/** Same node name and, for elements, the same class. */
function sameKind(a, b) {
  return a.nodeName === b.nodeName && (a.nodeType !== 1 || a.getAttribute("class") === b.getAttribute("class"));
}

/**
 * Whether `node` (in the page) has the attributes `fresh` has, in order.
 * Two are set apart and stay: `part`, which `<digest-view>` adds for
 * ::part() styling, and the article's `aria-busy`, which a stream sets on
 * its own (operation 0).
 */
function sameAttributeNames(node, fresh) {
  const x = [...node.attributes].filter((a) => a.name !== "part" && a.name !== "aria-busy");
  const y = fresh.attributes;
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i].name !== y[i].name) return false;
  return true;
}
