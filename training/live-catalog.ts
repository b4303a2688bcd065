import "server-only";
// The live catalog as training data: every pin of a running Glimpse, read through its public API
// (GET /api/pins pages, each pin's display image), so the job works the same against the
// embedded store, PostgreSQL or another machine, and never opens a store the server holds.
// Pins come oldest first; each image is one identity, and a new product is a new identity.
// Images are kept under `dir` named by the SHA-256 of the original upload (the held-out split
// goes by it: catalog-views.ts): a later run downloads only the new ones, and their features
// (cached by file name) are the only ones it computes.
import { existsSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { FeedResponse, type Pin } from "@/lib/contracts";
import { validateImage } from "@/lib/image";
import type { CatalogImage } from "./catalog-views";

/** Pins per feed page: the API's maximum. */
const PAGE = 100;

export interface LiveCatalog {
  images: CatalogImage[];
  /** The newest pin's creation time: what a model trained on these images has seen. */
  newest: string | null;
  /** Images fetched by this call (the others were there from an earlier run). */
  downloaded: number;
  /** Pins whose image could not be fetched or is not a usable image, skipped. */
  skipped: number;
}

export function isLiveCatalog(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

/** Every pin of the Glimpse at `base`, oldest first (by creation time, then id). */
export async function livePins(base: string, signal?: AbortSignal): Promise<Pin[]> {
  const pins: Pin[] = [];
  let cursor: string | null = null;
  do {
    const url = new URL("/api/pins", base);
    url.searchParams.set("limit", String(PAGE));
    if (cursor) url.searchParams.set("cursor", cursor);
    const page = FeedResponse.parse(await fetchJson(url, signal));
    pins.push(...page.pins);
    cursor = page.nextCursor;
  } while (cursor);
  return pins.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/** Pins created after `since` (an ISO time; null: every pin). */
export function pinsSince(pins: readonly Pin[], since: string | null): number {
  return since === null ? pins.length : pins.filter((p) => p.createdAt > since).length;
}

/**
 * The live catalog's images, one per distinct image (two pins of the same picture are one
 * identity, the first pin's title and category), downloaded into `dir`.
 */
export async function liveCatalog(base: string, pins: readonly Pin[], dir: string, log: (line: string) => void): Promise<LiveCatalog> {
  await mkdir(dir, { recursive: true });
  const images: CatalogImage[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  let downloaded = 0;
  for (const pin of pins) {
    if (seen.has(pin.imageUrl)) continue;
    seen.add(pin.imageUrl);
    const file = path.join(dir, imageFileName(pin.imageUrl));
    if (!existsSync(file)) {
      try {
        const bytes = await fetchBytes(new URL(pin.imageUrl, base));
        // The same checks as an upload: what training decodes is a real, bounded image.
        await validateImage(bytes);
        const partial = `${file}.part`;
        await writeFile(partial, bytes);
        await rename(partial, file);
        downloaded++;
      } catch (error) {
        skipped++;
        log(`skipped pin ${pin.id}: ${error instanceof Error ? error.message : String(error)}`);
        continue;
      }
    }
    images.push({ file, title: pin.title, category: pin.category ?? "" });
  }
  log(`live catalog ${base}: ${pins.length} pins, ${images.length} distinct images (${downloaded} downloaded now), ${skipped} skipped`);
  return { images, newest: pins.at(-1)?.createdAt ?? null, downloaded, skipped };
}

/** A file name that names the image's content: the server's image URLs hold its SHA-256. */
export function imageFileName(imageUrl: string): string {
  const sha = /[0-9a-f]{64}/i.exec(imageUrl)?.[0];
  if (!sha) throw new Error(`not a Glimpse image URL: ${imageUrl}`);
  return sha.toLowerCase();
}

async function fetchJson(url: URL, signal?: AbortSignal): Promise<unknown> {
  const response = await fetch(url, { signal, headers: { accept: "application/json" } });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return response.json();
}

async function fetchBytes(url: URL): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}
