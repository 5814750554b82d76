// csp-hydrate.html's script: attach the tooltips to the server-rendered
// markup already in #digest. A page under `script-src 'self'` cannot have
// inline scripts, hence this file.
import init, { hydrate } from "/pkg/digest_render.js";

try {
  const container = document.getElementById("digest");
  if (!container.querySelector("article.digest")) {
    throw new Error("csp-hydrate: #digest holds no server-rendered digest (the test writes it into /out/csp-hydrate.html)");
  }
  await init();
  window.view = hydrate(container);
} finally {
  // Ready even when hydrate throws: the error reaches the test as a page error.
  document.body.dataset.ready = "1";
}
