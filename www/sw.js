// The service worker: after one visit the playground loads and runs with the
// network off. scripts/write-service-worker.mjs writes this file into each
// build with the build's id, the list of its files kept at install, and the
// list of those kept once a page has used them (the Python packages, which
// only code that imports them loads).
//
// One cache per build, filled whole at install: a page is served entirely
// from one build, never a mix. A new build waits until no page of the old one
// is open, then deletes the old cache when it takes over.
const BUILD = "__PP_BUILD__";
const FILES = __PP_FILES__;
const ON_USE = new Set(__PP_ON_USE__.map((file) => new URL(file, self.location.href).href));
const PREFIX = "pattern-playground-";
const CACHE = PREFIX + BUILD;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(FILES.map((file) => new Request(file, { cache: "reload" })))),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((keys) =>
      Promise.all(keys.filter((key) => key.startsWith(PREFIX) && key !== CACHE).map((key) => caches.delete(key))),
    ),
  );
});

// Opened once for the worker's life: a later visit's page asks for a dozen
// files before Python starts, one after the other.
let opened = null;
const buildCache = () => (opened ??= caches.open(CACHE));

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  // Every page of the app is index.html: the route is in the hash. Other
  // pages (embed-demo.html) are themselves.
  const page = request.mode === "navigate" && !url.pathname.endsWith(".html");
  const key = page ? new URL("./", self.location.href).href : url.origin + url.pathname;
  event.respondWith(
    buildCache().then(async (cache) => {
      // The key has no query, nor has any kept request: matching with
      // ignoreSearch would only take Cache Storage's slow path (a scan of
      // every entry).
      const hit = await cache.match(key);
      if (hit) return hit;
      const response = await fetch(request);
      if (response.ok && ON_USE.has(key)) event.waitUntil(cache.put(key, response.clone()));
      return response;
    }),
  );
});
