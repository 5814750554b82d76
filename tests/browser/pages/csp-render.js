// csp-render.html's script: render() into #digest. A page under
// `script-src 'self'` cannot have inline scripts, hence this file.
import init, { render } from "/pkg/digest_render.js";

const text = `Key Facts - The river ferry at Alder Quay resumed service on Monday after a week of repairs to its landing ramp [1][2] - The operator added two evening crossings to clear the backlog of waiting passengers [2] Costs - The repairs cost the town council about 80,000 pounds, taken from its reserve fund [3] - Councillors will ask the operator to share the bill at next month's meeting [1][3] What Comes Next - A second inspection of the ramp is planned for the autumn [4] - Cyclists may board with their bikes again from Wednesday [2][4]
Transport Desk|River ferry back in service after ramp repairs
Quayside Chronicle·2025-06-09 08:30`;

try {
  await init();
  // [1] has a reference, so its citations are links; the others are buttons.
  window.view = render(document.getElementById("digest"), text, {
    references: { 1: { title: "Ferry operator notice", url: "https://example.com/ferry-notice" } },
  });
} finally {
  // Ready even when render throws: the error reaches the test as a page
  // error, and the test fails on it instead of timing out.
  document.body.dataset.ready = "1";
}
