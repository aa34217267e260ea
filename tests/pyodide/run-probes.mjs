// Runs lab probes in Pyodide under node, the CPython the page uses, for the
// differential suites (crates/cpython-truth). Each case goes through the
// page's own runner, www/runner.py, exactly as the worker runs a Run, after
// loading the shipped packages (pydantic) that the code or probe imports.
//
// Usage: node tests/pyodide/run-probes.mjs CASES.json
// CASES.json is an array of {code, probe, after_error}. Prints one JSON array with, per
// case, what _pp_run returned (status, error, probe_reports, probe_error).
// Pyodide loads once.
import { readFileSync } from "node:fs";

const casesPath = process.argv[2];
if (!casesPath) {
  console.error("usage: node tests/pyodide/run-probes.mjs CASES.json");
  process.exit(2);
}
const cases = JSON.parse(readFileSync(casesPath, "utf8"));
const runner = readFileSync(new URL("../../www/runner.py", import.meta.url), "utf8");

const { loadImportedPackages, loadPlaygroundPyodide } = await import("./load.mjs");
// What the code prints would corrupt the JSON on stdout.
const quiet = { stdout: (line) => console.error(line), stderr: (line) => console.error(line) };
const pyodide = await loadPlaygroundPyodide(quiet);
pyodide.runPython(runner);
const run = pyodide.globals.get("_pp_run");
const asJson = pyodide.runPython("import json; json.dumps");

const results = [];
for (const { code, probe, after_error } of cases) {
  await loadImportedPackages(pyodide, `${code}\n${probe ?? ""}`);
  const result = run(code, probe ?? null, after_error ?? false);
  const json = asJson(result);
  result.destroy();
  results.push(JSON.parse(json));
}
run.destroy();
asJson.destroy();
process.stdout.write(JSON.stringify(results));
