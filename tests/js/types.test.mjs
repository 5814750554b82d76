// The package's TypeScript declarations: a small consumer compiles with
// `tsc --noEmit` against the installed tarball, and misuse fails to compile;
// the same for the render-only entry, `digest-render/render`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { writeFileSync } from "node:fs";
import { consumer, repo } from "./support.mjs";

const tsconfig = JSON.stringify({
  compilerOptions: {
    target: "es2022",
    module: "esnext",
    moduleResolution: "bundler",
    lib: ["es2022", "dom"],
    strict: true,
    noEmit: true,
    skipLibCheck: false,
  },
  include: ["*.ts"],
});

const good = `
import init, { parseDigest, renderHtml, render, hydrate, type Digest, type Options, type DigestView, type Inline } from "digest-render";

await init();
const digest: Digest = parseDigest("Key Facts - The port reopened [1]");
const firstHeading: string | undefined = digest.sections[0]?.heading?.text;
const ids: number[] = digest.sections.flatMap((s) => s.points.flatMap((p) => p.citations));
const size = (i: Inline): number =>
  i.type === "cite" ? i.ids.length : i.type === "text" || i.type === "code" ? i.text.length : i.children.length;
const kinds = digest.sections[0].points[0].inlines.map(size);
const links: string[] = digest.sections[0].points[0].inlines.flatMap((i) => (i.type === "link" ? [i.url] : []));
const published: string | undefined = digest.source?.published;
const codes: string[] = digest.diagnostics.map((d) => d.code + d.severity + d.span.start);
const options: Options = {
  headingLevel: 3,
  labels: { source: "Source {n}" },
  references: { 1: { title: "Harbour report", url: "https://example.com" } },
};
const asArray: Options = { references: [{ id: 1, text: "Harbour report" }] };
const html: string = renderHtml(digest, options) + renderHtml("text", asArray);
const view: DigestView = render(document.body, digest, options);
view.update("Key Facts - Changed [2]");
view.append(" - More [3]");
view.finish();
view.destroy();
hydrate(document.body).destroy();
export { firstHeading, ids, kinds, links, published, codes, html };
`;

// The render-only entry: text in, no parseDigest, no streaming.
const goodRender = `
import init, { initSync, renderHtml, render, hydrate, type DigestView, type Options } from "digest-render/render";

await init();
const options: Options = { headingLevel: 3, idPrefix: "port", references: [{ id: 1, title: "Harbour report" }] };
const html: string = renderHtml("Key Facts - The port reopened [1]", options) + renderHtml("text");
const view: DigestView = render(document.body, "Key Facts - The port reopened [1]", options);
view.update("Key Facts - Changed [2]");
view.finish();
view.destroy();
hydrate(document.body, options).destroy();
const later: (bytes: BufferSource) => void = (bytes) => initSync({ module: bytes });
export { html, later };
`;

const bad = `
import { parseDigest } from "digest-render";
const d = parseDigest("x");
const n: number = d.sections[0].heading;
`;

function tsc(dir) {
  return execFileSync(process.execPath, [join(repo, "node_modules", "typescript", "bin", "tsc"), "-p", dir], {
    encoding: "utf8",
    stdio: "pipe",
  });
}

test("a TypeScript consumer compiles against the package's types", () => {
  const dir = consumer("types", { "tsconfig.json": tsconfig, "consumer.ts": good });
  tsc(dir);
});

test("the types are real: a wrong use does not compile", () => {
  const dir = consumer("types-bad", { "tsconfig.json": tsconfig, "consumer.ts": bad });
  assert.throws(() => tsc(dir), (e) => /Type .*Heading.* is not assignable to type 'number'/s.test(e.stdout + e.stderr));
  writeFileSync(join(dir, "consumer.ts"), `import { parseDigest } from "digest-render"; parseDigest(1);`);
  assert.throws(() => tsc(dir), (e) => /not assignable to parameter of type 'string'/.test(e.stdout + e.stderr));
});

test("a TypeScript consumer of digest-render/render compiles against its types", () => {
  const dir = consumer("types-render", { "tsconfig.json": tsconfig, "consumer.ts": goodRender });
  tsc(dir);
});

test("digest-render/render's types are real: a model, append or parseDigest do not compile", () => {
  const dir = consumer("types-render-bad", { "tsconfig.json": tsconfig, "consumer.ts": goodRender });
  const fails = (source, message) => {
    writeFileSync(join(dir, "consumer.ts"), source);
    assert.throws(() => tsc(dir), (e) => message.test(e.stdout + e.stderr), `${message} for:\n${source}`);
  };
  fails(
    `import { render } from "digest-render/render";\nrender(document.body, "Facts - A point [1]").append(" - More [2]");`,
    /Property 'append' does not exist on type/,
  );
  fails(
    `import { parseDigest } from "digest-render";\nimport { renderHtml } from "digest-render/render";\nrenderHtml(parseDigest("Facts - A point [1]"));`,
    /Argument of type 'Digest' is not assignable to parameter of type 'string'/,
  );
  fails(
    `import { parseDigest, render } from "digest-render";\nimport { render as renderOnly } from "digest-render/render";\nrenderOnly(document.body, parseDigest("x"));\nrender(document.body, "x");`,
    /Argument of type 'Digest' is not assignable to parameter of type 'string'/,
  );
  fails(`import { parseDigest } from "digest-render/render";\nparseDigest("x");`, /has no exported member '?parseDigest'?/);
});
