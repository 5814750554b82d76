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
/**
 * The Stream button's replay while it runs: its timer, and whether the
 * text or references changed meanwhile (the normal render then runs when
 * it ends).
 * @type {{ timer: number, edited: boolean } | null}
 */
let stream = null;

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

/** Re-render at the next frame, once however fast the typing; after the stream, if one runs. */
function schedule() {
  if (stream) stream.edited = true;
  else if (!frame) frame = requestAnimationFrame(update);
}

/** Characters a second the pace control asks for. */
const pace = () => Number($("pace").value);

function showPace() {
  const value = pace();
  $("pace-value").textContent = `${value} chars/s`;
  $("pace").setAttribute("aria-valuetext", `${value} characters a second`);
}

/**
 * Replays the text into the Rendered panel as a stream would bring it:
 * an empty view, then chunks of 1 to 12 characters at the chosen pace,
 * then `finish()`, which leaves the DOM a normal render gives.
 */
function startStream() {
  const text = $("text").value;
  const options = { references: referenceOptions() };
  cancelAnimationFrame(frame);
  frame = 0;
  try {
    view?.destroy();
    view = render($("digest"), "", options);
    viewOptions = JSON.stringify(options);
  } catch (e) {
    view = null;
    $("error").textContent = String(e.message || e);
    $("error").hidden = false;
    return;
  }
  stream = { timer: 0, edited: false };
  $("stream").textContent = "Stop";
  let at = 0;
  const step = () => {
    if (at >= text.length) return endStream();
    let end = Math.min(text.length, at + 1 + Math.floor(Math.random() * 12));
    // Never split a surrogate pair: a half would show as a stray glyph until the next chunk.
    if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1])) end++;
    const chunk = text.slice(at, end);
    at = end;
    view.append(chunk);
    // The pace is read at every chunk, so moving the slider changes it at once.
    stream.timer = setTimeout(step, (chunk.length / pace()) * 1000);
  };
  step();
}

/** Ends the stream where it is (Stop, or the end of the text): what was appended is rendered now. */
function endStream() {
  if (!stream) return;
  clearTimeout(stream.timer);
  const { edited } = stream;
  stream = null;
  $("stream").textContent = "Stream";
  view.finish();
  if (edited) schedule();
}

async function loadSample(file) {
  endStream();
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
$("stream").addEventListener("click", () => (stream ? endStream() : startStream()));
$("pace").addEventListener("input", showPace);
showPace(); // a reload may have kept another value
$("theme").addEventListener("change", (e) => {
  if (e.target.value === "auto") delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = e.target.value;
});

const requested = new URLSearchParams(location.search).get("sample");
await loadSample(samples.some((s) => s.file === requested) ? requested : samples[0].file);
