// Prepares the browser assets that come from npm, into build/:
//  - build/editor.js: www/editor.js (CodeMirror 6) bundled by esbuild;
//  - build/pyodide/: the Pyodide core runtime, served from the app's own
//    origin so the playground works offline and without a CDN.
// Trunk runs this as its pre_build hook, so `trunk build` alone is enough.
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";

await build({
  entryPoints: ["www/editor.js"],
  bundle: true,
  format: "iife",
  minify: true,
  target: "es2020",
  outfile: "build/editor.js",
  legalComments: "none",
  logLevel: "warning",
});

// Only the core runtime: the examples use the standard library alone.
const PYODIDE_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"];
mkdirSync("build/pyodide", { recursive: true });
for (const file of PYODIDE_FILES) {
  copyFileSync(`node_modules/pyodide/${file}`, `build/pyodide/${file}`);
}
