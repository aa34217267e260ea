// Starts Python as the page opens, in parallel with the app's wasm: when the
// page opens on a pattern (not the home page, which stays light, nor an
// embed), this creates the worker and sends it Init (the same message the app sends, see
// crates/worker-protocol). The app adopts the worker when it starts
// (src/python.rs), replaying the events kept here until then.
(() => {
  const [path, query = ""] = location.hash.replace(/^#/, "").split("?");
  const route = path.replace(/^\/+|\/+$/g, "");
  // An embed (embed=1, as crates/urlstate reads it) starts Python lazily, when
  // it is seen or used (src/embed.rs): a docs page may hold many.
  const embed = new URLSearchParams(query).get("embed");
  const embedded = embed !== null && embed !== "0";
  if (!route || embedded || typeof Worker === "undefined") return;
  let worker;
  try {
    worker = new Worker("./python-worker.js", { type: "module" });
  } catch {
    return; // The app starts its own worker and reports what went wrong.
  }
  const interrupt = self.crossOriginIsolated ? new Uint8Array(new SharedArrayBuffer(1)) : null;
  const events = [];
  const keep = (event) => events.push(event);
  const kinds = ["message", "error", "messageerror"];
  for (const kind of kinds) worker.addEventListener(kind, keep);
  let snapshots = true;
  try {
    // The setting src/python.rs keeps (warm starts from a snapshot, on unless turned off).
    snapshots = localStorage.getItem("pattern-playground-python-snapshots") !== "off";
  } catch {
    // Storage is blocked: the default.
  }
  const init = { type: "init", snapshots };
  if (interrupt) init.interrupt_buffer = interrupt;
  worker.postMessage(init);
  window.__ppEarlyPython = {
    worker,
    interrupt,
    events,
    release() {
      for (const kind of kinds) worker.removeEventListener(kind, keep);
    },
  };
})();
