// Adds `__wbg_restart()` to wasm-bindgen's glue: it drops the instance and
// instantiates the already compiled module afresh, synchronously.
//
//   node scripts/glue-restart.mjs glue.js
//
// A trap (a bug we have not found, memory exhaustion) can leave an instance
// unusable: its stack pointer or allocator half-way through a call. The
// glue keeps its instance in a module-level `let`, which nothing outside
// the glue can reset, and `initSync` does nothing once it is set; this
// function is the one way back. The package's module layer (npm/module.js)
// calls it after a failed call. wasm-bindgen's version is pinned exactly
// (Cargo.toml), and this script fails the build if the glue's shape changes.
//
// It also drops glue code the package never runs (see `trims` below), which
// the bundler cannot see is dead.
import { readFileSync, writeFileSync } from "node:fs";

const [gluePath] = process.argv.slice(2);
let glue = readFileSync(gluePath, "utf8");

const expected = [
  "let wasmModule, wasmInstance, wasm;",
  "function initSync(module) {\n    if (wasm !== undefined) return wasm;",
  "let __wbg_init_promise;",
  "export { initSync, __wbg_init as default };",
];
for (const piece of expected) {
  if (!glue.includes(piece)) {
    throw new Error(`glue-restart: the glue no longer contains ${JSON.stringify(piece)}; update this script`);
  }
}

glue = glue.replace(
  "export { initSync, __wbg_init as default };",
  `/** Drops the current instance and instantiates the compiled module again. */
function __wbg_restart() {
    const module = wasmModule;
    wasm = undefined;
    wasmInstance = undefined;
    __wbg_init_promise = undefined;
    return initSync({ module });
}

export { initSync, __wbg_init as default, __wbg_restart };`,
);
// The allocator's exports, as every caller of passStringToWasm0 passes them
// (scripts/short-imports.mjs has renamed them by now).
const allocator = glue.match(/passStringToWasm0\(\w+, (wasm\.[\w$]+), (wasm\.[\w$]+)\)/);
if (!allocator) throw new Error("glue-restart: no call of passStringToWasm0 with the allocator; update this script");
const [, malloc, realloc] = allocator;

// Each trim replaces one exact piece (every occurrence, at least one).
const trims = [
  // Every caller passes the module's own allocator, so the encoder branch
  // for a missing `realloc` never runs; the function reads the allocator
  // itself instead of each call site spelling it out.
  [`, ${malloc}, ${realloc})`, ")"],
  [
    `function passStringToWasm0(arg, malloc, realloc) {
    if (realloc === undefined) {
        const buf = cachedTextEncoder.encode(arg);
        const ptr = malloc(buf.length, 1) >>> 0;
        getUint8ArrayMemory0().subarray(ptr, ptr + buf.length).set(buf);
        WASM_VECTOR_LEN = buf.length;
        return ptr;
    }
`,
    `function passStringToWasm0(arg) {
    const malloc = ${malloc};
    const realloc = ${realloc};
`,
  ],
  // TextEncoder.encodeInto is in every supported engine (README, Browsers).
  [
    `if (!('encodeInto' in cachedTextEncoder)) {
    cachedTextEncoder.encodeInto = function (arg, view) {
        const buf = cachedTextEncoder.encode(arg);
        view.set(buf);
        return {
            read: arg.length,
            written: buf.length
        };
    };
}
`,
    "",
  ],
];
for (const [from, to] of trims) {
  if (!glue.includes(from)) {
    throw new Error(`glue-restart: the glue no longer contains ${JSON.stringify(from)}; update this script`);
  }
  glue = glue.replaceAll(from, to);
}

writeFileSync(gluePath, glue);
