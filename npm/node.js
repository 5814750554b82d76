// Node entry of the digest-render package. Node can read the wasm file
// synchronously, so it is compiled here, at import, and `init()` has nothing
// left to do: `const { parseDigest } = await import('digest-render')` works
// without it. (This file exists because Node and browsers load wasm
// differently; all the logic is in the wasm module.)
import { readFileSync } from "node:fs";
import { initSync } from "./digest_render.js";

initSync({ module: readFileSync(new URL("./digest_render_bg.wasm", import.meta.url)) });

export * from "./digest_render.js";

/** Resolves at once: the module is ready as soon as it is imported. */
export default function init() {
  return Promise.resolve();
}
