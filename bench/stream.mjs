// Headless Chromium: the main thread's cost of streaming a digest into the
// page (`render(el, "")`, then `view.append` of 32-character chunks with a
// frame between them, then `view.finish()`), for a ~5 KB and a ~20 KB
// digest, against the cheapest way to show streamed text at all (the same
// chunks appended to one text node, a frame between them).
//
// The cost is CDP `Performance.getMetrics` TaskDuration (every main-thread
// task: script, style, layout, paint, GC) over the whole stream, less that
// of as many idle frames (nothing but awaiting requestAnimationFrame), so
// that what the frames cost anyway is not counted. Every measurement runs
// ROUNDS times, interleaved, and the median is reported.
//
// Targets (the streaming issue): 20 KB streamed costs at most 5 times 5 KB
// (linear would be 4), and at most 1.5 times the plain-text stream of the
// same 20 KB.
//
//   node bench/stream.mjs [ROUNDS]   prints the table (3 rounds, about two
//                                    minutes; PKG_DIR picks the package)
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { launch, repo } from "../tests/js/support.mjs";
import { serve } from "../scripts/serve.mjs";
import { corpus } from "./corpus.mjs";

export const CHUNK = 32;
export const TARGETS = { growth: 5, plain: 1.5 };

/**
 * A digest of about `chars` characters (never more) in the shape real ones
 * have: the sections of the benchmark corpus's digests (a heading, points
 * ending in citations like `[1][2]`), one line per corpus digest, then a
 * `Column|Headline` title line, a `Publisher·2025-06-09 08:30` source line
 * and a References block for every id cited.
 */
export function streamDigest(chars, seed = 11) {
  const docs = corpus(Math.ceil(chars / 1000) + 2, seed);
  const trailer = (ids) =>
    "\nTransport|Harbour repairs to take three weeks after storm damage\nCoastline Courier·2025-06-09 08:30\nReferences\n" +
    ids.map((id) => `[${id}] Harbour authority notice ${id}, https://example.com/harbour/notice-${id}\n`).join("");
  const allIds = Array.from({ length: 10 }, (_, i) => i + 1);
  const budget = chars - trailer(allIds).length;
  const lines = [];
  let length = 0;
  for (const { digest } of docs) {
    // A section ends with its last point's citations; the next one starts
    // after the space that follows them (a point would follow " - ").
    const sections = digest.split("\n")[0].split(/(?<=\]) (?!- )/);
    const line = [];
    for (const section of sections) {
      const added = section.length + 1; // the space or line break before the next
      if (length + added > budget) {
        // The first section that does not fit, cut at a word to fill the
        // rest and closed with a citation, so that sizes are as asked (the
        // 5 and 20 KB digests are 4 times apart) and not a section short.
        const room = budget - length - 1 - " [1]".length;
        const cut = section.slice(0, room + 1).replace(/\s+\S*$/, "").replace(/\s+-$/, "");
        if (room >= 60) line.push(/\]$/.test(cut) ? cut : `${cut} [1]`);
        break;
      }
      line.push(section);
      length += added;
    }
    if (line.length) lines.push(line.join(" "));
    if (length + 1 >= budget || line.length < sections.length) break;
  }
  const body = lines.join("\n");
  const cited = allIds.filter((id) => body.includes(`[${id}]`));
  return body + trailer(cited);
}

/** `text` in `size`-character pieces, the last one shorter. */
export function chunks(text, size = CHUNK) {
  const out = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

/**
 * The streaming costs: `rows` (milliseconds over the whole stream, less the
 * idle frames; the median of `rounds`), the two ratios the targets bound,
 * and every round's raw `samples`.
 */
export async function streamBench({ small = 5000, large = 20000, rounds = 3 } = {}) {
  const texts = { small: streamDigest(small), large: streamDigest(large) };
  const parts = { small: chunks(texts.small), large: chunks(texts.large) };
  const server = await serve({
    root: join(repo, "bench"),
    mounts: { "/pkg": join(repo, process.env.PKG_DIR || "pkg") },
    port: 0,
  });
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`http://127.0.0.1:${server.address().port}/stream.html`);
    await page.waitForSelector("body[data-ready]", { state: "attached" });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Performance.enable");
    const metrics = async () => {
      const { metrics: list } = await cdp.send("Performance.getMetrics");
      const get = (name) => list.find((m) => m.name === name)?.value ?? 0;
      return {
        task: get("TaskDuration"),
        script: get("ScriptDuration"),
        style: get("RecalcStyleDuration"),
        layout: get("LayoutDuration"),
        cpu: get("ThreadTime"),
      };
    };
    /** Milliseconds of each metric while `window.bench[fn](arg)` runs, and the wall time. */
    const measure = async (fn, arg) => {
      await page.evaluate(() => window.bench.clean());
      const before = await metrics();
      const start = performance.now();
      await page.evaluate(([f, x]) => window.bench[f](x), [fn, arg]);
      const wall = performance.now() - start;
      const after = await metrics();
      const ms = Object.fromEntries(Object.keys(before).map((k) => [k, (after[k] - before[k]) * 1000]));
      return { ...ms, wall };
    };

    // Warm-up: compile the module's hot paths and the page's scripts.
    await measure("stream", parts.small.slice(0, 30));
    await measure("plain", parts.small.slice(0, 30));
    await measure("idle", 30);

    const cases = [
      ["stream", "large"],
      ["idle", "large"],
      ["plain", "large"],
      ["stream", "small"],
      ["idle", "small"],
      ["plain", "small"],
    ];
    const samples = Object.fromEntries(cases.map(([fn, size]) => [`${fn}-${size}`, []]));
    for (let round = 0; round < rounds; round++) {
      // Rotate the order each round, so that no case always follows another.
      for (let i = 0; i < cases.length; i++) {
        const [fn, size] = cases[(i + round) % cases.length];
        samples[`${fn}-${size}`].push(await measure(fn, fn === "idle" ? parts[size].length + 1 : parts[size]));
      }
    }
    await page.evaluate(() => window.bench.clean());

    // Each round's case less the same round's idle frames, then the median.
    const net = (fn, size) => {
      const list = samples[`${fn}-${size}`].map((s, i) => {
        const idle = samples[`idle-${size}`][i];
        return Object.fromEntries(["task", "script", "style", "layout", "cpu"].map((k) => [k, s[k] - idle[k]]));
      });
      return Object.fromEntries(Object.keys(list[0]).map((k) => [k, median(list.map((s) => s[k]))]));
    };
    const idle = (size) => median(samples[`idle-${size}`].map((s) => s.task));
    const wall = (fn, size) => median(samples[`${fn}-${size}`].map((s) => s.wall));
    const round1 = (n) => Math.round(n * 10) / 10;
    const row = (fn, size) => ({
      chars: texts[size].length,
      chunks: parts[size].length,
      ...Object.fromEntries(Object.entries(net(fn, size)).map(([k, v]) => [k, round1(v)])),
      idleMs: round1(idle(size)),
      wallMs: Math.round(wall(fn, size)),
    });
    const rows = {
      streamSmall: row("stream", "small"),
      streamLarge: row("stream", "large"),
      plainLarge: row("plain", "large"),
      plainSmall: row("plain", "small"),
    };
    const growth = rows.streamLarge.task / rows.streamSmall.task;
    const overPlain = rows.streamLarge.task / rows.plainLarge.task;
    return {
      chunk: CHUNK,
      rounds,
      rows,
      growth,
      overPlain,
      targets: TARGETS,
      met: { growth: growth <= TARGETS.growth, plain: overPlain <= TARGETS.plain },
      // The same ratios of main-thread CPU time (ThreadTime), which a busy
      // machine disturbs less than task time (a task's time counts while
      // its thread waits for a core or for the compositor).
      cpu: { growth: rows.streamLarge.cpu / rows.streamSmall.cpu, overPlain: rows.streamLarge.cpu / rows.plainLarge.cpu },
      samples: Object.fromEntries(
        Object.entries(samples).map(([k, list]) => [k, list.map((m) => Object.fromEntries(Object.entries(m).map(([n, v]) => [n, round1(v)])))]),
      ),
      chromium: browser.version(),
    };
  } finally {
    await browser.close();
    server.close();
  }
}

/** The Markdown table BENCHMARKS.md and `node bench/stream.mjs` show. */
export function streamTable(result) {
  // Noise can leave a case a fraction of a millisecond below its idle frames: no "-0".
  const fmt = (n, d = 0) => (Math.abs(n) < 0.5 / 10 ** d ? 0 : n).toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d });
  const { rows } = result;
  const small = `${Math.round(rows.streamSmall.chars / 1000)} KB`;
  const large = `${Math.round(rows.streamLarge.chars / 1000)} KB`;
  const line = (name, r) =>
    `| ${name} | ${fmt(r.chars)} | ${r.chunks} | ${fmt(r.task)} | ${fmt(r.script)} | ${fmt(r.style + r.layout)} | ${fmt(r.cpu)} | ${fmt(r.idleMs)} | ${fmt(r.wallMs / 1000, 1)} |`;
  return `| | characters | chunks | tasks, ms | script, ms | style + layout, ms | main-thread CPU, ms | idle frames' tasks, ms | wall, s |
|---|---:|---:|---:|---:|---:|---:|---:|---:|
${line(`digest-render, streamed ${small}`, rows.streamSmall)}
${line(`digest-render, streamed ${large}`, rows.streamLarge)}
${line(`plain text, ${large}`, rows.plainLarge)}
${line(`plain text, ${small}`, rows.plainSmall)}

| target | measured | met |
|---|---:|:---:|
| streamed ${large} ≤ ${result.targets.growth} × streamed ${small} (linear is ${fmt(rows.streamLarge.chars / rows.streamSmall.chars, 1)}) | ${fmt(result.growth, 2)} | ${result.met.growth ? "yes" : "no"} |
| streamed ${large} ≤ ${result.targets.plain} × plain text ${large} | ${fmt(result.overPlain, 2)} | ${result.met.plain ? "yes" : "no"} |

In main-thread CPU time the same ratios are ${fmt(result.cpu.growth, 2)} and ${fmt(result.cpu.overPlain, 2)}.`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const start = Date.now();
  const result = await streamBench(process.argv[2] ? { rounds: Number(process.argv[2]) } : {});
  console.log(streamTable(result));
  console.log(`\nChromium ${result.chromium}; median of ${result.rounds} rounds; ${((Date.now() - start) / 1000).toFixed(0)} s in all.`);
  console.log("Each round's task ms:");
  for (const [name, list] of Object.entries(result.samples)) console.log(`  ${name.padEnd(12)} ${list.map((m) => m.task.toFixed(0).padStart(6)).join(" ")}`);
}
