// `digest-render/render`: `render`, `renderHtml`, `hydrate` and their views
// for digest text, with the render-only module, a third lighter than the
// full one. No `parseDigest`, no models as input and no
// streaming (`append`): those need `digest-render`. scripts/build-pkg
// bundles this with the render-only module's glue and FULL_MODULE false
// (see npm/api.js).
export { default, initSync, renderHtml, render, hydrate, DigestView } from "./api.js";
