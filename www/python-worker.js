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
let currentRun = null;
// Once the runtime has failed fatally it can never run code again: the app
// replaces this worker when it hears "crashed", and nothing more is done here.
let crashed = false;
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
      self.postMessage({ type: stream, run_id: currentRun ?? 0, text: pending[stream] });
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

/** Why the runtime died, in words for the Output. */
function describeFatal(error) {
  if (error && error.name === "Exit") {
    return `the interpreter exited (${error.message}), as os._exit() does`;
  }
  const text = error && error.name ? `${error.name}: ${error.message}` : String(error);
  if (error instanceof RangeError || /call stack/i.test(text)) {
    return `its stack overflowed (${text}). Recursion that goes through C code, a RecursionError caught deep down, or a very deeply nested object can do this even under sys.setrecursionlimit.`;
  }
  if (error instanceof WebAssembly.RuntimeError) {
    return `the interpreter aborted (${text})`;
  }
  return text;
}

/**
 * Reports a fatal failure once and stops serving. Everything in here is
 * guarded: it runs right after a stack overflow or an abort, and a second
 * failure must not keep the app from hearing about the first.
 */
function crash(error) {
  if (crashed) return;
  crashed = true;
  let reason;
  try {
    reason = describeFatal(error);
  } catch {
    reason = "the interpreter failed fatally";
  }
  try {
    flush();
  } catch {
    // Output still pending is lost with the interpreter; the crash report matters more.
  }
  self.postMessage({ type: "crashed", run_id: currentRun, reason });
}

/** Whether `error` (thrown out of Pyodide) means the interpreter is gone. */
function isFatal(error) {
  if (error && error.pyodide_fatal_error) return true;
  if (error instanceof RangeError || error instanceof WebAssembly.RuntimeError) return true;
  try {
    // After a fatal error every public API getter throws.
    void pyodide.globals;
    return false;
  } catch {
    return true;
  }
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
    pyodide.runPython(await runnerSource, { filename: "runner.py" });
    const version = pyodide.runPython("import sys; sys.version.split()[0]");
    self.postMessage({
      type: "ready",
      python_version: version,
      interruptible: interruptBuffer !== null,
      // The interpreter's wasm memory: most of what an idle worker costs.
      memory_bytes: pyodide._module.HEAP8.length,
    });
    drain();
  } catch (error) {
    self.postMessage({ type: "load_failed", message: String(error && error.message ? error.message : error) });
  }
}

function drain() {
  while (pyodide && !crashed && queue.length) run(queue.shift());
}

function run(message) {
  currentRun = message.run_id;
  if (interruptBuffer) interruptBuffer[0] = 0;
  lastFlush = 0;
  let runner = null;
  let outcome;
  try {
    runner = pyodide.globals.get("_pp_run");
    const result = runner(message.code, message.probe ?? null);
    outcome = result.toJs({ dict_converter: Object.fromEntries });
    result.destroy();
    runner.destroy();
  } catch (error) {
    if (isFatal(error)) {
      crash(error);
      return;
    }
    outcome = { status: "error", error: String(error), probe_reports: [], probe_error: null, elapsed_ms: 0 };
    runner?.destroy();
  }
  flush();
  self.postMessage({ type: "finished", run_id: message.run_id, outcome });
  currentRun = null;
}

// Anything thrown outside a run (a failure in this glue, or in Pyodide between
// runs) also means this worker can no longer be trusted with code.
self.addEventListener("error", (event) => {
  if (pyodide) crash(event.error ?? new Error(event.message));
});
self.addEventListener("unhandledrejection", (event) => {
  if (pyodide) crash(event.reason);
});

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
