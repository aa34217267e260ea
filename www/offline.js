// Registers the service worker (sw.js) that keeps the playground working
// offline after one visit, and tells the app once it does: the app shows it.
// An embed (embed=1) does not: installing copies every file, Python's
// included, and an embed loads Python only once it is seen or used.
if ("serviceWorker" in navigator && !/[?&]embed(?:=(?!0(?:&|$))|&|$)/.test(location.hash)) {
  navigator.serviceWorker.register("./sw.js").catch((error) => console.warn("offline mode unavailable:", error));
  navigator.serviceWorker.ready.then(() => {
    window.ppWorksOffline = true;
    window.dispatchEvent(new Event("pp-works-offline"));
  });
}
