// The service worker of one tenant's atlas (issue 17 item 6, decision 0051), served at
// /t/<slug>/angebote/sw.js with the scope /t/<slug>/angebote. Pages: network first, the last copy
// when offline; the build's files (hashed names): cache first. Only pages the server marked as
// the same for every visitor (X-Page-Cache from the shared page cache, or X-Offline-Copy from the
// atlas' loaders for anonymous visitors) are kept: nothing personal lands in the cache.
const base = new URL(self.registration.scope).pathname.replace(/\/$/, "");
const PAGES = `teilhabe-pages:${base}`;
const FILES = "teilhabe-files";
const MAX_PAGES = 80;
const MAX_FILES = 200;
// Downloads and this script are not pages to keep.
const NOT_KEPT = /\/(sw\.js|app\.webmanifest|daten\.csv|daten\.json)$/;

const inScope = (url) =>
  url.origin === self.location.origin &&
  (url.pathname === base || url.pathname.startsWith(`${base}/`)) &&
  !NOT_KEPT.test(url.pathname);
const shareable = (res) =>
  res.ok && res.type === "basic" && (res.headers.has("X-Page-Cache") || res.headers.get("X-Offline-Copy") === "1");

async function put(cacheName, key, res, max) {
  const cache = await caches.open(cacheName);
  await cache.put(key, res);
  const keys = await cache.keys();
  // The oldest go first (keys come in insertion order).
  for (const old of keys.slice(0, Math.max(0, keys.length - max))) await cache.delete(old);
}

/** Fetches a page and keeps a copy if it may be kept; returns the network's answer. */
async function fetchAndKeep(request, key) {
  const res = await fetch(request);
  if (shareable(res)) await put(PAGES, key, res.clone(), MAX_PAGES);
  return res;
}

// The pages answered from a copy, by the window they open. That window asks (message "status") and
// shows the offline notice: navigator.onLine says "online" whenever the device has any network at
// all – a captive portal, a dead uplink, a server that is down – so it cannot tell by itself.
const fromCopy = new Set();

async function page(event, url) {
  try {
    const res = await fetch(event.request);
    if (shareable(res)) event.waitUntil(put(PAGES, url.href, res.clone(), MAX_PAGES));
    return res;
  } catch (offline) {
    const cache = await caches.open(PAGES);
    // This very page; else the same page without its search or filters; else the search page.
    const copy =
      (await cache.match(url.href, { ignoreVary: true })) ??
      (await cache.match(url.origin + url.pathname, { ignoreVary: true, ignoreSearch: true })) ??
      (await cache.match(self.location.origin + base, { ignoreVary: true, ignoreSearch: true }));
    if (copy) {
      if (event.resultingClientId) fromCopy.add(event.resultingClientId);
      return copy;
    }
    throw offline;
  }
}

async function file(request) {
  const cache = await caches.open(FILES);
  const hit = await cache.match(request);
  if (hit) return hit;
  const res = await fetch(request);
  if (res.ok && res.type === "basic") await put(FILES, request, res.clone(), MAX_FILES);
  return res;
}

// The search page is there offline even if the first visit was an offer.
self.addEventListener("install", (event) => {
  event.waitUntil(
    fetchAndKeep(new Request(base, { credentials: "same-origin" }), self.location.origin + base)
      .catch(() => undefined)
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (request.mode === "navigate") {
    if (inScope(url)) event.respondWith(page(event, url));
    return;
  }
  if (url.origin === self.location.origin && url.pathname.startsWith("/assets/")) event.respondWith(file(request));
});

// A page asks to keep further pages: the other languages of an offer it shows.
self.addEventListener("message", (event) => {
  if (event.data?.type === "status") {
    const id = event.source?.id;
    event.source?.postMessage({ type: "status", offlineCopy: !!id && fromCopy.delete(id) });
    return;
  }
  const urls = event.data?.type === "keep" && Array.isArray(event.data.urls) ? event.data.urls : [];
  const wanted = urls
    .slice(0, 20)
    .map((u) => new URL(u, self.location.origin))
    .filter(inScope);
  event.waitUntil(
    Promise.all(
      wanted.map((u) =>
        fetchAndKeep(new Request(u.href, { credentials: "same-origin" }), u.href).catch(() => undefined),
      ),
    ),
  );
});
