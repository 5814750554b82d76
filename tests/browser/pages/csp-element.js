// csp-element.html's script: load <digest-view> and mark the page ready once
// it has rendered. A page under `script-src 'self'` cannot have inline
// scripts, hence this file.
import "/pkg/element.js";

const view = document.querySelector("digest-view");
const done = () => (document.body.dataset.ready = "1");
if (view.shadowRoot?.querySelector("article.digest")) done();
view.addEventListener("render", done, { once: true });
// The element shows its errors inside itself and fires `error`; report it
// as an uncaught error so the test sees it as a page error, then stop waiting.
view.addEventListener(
  "error",
  (event) => {
    reportError(event.detail);
    done();
  },
  { once: true },
);
