// The Python worker: loads Pyodide from the app's own origin and runs code
// off the UI thread. It speaks the messages defined in
// crates/worker-protocol/src/lib.rs (ToWorker in, FromWorker out); keep the
// field names in step with that file.
import { loadPyodide } from "./pyodide/pyodide.mjs";

// The runner (runner.py) is shared with the differential suites, which run
// every probe through it: what they check is what a Run does.
const runnerSource = fetch(new URL("./runner.py", self.location.href)).then((response) => {
  if (!response.ok) throw new Error(`runner.py: HTTP ${response.status}`);
  return response.text();
});

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
    pyodide.runPython(await runnerSource);
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
