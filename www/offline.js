// Registers the service worker (sw.js) that keeps the playground working
// offline after one visit, and tells the app once it does: the app shows it.
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("./sw.js").catch((error) => console.warn("offline mode unavailable:", error));
  navigator.serviceWorker.ready.then(() => {
    window.ppWorksOffline = true;
    window.dispatchEvent(new Event("pp-works-offline"));
  });
}
