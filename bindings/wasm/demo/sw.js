// The service worker of the CHIME self-assessment page. It keeps the page's own files on the
// device, so the page opens and works without a connection once it has loaded. It sends
// nothing anywhere and caches nothing but the page's own files.
//
// scripts/build-site.sh writes this file into the site, filling in VERSION (a hash of the
// site's files, so a new build replaces the old copies) and FILES (every file of the site but
// the review module, which is cached here the first time the page uses it).
const VERSION = "__VERSION__";
const FILES = __FILES__;
const PREFIX = "chime-self-assessment-";
const CACHE = PREFIX + VERSION;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(FILES.map((file) => new Request(file, { cache: "reload" }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((key) => key.startsWith(PREFIX) && key !== CACHE).map((key) => caches.delete(key))),
      )
      .then(() => self.clients.claim()),
  );
});

// Cache first: the files of one build never change, and a new build comes with a new worker.
self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      const hit =
        (await cache.match(request, { ignoreSearch: true })) ||
        (request.mode === "navigate" ? await cache.match("index.html") : undefined);
      if (hit) return hit;
      const response = await fetch(request);
      if (response.ok) await cache.put(request, response.clone());
      return response;
    }),
  );
});
