// Every API read and write the UI makes, as TanStack Query option factories: components
// pick one and never call fetch themselves, so keys and parsing live in one place.
import "client-only";
import { infiniteQueryOptions, mutationOptions, queryOptions, type QueryClient } from "@tanstack/react-query";
import {
  type Box,
  FEED_PAGE_SIZE,
  CreatePinResponse,
  FeedResponse,
  PinResponse,
  QueryImageResponse,
  QueryImageWordsResponse,
  SearchResponse,
  ShopResponse,
  SimilarResponse,
  type Pin,
  type PinKind,
} from "@/lib/contracts";
import { ApiError } from "./api-error";
import { boardKeys } from "./board-queries";
import { filterParams, type TextFilters } from "./search-filters";
import { fetchJson } from "./fetch-json";
import type { ProductSearchFilters } from "./shop-look";
import { uploadableImage } from "./upload-image";
import type { QueryImage } from "./query-image";

const SEARCH_K = 48;
const SIMILAR_K = 30;
const SHOP_K = 8;

export const queryKeys = {
  pins: ["pins"] as const,
  feed: () => [...queryKeys.pins, "feed"] as const,
  pin: (id: string) => [...queryKeys.pins, "detail", id] as const,
  similar: (id: string, k: number) => [...queryKeys.pins, "detail", id, "similar", k] as const,
  textSearch: (q: string, filters: TextFilters, k: number) => ["search", "text", q, filterParams(filters), k] as const,
  imageSearch: (imageId: string, words: string, box: Box | null, k: number) => ["search", "image", imageId, words, box, k] as const,
  pinShop: (id: string, k: number) => [...queryKeys.pins, "detail", id, "shop", k] as const,
  sceneShop: (imageId: string, k: number) => ["shop", "image", imageId, k] as const,
  regionSearch: (imageId: string, box: Box | undefined, k: number, filters: ProductSearchFilters | null) =>
    ["search", "region", imageId, box ?? null, k, filters] as const,
};

export function feedQuery() {
  return infiniteQueryOptions({
    queryKey: queryKeys.feed(),
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: String(FEED_PAGE_SIZE) });
      if (pageParam) params.set("cursor", pageParam);
      return fetchJson(`/api/pins?${params}`, FeedResponse, { signal });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });
}

/** How often the feed looks for pins added since it loaded. */
const NEWEST_PIN_POLL_MS = 15_000;

/** The newest pin's id, checked now and then, so the feed can offer pins added since it loaded. */
export function newestPinQuery() {
  return queryOptions({
    queryKey: [...queryKeys.pins, "newest"] as const,
    queryFn: ({ signal }) => fetchJson("/api/pins?limit=1", FeedResponse, { signal }),
    select: (page) => page.pins[0]?.id ?? null,
    refetchInterval: NEWEST_PIN_POLL_MS,
    staleTime: 0,
  });
}

export function pinQuery(id: string) {
  return queryOptions({
    queryKey: queryKeys.pin(id),
    queryFn: ({ signal }) => fetchJson(`/api/pins/${encodeURIComponent(id)}`, PinResponse, { signal }),
    select: (data) => data.pin,
  });
}

export function similarPinsQuery(id: string, k = SIMILAR_K) {
  return queryOptions({
    queryKey: queryKeys.similar(id, k),
    queryFn: ({ signal }) =>
      fetchJson(`/api/pins/${encodeURIComponent(id)}/similar?k=${k}`, SimilarResponse, { signal }),
  });
}

export function textSearchQuery(q: string, filters: TextFilters = {}, k = SEARCH_K) {
  return queryOptions({
    queryKey: queryKeys.textSearch(q, filters, k),
    queryFn: ({ signal }) =>
      fetchJson(`/api/search?${new URLSearchParams({ q, k: String(k), ...filterParams(filters) })}`, SearchResponse, { signal }),
    enabled: q.trim().length > 0,
  });
}

/** Search by a picture, refined by `words` when there are any (multisearch). */
/** An image search of `image` (or of `box` in it), refined by `words` when given. */
export function imageSearchQuery(image: QueryImage, words = "", box: Box | null = null, k = SEARCH_K) {
  return queryOptions({
    queryKey: queryKeys.imageSearch(image.id, words, box, k),
    queryFn: async ({ signal }) => {
      const body = new FormData();
      body.set("image", await uploadableImage(image.file), image.file.name || "query-image");
      body.set("k", String(k));
      if (words) body.set("q", words);
      if (box) body.set("box", JSON.stringify(box));
      return fetchJson("/api/search", SearchResponse, { method: "POST", body, signal });
    },
    // The same image searched twice gives the same answer; don't re-upload on focus.
    staleTime: Infinity,
  });
}

/** Gives the server a copy of the image searched with, for a URL that survives a reload. */
export function shareQueryImageQuery(image: QueryImage) {
  return queryOptions({
    queryKey: ["query-image", "share", image.id] as const,
    queryFn: async ({ signal }) => {
      const body = new FormData();
      body.set("image", await uploadableImage(image.file), image.file.name || "query-image");
      return fetchJson("/api/query-images", QueryImageResponse, { method: "POST", body, signal });
    },
    enabled: image.sharedId === undefined,
    staleTime: Infinity,
    retry: false,
  });
}

/** The words read in a kept query image, offered as chips that refine its search. */
export function queryImageWordsQuery(sharedId: string | undefined) {
  return queryOptions({
    queryKey: ["query-image", "words", sharedId ?? ""] as const,
    queryFn: ({ signal }) =>
      fetchJson(`/api/query-images/${encodeURIComponent(sharedId!)}/words`, QueryImageWordsResponse, { signal }),
    enabled: sharedId !== undefined,
    staleTime: Infinity,
  });
}

/** The image of a shared or reloaded image search, from the server's copy. */
export function sharedQueryImageQuery(sharedId: string) {
  return queryOptions({
    queryKey: ["query-image", "shared", sharedId] as const,
    queryFn: async () =>
      new File([await fetchImageBlob(`/api/query-images/${encodeURIComponent(sharedId)}`)], "shared-image.jpg", { type: "image/jpeg" }),
    staleTime: Infinity,
    retry: false,
  });
}

/** An image (or a region of it) to search on the server; `image` is read only when the query runs. */
export interface ImageRegion {
  /** Names the image: the same id and box give the same answer. */
  id: string;
  image: () => Promise<Blob>;
  box?: Box;
}

/** Server-side (teacher) search of a region: `POST /api/search` with the image and its box. */
export function regionSearchQuery(region: ImageRegion | null, k = SEARCH_K, filters: ProductSearchFilters | null = null) {
  return queryOptions({
    queryKey: queryKeys.regionSearch(region?.id ?? "", region?.box, k, filters),
    queryFn: async ({ signal }) => {
      const body = new FormData();
      body.set("image", await uploadableImage(await region!.image()), "region-source");
      if (region!.box) body.set("box", JSON.stringify(region!.box));
      body.set("k", String(k));
      for (const [name, value] of Object.entries(filters ?? {})) if (value !== undefined) body.set(name, String(value));
      return fetchJson("/api/search", SearchResponse, { method: "POST", body, signal });
    },
    enabled: region !== null,
    staleTime: Infinity,
  });
}

/** The bytes behind an image URL of this app (e.g. a pin's imageUrl), as a Blob to upload. */
export async function fetchImageBlob(url: string): Promise<Blob> {
  const response = await fetch(url);
  if (!response.ok) {
    throw new ApiError(response.status === 404 ? "not_found" : "internal", `Could not read the image (${response.status}).`, response.status);
  }
  return response.blob();
}

/** Shop the Look for a stored pin: its objects, each with matching products best first. */
export function pinShopQuery(id: string, k = SHOP_K) {
  return queryOptions({
    queryKey: queryKeys.pinShop(id, k),
    queryFn: ({ signal }) => fetchJson(`/api/pins/${encodeURIComponent(id)}/shop?k=${k}`, ShopResponse, { signal }),
    staleTime: 5 * 60_000,
  });
}

/** Shop the Look for the image being searched with; off until the person asks for it. */
export function sceneShopQuery(image: QueryImage, enabled: boolean, k = SHOP_K) {
  return queryOptions({
    queryKey: queryKeys.sceneShop(image.id, k),
    queryFn: async ({ signal }) => {
      const body = new FormData();
      body.set("image", await uploadableImage(image.file), image.file.name || "scene-image");
      body.set("k", String(k));
      return fetchJson("/api/shop", ShopResponse, { method: "POST", body, signal });
    },
    enabled,
    staleTime: Infinity,
  });
}

export interface NewPin {
  image: File;
  title?: string;
  description?: string;
  link?: string;
  price?: number;
  category?: string;
  kind: PinKind;
  /** A board of the signed-in user to save the new pin onto. */
  boardId?: string;
}

export function createPinMutation(queryClient: QueryClient) {
  return mutationOptions({
    mutationKey: ["pins", "create"],
    mutationFn: async (pin: NewPin): Promise<Pin> => {
      const body = new FormData();
      body.set("image", await uploadableImage(pin.image), pin.image.name || "pin-image");
      for (const field of ["title", "description", "link", "category", "boardId"] as const) {
        const value = pin[field];
        if (value) body.set(field, value);
      }
      if (pin.price !== undefined) body.set("price", String(pin.price));
      body.set("kind", pin.kind);
      const { pin: created } = await fetchJson("/api/pins", CreatePinResponse, { method: "POST", body });
      return created;
    },
    onSuccess: async (created, { boardId }) => {
      queryClient.setQueryData(queryKeys.pin(created.id), { pin: created });
      if (boardId) void queryClient.invalidateQueries({ queryKey: boardKeys.boards });
      // Reset rather than merely invalidate: the feed would otherwise show its old first page
      // and then jump when the new pin arrives at the top.
      await queryClient.resetQueries({ queryKey: queryKeys.feed() });
    },
  });
}
