// A small static file server for the demo and the browser tests: listens on
// 127.0.0.1 only, serves .wasm as application/wasm, never leaves its roots.
//
//   node scripts/serve.mjs [--port N] [--quiet] ROOT [/prefix=DIR ...]
//
// ROOT is served at /, each /prefix=DIR mounts another directory. PORT in the
// environment sets the port (default 8080; 0 picks a free one). Imported by
// tests as `serve({ root, mounts, port, headers })`, which resolves to the
// server; `headers(urlPath)` may return extra response headers for a path
// (the CSP tests serve their pages with a Content-Security-Policy this way);
// `rewriteHtml(text, urlPath)`, if given, rewrites every HTML page served and
// `onRequest(req)` sees every request (the browser tests' WebDriver engines
// use both: tests/browser/engines/index.mjs).
import { createServer } from "node:http";
import { createReadStream, readFileSync, statSync } from "node:fs";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

function resolveFile(roots, urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath.split("?")[0].split("#")[0]);
  } catch {
    return null;
  }
  // Longest mount first, "/" last.
  for (const [prefix, dir] of roots) {
    if (prefix !== "/" && path !== prefix && !path.startsWith(prefix + "/")) continue;
    const rest = prefix === "/" ? path : path.slice(prefix.length);
    const file = resolve(dir, "." + (rest || "/"));
    if (file !== dir && !file.startsWith(dir + sep)) return null;
    try {
      const stat = statSync(file);
      if (stat.isDirectory()) {
        const index = join(file, "index.html");
        if (statSync(index).isFile()) return index;
        return null;
      }
      if (stat.isFile()) return file;
    } catch {
      // try the next root
    }
  }
  return null;
}

export function serve({ root, mounts = {}, port = 8080, quiet = true, headers, rewriteHtml, onRequest } = {}) {
  const roots = Object.entries(mounts)
    .map(([prefix, dir]) => [prefix.replace(/\/$/, ""), resolve(dir)])
    .sort((a, b) => b[0].length - a[0].length);
  roots.push(["/", resolve(root)]);
  const server = createServer((req, res) => {
    onRequest?.(req);
    const file = resolveFile(roots, req.url || "/");
    const extra = headers?.((req.url || "/").split("?")[0].split("#")[0]) ?? {};
    if (!file || (req.method !== "GET" && req.method !== "HEAD")) {
      res.writeHead(file ? 405 : 404, { ...extra, "content-type": "text/plain; charset=utf-8" });
      res.end(file ? "method not allowed\n" : "not found\n");
      if (!quiet) console.log(`404 ${req.url}`);
      return;
    }
    res.writeHead(200, {
      ...extra,
      "content-type": TYPES[extname(file)] || "application/octet-stream",
      "cache-control": "no-store",
    });
    if (req.method === "HEAD") return res.end();
    if (rewriteHtml && extname(file) === ".html") {
      return res.end(rewriteHtml(readFileSync(file, "utf8"), (req.url || "/").split("?")[0]));
    }
    createReadStream(file).pipe(res);
  });
  return new Promise((done, fail) => {
    server.once("error", fail);
    server.listen(port, "127.0.0.1", () => done(server));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  let port = Number(process.env.PORT ?? 8080);
  let quiet = false;
  let root = null;
  const mounts = {};
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--port") port = Number(args[++i]);
    else if (args[i] === "--quiet") quiet = true;
    else if (args[i].startsWith("/") && args[i].includes("=")) {
      const [prefix, dir] = args[i].split("=");
      mounts[prefix] = dir;
    } else root = args[i];
  }
  if (!root) {
    console.error("usage: node scripts/serve.mjs [--port N] ROOT [/prefix=DIR ...]");
    process.exit(2);
  }
  const server = await serve({ root, mounts, port, quiet });
  const { port: actual } = server.address();
  console.log(`Serving ${root} at http://127.0.0.1:${actual}/ (Ctrl-C stops)`);
}
