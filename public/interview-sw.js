/*
 * The interviewer's app offline (docs/fieldwork.md, "Conducting interviews offline").
 * Registered only by /{locale}/interview, with that page as its scope, so residents' pages
 * are never controlled by it. The page itself: network first, the last copy when there is no
 * network (kept with the headers it was served with, so its Content-Security-Policy and the
 * nonce of its scripts still match). Build files (/_next/static, named by their content):
 * from the cache first. /api is never cached: answers and assignments always go to the server.
 */
const CACHE = "qala-interview-v1";
const PAGE = /^\/(kk|ru|en)\/interview\/?$/;

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

const sameOrigin = (url) => url.origin === self.location.origin && !url.pathname.startsWith("/api/");

// The page names what it loaded (its scripts, styles, icon) and itself, to be kept for offline use.
self.addEventListener("message", (event) => {
  const urls = event.data && event.data.type === "keep" && Array.isArray(event.data.urls) ? event.data.urls : [];
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      Promise.all(
        urls.map(async (raw) => {
          const url = new URL(raw, self.location.origin);
          if (!sameOrigin(url)) return;
          const key = PAGE.test(url.pathname) ? url.pathname : url.href;
          if (url.pathname.startsWith("/_next/static/") && (await cache.match(key))) return;
          const response = await fetch(url.href, { credentials: "same-origin", cache: "no-store" }).catch(() => undefined);
          if (response && response.ok) await cache.put(key, response);
        }),
      ),
    ).then(() => event.source && event.source.postMessage({ type: "kept" })),
  );
});

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  const key = new URL(request.url).pathname;
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(key, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(key);
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (!sameOrigin(url)) return;
  if (url.pathname.startsWith("/_next/static/")) {
    event.respondWith(cacheFirst(request));
  } else if (request.mode === "navigate") {
    if (PAGE.test(url.pathname)) event.respondWith(networkFirst(request));
  } else if (!url.searchParams.has("_rsc")) {
    // The page's icon and the like: the last copy when there is no network.
    event.respondWith(fetch(request).catch(async () => (await caches.match(request)) || Response.error()));
  }
});
