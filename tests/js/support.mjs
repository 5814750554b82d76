// Helpers for the JavaScript-side tests: where things are, consumer projects
// that install the packed package, a static server and headless Chromium.
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { serve } from "../../scripts/serve.mjs";

export const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** Where packed tarballs and consumer projects live (JS_WORK overrides). */
export const work = process.env.JS_WORK ? join(repo, process.env.JS_WORK) : join(repo, "target", "js");

/** The tarball `make test-js` packed from pkg/ (npm pack). */
export function tarball() {
  const file = readdirSync(work).find((f) => /^digest-render-.*\.tgz$/.test(f));
  if (!file) throw new Error("no packed tarball in target/js: run `make test-js`");
  return join(work, file);
}

/** A fresh project under target/js/NAME with `files`, and the package installed from the tarball. */
export function consumer(name, files) {
  const dir = join(work, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({ name: `consumer-${name}`, private: true, type: "module" }, null, 2),
  );
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--offline", "--loglevel=error", tarball()], {
    cwd: dir,
    stdio: "pipe",
  });
  return dir;
}

export const fixturesDir = join(repo, "tests", "fixtures");

/** Every fixture: [name, text]. */
export function fixtures() {
  return readdirSync(fixturesDir)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => [f.replace(/\.txt$/, ""), readFileSync(join(fixturesDir, f), "utf8")]);
}

/** The native CLI's output for a fixture (built by `cargo test`). */
export function native(command, name) {
  const bin = join(repo, "target", "debug", "digest-render");
  const args = command === "json" ? ["json", "--compact"] : ["html"];
  return execFileSync(bin, [...args, join(fixturesDir, name + ".txt")], { encoding: "utf8" }).replace(/\n$/, "");
}

export { serve };

/** Headless Chromium as these machines have it (never a downloaded browser). */
export function launch(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
      ...extraArgs,
    ],
  });
}
