// The demo page's UI: wiring only. Parsing, rendering and the tooltips are
// the package's (served from /pkg).
import init, { parseDigest, render } from "/pkg/digest_render.js";

const $ = (id) => document.getElementById(id);

await init();

const samples = await (await fetch("/samples.json")).json();
for (const { file, label } of samples) {
  $("sample").append(new Option(label, file));
}

let view = null;
let viewOptions = null;
let frame = 0;

/** References from the editor rows: [{ id, title, url }], skipping rows with no id. */
function referenceOptions() {
  const rows = [...$("references").querySelectorAll("tr")];
  return rows
    .map((row) => {
      const [id, title, url] = [...row.querySelectorAll("input")].map((input) => input.value.trim());
      return { id: Number(id), title: title || undefined, url: url || undefined };
    })
    .filter((r) => Number.isInteger(r.id) && r.id > 0);
}

function showDiagnostics(digest) {
  const list = $("diagnostics");
  list.replaceChildren();
  if (digest.diagnostics.length === 0) {
    list.append(Object.assign(document.createElement("li"), { textContent: "None." }));
  }
  for (const d of digest.diagnostics) {
    const item = document.createElement("li");
    const code = Object.assign(document.createElement("code"), { textContent: d.code });
    item.append(code, ` ${d.severity}: ${d.message} (characters ${d.span.start}–${d.span.end})`);
    list.append(item);
  }
}

function update() {
  frame = 0;
  const text = $("text").value;
  const options = { references: referenceOptions() };
  const error = $("error");
  try {
    const key = JSON.stringify(options);
    if (view && key === viewOptions) {
      view.update(text);
    } else {
      view?.destroy();
      view = render($("digest"), text, options);
      viewOptions = key;
    }
    const digest = parseDigest(text, options);
    showDiagnostics(digest);
    $("model").textContent = JSON.stringify(digest, null, 2);
    error.hidden = true;
  } catch (e) {
    error.textContent = String(e.message || e);
    error.hidden = false;
  }
  document.body.dataset.ready = "1";
}

/** Re-render at the next frame, once however fast the typing. */
function schedule() {
  if (!frame) frame = requestAnimationFrame(update);
}

async function loadSample(file) {
  const response = await fetch(`/samples/${file}.txt`);
  $("text").value = response.ok ? await response.text() : "";
  $("sample").value = file;
  update();
}

function addReferenceRow(reference = {}) {
  const row = document.createElement("tr");
  const cell = (input) => {
    const td = document.createElement("td");
    td.append(input);
    return td;
  };
  const field = (type, label, value) => {
    const input = Object.assign(document.createElement("input"), { type, value: value ?? "" });
    input.setAttribute("aria-label", label);
    input.addEventListener("input", schedule);
    return input;
  };
  const remove = Object.assign(document.createElement("button"), { type: "button", textContent: "Remove" });
  remove.addEventListener("click", () => {
    row.remove();
    schedule();
  });
  row.append(
    cell(field("number", "Reference id", reference.id)),
    cell(field("text", "Reference title", reference.title)),
    cell(field("url", "Reference URL", reference.url)),
    cell(remove),
  );
  $("references").append(row);
}

$("text").addEventListener("input", schedule);
$("sample").addEventListener("change", (e) => loadSample(e.target.value));
$("add-reference").addEventListener("click", () => {
  addReferenceRow();
  $("references").lastElementChild.querySelector("input").focus();
});
$("theme").addEventListener("change", (e) => {
  if (e.target.value === "auto") delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = e.target.value;
});

const requested = new URLSearchParams(location.search).get("sample");
await loadSample(samples.some((s) => s.file === requested) ? requested : samples[0].file);
