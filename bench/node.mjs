// Node 20, one process: digest-render (the npm package in pkg/) against the
// Markdown peers on the same content. Warm-up, then the median of several
// rounds over the whole corpus. Prints a table; returns the numbers.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";
import { corpus } from "./corpus.mjs";

const require = createRequire(import.meta.url);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Median seconds for one pass of `run` over all inputs. */
function time(inputs, run, { warmup = 3, rounds = 9 } = {}) {
  let sink = 0;
  for (let i = 0; i < warmup; i++) for (const input of inputs) sink += run(input) ? 1 : 0;
  const samples = [];
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    for (const input of inputs) sink += run(input) ? 1 : 0;
    samples.push((performance.now() - start) / 1000);
  }
  if (sink < 0) console.log(sink); // keep the results alive
  return median(samples);
}

export async function nodeBench({ count = 300, pkg = "../pkg/node.js" } = {}) {
  const docs = corpus(count);
  const digests = docs.map((d) => d.digest);
  const markdowns = docs.map((d) => d.markdown);
  const bytes = (list) => list.reduce((n, s) => n + Buffer.byteLength(s), 0);

  const ours = await import(pkg);
  const MarkdownIt = require("markdown-it");
  const footnote = require("markdown-it-footnote");
  const md = new MarkdownIt().use(footnote);
  const { Marked } = await import("marked");
  const markedFootnote = (await import("marked-footnote")).default;
  const marked = new Marked().use(markedFootnote());
  const mdwasm = require("markdown-wasm/dist/markdown.node.js");
  await mdwasm.ready;

  const models = digests.map((t) => ours.parseDigest(t));
  // Markup per byte of input, on the corpus and on the real seed when present.
  const markupBytes = bytes(digests.map((t) => ours.renderHtml(t)));
  let seedMarkupRatio = null;
  try {
    const seed = readFileSync(new URL("../../shared/seed/digest.txt", import.meta.url), "utf8");
    seedMarkupRatio = Buffer.byteLength(ours.renderHtml(seed)) / Buffer.byteLength(seed);
  } catch {
    // No seed on this machine: the corpus's ratio stands alone.
  }
  const jsons = models.map((m) => JSON.stringify(m));

  const rows = [
    { name: "digest-render renderHtml", inputs: digests, run: (t) => ours.renderHtml(t) },
    { name: "digest-render parseDigest", inputs: digests, run: (t) => ours.parseDigest(t) },
    { name: "JSON.parse of the same model", inputs: jsons, run: (j) => JSON.parse(j) },
    { name: "markdown-wasm", inputs: markdowns, run: (m) => mdwasm.parse(m) },
    { name: "markdown-it + markdown-it-footnote", inputs: markdowns, run: (m) => md.render(m) },
    { name: "marked + marked-footnote", inputs: markdowns, run: (m) => marked.parse(m) },
  ];
  // Rounds interleave the rows, so that the process's drift over the run
  // (heap growth, JIT tiers, a busy machine) reaches every row alike; run one
  // after the other, a row's median could move by a factor of 1.8 between
  // runs while its neighbours did not.
  const samples = rows.map(() => []);
  for (let r = 0; r < 3 + 9; r++) {
    rows.forEach((row, k) => {
      const seconds = time(row.inputs, row.run, { warmup: 0, rounds: 1 });
      if (r >= 3) samples[k].push(seconds);
    });
  }
  rows.forEach((row, k) => {
    row.seconds = median(samples[k]);
    row.perSecond = count / row.seconds;
    row.mbPerSecond = bytes(row.inputs) / row.seconds / 1e6;
  });
  return {
    count,
    digestBytes: bytes(digests),
    markdownBytes: bytes(markdowns),
    jsonBytesPerDigest: Math.round(bytes(jsons) / count),
    markupRatio: markupBytes / bytes(digests),
    seedMarkupRatio,
    rows: rows.map(({ name, seconds, perSecond, mbPerSecond }) => ({ name, seconds, perSecond, mbPerSecond })),
  };
}
