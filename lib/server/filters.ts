// Which pins pass a search's filters. Applied to hydrated index hits, so the vector index
// itself stays filter-free.
import type { SearchFilters } from "@/lib/contracts";
import type { PinRecord } from "@/lib/contracts/records";

export function hasFilters(filters: SearchFilters): boolean {
  return (
    filters.kind !== undefined ||
    filters.category !== undefined ||
    filters.minPrice !== undefined ||
    filters.maxPrice !== undefined
  );
}

export function matchesFilters(record: PinRecord, filters: SearchFilters): boolean {
  if (filters.kind !== undefined && record.kind !== filters.kind) return false;
  if (filters.category !== undefined && record.category?.toLowerCase() !== filters.category.toLowerCase()) {
    return false;
  }
  if (filters.minPrice !== undefined && (record.price === null || record.price < filters.minPrice)) return false;
  if (filters.maxPrice !== undefined && (record.price === null || record.price > filters.maxPrice)) return false;
  return true;
}
