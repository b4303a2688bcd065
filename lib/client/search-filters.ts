// The filters of a text search as the page's URL carries them (?kind=&minPrice=&maxPrice=), so a
// filtered search survives a reload and can be shared. A value the API would refuse is dropped
// rather than turned into an error page. Pure.
import { SearchFilters } from "@/lib/contracts";

export type TextFilters = Pick<SearchFilters, "kind" | "minPrice" | "maxPrice">;

const FIELDS = ["kind", "minPrice", "maxPrice"] as const;

export function filtersFromParams(params: Record<string, string | string[] | undefined>): TextFilters {
  const filters: TextFilters = {};
  for (const field of FIELDS) {
    const raw = params[field];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value === undefined || value.trim() === "") continue;
    const parsed = SearchFilters.shape[field].safeParse(value);
    if (parsed.success && parsed.data !== undefined) Object.assign(filters, { [field]: parsed.data });
  }
  if (filters.minPrice !== undefined && filters.maxPrice !== undefined && filters.minPrice > filters.maxPrice) delete filters.minPrice;
  return filters;
}

/** The filters as query-string fields, in a fixed order (they are part of the URL and the cache key). */
export function filterParams(filters: TextFilters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of FIELDS) if (filters[field] !== undefined) out[field] = String(filters[field]);
  return out;
}
