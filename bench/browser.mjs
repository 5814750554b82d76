// Headless Chromium: time from text to a rendered DOM with tooltips ready,
// for 100 digests, digest-render against markdown-it + markdown-it-footnote
// + tippy.js on the same content. Median of several rounds after warm-up.
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { launch, repo } from "../tests/js/support.mjs";
import { serve } from "../scripts/serve.mjs";
import { corpus } from "./corpus.mjs";

export async function browserBench({ count = 100, rounds = 9 } = {}) {
  const out = join(repo, "target", "bench");
  mkdirSync(out, { recursive: true });
  execFileSync(join(repo, "node_modules", ".bin", "esbuild"), [
    join(repo, "bench", "peers.mjs"), "--bundle", "--format=esm", "--minify", `--outfile=${join(out, "peers.js")}`, "--log-level=warning",
  ]);
  const server = await serve({ root: join(repo, "bench"), mounts: { "/pkg": join(repo, process.env.PKG_DIR || "pkg"), "/out": out }, port: 0 });
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`http://127.0.0.1:${server.address().port}/page.html`);
    await page.waitForSelector("body[data-ready]", { state: "attached" });
    const docs = corpus(count, 11);
    const texts = docs.map((d) => d.digest);
    const markdowns = docs.map((d) => d.markdown);
    const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
    const measure = async (fn, input) => {
      for (let i = 0; i < 3; i++) await page.evaluate(([f, x]) => window[f](x), [fn, input]);
      const samples = [];
      for (let i = 0; i < rounds; i++) samples.push(await page.evaluate(([f, x]) => window[f](x), [fn, input]));
      return median(samples);
    };
    const ours = await measure("oursRound", texts);
    const peer = await measure("peerRound", markdowns);
    return { count, oursMs: ours, peerMs: peer, chromium: browser.version() };
  } finally {
    await browser.close();
    server.close();
  }
}
