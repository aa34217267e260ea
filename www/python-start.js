// Starts Python as the page opens, in parallel with the app's wasm: this
// creates the worker and sends it Init (the same message the app sends, see
// crates/worker-protocol). The app adopts the worker when it starts
// (src/python.rs), replaying the events kept here until then.
// - A pattern page starts at once; the home page stays light.
// - An embed (embed=1, as crates/urlstate reads it) starts lazily, as the app
//   does (src/embed.rs): a docs page may hold many. With the default
//   `start=visible` it starts here as soon as the embed is seen, without
//   waiting for the app's wasm; with `start=interaction` the app starts it.
(() => {
  const [path, query = ""] = location.hash.replace(/^#/, "").split("?");
  const route = path.replace(/^\/+|\/+$/g, "");
  const options = new URLSearchParams(query);
  const embed = options.get("embed");
  const embedded = embed !== null && embed !== "0";
  if (!route || typeof Worker === "undefined") return;

  function start() {
    // The app may have started Python itself already (an embed used before it was seen).
    if (window.__ppPythonStarted) return;
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
    window.__ppPythonStarted = true;
    window.__ppEarlyPython = {
      worker,
      interrupt,
      events,
      release() {
        for (const kind of kinds) worker.removeEventListener(kind, keep);
      },
    };
  }

  if (!embedded) {
    start();
  } else if (options.get("start") !== "interaction" && typeof IntersectionObserver !== "undefined") {
    // The embed's document is seen when its iframe is (the app watches #main, which fills it).
    const seen = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        seen.disconnect();
        start();
      }
    });
    seen.observe(document.documentElement);
  }
})();
