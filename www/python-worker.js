// The Python worker: loads Pyodide from the app's own origin and runs code
// off the UI thread. It speaks the messages defined in
// crates/worker-protocol/src/lib.rs (ToWorker in, FromWorker out); keep the
// field names in step with that file.
import { loadPyodide } from "./pyodide/pyodide.mjs";

const PROBE_MARKER = "__PATTERN_PLAYGROUND__ ";

// Runs user code the way `python main.py` would: a fresh __main__ namespace,
// tracebacks that start at the user's code, and source lines in them.
const RUNNER = `
import sys, traceback, linecache, io, contextlib, time

def _pp_run(code, probe):
    linecache.cache["main.py"] = (len(code), None, code.splitlines(True), "main.py")
    namespace = {"__name__": "__main__", "__builtins__": __builtins__}
    started = time.perf_counter()
    result = {"status": "ok", "error": None, "probe_reports": [], "probe_error": None}
    try:
        exec(compile(code, "main.py", "exec"), namespace)
    except KeyboardInterrupt:
        result["status"] = "interrupted"
        result["error"] = "KeyboardInterrupt"
        print("KeyboardInterrupt: stopped", file=sys.stderr)
    except SystemExit as e:
        if e.code not in (None, 0):
            result["status"] = "error"
            result["error"] = "SystemExit: " + str(e.code)
    except BaseException as e:
        # Drop this runner's own frame so the traceback starts in main.py.
        traceback.print_exception(type(e), e, e.__traceback__.tb_next)
        result["status"] = "error"
        result["error"] = traceback.format_exception_only(type(e), e)[-1].strip()
    sys.stdout.flush()
    sys.stderr.flush()
    if probe is not None and result["status"] == "ok":
        captured = io.StringIO()
        try:
            with contextlib.redirect_stdout(captured):
                exec(compile(probe, "<lab probe>", "exec"), namespace)
        except BaseException as e:
            result["probe_error"] = traceback.format_exception_only(type(e), e)[-1].strip()
        for line in captured.getvalue().splitlines():
            if line.startswith(${JSON.stringify(PROBE_MARKER)}):
                result["probe_reports"].append(line[len(${JSON.stringify(PROBE_MARKER)}):])
        if not result["probe_reports"] and result["probe_error"] is None:
            result["probe_error"] = "the lab's probe printed no report"
    result["elapsed_ms"] = (time.perf_counter() - started) * 1000
    return result
`;

let pyodide = null;
let interruptBuffer = null;
let currentRun = 0;
const queue = [];

// A write is posted at once unless the previous post was under 20 ms ago;
// then it waits for the next write (or 16 KB), so a print loop cannot flood
// the UI thread with one message per line. The worker's event loop is blocked
// while Python runs, so no timer could flush a batch: only writes do.
const FLUSH_INTERVAL_MS = 20;
const pending = { stdout: "", stderr: "" };
let lastFlush = 0;
let lastStream = null;
function flush() {
  for (const stream of ["stdout", "stderr"]) {
    if (pending[stream]) {
      self.postMessage({ type: stream, run_id: currentRun, text: pending[stream] });
      pending[stream] = "";
      lastFlush = Date.now();
    }
  }
}
function writer(stream) {
  const decoder = new TextDecoder();
  return {
    write(bytes) {
      // Keep stdout and stderr in the order they were written.
      if (lastStream !== stream) flush();
      lastStream = stream;
      pending[stream] += decoder.decode(bytes, { stream: true });
      if (pending[stream].length > 16384 || Date.now() - lastFlush >= FLUSH_INTERVAL_MS) flush();
      return bytes.length;
    },
  };
}

function progress(stage, fraction) {
  self.postMessage({ type: "loading", stage, fraction });
}

// Fetching the runtime ourselves first lets the page show real download
// progress; Pyodide's own fetch then comes from the HTTP cache.
async function prefetch(url, from, to) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const total = Number(response.headers.get("content-length")) || 0;
  const reader = response.body.getReader();
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.length;
    if (total) {
      const mb = (n) => (n / 1048576).toFixed(1);
      progress(`Downloading Python (${mb(received)} of ${mb(total)} MB)`, from + (to - from) * (received / total));
    }
  }
}

async function start() {
  try {
    progress("Downloading Python", 0.02);
    const base = new URL("./pyodide/", self.location.href).href;
    await Promise.all([
      prefetch(base + "pyodide.asm.wasm", 0.02, 0.7),
      fetch(base + "python_stdlib.zip"),
    ]);
    progress("Starting the interpreter", 0.75);
    pyodide = await loadPyodide({ indexURL: base });
    pyodide.setStdout(writer("stdout"));
    pyodide.setStderr(writer("stderr"));
    if (interruptBuffer) pyodide.setInterruptBuffer(interruptBuffer);
    progress("Preparing the runner", 0.95);
    pyodide.runPython(RUNNER);
    const version = pyodide.runPython("import sys; sys.version.split()[0]");
    self.postMessage({ type: "ready", python_version: version, interruptible: interruptBuffer !== null });
    drain();
  } catch (error) {
    self.postMessage({ type: "load_failed", message: String(error && error.message ? error.message : error) });
  }
}

function drain() {
  while (pyodide && queue.length) run(queue.shift());
}

function run(message) {
  currentRun = message.run_id;
  if (interruptBuffer) interruptBuffer[0] = 0;
  lastFlush = 0;
  const runner = pyodide.globals.get("_pp_run");
  let outcome;
  try {
    const result = runner(message.code, message.probe ?? null);
    outcome = result.toJs({ dict_converter: Object.fromEntries });
    result.destroy();
  } catch (error) {
    outcome = { status: "error", error: String(error), probe_reports: [], probe_error: null, elapsed_ms: 0 };
  } finally {
    runner.destroy();
  }
  flush();
  self.postMessage({ type: "finished", run_id: message.run_id, outcome });
}

self.onmessage = (event) => {
  const message = event.data;
  if (message.type === "init") {
    interruptBuffer = message.interrupt_buffer ?? null;
    start();
  } else if (message.type === "run") {
    queue.push(message);
    drain();
  }
};
