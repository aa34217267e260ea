// The Python worker: loads Pyodide from the app's own origin and runs code
// off the UI thread. It speaks the messages defined in
// crates/worker-protocol/src/lib.rs (ToWorker in, FromWorker out); keep the
// field names in step with that file.
// Imported, not statically: a static import would hold every line here,
// the downloads that start() begins included, until Pyodide's JS has loaded.
import { forgetSnapshot, hasSnapshot, readSnapshot, storeSnapshot } from "./python-snapshot.js";

const pyodideModule = import("./pyodide/pyodide.mjs");
const loadPyodide = async (options) => (await pyodideModule).loadPyodide(options);

// The runner (runner.py) is shared with the differential suites, which run
// every probe through it: what they check is what a Run does.
const runnerSource = fetch(new URL("./runner.py", self.location.href)).then((response) => {
  if (!response.ok) throw new Error(`runner.py: HTTP ${response.status}`);
  return response.text();
});

let pyodide = null;
let interruptBuffer = null;
// The lock file lists only the packages the app ships beside Pyodide
// (pydantic and its dependencies; scripts/pyodide-packages.mjs writes it), and
// Pyodide needs its address absolute.
const pyodideOptions = (base) => ({ indexURL: base, lockFileURL: `${base}pyodide-lock.json` });
// Warm starts: a memory snapshot of a freshly started interpreter that has
// defined the runner (runner.py and WARM_IMPORTS, the playground's own code),
// kept by python-snapshot.js. It is made by a throwaway worker after a cold
// start, never by the worker that runs user code: code that ran leaves state
// a snapshot cannot hold. Its key names the Pyodide version and build (the
// wasm's size and validators) and the runner's digest, so it outlives app
// updates that leave both alone. A snapshot that fails to restore is deleted.
let useSnapshots = true;
let currentRun = null;
// Once the runtime has failed fatally it can never run code again: the app
// replaces this worker when it hears "crashed", and nothing more is done here.
let crashed = false;
const queue = [];
// The code of the latest Prepare not yet done (see prepare()), or null.
let pendingPrepare = null;

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

// Pyodide fetches its wasm and standard library itself, with the global
// fetch. The worker starts both downloads the moment it runs instead, and
// hands Pyodide's own fetch of each the response already on its way, so
// nothing is downloaded twice; the page sees real download progress, and the
// wasm is compiled as it streams in (below).
const networkFetch = self.fetch.bind(self);
const handedOver = new Map();
self.fetch = (input, init) => {
  const url = String(input instanceof Request ? input.url : input);
  const early = handedOver.get(url);
  handedOver.delete(url);
  return early ?? networkFetch(input, init);
};

// The download's share of the start's progress (worker-protocol's DOWNLOADED_FRACTION).
const DOWNLOADED_FRACTION = 0.75;
// At most one progress message per interval: the page re-renders for each.
const PROGRESS_INTERVAL_MS = 100;

/** Fetches `url` for Pyodide's later fetch of it, reporting progress from `from` to `to`. */
function fetchAhead(url, from, to) {
  const response = networkFetch(url).then((response) => {
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    if (from === undefined || !response.body) return response;
    // Content-Length counts encoded bytes, the stream decoded ones: the fraction is capped.
    const total = Number(response.headers.get("content-length")) || 0;
    const mb = (n) => (n / 1048576).toFixed(1);
    let received = 0;
    let reported = 0;
    // Progress is counted on a copy of the body. Pyodide and the compiler
    // get the response itself: a constructed Response has no URL, and V8
    // keeps and reuses compiled code only for a response it can tie to a
    // cached resource (on a later visit that skips compiling the wasm).
    const reader = response.clone().body.getReader();
    (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        received += value.length;
        const now = performance.now();
        if (total && now - reported >= PROGRESS_INTERVAL_MS) {
          reported = now;
          const fraction = Math.min(1, received / total);
          progress(`Downloading Python (${mb(Math.min(received, total))} of ${mb(total)} MB)`, from + (to - from) * fraction);
        }
      }
      // The wasm compiles as it arrives: once it is all in, the interpreter is starting.
      progress("Starting the interpreter", to);
    })().catch(() => {});
    return response;
  });
  handedOver.set(url, response);
  return response;
}

// Pyodide compiles its wasm only once its own JS has loaded (and after the
// snapshot lookup). The worker compiles it from the first byte instead, as
// it streams in, and hands the compiled module to Pyodide's
// instantiateStreaming; a compile that failed leaves Pyodide its own.
let compiledRuntime = null;
const instantiateStreaming = WebAssembly.instantiateStreaming.bind(WebAssembly);
WebAssembly.instantiateStreaming = async (source, imports) => {
  if (!compiledRuntime) return instantiateStreaming(source, imports);
  const module = await compiledRuntime.module;
  if (module) return { module, instance: await WebAssembly.instantiate(module, imports) };
  // The early compile failed: Pyodide's own try fetches the wasm afresh.
  return instantiateStreaming(networkFetch(compiledRuntime.url), imports);
};

/** What tells one build of the runtime from another: the wasm's size and validators. */
function buildOf(response) {
  const header = (name) => response.headers.get(name) ?? "";
  return `${header("content-length")}-${header("etag")}${header("last-modified")}`;
}

async function snapshotKey(base, build) {
  const { version } = await pyodideModule;
  const runner = new TextEncoder().encode((await runnerSource) + WARM_IMPORTS);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", runner));
  const hex = [...digest.subarray(0, 8)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${base}snapshot/${encodeURIComponent(version)}/${encodeURIComponent(build)}/${hex}`;
}

/** Defines the runner's functions in `__main__` (in a fresh interpreter, or one that is about to be snapshotted). */
async function defineRunner(interpreter) {
  interpreter.runPython(await runnerSource, { filename: "runner.py" });
  interpreter.runPython(WARM_IMPORTS, { filename: "prepare.py" });
}

/** In a throwaway worker: start fresh, snapshot, store, and close. */
async function makeSnapshot(base, key) {
  try {
    const fresh = await loadPyodide({ ...pyodideOptions(base), _makeSnapshot: true });
    await defineRunner(fresh);
    const bytes = fresh.makeMemorySnapshot();
    // One snapshot at a time: it takes the place of an older build's, which is useless.
    await storeSnapshot(key, bytes);
    // Earlier builds kept it in Cache Storage.
    await caches.delete("python-snapshots").catch(() => {});
    self.postMessage({ type: "snapshot_made", bytes: bytes.length });
  } catch (error) {
    self.postMessage({ type: "snapshot_failed", message: String(error && error.message ? error.message : error) });
  }
  self.close();
}

/**
 * After a cold start, has a throwaway worker make the snapshot, unless one
 * is being made already (by this page's spare or another tab).
 */
function snapshotLater(key) {
  if (!self.navigator.locks) return;
  self.navigator.locks.request("pattern-playground-python-snapshot", { ifAvailable: true }, async (lock) => {
    if (!lock || (await hasSnapshot(key))) return;
    // Its own URL tells it apart in the network log; the service worker ignores the query.
    const maker = new Worker(new URL("./python-worker.js?snapshot-maker", self.location.href), { type: "module" });
    await new Promise((done) => {
      maker.onmessage = ({ data }) => {
        if (data.type === "snapshot_failed") console.warn(`No Python snapshot was made: ${data.message}`);
        done();
      };
      maker.onerror = () => done();
      maker.postMessage({ type: "make_snapshot", key });
    });
    maker.terminate();
  });
}

// Making the snapshot is a second cold start, on the same cores as the first
// thing the page asks for: the packages its code imports (a Prepare) or a
// Run. It waits for that, or for a few seconds if nothing is asked.
const SNAPSHOT_DELAY_MS = 3000;
let snapshotWaiting = null;
function snapshotSoon(key) {
  snapshotWaiting = key;
  setTimeout(snapshotNow, SNAPSHOT_DELAY_MS);
}
function snapshotNow() {
  if (snapshotWaiting === null) return;
  const key = snapshotWaiting;
  snapshotWaiting = null;
  snapshotLater(key);
}

/**
 * Starts from `kept` (readSnapshot's promise) if it holds the snapshot for
 * `key`; any failure deletes it and returns null.
 */
async function restore(base, key, kept) {
  const snapshot = await kept;
  if (!snapshot || snapshot.key !== key) return null;
  try {
    const restored = await loadPyodide({ ...pyodideOptions(base), _loadSnapshot: snapshot.bytes });
    // A snapshot freezes the random generator's state: reseed from the OS.
    restored.runPython("import random; random.seed()");
    return restored;
  } catch (error) {
    console.warn(`The Python snapshot did not restore (${error}); starting cold.`);
    await forgetSnapshot();
    return null;
  }
}

async function start() {
  try {
    progress("Downloading Python", 0.02);
    // Read at once, beside the downloads: reading it is most of a warm start.
    const kept = useSnapshots ? readSnapshot() : null;
    const base = new URL("./pyodide/", self.location.href).href;
    fetchAhead(base + "python_stdlib.zip");
    // The lock file too: the first Run reads it (loadImports).
    shippedModules();
    const runtime = fetchAhead(base + "pyodide.asm.wasm", 0.02, DOWNLOADED_FRACTION);
    compiledRuntime = { url: base + "pyodide.asm.wasm", module: WebAssembly.compileStreaming(runtime).catch(() => null) };
    // Pyodide's JS loads meanwhile too; loadPyodide imports the same module later.
    import(base + "pyodide.asm.mjs").catch(() => {});
    const key = await snapshotKey(base, buildOf(await runtime));
    if (!useSnapshots) await forgetSnapshot();
    pyodide = useSnapshots ? await restore(base, key, kept) : null;
    const startKind = pyodide ? "snapshot" : "cold";
    pyodide ??= await loadPyodide(pyodideOptions(base));
    pyodide.setStdout(writer("stdout"));
    pyodide.setStderr(writer("stderr"));
    if (interruptBuffer) pyodide.setInterruptBuffer(interruptBuffer);
    // A snapshot holds the runner already.
    if (startKind === "cold") {
      progress("Preparing the runner", 0.95);
      await defineRunner(pyodide);
    }
    const version = pyodide.runPython("import sys; sys.version.split()[0]");
    self.postMessage({
      type: "ready",
      python_version: version,
      interruptible: interruptBuffer !== null,
      // The interpreter's wasm memory: most of what an idle worker costs.
      memory_bytes: pyodide._module.HEAP8.length,
      start: startKind,
    });
    drain();
    if (useSnapshots && startKind === "cold") snapshotSoon(key);
  } catch (error) {
    self.postMessage({ type: "load_failed", message: String(error && error.message ? error.message : error) });
  }
}

// Runs are taken one at a time: loading a run's packages awaits, and the next
// run must not start meanwhile. A Prepare waits until no run is queued.
let draining = false;
async function drain() {
  if (draining) return;
  draining = true;
  while (pyodide && !crashed && (queue.length || pendingPrepare !== null)) {
    if (queue.length) {
      await run(queue.shift());
    } else {
      const code = pendingPrepare;
      pendingPrepare = null;
      await prepare(code);
    }
    snapshotNow();
  }
  draining = false;
}

// Runs the code's top-level import statements of the shipped packages, each
// alone in a scratch namespace: importing is what takes long after loading
// (pydantic builds its machinery), and the modules stay in sys.modules for
// the Run. Any failure is left for the Run to meet and report.
const WARM_IMPORTS = `
def _pp_shipped_imports(code, shipped):
    """The shipped modules the code imports, in order; None if it does not parse."""
    import ast
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        return None
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for root in (name.split(".")[0] for name in names):
            if root in shipped and root not in found:
                found.append(root)
    return found


def _pp_warm_imports(code, shipped):
    import ast
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        return
    for node in tree.body:
        if isinstance(node, ast.Import):
            roots = [alias.name.split(".")[0] for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots = [node.module.split(".")[0]]
        else:
            continue
        if all(root in shipped for root in roots):
            try:
                exec(compile(ast.Module([node], []), "<prepare>", "exec"), {})
            except Exception:
                pass
`;

/** The shipped modules the last Prepare's code imported, joined, to tell a change. */
let preparedFor = "";

/** The top-level modules of the shipped packages (from the lock file), fetched once. */
let shippedImports = null;
async function shippedModules() {
  shippedImports ??= fetch(new URL("./pyodide/pyodide-lock.json", self.location.href))
    .then((response) => (response.ok ? response.json() : { packages: {} }))
    .then((lock) => new Set(Object.values(lock.packages).flatMap((pkg) => pkg.imports)));
  return shippedImports;
}

/**
 * Before a Run: loads the shipped packages `code` imports and runs its
 * import statements of them, saying so on the status line. Code that imports
 * none of them costs one parse.
 */
async function prepare(code) {
  const shipped = pyodide.toPy([...(await shippedModules())]);
  let wanted;
  try {
    const importsOf = pyodide.globals.get("_pp_shipped_imports");
    const found = importsOf(code, shipped);
    importsOf.destroy();
    wanted = found ? found.toJs() : null;
    found?.destroy();
  } catch (error) {
    return isFatal(error) ? crash(error) : undefined;
  } finally {
    shipped.destroy();
  }
  // Code that does not parse (yet, as it is typed) changes nothing.
  if (wanted === null) return;
  const status = (loading, text) => self.postMessage({ type: "packages", loading, text });
  // The status line speaks of the code on the page: when another page's code
  // (or an edit) imports none of the packages any more, it says nothing.
  const changed = wanted.join() !== preparedFor;
  preparedFor = wanted.join();
  if (!wanted.length) {
    if (changed) status(false, "");
    return;
  }
  let loadingSince = 0;
  try {
    await pyodide.loadPackagesFromImports(code, {
      messageCallback(text) {
        if (text.startsWith("Loading ")) {
          loadingSince = performance.now();
          status(true, `${text}…`);
        }
      },
      errorCallback: () => {},
    });
    const warm = pyodide.globals.get("_pp_warm_imports");
    const names = pyodide.toPy(wanted);
    warm(code, names);
    names.destroy();
    warm.destroy();
    // Said when this Prepare loaded something or asks for other packages than the last.
    const took = loadingSince ? ` (${((performance.now() - loadingSince) / 1000).toFixed(1)} s)` : "";
    if (loadingSince || changed) status(false, `${wanted.join(", ")} ready${took}`);
  } catch (error) {
    if (isFatal(error)) return crash(error);
    status(false, `${wanted.join(", ")} could not be loaded: ${error && error.message ? error.message : error}`);
  }
}

/** The playground's own words in the Output, such as which packages are loading. */
function note(text) {
  flush();
  self.postMessage({ type: "note", run_id: currentRun ?? 0, text });
}

/**
 * Loads the shipped packages (pydantic) that the code or the probe imports,
 * from the app's origin, saying so in the Output. Each loads once per worker:
 * pages whose code imports none of them never fetch one. A package that fails
 * to load is noted, and the code runs anyway, to fail at its import.
 */
async function loadImports(sources) {
  const shipped = [...(await shippedModules())];
  for (const source of sources) {
    // Code that never names a shipped module cannot import one: no need to parse it.
    if (!source || !shipped.some((name) => source.includes(name))) continue;
    let loadingSince = 0;
    try {
      await pyodide.loadPackagesFromImports(source, {
        messageCallback(text) {
          if (text.startsWith("Loading ")) {
            loadingSince = performance.now();
            note(`${text}…\n`);
          } else if (text.startsWith("Loaded ") && loadingSince) {
            note(`${text} (${((performance.now() - loadingSince) / 1000).toFixed(1)} s)\n`);
          }
        },
        errorCallback: (text) => note(`${text}\n`),
      });
    } catch (error) {
      if (isFatal(error)) throw error;
      note(`Could not load the packages this code imports: ${error && error.message ? error.message : error}\n`);
    }
  }
}

// The probe of a run sent without one (ToWorker::Run's probe_within_ms): the
// run waiting for it, and probes that came before their run started.
let awaitingProbe = null;
const earlyProbes = new Map();
// How often a run waiting for its probe looks at the interrupt buffer: no
// Python runs meanwhile, so Stop raises no KeyboardInterrupt.
const STOP_POLL_MS = 20;

/** The probe for `runId`, or none (and why) if none comes within `ms` or Stop is pressed. */
function probeFor(runId, ms) {
  if (earlyProbes.has(runId)) {
    const probe = earlyProbes.get(runId);
    earlyProbes.delete(runId);
    return Promise.resolve({ probe });
  }
  return new Promise((resolve) => {
    const done = (answer) => {
      clearTimeout(timer);
      clearInterval(poll);
      awaitingProbe = null;
      resolve(answer);
    };
    const timer = setTimeout(
      () => done({ missing: `the lab's prediction for this code did not come within ${(ms / 1000).toFixed(1)} s` }),
      ms,
    );
    const poll = setInterval(() => {
      if (interruptBuffer && interruptBuffer[0] === 2) {
        interruptBuffer[0] = 0;
        done({ missing: "Stop was pressed before the lab's prediction came" });
      }
    }, STOP_POLL_MS);
    awaitingProbe = { runId, done };
  });
}

function probeArrived(message) {
  if (awaitingProbe && awaitingProbe.runId === message.run_id) {
    awaitingProbe.done({ probe: message.probe ?? undefined });
  } else if (queue.some((queued) => queued.run_id === message.run_id) || currentRun === message.run_id) {
    earlyProbes.set(message.run_id, message.probe ?? undefined);
  }
  // Otherwise its run has ended: the probe came too late, and the run said so.
}

async function run(message) {
  currentRun = message.run_id;
  if (interruptBuffer) interruptBuffer[0] = 0;
  lastFlush = 0;
  try {
    await loadImports([message.code, message.probe?.source]);
  } catch (error) {
    crash(error);
    return;
  }
  let ran = null;
  let outcome;
  try {
    const execute = pyodide.globals.get("_pp_exec");
    ran = execute(message.code);
    execute.destroy();
    // The code's output is all there: it goes out before the probe runs (or is waited for).
    flush();
    // A RunProbe ({source, after_error}); absent is undefined.
    let probe = message.probe ?? undefined;
    let missing;
    // Code that raised waits too: the probe that comes may be one that runs after an error.
    if (probe === undefined && message.probe_within_ms != null && ran.probe_may_run) {
      ({ probe, missing } = await probeFor(message.run_id, message.probe_within_ms));
      if (probe !== undefined) await loadImports([probe.source]);
    }
    const finish = pyodide.globals.get("_pp_probe");
    // Undefined is what Pyodide hands to Python as None (null would be jsnull).
    const result = finish(ran, probe?.source, missing, probe?.after_error ?? false);
    finish.destroy();
    ran.destroy();
    ran = null;
    outcome = result.toJs({ dict_converter: Object.fromEntries });
    result.destroy();
  } catch (error) {
    if (isFatal(error)) {
      crash(error);
      return;
    }
    outcome = { status: "error", error: String(error), probe_reports: [], probe_error: null, elapsed_ms: 0 };
    ran?.destroy();
  }
  earlyProbes.delete(message.run_id);
  flush();
  self.postMessage({ type: "finished", run_id: message.run_id, outcome });
  currentRun = null;
}

// A fatal error outside a run (in Pyodide between runs, or in a callback the
// code left behind) is a crash too. Other uncaught errors, such as a Python
// exception in a JS callback, leave the interpreter working: they are logged
// and kept from the page, which would take a worker error for a dead worker.
function uncaught(event, error) {
  if (!pyodide) return;
  if (isFatal(error)) {
    crash(error);
  } else {
    event.preventDefault();
    console.error("Uncaught in the Python worker:", error);
  }
}
self.addEventListener("error", (event) => uncaught(event, event.error ?? new Error(event.message)));
self.addEventListener("unhandledrejection", (event) => uncaught(event, event.reason));

self.onmessage = (event) => {
  const message = event.data;
  if (message.type === "init") {
    interruptBuffer = message.interrupt_buffer ?? null;
    // The file system that keeps the snapshot, and the digest of its key, exist only in secure contexts.
    useSnapshots = message.snapshots !== false && self.isSecureContext;
    start();
  } else if (message.type === "make_snapshot") {
    // Sent by another worker (snapshotLater), never by the app.
    makeSnapshot(new URL("./pyodide/", self.location.href).href, message.key);
  } else if (message.type === "run") {
    queue.push(message);
    drain();
  } else if (message.type === "probe") {
    probeArrived(message);
  } else if (message.type === "prepare") {
    pendingPrepare = message.code;
    drain();
  }
};
