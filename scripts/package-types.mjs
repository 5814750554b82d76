// The package's TypeScript declarations: the types wasm-bindgen generated
// from the Rust model (tsify), then the hand-written declarations of the
// functions npm/api.js exports.
//
//   node scripts/package-types.mjs generated.d.ts npm/api.d.ts > out.d.ts
//
// The generated file also declares the module's raw exports (`model`,
// `markup`, the init functions of the glue): they come after the types and
// are cut, since callers see api.js, not the glue.
import { readFileSync } from "node:fs";

const [generatedPath, apiPath] = process.argv.slice(2);
const generated = readFileSync(generatedPath, "utf8");
const lines = generated.split("\n");
let cut = lines.findIndex((line) => /^export (declare )?(function|class) /.test(line));
if (cut < 0) throw new Error("package-types: no exported function in the generated declarations");
// Take the doc comment above the first export along with it.
if (lines[cut - 1]?.trim() === "*/") {
  while (cut > 0 && !lines[cut].trimStart().startsWith("/**")) cut--;
}
const types = lines.slice(0, cut).join("\n").trimEnd();
for (const name of ["interface Digest", "type Options", "type DigestInput"]) {
  if (!types.includes(`export ${name}`)) throw new Error(`package-types: ${name} is missing from the generated types`);
}
process.stdout.write(
  [
    '/// <reference lib="esnext.disposable" />',
    types,
    readFileSync(apiPath, "utf8").trimEnd(),
    "",
  ].join("\n"),
);
