// Registers the service worker (sw.js) that keeps the playground working
// offline after one visit, and tells the app once it does: the app shows it.
// An embed (embed=1) does not: installing copies every file, Python's
// included, and an embed loads Python only once it is seen or used.
// For the same reason a page that starts Python as it opens (python-start.js)
// registers it only a while after Python has started or failed (the app says
// so with "pp-python-settled"): installing while Python starts slows that
// start, and in the seconds after it the first Run and the packages the page's
// code imports (pydantic) load.
const INSTALL_AFTER_PYTHON_MS = 2000;
if ("serviceWorker" in navigator && !/[?&]embed(?:=(?!0(?:&|$))|&|$)/.test(location.hash)) {
  const register = () => {
    navigator.serviceWorker.register("./sw.js").catch((error) => console.warn("offline mode unavailable:", error));
  };
  if (window.__ppPythonStarted) {
    window.addEventListener("pp-python-settled", () => setTimeout(register, INSTALL_AFTER_PYTHON_MS), { once: true });
  } else {
    register();
  }
  navigator.serviceWorker.ready.then(() => {
    window.ppWorksOffline = true;
    window.dispatchEvent(new Event("pp-works-offline"));
  });
}
