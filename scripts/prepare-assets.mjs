// Prepares the browser assets that come from npm, into build/:
//  - build/editor.js: www/editor.js (CodeMirror 6) bundled by esbuild;
//  - build/pyodide/: the Pyodide core runtime (its standard library partly
//    compiled, see pyodide-stdlib.mjs), and the Python packages the
//    app ships (pydantic; pinned in pyodide-packages.json) with the lock file
//    that lists them, served from the app's own origin so the playground
//    works offline and without a CDN.
// Trunk runs this as its pre_build hook, so `trunk build` alone is enough.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { ensurePackages, shippedFiles } from "./pyodide-packages.mjs";
import { ensureStdlib } from "./pyodide-stdlib.mjs";

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

// The core runtime; of the npm package's lock file only its `info` is kept:
// its packages are not shipped. Emptied first, so no wheel of an older pin stays.
// The standard library is the npm package's with the modules the playground
// imports compiled (scripts/pyodide-stdlib.mjs).
const PYODIDE_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm"];
rmSync("build/pyodide", { recursive: true, force: true });
mkdirSync("build/pyodide", { recursive: true });
for (const file of PYODIDE_FILES) {
  copyFileSync(`node_modules/pyodide/${file}`, `build/pyodide/${file}`);
}
copyFileSync(await ensureStdlib(), "build/pyodide/python_stdlib.zip");
const packages = await ensurePackages();
for (const file of shippedFiles(packages)) {
  copyFileSync(packages + file, `build/pyodide/${file}`);
}
