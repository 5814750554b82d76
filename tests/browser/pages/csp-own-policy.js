// csp-own-policy.html's script: a site that names its Trusted Types
// policies itself (its CSP allows `site-html` and not `digest-render`)
// passes its own policy to render().
import init, { render } from "/pkg/digest_render.js";

const text = `Schools - The new term starts a week later because of roof repairs at two schools [1] - Pupils at Elm Road will use the library hall until October [1][2]
Education|School term delayed by roof repairs
Northgate Herald·2025-08-28 07:00`;

window.policyCalls = 0;
const policy = trustedTypes.createPolicy("site-html", {
  createHTML(html) {
    window.policyCalls++;
    return html;
  },
});

try {
  await init();
  render(document.getElementById("digest"), text, { trustedTypesPolicy: policy });
} finally {
  document.body.dataset.ready = "1";
}
