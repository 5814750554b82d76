// The benchmark corpus: deterministic digests (a fixed xorshift seed, our
// own vocabulary), each written twice with the same content: in the seed's
// one-line layout for digest-render, and as Markdown with footnotes ([^n])
// for the Markdown peers. Sizes and shapes follow real digests: a title
// line, a source line, 3 to 5 sections of 1 to 3 points, 1 to 3 citations
// per point out of 1 to 10.

const HEADINGS = ["Key Facts", "Local Impact", "Market Reaction & Q3 Outlook", "Next Steps", "Background",
  "Risks for the 2026 Season", "Costs and Funding", "What Officials Said", "Timeline", "Reactions"];
const OPENERS = ["The harbour authority", "Shipping firms", "Local fishermen", "City officials", "Analysts",
  "The regional council", "Union leaders", "Residents", "Engineers", "Insurers"];
const WORDS = ("said the repairs would take about three weeks after storm damage to the outer breakwater and " +
  "that traffic was expected to recover by the end of the month while insurers estimated losses at 12 million " +
  "euros across the coastal districts where crews worked overnight to clear debris from the main quay").split(" ");
const COLUMNS = ["World Desk", "Business", "Science", "Transport", "Environment"];
const PUBLISHERS = ["Coastline Courier", "Valley Ledger", "Harbour Post", "Regional Wire"];

class Rng {
  constructor(seed) {
    this.s = BigInt(seed) || 1n;
  }
  next() {
    let s = this.s;
    s ^= (s << 13n) & 0xffffffffffffffffn;
    s ^= s >> 7n;
    s ^= (s << 17n) & 0xffffffffffffffffn;
    this.s = s;
    return Number(s % 4294967296n);
  }
  below(n) {
    return this.next() % n;
  }
  pick(list) {
    return list[this.below(list.length)];
  }
}

/** `count` digests: [{ digest, markdown }], the same on every machine. */
export function corpus(count, seed = 7) {
  const rng = new Rng(seed);
  const out = [];
  for (let i = 0; i < count; i++) {
    const sections = [];
    const sectionCount = 3 + rng.below(3);
    for (let s = 0; s < sectionCount; s++) {
      const points = [];
      const pointCount = 1 + rng.below(3);
      for (let p = 0; p < pointCount; p++) {
        const words = [rng.pick(OPENERS)];
        const length = 18 + rng.below(22);
        for (let w = 0; w < length; w++) words.push(rng.pick(WORDS));
        const ids = [...new Set(Array.from({ length: 1 + rng.below(3) }, () => 1 + rng.below(10)))];
        points.push({ text: words.join(" "), ids });
      }
      sections.push({ heading: HEADINGS[(s + i) % HEADINGS.length], points });
    }
    const headline = `${rng.pick(OPENERS)} ${rng.pick(WORDS)} ${rng.pick(WORDS)} as ${rng.pick(WORDS)} ${rng.pick(WORDS)}`;
    const column = rng.pick(COLUMNS);
    const publisher = rng.pick(PUBLISHERS);
    const date = `2025-0${1 + rng.below(9)}-1${rng.below(10)} 0${rng.below(10)}:${10 + rng.below(50)}`;

    const body = sections
      .map((s) => `${s.heading} - ${s.points.map((p) => `${p.text} ${p.ids.map((id) => `[${id}]`).join("")}`).join(" - ")}`)
      .join(" ");
    const digest = `${body}\n${column}|${headline}\n${publisher}·${date}\n`;

    const cited = [...new Set(sections.flatMap((s) => s.points.flatMap((p) => p.ids)))].sort((a, b) => a - b);
    const markdown =
      `# ${headline}\n\n*${column} · ${publisher} · ${date}*\n\n` +
      sections
        .map((s) => `## ${s.heading}\n\n${s.points.map((p) => `- ${p.text}${p.ids.map((id) => `[^${id}]`).join("")}`).join("\n")}\n`)
        .join("\n") +
      "\n" +
      cited.map((id) => `[^${id}]: Source ${id}, ${publisher}, ${date}`).join("\n") +
      "\n";
    out.push({ digest, markdown });
  }
  return out;
}
