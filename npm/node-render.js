// Node entry of `digest-render/render`: the render-only module, compiled at
// import like the full one's (node.js).
import { readFileSync } from "node:fs";
import { initSync } from "./render.js";

initSync({ module: readFileSync(new URL("./render_bg.wasm", import.meta.url)) });

export * from "./render.js";

/** Resolves at once: the module is ready as soon as it is imported. */
export default function init() {
  return Promise.resolve();
}
