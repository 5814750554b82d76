// Gives the wasm module's imports short names, in the module and in its
// JavaScript glue alike:
//
//   node scripts/short-imports.mjs module.wasm glue.js
//
// wasm-bindgen names each import after the Rust item plus a 16-digit hash
// (`./digest_render_bg.js` / `__wbg_addEventListener_70e3766f6252144d`),
// and every name is written twice, once in the module and once in the glue:
// about 2 KB gzip of a page's download for ninety imports. Both files are
// rewritten in place; the glue's import object is the only place the names
// occur.
//
// The exports get short names too, all but `memory` (which tests read):
// the glue reads them only as `wasm.NAME`; the Rust functions' names stay
// in the glue's own functions, which the package calls.
import { readFileSync, writeFileSync } from "node:fs";

const [wasmPath, gluePath] = process.argv.slice(2);
let bytes = readFileSync(wasmPath);
let glue = readFileSync(gluePath, "utf8");

function readU32(at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [value, at];
  }
}

function u32(value) {
  const out = [];
  do {
    let b = value & 0x7f;
    value = Math.floor(value / 128);
    if (value) b |= 0x80;
    out.push(b);
  } while (value);
  return out;
}

const name = (s) => [...u32(Buffer.byteLength(s)), ...Buffer.from(s)];

// a, b, ... Z, aa, ab ...: valid identifiers and object keys.
const ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
function shortName(i) {
  let s = "";
  do {
    s = ALPHABET[i % 52] + s;
    i = Math.floor(i / 52) - 1;
  } while (i >= 0);
  return s;
}

/** Where section `wanted` (by id) is in the module, or null. */
function findSection(wanted) {
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, body] = readU32(at + 1);
    if (id === wanted) return { start: at, body, end: body + size };
    at = body + size;
  }
  return null;
}

/** The module with `section` replaced by one of the same id holding `body`. */
function withSection(section, body) {
  return Buffer.concat([
    bytes.subarray(0, section.start),
    Buffer.from([bytes[section.start], ...u32(body.length), ...body]),
    bytes.subarray(section.end),
  ]);
}

const section = findSection(2);
if (!section) throw new Error(`${wasmPath}: no import section`);

let [count, p] = readU32(section.body);
const entries = [];
const modules = new Map();
for (let i = 0; i < count; i++) {
  const fields = [];
  for (let f = 0; f < 2; f++) {
    const [len, start] = readU32(p);
    fields.push(bytes.subarray(start, start + len).toString("utf8"));
    p = start + len;
  }
  // The import description, copied as it is: a kind byte and its payload.
  const descStart = p;
  const kind = bytes[p++];
  if (kind === 0x00 || kind === 0x04) {
    if (kind === 0x04) p++; // tag attribute
    [, p] = readU32(p);
  } else if (kind === 0x01 || kind === 0x02) {
    if (kind === 0x01) p++; // table element type
    const flags = bytes[p++];
    [, p] = readU32(p);
    if (flags & 1) [, p] = readU32(p);
  } else if (kind === 0x03) {
    p += 2; // value type, mutability
  } else {
    throw new Error(`${wasmPath}: unknown import kind ${kind}`);
  }
  const [module, field] = fields;
  if (!modules.has(module)) modules.set(module, shortName(modules.size));
  entries.push({ module, field, short: shortName(i), desc: bytes.subarray(descStart, p) });
}

const body = [...u32(count)];
for (const e of entries) body.push(...name(modules.get(e.module)), ...name(e.short), ...e.desc);
let out = withSection(section, body);
const importsSaved = bytes.length - out.length;

// The exports (section 7), read from the module with short imports.
bytes = out;
const exportSection = findSection(7);
if (!exportSection) throw new Error(`${wasmPath}: no export section`);
[count, p] = readU32(exportSection.body);
const exportBody = [...u32(count)];
/** Export names and their short names. */
const exportNames = new Map();
const taken = new Set();
const exported = [];
for (let i = 0; i < count; i++) {
  const [len, start] = readU32(p);
  const field = bytes.subarray(start, start + len).toString("utf8");
  p = start + len;
  const descStart = p;
  p++; // kind
  [, p] = readU32(p);
  exported.push({ field, desc: bytes.subarray(descStart, p) });
  taken.add(field);
}
let next = 0;
for (const e of exported) {
  if (e.field !== "memory") {
    let short;
    do short = shortName(next++);
    while (taken.has(short));
    taken.add(short);
    exportNames.set(e.field, short);
  }
  exportBody.push(...name(exportNames.get(e.field) ?? e.field), ...e.desc);
}
out = withSection(exportSection, exportBody);

// The glue: each import's key, and each module's key in the imports object.
for (const e of entries) {
  const key = new RegExp(`(?<![\\w$])${e.field.replace(/\$/g, "\\$")}(?=\\s*:)`, "g");
  const found = glue.match(key)?.length ?? 0;
  if (found !== 1) throw new Error(`${gluePath}: import ${e.field} found ${found} times`);
  glue = glue.replace(key, e.short);
}
for (const [module, short] of modules) {
  const key = JSON.stringify(module);
  if (!glue.includes(`${key}:`)) throw new Error(`${gluePath}: module ${key} not found`);
  glue = glue.replace(`${key}:`, `${JSON.stringify(short)}:`);
}

// The glue reads the exports as `wasm.NAME`: the Rust functions' must be
// found so, and wasm-bindgen's own (`__wbindgen_malloc`, ...) nowhere
// else, or the glue changed shape.
for (const [field, short] of exportNames) {
  const escaped = field.replace(/\$/g, "\\$");
  const all = glue.match(new RegExp(`(?<![\\w$])${escaped}(?![\\w$])`, "g"))?.length ?? 0;
  const key = new RegExp(`(?<=\\bwasm\\.)${escaped}(?![\\w$])`, "g");
  const found = glue.match(key)?.length ?? 0;
  if (field.startsWith("__") ? found !== all : found === 0) {
    throw new Error(`${gluePath}: export ${field} found ${found} times as wasm.${field}, ${all} in all`);
  }
  glue = glue.replace(key, short);
}

writeFileSync(wasmPath, out);
writeFileSync(gluePath, glue);
const saved = importsSaved + bytes.length - out.length;
console.error(
  `short-imports: ${entries.length} imports and ${exportNames.size} exports renamed, ${saved} bytes saved in the module`,
);
