/// <reference lib="webworker" />
// The service worker (Serwist): it keeps the app's shell — the built scripts and styles, the
// Lens and image search pages, an offline page and TF.js's WASM binaries — so Lens and a photo
// search open and search on the device with the network off. Pages are asked of the network first and kept as they are seen;
// pictures of pins are kept as they are shown, so offline results have their thumbnails. API
// answers are never kept here: the on-device index keeps the catalog itself (IndexedDB), and
// the model's files are kept by the on-device worker (Cache Storage).
import { CacheFirst, ExpirationPlugin, NetworkFirst, Serwist, type PrecacheEntry, type SerwistGlobalConfig } from "serwist";

declare global {
  interface WorkerGlobalScope extends SerwistGlobalConfig {
    __SW_MANIFEST: (PrecacheEntry | string)[] | undefined;
  }
}

declare const self: ServiceWorkerGlobalScope;

const DAY_SECONDS = 24 * 3600;

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  precacheOptions: {
    // The bundler starts a web worker (the on-device search) from its kept bootstrap script with
    // the worker's chunk list in `?params=`; any such URL is the same kept file.
    ignoreURLParametersMatching: [/^utm_/, /^fbclid$/, /^params$/],
    plugins: [
      {
        // A worker takes its location from the response's URL, and the kept file's URL lacks
        // the params the bootstrap reads: a new response (with no URL) keeps the request's.
        // (`request` here is the cache's key; the page's request is the event's.)
        cachedResponseWillBeUsed: async ({ event, cachedResponse }) =>
          event instanceof FetchEvent && event.request.destination === "worker" && cachedResponse
            ? new Response(cachedResponse.body, { status: cachedResponse.status, statusText: cachedResponse.statusText, headers: cachedResponse.headers })
            : cachedResponse,
      },
    ],
  },
  skipWaiting: true,
  clientsClaim: true,
  navigationPreload: true,
  runtimeCaching: [
    {
      // Versioned URLs: a kept copy is always right.
      matcher: ({ sameOrigin, url }) => sameOrigin && url.pathname.startsWith("/tfjs-wasm/"),
      handler: new CacheFirst({ cacheName: "tfjs-wasm" }),
    },
    {
      // Named by the image's hash: a kept copy is always right.
      matcher: ({ sameOrigin, url, request }) => sameOrigin && request.method === "GET" && url.pathname.startsWith("/api/images/"),
      handler: new CacheFirst({
        cacheName: "pin-images",
        plugins: [new ExpirationPlugin({ maxEntries: 2000, maxAgeSeconds: 30 * DAY_SECONDS, purgeOnQuotaError: true })],
      }),
    },
    {
      matcher: ({ request, sameOrigin, url }) => sameOrigin && request.mode === "navigate" && !url.pathname.startsWith("/api/"),
      handler: new NetworkFirst({
        cacheName: "pages",
        networkTimeoutSeconds: 10,
        plugins: [new ExpirationPlugin({ maxEntries: 50, purgeOnQuotaError: true })],
      }),
    },
    {
      // The router's page payloads (client-side navigation).
      matcher: ({ request, sameOrigin, url }) => sameOrigin && request.headers.get("RSC") === "1" && !url.pathname.startsWith("/api/"),
      handler: new NetworkFirst({
        cacheName: "pages-rsc",
        networkTimeoutSeconds: 10,
        plugins: [new ExpirationPlugin({ maxEntries: 50, purgeOnQuotaError: true })],
      }),
    },
  ],
  fallbacks: {
    entries: [{ url: "/offline", matcher: ({ request }) => request.destination === "document" }],
  },
});

serwist.addEventListeners();
