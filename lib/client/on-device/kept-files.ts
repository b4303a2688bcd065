// The on-device model's files kept in Cache Storage, so Lens starts with the network off. Model
// files live under versioned URLs and never change, so a kept copy is used as it is and a new
// model version downloads only the files it does not share with the old one; the description
// of the model (`GET /api/models/student`) is asked of the network first, and the kept copy
// answers only when the network cannot. Writes the browser refuses (its storage quota) leave
// the search working from the network, with the reason kept for the status line.
import type { z } from "zod";
import { ApiError } from "../api-error";
import { fetchJson } from "../fetch-json";
import { keepingProblem } from "./kept-catalog";

const CACHE = "glimpse-on-device-model";

/** Why a file was not kept, for the status line; null while everything was. */
let problem: string | null = null;

export function keptFilesProblem(): string | null {
  return problem;
}

function openCache(): Promise<Cache | null> {
  return typeof caches === "undefined" ? Promise.resolve(null) : caches.open(CACHE).catch(() => null);
}

async function keep(cache: Cache | null, url: string, response: Response): Promise<void> {
  try {
    await cache?.put(url, response);
  } catch (error) {
    problem = keepingProblem(error);
  }
}

/** An immutable file: the kept copy if there is one, else the network's, kept for next time. */
export async function immutableFile(url: string): Promise<Response> {
  const cache = await openCache();
  const kept = await cache?.match(url);
  if (kept) return kept;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  await keep(cache, url, response.clone());
  return response;
}

/** JSON from the network, kept; the kept copy when the network cannot be reached. */
export async function freshOrKeptJson<S extends z.ZodType>(url: string, schema: S): Promise<{ value: z.infer<S>; kept: boolean }> {
  const cache = await openCache();
  try {
    const value = await fetchJson(url, schema);
    await keep(cache, url, new Response(JSON.stringify(value), { headers: { "content-type": "application/json" } }));
    return { value, kept: false };
  } catch (error) {
    const kept = error instanceof ApiError && error.code === "network" ? await cache?.match(url) : undefined;
    if (!kept) throw error;
    return { value: schema.parse(await kept.json()), kept: true };
  }
}

/** Drops kept files that no longer belong to the model (an older version's). */
export async function keepOnly(urls: readonly string[]): Promise<void> {
  const cache = await openCache();
  if (!cache) return;
  const wanted = new Set(urls.map((u) => new URL(u, self.location.href).href));
  for (const request of await cache.keys()) if (!wanted.has(request.url)) await cache.delete(request);
}
