// Runs lab probes in Pyodide under node, the CPython the page uses, for the
// crates' differential tests (crates/*/tests/pyodide.rs).
//
// Usage: node tests/pyodide/run-probes.mjs CASES.json
// CASES.json is an array of {id, code, probe}. Each case runs the way the
// worker (www/python-worker.js) runs it: the code in a fresh __main__
// namespace, then the probe in the same namespace, stdout captured. Prints one
// JSON array of {id, report} (the text after the probe's marker) or
// {id, error} (why there is no report) to stdout. Pyodide loads once.
import { readFileSync } from "node:fs";

const PROBE_MARKER = "__PATTERN_PLAYGROUND__ ";

const RUNNER = `
import contextlib, io, json, traceback

def _pp_run_case(code, probe):
    namespace = {"__name__": "__main__", "__builtins__": __builtins__}
    captured = io.StringIO()
    try:
        with contextlib.redirect_stdout(captured):
            exec(compile(code, "main.py", "exec"), namespace)
            exec(compile(probe, "<lab probe>", "exec"), namespace)
    except BaseException as error:
        return json.dumps({"error": traceback.format_exception_only(type(error), error)[-1].strip()})
    reports = [line[len(${JSON.stringify(PROBE_MARKER)}):] for line in captured.getvalue().splitlines()
               if line.startswith(${JSON.stringify(PROBE_MARKER)})]
    if len(reports) != 1:
        return json.dumps({"error": f"the probe printed {len(reports)} report lines, expected 1"})
    return json.dumps({"report": reports[0]})
`;

const casesPath = process.argv[2];
if (!casesPath) {
  console.error("usage: node tests/pyodide/run-probes.mjs CASES.json");
  process.exit(2);
}
const cases = JSON.parse(readFileSync(casesPath, "utf8"));

const { loadPyodide } = await import("pyodide");
// Anything Pyodide itself prints would corrupt the JSON on stdout.
const pyodide = await loadPyodide({ stdout: (line) => console.error(line), stderr: (line) => console.error(line) });
pyodide.runPython(RUNNER);
const runCase = pyodide.globals.get("_pp_run_case");

const results = cases.map(({ id, code, probe }) => ({ id, ...JSON.parse(runCase(code, probe)) }));
runCase.destroy();
process.stdout.write(JSON.stringify(results));
